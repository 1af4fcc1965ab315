import { z } from 'zod';
import { usernameKey } from '../portals/account.entity';

/** The portal file of CONTRACT §3, as zod parses it. Checks that need the whole file live in portal-file.ts. */
const Name = z.string().trim().min(1).max(200);
/** The limits are the columns' (accounts.username_key and accounts.email): a file must not pass here and fail in SQL. */
const USERNAME_MAX = 191;
const EMAIL_MAX = 254;
const Username = z
  .string()
  .trim()
  .min(1)
  .max(USERNAME_MAX)
  .refine((u) => usernameKey(u).length <= USERNAME_MAX, `must be at most ${USERNAME_MAX} characters once normalised (NFKC)`);
const Email = z.email().max(EMAIL_MAX);
const Password = z
  .string()
  .min(1)
  .refine((p) => Buffer.byteLength(p, 'utf8') <= 1024, 'must be at most 1024 bytes');

const Profile = z.strictObject({ name: z.string().trim().min(1).max(100), masterAdmin: z.boolean().default(false) });
const Admin = z.strictObject({
  username: Username,
  password: Password,
  displayName: Name,
  email: Email.optional(),
  profile: z.string().min(1),
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
