import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/min';

export interface CountryOption {
  readonly code: CountryCode;
  readonly name: string;
  readonly callingCode: string;
}

const names = new Intl.DisplayNames(['en'], { type: 'region' });
const known = new Set<string>(getCountries());

export function isCountryCode(code: string): code is CountryCode {
  return known.has(code);
}

/**
 * The countries offered for a phone number: the portal's list in its own order (its first country is
 * the one a number without "+" is read in), or every country by name when the portal allows all.
 */
export function countryOptions(allowed: readonly string[] | null): CountryOption[] {
  const codes = allowed ? allowed.map((c) => c.trim().toUpperCase()).filter(isCountryCode) : [...getCountries()];
  const options = codes.map((code) => ({ code, name: names.of(code) ?? code, callingCode: getCountryCallingCode(code) }));
  return allowed ? options : options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The browser's own region when it is one of the options, else the first option. */
export function defaultCountry(options: readonly CountryOption[], languages: readonly string[] = navigatorLanguages()): CountryCode {
  for (const tag of languages) {
    const region = tag.split('-')[1]?.toUpperCase();
    const match = options.find((o) => o.code === region);
    if (match) return match.code;
  }
  return options.find((o) => o.code === 'US')?.code ?? options[0]?.code ?? 'US';
}

function navigatorLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
}
