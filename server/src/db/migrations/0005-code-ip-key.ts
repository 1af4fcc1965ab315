import { nullableColumnMigration } from './ddl';

/**
 * The IP key whose per-IP SMS budget paid for a challenge's current code. When that code signs someone
 * in (or confirms a phone), the hit goes back to that key: the per-IP limit counts codes nobody used.
 */
export const codeIpKeyMigration = nullableColumnMigration('login_challenges', 'code_ip_key', 'str(64)');
