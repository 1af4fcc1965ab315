/**
 * One identity, one key. A username or a portal slug is compared, stored in its unique column and
 * rate-limited in exactly one form: the one `identityKey` gives. The key columns compare in binary
 * (migration 0004), so the database never finds a row under a spelling this function keeps apart
 * (MySQL's utf8mb4_unicode_ci ignores accents and zero-width characters), and every spelling that
 * does reach a row reaches it through the same key, hence the same wrong-password budget.
 *
 * The form: Unicode NFKC (fullwidth "ｍａｌｌｏｒｙ" is "mallory"), surrounding white space trimmed, lower
 * case. This is the form accounts.username_key always held, so existing keys stay valid. Lower-casing
 * is not full case folding ("ß" and "ss" stay two names; folding would also merge Turkish dotless "ı"
 * with "i"). Accents are kept: "mállory" is another name than "mallory", as NFKC keeps them.
 */
export function identityKey(typed: string): string {
  return typed.normalize('NFKC').trim().toLowerCase();
}

/**
 * Characters a username or slug must not contain: control (Cc), format (Cf: zero-width space and
 * joiners, BOM, soft hyphen, and every bidi control such as U+202E and U+2066–2069), surrogates (Cs),
 * private use (Co), line and paragraph separators, and the rest of Unicode's default-ignorable code
 * points (variation selectors, Hangul fillers). They are invisible or reorder text, so two names
 * that look the same could otherwise be two accounts, and a printed name could rewrite a terminal.
 */
const REFUSED_IN_IDENTIFIERS = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

export function hasRefusedIdentifierCharacter(text: string): boolean {
  return REFUSED_IN_IDENTIFIERS.test(text) || REFUSED_IN_IDENTIFIERS.test(text.normalize('NFKC'));
}

/**
 * Characters a display name (of a person, company, portal or profile) must not contain: controls,
 * which a terminal or log viewer may execute (ESC starts a colour or cursor command), line and
 * paragraph separators, lone surrogates, and the bidi controls that reorder what follows them.
 * Zero-width joiners stay allowed in names: Persian, Indic scripts and emoji need them.
 */
const REFUSED_IN_NAMES = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export function hasRefusedNameCharacter(text: string): boolean {
  return REFUSED_IN_NAMES.test(text);
}

/** The words the portal loader uses for the two refusals above. */
export const REFUSED_IDENTIFIER_MESSAGE =
  'must not contain control, invisible (zero-width, format) or text-direction (bidi) characters';
export const REFUSED_NAME_MESSAGE = 'must not contain control or text-direction (bidi) characters';
