import { identityKey } from '../../lib/identity-key';
import { checkPhoneNumber } from '../../lib/phone-number';
import { printable, quoted } from '../../lib/printable';
import { type PortalFile, PortalFileSchema, type PortalSpec } from './portal-file.schema';

export interface FileProblem {
  /** Where in the file, e.g. `portals[0].companies[1].customers[2].enrolledPhone`. */
  readonly path: string;
  readonly message: string;
}

/** Where problems go: an array, or a list that keeps the first hundred (portal-lines.ts). */
export interface ProblemSink {
  push(problem: FileProblem): unknown;
}

export type Checked = { ok: true; file: PortalFile } | { ok: false; problems: FileProblem[] };

export function pathOf(parts: ReadonlyArray<PropertyKey>): string {
  return parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/**
 * Checks a whole portal file before anything is written: shape, then the rules across entries
 * (unknown profile, duplicate username or slug, a phone that is not an allowed mobile number).
 * Every problem is reported with its path, not just the first.
 */
export function checkPortalFile(raw: unknown): Checked {
  const parsed = PortalFileSchema.safeParse(raw);
  if (!parsed.success) {
    // zod quotes some input in its messages (an unknown key's name): escape it like every quoted value.
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: printable(pathOf(i.path)), message: printable(i.message) })) };
  }
  const file = parsed.data;
  const problems: FileProblem[] = [];
  const slugs = new Set<string>();
  file.portals.forEach((portal, pi) => {
    const at = `portals[${pi}]`;
    const slug = identityKey(portal.slug);
    if (slugs.has(slug)) problems.push({ path: `${at}.slug`, message: `duplicate portal slug ${quoted(portal.slug)}` });
    slugs.add(slug);
    const claims = new UsernameClaims(problems);
    checkStaff(portal, at, claims, problems);
    portal.companies.forEach((c, ci) =>
      c.customers.forEach((cu, i) => {
        const cat = `${at}.companies[${ci}].customers[${i}]`;
        claims.claim(cu.username, `${cat}.username`);
        const phone = enrolledPhoneProblem(cu.enrolledPhone, portal.smsCountries, `${cat}.enrolledPhone`);
        if (phone) problems.push(phone);
      }),
    );
  });
  return problems.length ? { ok: false, problems } : { ok: true, file };
}

/**
 * Usernames are unique within a portal under one identity key. Each name is held with where it was
 * first seen: a path, or for a JSON Lines file just its line number (lighter for a million lines).
 */
export class UsernameClaims {
  private readonly first = new Map<string, string | number>();
  constructor(private readonly problems: ProblemSink) {}

  knows(username: string): boolean {
    return this.first.has(identityKey(username));
  }

  claim(username: string, at: string | number): void {
    const key = identityKey(username);
    const first = this.first.get(key);
    const path = typeof at === 'number' ? `line ${at}.username` : at;
    if (first !== undefined) {
      const where = typeof first === 'number' ? `line ${first}` : first;
      this.problems.push({ path, message: `username ${quoted(username)} is already used at ${where} (usernames are unique within a portal)` });
    } else this.first.set(key, at);
  }
}

/** Profiles (unique per portal) and admins (their usernames claimed, their profile known). */
export function checkStaff(
  portal: Pick<PortalSpec, 'profiles' | 'admins'>,
  at: string,
  claims: UsernameClaims,
  problems: ProblemSink,
): void {
  // Profile names are unique per portal under the identity key, as the database's binary unique index
  // could not tell "Master Admin" from "master admin" (a person can't either).
  const profiles = new Set<string>();
  const profileKeys = new Set<string>();
  portal.profiles.forEach((p, i) => {
    const key = identityKey(p.name);
    if (profileKeys.has(key)) problems.push({ path: `${at}.profiles[${i}].name`, message: `duplicate profile ${quoted(p.name)}` });
    profileKeys.add(key);
    profiles.add(p.name);
  });
  portal.admins.forEach((a, i) => {
    claims.claim(a.username, `${at}.admins[${i}].username`);
    if (!profiles.has(a.profile)) {
      problems.push({ path: `${at}.admins[${i}].profile`, message: `unknown profile ${quoted(a.profile)} (not in ${at}.profiles)` });
    }
  });
}

/** An imported enrollment must be a mobile number the portal allows. */
export function enrolledPhoneProblem(phone: string | undefined, smsCountries: readonly string[] | undefined, path: string): FileProblem | null {
  if (phone === undefined) return null;
  const checked = checkPhoneNumber(phone, smsCountries ?? null);
  return checked.ok ? null : { path, message: `not an allowed mobile number (${checked.reason.replace(/_/g, ' ')})` };
}
