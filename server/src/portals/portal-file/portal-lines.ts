import { createReadStream } from 'node:fs';
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
  let overlong = false;
  let number = 0;
  const line = (text: string): Line => {
    number += 1;
    if (overlong) return { number, text: null };
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    return { number, text: number === 1 && t.startsWith('\ufeff') ? t.slice(1) : t };
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const l = line(carry + chunk.slice(start, nl));
      carry = '';
      overlong = false;
      yield l;
      start = nl + 1;
    }
    if (!overlong) {
      carry += chunk.slice(start);
      if (carry.length > MAX_LINE_CHARS) [carry, overlong] = ['', true];
    }
  }
  if (carry.length > 0 || overlong) yield line(carry);
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
  for await (const line of customerLines(lines)) {
    customers += 1;
    if (progress && customers % 100_000 === 0) progress(customers);
    // Without a portal the company and phone cannot be checked; the shape and the usernames still are.
    const checked = portal ? portal.customer(line, problems) : customerShape(line, problems);
    if (!checked) continue;
    const customer = 'usable' in checked ? checked.customer : checked;
    claims.claim(customer.username, line.number);
    legacyPasswordCost = highestBcryptCost(legacyPasswordCost, customer.passwordHash);
  }
  if (!portal || !problems.empty) return { ok: false, problems: problems.all() };
  for (const a of portal.header.admins) legacyPasswordCost = highestBcryptCost(legacyPasswordCost, a.passwordHash);
  return { ok: true, header: portal.header, customers, legacyPasswordCost };
}
