/**
 * Text from a file or a request, made safe to print on a terminal. A raw ESC (U+001B) starts a terminal
 * command (colours, cursor moves, window titles, even clipboard writes on some terminals), and bidi
 * controls such as U+202E reorder what follows them, so a printed line could say something other than
 * what it holds. Every such character is written as a `\uXXXX` escape instead, JSON-style, so it shows
 * up as text.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

function escapeOne(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** The text with every control, format (invisible) and bidi character escaped; the rest is unchanged. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeOne);
}

/** A quoted input value for a message: `"alice\u200b"`. Backslashes and quotes are escaped as in JSON. */
export function quoted(text: string): string {
  return `"${printable(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}
