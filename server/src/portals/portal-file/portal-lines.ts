import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ZodError } from 'zod';
import { identityKey } from '../../lib/identity-key';
import { printable, quoted } from '../../lib/printable';
import { checkStaff, enrolledPhoneProblem, type FileProblem, pathOf, UsernameClaims } from './portal-file';
import { type CustomerLine, CustomerLineSchema, type PortalHeader, PortalHeaderSchema } from './portal-file.schema';
import { highestBcryptCost } from './customer-batch';

/**
 * The JSON Lines portal file (README "Bulk import"): line 1 the portal, each later line one customer.
 * Read as a stream, a line at a time; what is held across lines is the header and one key per username.
 */

/** One line of the file; `text` is null when the line was longer than MAX_LINE_CHARS (it is not kept). */
export interface Line {
  readonly number: number;
  readonly text: string | null;
  /** Where the line starts, in bytes from the start of the file. */
  readonly offset: number;
}

/** Longest line read: a customer is a few hundred characters, a header with many admins and companies more. */
export const MAX_LINE_CHARS = 1 << 20;
/** Problems listed at most; the rest are counted ("and N more"). */
export const MAX_PROBLEMS = 100;

/**
 * The file's lines, numbered from 1, without their line ends ("\n" or "\r\n") and without a leading
 * byte order mark. Reading waits while the consumer works (async iteration of the stream), so memory
 * holds one chunk and one line whatever the file's size.
 */
export async function* readLines(path: string): AsyncGenerator<Line> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let carry = '';
  let carryBytes = 0;
  let overlong = false;
  let number = 0;
  let offset = 0;
  const line = (text: string): Line => {
    number += 1;
    const at = offset;
    offset += carryBytes + Buffer.byteLength(text) + 1;
    if (overlong || text.length > MAX_LINE_CHARS) return { number, text: null, offset: at };
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    return { number, text: number === 1 && t.startsWith('\ufeff') ? t.slice(1) : t, offset: at };
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const l = line(overlong ? chunk.slice(start, nl) : carry + chunk.slice(start, nl));
      [carry, carryBytes, overlong] = ['', 0, false];
      yield l;
      start = nl + 1;
    }
    if (overlong) carryBytes += Buffer.byteLength(chunk.slice(start));
    else {
      carry += chunk.slice(start);
      if (carry.length > MAX_LINE_CHARS) [carry, carryBytes, overlong] = ['', Buffer.byteLength(carry), true];
    }
  }
  if (carry.length > 0 || overlong) yield line(carry);
}

/** The text of the line that starts at `offset` (a Line's), read again from the file. */
export async function readLineAt(path: string, offset: number): Promise<string> {
  const file = await open(path, 'r');
  try {
    const parts: Buffer[] = [];
    for (let at = offset, read = 0; read < MAX_LINE_CHARS * 4; ) {
      const buf = Buffer.alloc(1 << 14);
      const { bytesRead } = await file.read(buf, 0, buf.length, at);
      const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
      parts.push(buf.subarray(0, nl === -1 ? bytesRead : nl));
      if (nl !== -1 || bytesRead === 0) break;
      at += bytesRead;
      read += bytesRead;
    }
    return Buffer.concat(parts).toString('utf8').replace(/\r$/, '');
  } finally {
    await file.close();
  }
}

/**
 * The customers' usernames of a JSON Lines file, held compactly: per username a 64-bit hash of its
 * identity key, its line number and the line's byte offset (20 bytes a slot, two slots per name at
 * most), not the name itself. 1,000,000 usernames take about 40 MB instead of about 110 MB as strings
 * in a Map (docs/PERFORMANCE.md "Bulk import"). A hash seen before is only a candidate: its line is
 * read again from the file and its key compared, so a collision never refuses a good file.
 */
export class UsernameIndex {
  private hi = new Uint32Array(1 << 10);
  private lo = new Uint32Array(1 << 10);
  private lines = new Uint32Array(1 << 10);
  private offsets = new Float64Array(1 << 10);
  private size = 0;

