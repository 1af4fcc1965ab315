import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nextClientAddress } from './graphql-bodies';
import type { RawSql } from './raw-sql';
import type { PreparedChallenge } from './sign-in-load';

/**
 * The floor verifyOtp is compared with: the least a correct verify can do, in one transaction of
 * plain SQL on the same database: count the attempt, consume the challenge if the code is its code,
 * insert the session. It is served over HTTP by this process so that the same load tool, with the same
 * connection count, measures it and the server alike. No GraphQL, no ORM, no events, no limits.
 */

const MAX_ATTEMPTS = 5;
const CHALLENGE_TTL_MS = 600_000;
const INSERT_BATCH = 200;

export interface SqlFloor {
  readonly url: string;
  close(): Promise<void>;
}

/** The floor keys the tables with its own HMAC, as the server keys them with SECRET_KEY. */
function keyed(key: Buffer, ...parts: string[]): string {
  const mac = createHmac('sha256', key);
  for (const p of parts) mac.update(p).update('\u0000');
  return mac.digest('hex');
}

/** Writes `count` live challenges for seeded customers straight into login_challenges. */
export async function prepareFloorChallenges(sql: RawSql, count: number): Promise<{ key: Buffer; prepared: PreparedChallenge[] }> {
  const key = randomBytes(32);
  const customers = await sql.query<{ id: string; portal_id: string; phone_e164: string }>(
    "SELECT id, portal_id, phone_e164 FROM accounts WHERE kind = 'customer' ORDER BY username_key",
  );
  if (customers.length === 0) throw new Error('no customers to write floor challenges for');
  const now = Date.now();
  const prepared: PreparedChallenge[] = [];
  const rows: unknown[][] = [];
  for (let i = 0; i < count; i += 1) {
    const c = customers[i % customers.length] as (typeof customers)[number];
    const token = randomBytes(32).toString('base64url');
    const code = String(i % 1_000_000).padStart(6, '0');
    const tokenHash = keyed(key, 'challenge', token);
    rows.push([randomUUID(), tokenHash, c.portal_id, c.id, 'VERIFY_CODE', 1, keyed(key, 'code', tokenHash, code), c.phone_e164,
      now + CHALLENGE_TTL_MS, now + CHALLENGE_TTL_MS, 0, 1, now, now, now]);
    prepared.push({ token, code, address: nextClientAddress() });
  }
  const columns =
    'id, token_hash, portal_id, account_id, step, policy_generation, code_hash, phone_e164, code_expires_at, expires_at, attempts, sends, last_sent_at, resend_available_at, created_at';
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    const placeholders = batch.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ');
    await sql.query(`INSERT INTO login_challenges (${columns}) VALUES ${placeholders}`, batch.flat());
  }
  return { key, prepared };
}

/** The floor's HTTP server: takes a verifyOtp body, answers like an Authenticated verifyOtp with a cookie. */
export async function startSqlFloor(sql: RawSql, key: Buffer): Promise<SqlFloor> {
  const server = createServer((req, res) => {
    void readJson(req)
      .then((body) => {
        const input = (body as { variables?: { input?: { challengeToken?: string; code?: string } } }).variables?.input;
        if (!input?.challengeToken || !input.code) throw new Error('no challengeToken and code');
        return verifyAtFloor(sql, key, input.challengeToken, input.code);
      })
      .then(
        (session) => {
          const answer = session ? { __typename: 'Authenticated' } : { __typename: 'Problem', code: 'CHALLENGE_INVALID' };
          res.writeHead(200, {
            'content-type': 'application/json',
            ...(session ? { 'set-cookie': `session=${session}; Path=/; HttpOnly; SameSite=Lax` } : {}),
          });
          res.end(JSON.stringify({ data: { verifyOtp: answer } }));
        },
        (err: Error) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: err.message }] }));
        },
      );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One transaction: the attempt, the consumption, the session. Returns the session token, or null. */
async function verifyAtFloor(sql: RawSql, key: Buffer, token: string, code: string): Promise<string | null> {
  const tokenHash = keyed(key, 'challenge', token);
  const codeHash = keyed(key, 'code', tokenHash, code);
  const session = randomBytes(32).toString('base64url');
  const now = Date.now();
  // The client sends the token, not the row id: the rows are found by token_hash (a unique index).
  return sql.transaction(async (exec) => {
    const counted = await exec(
      'UPDATE login_challenges SET attempts = attempts + 1 WHERE token_hash = ? AND attempts < ? AND consumed_at IS NULL AND expires_at > ?',
      [tokenHash, MAX_ATTEMPTS, now],
    );
    if (counted !== 1) return null;
    const consumed = await exec(
      'UPDATE login_challenges SET consumed_at = ? WHERE token_hash = ? AND consumed_at IS NULL AND code_hash = ?',
      [now, tokenHash, codeHash],
    );
    if (consumed !== 1) return null;
    await exec(
      `INSERT INTO sessions (token_hash, portal_id, account_id, account_kind, two_factor_generation, created_at, last_seen_at)
       SELECT ?, portal_id, account_id, 'customer', policy_generation, ?, ? FROM login_challenges WHERE token_hash = ?`,
      [keyed(key, 'session', session), now, now, tokenHash],
    );
    return session;
  });
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(err as Error);
      }
    });
    req.on('error', reject);
  });
}
