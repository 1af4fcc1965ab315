import { GraphQLError } from 'graphql';

/**
 * Keyset paging shared by the list reads: opaque cursors, "contains" search patterns, and pages cut
 * from `size + 1` rows. A cursor the caller made up is their mistake: BAD_USER_INPUT.
 */
export function badCursor(): GraphQLError {
  return new GraphQLError('after is not a cursor from this list', { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Cursors are opaque to clients: base64url of the sort key of the last row. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, parts: number): string[] | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === parts && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // fall through to the error below
  }
  throw badCursor();
}

/**
 * `LIKE` pattern for "anywhere in the text", with the user's % and _ taken literally. The escape
 * character is `!`, not a backslash, because MySQL and SQLite read a backslash in a literal differently.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";
export function containsPattern(search: string): string {
  return `%${search.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Turns `size + 1` fetched rows into a page: the extra row only says there is a next page. */
export function toPage<R, T>(rows: R[], size: number, keyOf: (r: R) => string[], map: (r: R) => T): Page<T> {
  const hasNextPage = rows.length > size;
  const kept = rows.slice(0, size);
  const edges = kept.map((r) => ({ cursor: encodeCursor(keyOf(r)), node: map(r) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}
