import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/**
 * docs/SECURITY.md (SMS pumping and toll fraud): only numbers that can receive an SMS at
 * an ordinary price get one. Premium, toll-free, fixed-line, VoIP, pager, shared-cost, personal and
 * UAN numbers are refused before any provider is called; so are numbers with no country (the +881
 * satellite and other non-geographic ranges), which no allow-list can name.
 */

export type PhoneCheck =
  | { ok: true; e164: string; country: string }
  | { ok: false; reason: 'unparseable' | 'not_mobile' | 'country_not_allowed' };

/** Far above any real number with its spaces, low enough that the parser never sees an essay. */
const MAX_INPUT_CHARS = 40;
/** What people type in a phone field: digits (any script), an optional leading +, spaces, ( ) . - */
const PHONE_INPUT_PATTERN = /^\+?[\p{Nd}\s().-]+$/u;
const SMS_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE']);
const MASK = '•';
const VISIBLE_DIGITS = 4;

/**
 * `allowedCountries`: the portal's ISO 3166 alpha-2 list, null for all countries. A number without
 * `+` is read in the list's first country; with no list it must have one. An empty list allows none.
 */
export function checkPhoneNumber(input: string, allowedCountries: readonly string[] | null): PhoneCheck {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_INPUT_CHARS || !PHONE_INPUT_PATTERN.test(text)) {
    return { ok: false, reason: 'unparseable' };
  }
  const allowed = allowedCountries?.map((c) => c.trim().toUpperCase()) ?? null;
  const first = allowed?.[0];
  const defaultCountry = first && isSupportedCountry(first) ? (first as CountryCode) : undefined;
  if (!text.startsWith('+') && !defaultCountry) return { ok: false, reason: 'unparseable' };
  // extract: false so that the whole input must be the number, not merely contain one.
  const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  // An extension cannot receive an SMS; taking the number without it would text someone else's desk.
  if (!parsed || !parsed.isValid() || parsed.ext) return { ok: false, reason: 'unparseable' };
  const type = parsed.getType();
  if (!type || !SMS_TYPES.has(type)) return { ok: false, reason: 'not_mobile' };
  const country = parsed.country;
  if (!country || (allowed && !allowed.includes(country))) return { ok: false, reason: 'country_not_allowed' };
  return { ok: true, e164: parsed.number, country };
}

/**
 * The country of an E.164 number, as a metric may name it: its ISO 3166 region ("US"), else its country
 * calling code ("+881"), else "unknown". Never any other digit of the number.
 */
export function countryOfNumber(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164, { extract: false });
  if (!parsed) return 'unknown';
  return parsed.country ?? `+${parsed.countryCallingCode}`;
}

/**
 * "+1 •••-•••-2671": the calling code and the last four digits, in the number's international
 * grouping with dashes. Anything unparseable keeps only its last four digits.
 */
export function maskPhoneNumber(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164, { extract: false });
  if (!parsed) return maskDigits(e164.replace(/\D/g, ''));
  const callingCode = `+${parsed.countryCallingCode}`;
  const national = parsed.formatInternational().slice(callingCode.length).trim().replace(/\s+/g, '-');
  return `${callingCode} ${maskDigits(national)}`;
}

/** Every digit but the last four becomes a bullet; separators stay. */
function maskDigits(text: string): string {
  let visible = VISIBLE_DIGITS;
  const chars = [...text];
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    if (!/\d/.test(chars[i] ?? '')) continue;
    if (visible > 0) visible -= 1;
    else chars[i] = MASK;
  }
  return chars.join('');
}
