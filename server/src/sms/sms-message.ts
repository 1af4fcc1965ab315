/**
 * What a code SMS says. One GSM-7 segment (160 characters) when it can be: a single character
 * outside GSM-7 (an emoji, a curly quote) turns the whole message into UCS-2 with 70 characters a
 * segment, which costs more and splits it. So the portal's name is cut down to GSM-7 here.
 */

const SEGMENT_CHARS = 160;
const NAME_MAX_CHARS = 40;
const ELLIPSIS = '...';
const CODE_PATTERN = /^\d{6}$/;

/**
 * GSM 03.38 basic set without its control characters (LF, CR, ESC). Each counts as one character;
 * the extension set ([ ] { } ~ ^ \ | €) costs two and is left out of names.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_SET = new Set(GSM7_BASIC);
/** Letters that Unicode does not decompose into a GSM-7 base letter. */
const FOLDS: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Œ: 'OE', œ: 'oe', Þ: 'Th', þ: 'th', ð: 'd' };

export interface CodeMessageInput {
  readonly portalName: string;
  /** Six digits. */
  readonly code: string;
  readonly publicUrl: string;
  readonly purpose: 'enroll' | 'login';
}

export function codeMessageText(input: CodeMessageInput): string {
  if (!CODE_PATTERN.test(input.code)) throw new Error('codeMessageText: the code must be six digits');
  const compose = (name: string): string => composeText(name, input);
  let name = truncate(gsm7Name(input.portalName), NAME_MAX_CHARS);
  const overflow = compose(name).length - SEGMENT_CHARS;
  // The host cannot be shortened (autofill matches it), so a long host takes room from the name.
  if (overflow > 0) name = truncate(name, name.length - overflow);
  return compose(name);
}

function composeText(name: string, input: CodeMessageInput): string {
  const yourName = name ? `your ${name}` : 'your';
  const first =
    input.purpose === 'enroll'
      ? `${input.code} is ${yourName} code to confirm this phone. Do not share it.`
      : `${input.code} is ${yourName} sign-in code. Do not share it.`;
  return `${first}\n\n${autofillLine(input.publicUrl, input.code)}`;
}

/**
 * The origin-bound one-time code line (WICG sms-one-time-codes): `@host #code`, last. The spec's
 * origin is ("https", host) with no port, and Chrome's parser takes only [A-Za-z0-9.-] as the host,
 * so the port of PUBLIC_URL is left out (URL.hostname, not URL.host).
 */
function autofillLine(publicUrl: string, code: string): string {
  return `@${new URL(publicUrl).hostname} #${code}`;
}

/** Keeps GSM-7 characters, folds accented letters GSM-7 lacks to their base letter, drops the rest. */
function gsm7Name(name: string): string {
  let out = '';
  for (const char of name.normalize('NFC')) {
    if (GSM7_SET.has(char)) out += char;
    else if (/\s/u.test(char)) out += ' ';
    else if (FOLDS[char]) out += FOLDS[char];
    else {
      const base = char.normalize('NFD').charAt(0);
      if (base !== char && GSM7_SET.has(base)) out += base;
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= ELLIPSIS.length) return '';
  const cut = text.slice(0, maxChars - ELLIPSIS.length);
  // At a word boundary when one is not too far back: "Long Named..." reads better than "Long Nam...".
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}${ELLIPSIS}`;
}
