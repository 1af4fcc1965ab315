import { nullableColumnMigration } from './ddl';

/**
 * portals.legacy_password_cost: the highest bcrypt cost a portal file imported into the portal (null:
 * none). In such a portal a wrong password is made to cost one bcrypt run at that cost too, whatever
 * the account, so bcrypt accounts cannot be told apart by time (docs/SECURITY.md, Accounts and enumeration).
 */
export const legacyPasswordCostMigration = nullableColumnMigration('portals', 'legacy_password_cost', 'int');
