import { identityKey } from '../../lib/identity-key';
import { checkPhoneNumber } from '../../lib/phone-number';
import { printable, quoted } from '../../lib/printable';
import { type PortalFile, PortalFileSchema } from './portal-file.schema';

export interface FileProblem {
  /** Where in the file, e.g. `portals[0].companies[1].customers[2].enrolledPhone`. */
  readonly path: string;
  readonly message: string;
}

export type Checked = { ok: true; file: PortalFile } | { ok: false; problems: FileProblem[] };

function pathOf(parts: ReadonlyArray<PropertyKey>): string {
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
    const usernames = new Map<string, string>();
    const claim = (username: string, path: string): void => {
      const key = identityKey(username);
      const first = usernames.get(key);
      if (first) problems.push({ path, message: `username ${quoted(username)} is already used at ${first} (usernames are unique within a portal)` });
      else usernames.set(key, path);
    };
    portal.admins.forEach((a, i) => {
      claim(a.username, `${at}.admins[${i}].username`);
      if (!profiles.has(a.profile)) {
        problems.push({ path: `${at}.admins[${i}].profile`, message: `unknown profile ${quoted(a.profile)} (not in ${at}.profiles)` });
      }
    });
    portal.companies.forEach((c, ci) =>
      c.customers.forEach((cu, i) => {
        const cat = `${at}.companies[${ci}].customers[${i}]`;
        claim(cu.username, `${cat}.username`);
        if (cu.enrolledPhone !== undefined) {
          const phone = checkPhoneNumber(cu.enrolledPhone, portal.smsCountries ?? null);
          if (!phone.ok) {
            problems.push({ path: `${cat}.enrolledPhone`, message: `not an allowed mobile number (${phone.reason.replace(/_/g, ' ')})` });
          }
        }
      }),
    );
  });
  return problems.length ? { ok: false, problems } : { ok: true, file };
}
