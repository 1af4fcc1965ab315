import { createHash } from 'node:crypto';
import { REQUEST_LIMITS } from '../../src/graphql/limits';
import { ENROLL, LOGIN, VERIFY } from '../support/fixtures';
import { clientFrom, startTestApp, type TestApp } from '../support/harness';

/**
 * Garbage is the caller's mistake, not ours (docs/SECURITY.md "GraphQL and HTTP"): each bad request
 * gets a 4xx (or a GraphQL error with a public code) and a short reason that repeats nothing the
 * caller sent, and none of them writes an error-level log line: those are kept for real faults.
 */

const SECRET_PASSWORD = 'Tr0ub4dor&3-this-is-the-password';
const SECRET_TOKEN = 'chl_this-looks-like-a-challenge-token-0123456789';

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe('bad requests', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** Error-level (50) and fatal (60) lines the server logged while `fn` ran. */
  async function errorLogsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; errorLines: string[] }> {
    const before = app.logs.length;
    const result = await fn();
    const errorLines = app.logs.slice(before).filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    return { result, errorLines };
  }

  async function post(body: unknown): Promise<{ status: number; text: string; body: Body }> {
    const res = await clientFrom(app).raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as Body };
  }

  describe('an input over its field limits', () => {
    const cases: Array<[string, string, Record<string, unknown>, RegExp]> = [
      ['login (username too long)', LOGIN, { input: { portal: 'acme', username: 'u'.repeat(300), password: SECRET_PASSWORD } }, /username must be shorter than or equal to \d+ characters/],
      ['login (password too long)', LOGIN, { input: { portal: 'acme', username: 'bob', password: `${SECRET_PASSWORD}${'x'.repeat(4100)}` } }, /password must be shorter than or equal to \d+ characters/],
      ['verifyOtp (code too long)', VERIFY, { input: { challengeToken: SECRET_TOKEN, code: '1'.repeat(300) } }, /code must be shorter than or equal to \d+ characters/],
      ['enrollPhone (phone too long)', ENROLL, { input: { challengeToken: SECRET_TOKEN, phoneNumber: '+1'.repeat(200) } }, /phoneNumber must be shorter than or equal to \d+ characters/],
    ];

    it.each(cases)('%s: BAD_USER_INPUT naming the field and the rule, echoing no value', async (_name, query, variables, why) => {
      const { result, errorLines } = await errorLogsDuring(() => post({ query, variables }));
      expect(result.body.errors).toHaveLength(1);
      const [e] = result.body.errors ?? [];
      expect(e.extensions?.code).toBe('BAD_USER_INPUT');
      expect(e.message).toMatch(why);
      // Nothing of the input comes back: no password, no token, no `target` or `value` report.
      expect(result.text).not.toContain(SECRET_PASSWORD);
      expect(result.text).not.toContain(SECRET_TOKEN);
      expect(result.text).not.toMatch(/uuuuuuuuuu|1111111111|\+1\+1\+1/);
      expect(result.text).not.toMatch(/"target"|"value"|validationErrors/);
      expect(errorLines).toEqual([]);
    });
  });

  it('a persisted-query hash that does not match its query: 400 BAD_REQUEST, no error log', async () => {
    const query = '{ viewer { id } }';
    const { result, errorLines } = await errorLogsDuring(() =>
      post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ other }').digest('hex') } } }),
    );
    expect(result.status).toBe(400);
    expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
    expect(result.body.errors?.[0].message).toMatch(/does not match/);
    expect(errorLines).toEqual([]);
  });

  it('an unknown persisted-query version: 400 BAD_REQUEST, no error log', async () => {
    const { result, errorLines } = await errorLogsDuring(() =>
      post({ query: '{ viewer { id } }', extensions: { persistedQuery: { version: 9, sha256Hash: 'abc' } } }),
    );
    expect(result.status).toBe(400);
    expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
    expect(errorLines).toEqual([]);
  });

  it(`a document over ${REQUEST_LIMITS.maxTokens} tokens: 400 when parsing, no error log`, async () => {
    const { result, errorLines } = await errorLogsDuring(() => post({ query: `{ viewer { ${'id '.repeat(REQUEST_LIMITS.maxTokens)} } }` }));
    expect(result.status).toBe(400);
    expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(result.body.errors?.[0].message).toMatch(new RegExp(`${REQUEST_LIMITS.maxTokens} tokens`));
    expect(errorLines).toEqual([]);
  });

  it('control: a real fault still reaches the error log', async () => {
    // A resolver that fails for a reason of ours (the database gone) is masked for the caller and logged.
    const ds = app.running.ds;
    const query = ds.query.bind(ds);
    const managerQuery = ds.manager.query.bind(ds.manager);
    const fail = async () => {
      throw new Error('simulated outage');
    };
    (ds as { query: unknown }).query = fail;
    (ds.manager as { query: unknown }).query = fail;
    try {
      const { result, errorLines } = await errorLogsDuring(() => post({ query: LOGIN, variables: { input: { portal: 'acme', username: 'bob', password: 'x' } } }));
      expect(result.body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(errorLines.length).toBeGreaterThan(0);
    } finally {
      (ds as { query: unknown }).query = query;
      (ds.manager as { query: unknown }).query = managerQuery;
    }
  });
});