  /** Earlier lines whose key has the same hash (almost always none, or the one true duplicate). */
  candidates(key: string): Array<{ line: number; offset: number }> {
    const [h, l] = hash64(key);
    const found: Array<{ line: number; offset: number }> = [];
    const mask = this.lines.length - 1;
    for (let i = l & mask; this.lines[i] !== 0; i = (i + 1) & mask) {
      if (this.hi[i] === h && this.lo[i] === l) found.push({ line: this.lines[i], offset: this.offsets[i] });
    }
    return found;
  }

  add(key: string, line: number, offset: number): void {
    if ((this.size + 1) * 2 > this.lines.length) this.grow();
    const [h, l] = hash64(key);
    this.put(h, l, line, offset);
    this.size += 1;
  }

  private put(h: number, l: number, line: number, offset: number): void {
    const mask = this.lines.length - 1;
    let i = l & mask;
    while (this.lines[i] !== 0) i = (i + 1) & mask;
    [this.hi[i], this.lo[i], this.lines[i], this.offsets[i]] = [h, l, line, offset];
  }

  private grow(): void {
    const [hi, lo, lines, offsets] = [this.hi, this.lo, this.lines, this.offsets];
    const n = lines.length * 2;
    [this.hi, this.lo, this.lines, this.offsets] = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n), new Float64Array(n)];
    for (let i = 0; i < lines.length; i += 1) if (lines[i] !== 0) this.put(hi[i], lo[i], lines[i], offsets[i]);
  }
}

/** Two 32-bit FNV-1a hashes of the UTF-16 code units, with different offsets: fast, and only a filter. */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, b >>> 0];
}

/** Collects problems: the first MAX_PROBLEMS in file order, and a count of the rest. */
export class ProblemList {
  readonly listed: FileProblem[] = [];
  private more = 0;

  push(p: FileProblem): void {
    if (this.listed.length < MAX_PROBLEMS) this.listed.push(p);
    else this.more += 1;
  }

  get empty(): boolean {
    return this.listed.length === 0;
  }

  all(): FileProblem[] {
    return this.more ? [...this.listed, { path: '…', message: `and ${this.more} more problem(s)` }] : this.listed;
  }
}

function zodProblems(error: ZodError, at: string, problems: ProblemList): void {
  // zod quotes some input in its messages (an unknown key's name): escape it like every quoted value.
  for (const i of error.issues) problems.push({ path: printable(i.path.length ? `${at}.${pathOf(i.path)}` : at), message: printable(i.message) });
}

function parseJson(line: Line, problems: ProblemList): unknown {
  if (line.text === null) {
    problems.push({ path: `line ${line.number}`, message: `longer than ${MAX_LINE_CHARS} characters` });
    return undefined;
  }
  try {
    return JSON.parse(line.text);
  } catch (err) {
    problems.push({ path: `line ${line.number}`, message: printable(`not JSON (${(err as Error).message})`) });
    return undefined;
  }
}

const blank = (line: Line) => line.text !== null && line.text.trim() === '';

/** The portal the header line describes, and what the customer lines are checked against. */
export class PortalLines {
  /** identityKey(company name) → its index in header.companies. */
  readonly companies = new Map<string, number>();

  private constructor(readonly header: PortalHeader) {}

  /** Line 1: the portal, its staff and its companies. */
  static fromHeader(line: Line, problems: ProblemList, claims: UsernameClaims): PortalLines | null {
    const raw = parseJson(line, problems);
    if (raw === undefined) return null;
    const at = `line ${line.number}`;
    const parsed = PortalHeaderSchema.safeParse(raw);
    if (!parsed.success) {
      zodProblems(parsed.error, at, problems);
      return null;
    }
    const lines = new PortalLines(parsed.data);
    checkStaff(parsed.data, at, claims, problems);
    parsed.data.companies.forEach((name, i) => {
      const key = identityKey(name);
      if (lines.companies.has(key)) problems.push({ path: `${at}.companies[${i}]`, message: `duplicate company ${quoted(name)}` });
      else lines.companies.set(key, i);
    });
    return lines;
  }

