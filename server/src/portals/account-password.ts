import type { EntityManager } from 'typeorm';

/**
 * The one write of accounts.password_hash after import: a hash that is not the server's own (a bcrypt
 * hash from an older system, other argon2id parameters) is replaced at the first right password. The
 * UPDATE is conditional on the old hash, so two first sign-ins at once replace it once and a password
 * changed in the meantime is never overwritten.
 */
export async function upgradePasswordHash(m: EntityManager, accountId: string, oldHash: string, newHash: string): Promise<void> {
  await m.query('UPDATE accounts SET password_hash = ? WHERE id = ? AND password_hash = ?', [newHash, accountId, oldHash]);
}
