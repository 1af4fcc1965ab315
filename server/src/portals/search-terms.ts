import type { EntityManager } from 'typeorm';

/**
 * The customer search's terms (docs/PERFORMANCE.md, Admin reads at a million customers). `search`
 * matches the start of the username, of any word of the display name, or of the email or its domain
 * ("bo", "buy", "bob@", "globex" all find Bob Buyer, bob@globex.test). Each of those starts is a row
 * of `customer_search_terms` (portal_id, term, account_id), lower-cased, so a search is an index range
 * `term >= prefix AND term < next(prefix)` on both engines: no LIKE, no scan, and % or _ in a search
 * are plain characters. The column compares in binary on MySQL (migration 0006), as SQLite's does.
 *
 * This module is the one writer of that table: whoever creates customers (the portal-file seed, a
 * bulk import) calls `writeSearchTerms` in the same transaction, with a batch of any size.
 */

/** The terms column's length (VARCHAR(255)): longer terms, and searches, are cut to it. */
export const TERM_LENGTH = 255;

export interface SearchableCustomer {
  readonly id: string;
  readonly portalId: string;
  readonly username: string;
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

/** Rows per INSERT: 3 placeholders a row stays well under both engines' limits. */
const ROWS_PER_INSERT = 1000;

/** Writes the terms of `customers` in multi-row INSERTs, in the caller's transaction. */
export async function writeSearchTerms(m: EntityManager, customers: readonly SearchableCustomer[]): Promise<void> {
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch.length / 3;
    await m.query(`INSERT INTO customer_search_terms (portal_id, term, account_id) VALUES ${Array(rows).fill('(?, ?, ?)').join(', ')}`, batch);
    batch = [];
  };
  for (const c of customers) {
    for (const term of searchTermsOf(c)) {
      batch.push(c.portalId, term, c.id);
      if (batch.length >= ROWS_PER_INSERT * 3) await flush();
    }
  }
  await flush();
}
