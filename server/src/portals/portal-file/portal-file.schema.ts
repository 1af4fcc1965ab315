import { z } from 'zod';
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

const ProfileName = nameOf(100);
const Profile = z.strictObject({ name: ProfileName, masterAdmin: z.boolean().default(false) });
const Admin = z.strictObject({
  username: Username,
  password: Password,
  displayName: Name,
  email: Email.optional(),
  profile: z.string().min(1).refine((n) => !hasRefusedNameCharacter(n), REFUSED_NAME_MESSAGE),
});
const Customer = z.strictObject({
  username: Username,
  password: Password,
  displayName: Name,
  email: Email.optional(),
  enrolledPhone: z.string().min(1).max(40).optional(),
});
const Company = z.strictObject({ name: Name, customers: z.array(Customer).default([]) });
const Portal = z.strictObject({
  // Lower-case ASCII only: a slug is its own identityKey and holds no invisible or bidi character.
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes (a URL path segment)'),
  name: Name,
  twoFactorEnabled: z.boolean().default(false),
  smsCountries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code like "US"'))
    .min(1)
    .optional(),
  profiles: z.array(Profile).default([]),
  admins: z.array(Admin).default([]),
  companies: z.array(Company).default([]),
});

export const PortalFileSchema = z.strictObject({ portals: z.array(Portal).min(1) });
export type PortalFile = z.infer<typeof PortalFileSchema>;
export type PortalSpec = PortalFile['portals'][number];
