import type { EntityManager } from 'typeorm';

/**
 * The customer search's terms (docs/PERFORMANCE.md, Admin reads at a million customers). `search`
 * matches the start of the username, of any word of the display name, or of the email or its domain
 * ("bo", "buy", "bob@", "globex" all find Bob Buyer, bob@globex.test). Each of those starts is a term,
 * lower-cased, so a search is an index range `term >= prefix AND term < next(prefix)` on both engines:
 * no LIKE, no scan, and % or _ in a search are plain characters. The column compares in binary on
 * MySQL (migration 0006), as SQLite's does.
 *
 * What is stored (`customer_search_terms`, migration 0010): (portal_id, rooted, term, username_key,
 * account_id). A customer matches a search when one of its terms starts with it, so three kinds of
 * term need no row of the prefix's range, and the search's plans (customer-list.ts) find them another way:
 * - the username itself is the account's `username_key` (identityKey and searchKey are the same
 *   form for a username): the customers whose username starts with the search are one range of the
 *   list's own index, in list order;
 * - a term that is a prefix of another of the same customer's terms or of the username ("customer"
 *   beside "customer0000123") matches only searches the longer one matches too: not stored;
 * - a term that starts with the username ("bob@globex.test" of bob) is stored with rooted = 1: it
 *   matches a search the username matches, or one that the username is a proper prefix of, which
 *   is a lookup of at most one account per character of the search.
 * Every other term is stored with rooted = 0, and those are the rows a prefix's range reads. The
 * username_key in each row lets that range be read, and each customer's terms probed, in list order.
 *
 * This module is the one writer of that table: whoever creates customers (the portal-file seed, a
 * bulk import) calls `writeSearchTerms` in the same transaction, with a batch of any size. Usernames
 * and names are never changed in place; a change would have to rewrite the account's rows here.
 */

/** The terms column's length (VARCHAR(255)): longer terms, and searches, are cut to it. */
export const TERM_LENGTH = 255;

export interface SearchableCustomer {
  readonly id: string;
  readonly portalId: string;
  readonly username: string;
  /** accounts.username_key: identityKey(username), the list's order. */
  readonly usernameKey: string;
  readonly displayName: string;
  readonly email: string | null;
}

/** The one text form of terms and searches: NFKC, lower case, cut to the column's length. */
export function searchKey(text: string): string {
  return Array.from(text.normalize('NFKC').trim().toLowerCase()).slice(0, TERM_LENGTH).join('');
}

/**
 * The lower-cased terms a customer is found by: the username; the display name whole (so "bob buy"
 * finds "Bob Buyer") and each of its words, and the parts of a word joined by - . ' or _; the whole
 * email; its domain and each parent domain of two labels or more ("mail.globex.test", "globex.test").
 * A search for the start of the domain's first label ("globex") is a prefix of the domain term.
 */
export function searchTermsOf(c: Pick<SearchableCustomer, 'username' | 'displayName' | 'email'>): string[] {
  const terms = new Set<string>();
  const add = (t: string) => {
    const k = searchKey(t);
    if (k) terms.add(k);
  };
  add(c.username);
  add(c.displayName);
  for (const word of c.displayName.split(/\s+/)) {
    add(word);
    for (const part of word.split(/[-.'’_]+/)) add(part);
  }
  if (c.email) {
    add(c.email);
    const at = c.email.lastIndexOf('@');
    if (at >= 0) {
      const labels = c.email.slice(at + 1).split('.');
      for (let i = 0; i <= labels.length - 2; i++) add(labels.slice(i).join('.'));
      if (labels.length === 1) add(labels[0]);
    }
  }
  return [...terms];
}

/**
 * The index range of a search: every term that starts with `from` is >= from and < to. `to` is `from`
 * with its last character's code point plus one (binary order is code point order on both engines);
 * null when there is no such bound (the search ends in U+10FFFF only). Null for an empty search.
 */
export function prefixRange(search: string): { from: string; to: string | null } | null {
  const from = searchKey(search);
  if (!from) return null;
  const chars = Array.from(from);
  while (chars.length) {
    const last = chars.pop() as string;
    let cp = (last.codePointAt(0) as number) + 1;
    if (cp === 0xd800) cp = 0xe000; // surrogates are not characters
    if (cp <= 0x10ffff) return { from, to: chars.join('') + String.fromCodePoint(cp) };
  }
  return { from, to: null };
}

/** A stored term: rooted when it starts with the customer's username key (see the top of this file). */
export interface StoredTerm {
  readonly term: string;
  readonly rooted: boolean;
}

/**
 * The rows `writeSearchTerms` stores for a customer: its terms, less the username and every term that
 * is a prefix of another term or of the username, each marked rooted or not. Matching is unchanged:
 * a search that starts one of the dropped terms starts a kept term or the username as well.
 */
export function storedTermsOf(c: Pick<SearchableCustomer, 'username' | 'usernameKey' | 'displayName' | 'email'>): StoredTerm[] {
  const root = c.usernameKey;
  // The list's range stands for the username term only if the two are the same string.
  if (searchKey(c.username) !== root) throw new Error(`username_key ${JSON.stringify(root)} is not the search key of its username`);
  // Sorted, a term that is a prefix of another is a prefix of the one right after it.
  const terms = searchTermsOf(c).sort();
  const kept: StoredTerm[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    if (root.startsWith(t)) continue;
    if (i + 1 < terms.length && terms[i + 1].startsWith(t)) continue;
    kept.push({ term: t, rooted: t.startsWith(root) });
  }
  return kept;
}

/** Rows per INSERT: 4 placeholders a row stays well under both engines' limits. */
const ROWS_PER_INSERT = 1000;

/** Writes the terms of `customers` in multi-row INSERTs, in the caller's transaction. */
export async function writeSearchTerms(m: EntityManager, customers: readonly SearchableCustomer[]): Promise<void> {
  let params: string[] = [];
  let values: string[] = [];
  const flush = async () => {
    if (!values.length) return;
    await m.query(`INSERT INTO customer_search_terms (portal_id, rooted, term, username_key, account_id) VALUES ${values.join(', ')}`, params);
    params = [];
    values = [];
  };
  for (const c of customers) {
    for (const t of storedTermsOf(c)) {
      params.push(c.portalId, t.term, c.usernameKey, c.id);
      values.push(t.rooted ? '(?, 1, ?, ?, ?)' : '(?, 0, ?, ?, ?)');
      if (values.length >= ROWS_PER_INSERT) await flush();
    }
  }
  await flush();
}
