import { z } from 'zod';
import { checkImportedHash } from '../../auth/passwords';
import {
  hasRefusedIdentifierCharacter,
  hasRefusedNameCharacter,
  identityKey,
  REFUSED_IDENTIFIER_MESSAGE,
  REFUSED_NAME_MESSAGE,
} from '../../lib/identity-key';

/** The portal file (README "The portal file"), as zod parses it. Checks that need the whole file live in portal-file.ts. */

/** Names are shown to people and printed by the CLI: no controls or bidi characters (docs/SECURITY.md). */
// Checked before trimming: trim() also takes a BOM, NEL or U+2028 off the ends, and the file is refused, not mended.
const nameOf = (max: number) => z.string().refine((n) => !hasRefusedNameCharacter(n), REFUSED_NAME_MESSAGE).trim().min(1).max(max);
const Name = nameOf(200);
/** The limits are the columns' (accounts.username_key and accounts.email): a file must not pass here and fail in SQL. */
const USERNAME_MAX = 191;
const EMAIL_MAX = 254;
const Username = z
  .string()
  .refine((u) => !hasRefusedIdentifierCharacter(u), REFUSED_IDENTIFIER_MESSAGE)
  .trim()
  .min(1)
  .max(USERNAME_MAX)
  .refine((u) => identityKey(u).length <= USERNAME_MAX, `must be at most ${USERNAME_MAX} characters once normalised (NFKC)`);
const Email = z.email().max(EMAIL_MAX);
const Password = z
  .string()
  .min(1)
  .refine((p) => Buffer.byteLength(p, 'utf8') <= 1024, 'must be at most 1024 bytes');

/** An imported hash, used as it is (README "Bulk import"): argon2id with the server's parameters or stronger, or bcrypt. */
const PasswordHash = z.string().superRefine((h, ctx) => {
  const checked = checkImportedHash(h);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.reason });
});

/** An account carries `password` (hashed by the loader) or `passwordHash`, exactly one. */
const secretFields = { password: Password.optional(), passwordHash: PasswordHash.optional() };
function oneSecret(a: { password?: string; passwordHash?: string }, ctx: z.RefinementCtx): void {
  if (a.password === undefined && a.passwordHash === undefined) {
    ctx.addIssue({ code: 'custom', path: ['password'], message: 'required: password or passwordHash' });
  } else if (a.password !== undefined && a.passwordHash !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['passwordHash'], message: 'give password or passwordHash, not both' });
  }
}

const ProfileName = nameOf(100);
const Profile = z.strictObject({ name: ProfileName, masterAdmin: z.boolean().default(false) });
const Admin = z
  .strictObject({
    username: Username,
    ...secretFields,
    displayName: Name,
    email: Email.optional(),
    profile: z.string().min(1).refine((n) => !hasRefusedNameCharacter(n), REFUSED_NAME_MESSAGE),
  })
  .superRefine(oneSecret);
const customerFields = {
  username: Username,
  ...secretFields,
  displayName: Name,
  email: Email.optional(),
  enrolledPhone: z.string().min(1).max(40).optional(),
};
const Customer = z.strictObject(customerFields).superRefine(oneSecret);
const Company = z.strictObject({ name: Name, customers: z.array(Customer).default([]) });
const portalFields = {
  // Lower-case ASCII only: a slug is its own identityKey and holds no invisible or bidi character.
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes (a URL path segment)'),
  name: Name,
  twoFactorEnabled: z.boolean().default(false),
  // Days customers may postpone enrolling once the policy is on (portals/enrollment-grace.ts); 0: forced at once.
  enrollmentGraceDays: z.number().int().min(0).max(30).default(0),
  smsCountries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code like "US"'))
    .min(1)
    .optional(),
  profiles: z.array(Profile).default([]),
  admins: z.array(Admin).default([]),
};
const Portal = z.strictObject({ ...portalFields, companies: z.array(Company).default([]) });

/**
 * The JSON Lines portal file (README "Bulk import"): line 1 is the portal without its customers, and
 * its companies by name only; each later line is one customer naming its company.
 */
export const PortalHeaderSchema = z.strictObject({ ...portalFields, companies: z.array(Name).default([]) });
export const CustomerLineSchema = z.strictObject({ ...customerFields, company: Name }).superRefine(oneSecret);
export type PortalHeader = z.infer<typeof PortalHeaderSchema>;
export type CustomerLine = z.infer<typeof CustomerLineSchema>;
export type CustomerSpec = z.infer<typeof Customer>;
export type AdminSpec = z.infer<typeof Admin>;

export const PortalFileSchema = z.strictObject({ portals: z.array(Portal).min(1) });
export type PortalFile = z.infer<typeof PortalFileSchema>;
export type PortalSpec = PortalFile['portals'][number];