  /**
   * One customer line, checked on its own (shape, company, phone), its problems pushed. Null when its
   * shape is wrong; `usable` is false when its company or phone is.
   */
  customer(line: Line, problems: ProblemList): { customer: CustomerLine; company: number; usable: boolean } | null {
    const customer = customerShape(line, problems);
    if (!customer) return null;
    const at = `line ${line.number}`;
    const company = this.companies.get(identityKey(customer.company));
    if (company === undefined) {
      problems.push({ path: `${at}.company`, message: `unknown company ${quoted(customer.company)} (not in line 1's companies)` });
    }
    const phone = enrolledPhoneProblem(customer.enrolledPhone, this.header.smsCountries, `${at}.enrolledPhone`);
    if (phone) problems.push(phone);
    return { customer, company: company ?? -1, usable: company !== undefined && !phone };
  }
}

/** A customer line's JSON and shape; null after pushing its problems. */
function customerShape(line: Line, problems: ProblemList): CustomerLine | null {
  const raw = parseJson(line, problems);
  if (raw === undefined) return null;
  const parsed = CustomerLineSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  zodProblems(parsed.error, `line ${line.number}`, problems);
  return null;
}

/** The lines after the header, blank ones skipped. */
export async function* customerLines(lines: AsyncIterator<Line>): AsyncGenerator<Line> {
  for (let next = await lines.next(); !next.done; next = await lines.next()) if (!blank(next.value)) yield next.value;
}

/** The header line: the first line that is not blank. */
export async function headerLine(lines: AsyncIterator<Line>): Promise<Line | null> {
  for (let next = await lines.next(); !next.done; next = await lines.next()) if (!blank(next.value)) return next.value;
  return null;
}

export type LinesChecked =
  | { ok: true; header: PortalHeader; customers: number; legacyPasswordCost: number | null }
  | { ok: false; problems: FileProblem[] };

/**
 * The first pass over a JSON Lines file: every line checked, nothing written. Usernames are held as
 * identity keys with their line number (about 100 bytes each: 1,000,000 customers fit the loader's
 * memory, docs/PERFORMANCE.md "Bulk import"); the rest of each line is dropped once checked.
 */
export async function checkPortalLines(path: string, progress?: (customers: number) => void): Promise<LinesChecked> {
  const problems = new ProblemList();
  const claims = new UsernameClaims(problems);
  const lines = readLines(path);
  const first = await headerLine(lines);
  if (first === null) return { ok: false, problems: [{ path: 'line 1', message: 'the file is empty: line 1 must be the portal' }] };
  const portal = PortalLines.fromHeader(first, problems, claims);
  let customers = 0;
  let legacyPasswordCost: number | null = null;
  const index = new UsernameIndex();
  for await (const line of customerLines(lines)) {
    customers += 1;
    if (progress && customers % 100_000 === 0) progress(customers);
    // Without a portal the company and phone cannot be checked; the shape and the usernames still are.
    const checked = portal ? portal.customer(line, problems) : customerShape(line, problems);
    if (!checked) continue;
    const customer = 'usable' in checked ? checked.customer : checked;
    await claimCustomer(path, customer.username, line, claims, index, problems);
    legacyPasswordCost = highestBcryptCost(legacyPasswordCost, customer.passwordHash);
  }
  if (!portal || !problems.empty) return { ok: false, problems: problems.all() };
  for (const a of portal.header.admins) legacyPasswordCost = highestBcryptCost(legacyPasswordCost, a.passwordHash);
  return { ok: true, header: portal.header, customers, legacyPasswordCost };
}

/** A customer's username: not an admin's (line 1), not an earlier customer's (the index, confirmed from the file). */
async function claimCustomer(path: string, username: string, line: Line, admins: UsernameClaims, index: UsernameIndex, problems: ProblemList): Promise<void> {
  if (admins.knows(username)) return admins.claim(username, line.number);
  const key = identityKey(username);
  for (const earlier of index.candidates(key)) {
    const text = await readLineAt(path, earlier.offset);
    const before = (JSON.parse(text) as { username: string }).username;
    if (identityKey(before) === key) {
      problems.push({
        path: `line ${line.number}.username`,
        message: `username ${quoted(username)} is already used at line ${earlier.line} (usernames are unique within a portal)`,
      });
      return;
    }
  }
  index.add(key, line.number, line.offset);
}
