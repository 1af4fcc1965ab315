import { REQUEST_LIMITS } from '../../src/graphql/limits';
import { LOGIN, PASSWORD } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, login, startTestApp, type TestApp } from '../support/harness';

/**
 * The GraphQL endpoint as an attacker sees it (docs/SECURITY.md "GraphQL and HTTP"): CSRF prevention,
 * no mutations over GET, no batching, no schema hints in production, no stack traces, size, depth,
 * alias and page limits, and X-Forwarded-For only behind a configured proxy.
 */

const FLIP_POLICY = 'mutation { setTwoFactorPolicy(input: { enabled: true }) { enabled } }';
const EVENTS = `query($types: [TwoFactorEventType!]) { twoFactorEvents(first: 100, types: $types) {
  edges { node { type ip adminUsername } } } }`;

type GqlBody = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

async function bodyOf(res: Response): Promise<GqlBody> {
  return JSON.parse(await res.text());
}

describe('HTTP and GraphQL hardening', () => {
  let app: TestApp;
  let alice: GqlClient;
  beforeAll(async () => {
    app = await startTestApp();
    alice = clientFrom(app);
    await login(alice, 'alice');
  });
  afterAll(() => app.close());

  const policyEnabled = async (): Promise<boolean> => (await alice.gql('{ twoFactorPolicy { enabled } }')).body.data.twoFactorPolicy.enabled;

  describe('cross-site requests', () => {
    it('refuses a text/plain POST, a form POST and a multipart POST of a mutation, even with a valid session cookie', async () => {
      const json = JSON.stringify({ query: FLIP_POLICY });
      const attempts: Array<[string, string]> = [
        ['text/plain', json],
        ['text/plain;charset=UTF-8', json],
        ['application/x-www-form-urlencoded', new URLSearchParams({ query: FLIP_POLICY }).toString()],
        ['multipart/form-data; boundary=xyz', `--xyz\r\nContent-Disposition: form-data; name="query"\r\n\r\n${FLIP_POLICY}\r\n--xyz--\r\n`],
      ];
      for (const [type, body] of attempts) {
        const res = await alice.raw({ method: 'POST', headers: { 'content-type': type }, body });
        expect(res.status).toBe(400);
        const b = await bodyOf(res);
        expect(b.data).toBeUndefined();
        expect(b.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
      }
      expect(await policyEnabled()).toBe(false);
    });

    it('refuses a mutation over GET (even with the preflight header) and a GET query without it', async () => {
      const mutation = await alice.raw({
        method: 'GET',
        path: `/graphql?query=${encodeURIComponent(FLIP_POLICY)}`,
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(mutation.status).toBe(405);
      expect((await bodyOf(mutation)).data).toBeUndefined();
      expect(await policyEnabled()).toBe(false);

      const simpleGet = await alice.raw({ method: 'GET', path: `/graphql?query=${encodeURIComponent('{ viewer { username } }')}` });
      expect(simpleGet.status).toBe(400);

      // Control: a query over GET with the preflight header is served.
      const query = await alice.raw({
        method: 'GET',
        path: `/graphql?query=${encodeURIComponent('{ viewer { username } }')}`,
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(query.status).toBe(200);
      expect((await bodyOf(query)).data).toEqual({ viewer: { username: 'alice' } });
    });

    it('answers a cross-origin request with no CORS grant unless the origin is configured', async () => {
      const res = await alice.raw({
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ query: '{ viewer { username } }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const preflight = await alice.raw({
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('refuses an HTTP batch (a JSON array) before running any of it', async () => {
    const c = clientFrom(app);
    for (const batch of [
      [
        { query: LOGIN, variables: { input: { portal: 'acme', username: 'bob', password: PASSWORD } } },
        { query: LOGIN, variables: { input: { portal: 'acme', username: 'dan', password: PASSWORD } } },
      ],
      [{ query: LOGIN, variables: { input: { portal: 'acme', username: 'bob', password: PASSWORD } } }],
    ]) {
      const res = await c.raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      expect(res.status).toBe(400);
      expect(res.headers.getSetCookie()).toEqual([]);
      const b = await bodyOf(res);
      expect(Array.isArray(b)).toBe(false);
      expect(b.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
  });

  describe('in production, the schema stays private', () => {
    it('refuses introspection, signed out and signed in as an admin', async () => {
      for (const c of [app.client(), alice]) {
        for (const q of ['{ __schema { types { name } } }', '{ __type(name: "Query") { fields { name } } }', '{ viewer { __type(name: "Mutation") { name } } }']) {
          const r = await c.gql(q);
          expect(r.body.data ?? null).toBeNull();
          expect(r.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        }
      }
    });

    it('gives no "Did you mean" hint for a misspelled field, argument, type, enum value or input field', async () => {
      const wrongs: Array<[string, Record<string, unknown>?]> = [
        ['{ viewr { id } }'],
        ['{ viewer { usernam } }'],
        ['{ customers(serch: "bob") { edges { cursor } } }'],
        ['{ customers(twoFactorStatus: ENROLED) { edges { cursor } } }'],
        ['mutation { login(inpt: { portal: "a", username: "b", password: "c" }) { __typename } }'],
        ['mutation { login(input: { portal: "a", usernme: "b", password: "c" }) { __typename } }'],
        ['mutation { login(input: { portal: "a", username: "b", password: "c" }) { ... on Authenticatd { viewer { id } } } }'],
        ['mutation($i: LoginInput!) { login(input: $i) { __typename } }', { i: { portal: 'a', usernme: 'b', password: 'c' } }],
        ['query($s: TwoFactorStatus) { customers(twoFactorStatus: $s) { edges { cursor } } }', { s: 'ENROLED' }],
        ['query($s: TwoFactorStatu) { customers(twoFactorStatus: $s) { edges { cursor } } }'],
      ];
      for (const [q, variables] of wrongs) {
        for (const c of [app.client(), alice]) {
          const r = await c.gql(q, variables);
          expect(r.body.errors?.length).toBeGreaterThan(0);
          for (const e of r.body.errors ?? []) expect(e.message).not.toMatch(/did you mean/i);
        }
      }
    });

    it('puts no stack trace in any error, expected or not', async () => {
      const bodies = [
        await alice.gql('{ viewer { id '), // syntax error
        await alice.gql('{ nope }'), // validation error
        await app.client().gql('{ customers { edges { cursor } } }'), // UNAUTHENTICATED
        await alice.gql('{ customers(first: 101) { edges { cursor } } }'), // BAD_USER_INPUT
        await alice.gql('{ customers(after: "not-a-cursor") { edges { cursor } } }'), // BAD_USER_INPUT thrown in a service
        await alice.gql('query($f: Int) { customers(first: $f) { edges { cursor } } }', { f: 'many' }), // variable coercion
        await alice.gql('mutation { resetTwoFactor(input: { customerId: "x" }) { id } }'), // NOT_FOUND
      ];
      for (const r of bodies) {
        expect(r.body.errors?.length).toBeGreaterThan(0);
        for (const e of r.body.errors ?? []) expect(e.extensions ?? {}).not.toHaveProperty('stacktrace');
        const text = JSON.stringify(r.body);
        expect(text).not.toMatch(/\bat \S+ \(|\.(ts|js):\d+|node_modules|stacktrace/);
      }
    });
  });

  describe('request size and shape', () => {
    it('answers 413 to a body over the cap, and serves one under it', async () => {
      const post = (padding: number) =>
        alice.raw({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ viewer { username } }', variables: { padding: 'x'.repeat(padding) } }),
        });
      const over = await post(app.config.bodyLimitBytes + 1);
      expect(over.status).toBe(413);
      expect(await over.text()).not.toMatch(/stack|node_modules/);
      const under = await post(app.config.bodyLimitBytes - 1000);
      expect(under.status).toBe(200);
      expect((await bodyOf(under)).data).toEqual({ viewer: { username: 'alice' } });
    });

    it('refuses first over 100 (and under 1) with BAD_USER_INPUT on every list, and serves 100', async () => {
      const lists = [
        (n: number) => `{ customers(first: ${n}) { edges { cursor } } }`,
        (n: number) => `{ companies(first: ${n}) { edges { cursor } } }`,
        (n: number) => `{ twoFactorEvents(first: ${n}) { edges { cursor } } }`,
        (n: number) => `{ companies(first: 1) { edges { node { customers(first: ${n}) { edges { cursor } } } } } }`,
      ];
      for (const list of lists) {
        // However far over: the cost limit prices `first` at most 100, so the page check answers.
        for (const bad of [101, 1000, 100_000, 2_147_483_647, 0, -1]) {
          const r = await alice.gql(list(bad));
          expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
          expect(r.body.errors?.[0]?.message).toMatch(/first must be between 1 and 100/);
          expect(r.body.data ?? null).toBeNull();
        }
        const ok = await alice.gql(list(100));
        expect(ok.body.errors).toBeUndefined();
      }
    });

    it(`refuses a query nested deeper than ${REQUEST_LIMITS.maxDepth} before running it`, async () => {
      const nest = (levels: number) => {
        let selection = 'id';
        for (let i = 0; i < levels; i += 1) selection = `customers(first: 1) { edges { node { company { ${selection} } } } }`;
        return `{ companies(first: 1) { edges { node { ${selection} } } } }`;
      };
      const shallow = await alice.gql(nest(1));
      expect(shallow.body.errors).toBeUndefined();
      const deep = await alice.gql(nest(3));
      expect(deep.body.data ?? null).toBeNull();
      expect(deep.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(deep.body.errors?.map((e) => e.message).join(' ')).toMatch(/depth/i);
      // The limit holds for a caller who is not signed in too: it is checked before any resolver.
      const anonymous = await app.client().gql(nest(3));
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it(`refuses more than ${REQUEST_LIMITS.maxAliases} aliases, ${REQUEST_LIMITS.maxDirectives} directives or ${REQUEST_LIMITS.maxTokens} tokens`, async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { username }`).join(' ')} }`;
      expect((await alice.gql(aliases(REQUEST_LIMITS.maxAliases))).body.errors).toBeUndefined();
      const tooMany = await alice.gql(aliases(REQUEST_LIMITS.maxAliases + 1));
      expect(tooMany.body.data ?? null).toBeNull();
      expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      const directives = `{ viewer { username ${'@include(if: true) '.repeat(REQUEST_LIMITS.maxDirectives + 1)} } }`;
      expect((await alice.gql(directives)).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      // The token limit is the parser's: a longer document is not even parsed.
      const tokens = `{ viewer { ${'username '.repeat(REQUEST_LIMITS.maxTokens)} } }`;
      const overTokens = await alice.gql(tokens);
      expect(overTokens.status).toBe(400);
      expect(overTokens.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    });
  });

  it('answers /healthz with 200 while the database answers', async () => {
    const res = await app.client().raw({ method: 'GET', path: '/healthz' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  describe('client IP', () => {
    it('with TRUST_PROXY=1, takes the address the proxy appended, not one the client wrote before it', async () => {
      const c = app.client({ 'x-forwarded-for': '6.6.6.6, 198.51.100.61' });
      await login(c, 'alice');
      await c.gql(FLIP_POLICY);
      await c.gql('mutation { setTwoFactorPolicy(input: { enabled: false }) { enabled } }');
      const events = (await alice.gql(EVENTS, { types: ['POLICY_ENABLED', 'POLICY_DISABLED'] })).body.data.twoFactorEvents.edges;
      expect(events.map((e: any) => e.node.ip)).toEqual(['198.51.100.61', '198.51.100.61']);
    });

    it('never keeps a forwarded value that is not an IP address; the socket address stands in', async () => {
      const c = app.client({ 'x-forwarded-for': `not-an-ip-${'x'.repeat(80)}` });
      expect((await login(c, 'alice')).__typename).toBe('Authenticated');
      const r = await c.gql(FLIP_POLICY);
      expect(r.body.errors).toBeUndefined();
      await c.gql('mutation { setTwoFactorPolicy(input: { enabled: false }) { enabled } }');
      const ips = (await alice.gql(EVENTS, { types: ['POLICY_ENABLED'] })).body.data.twoFactorEvents.edges.map((e: any) => e.node.ip);
      expect(ips.at(-1)).toBe('127.0.0.1');
    });

    describe('without TRUST_PROXY', () => {
      let direct: TestApp;
      beforeAll(async () => {
        direct = await startTestApp({ env: { TRUST_PROXY: '', RATE_PASSWORD_PER_IP: '3', CORS_ORIGINS: 'https://partner.example' } });
      });
      afterAll(() => direct.close());

      it('ignores X-Forwarded-For: events record the socket address', async () => {
        const c = direct.client({ 'x-forwarded-for': '198.51.100.62' });
        await login(c, 'alice');
        expect((await c.gql(FLIP_POLICY)).body.data.setTwoFactorPolicy.enabled).toBe(true);
        const events = (await c.gql(EVENTS, { types: ['POLICY_ENABLED'] })).body.data.twoFactorEvents.edges;
        expect(events).toEqual([{ node: { type: 'POLICY_ENABLED', ip: '127.0.0.1', adminUsername: 'alice' } }]);
      });

      it('grants CORS to a configured origin only (the control for the refusal above)', async () => {
        const ask = (origin: string) =>
          direct.client().raw({ method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query: '{ viewer { id } }' }) });
        expect((await ask('https://partner.example')).headers.get('access-control-allow-origin')).toBe('https://partner.example');
        expect((await ask('https://partner.example.evil.test')).headers.get('access-control-allow-origin')).toBeNull();
      });

      it('counts the per-IP password limit against the socket address whatever X-Forwarded-For says', async () => {
        for (let i = 0; i < 3; i += 1) {
          const r = await login(direct.client({ 'x-forwarded-for': `198.51.100.${70 + i}` }), `nobody-${i}`, 'acme', 'wrong');
          expect(r.code).toBe('INVALID_CREDENTIALS');
        }
        const limited = await login(direct.client({ 'x-forwarded-for': '198.51.100.99' }), 'dave');
        expect(limited.code).toBe('RATE_LIMITED');
      });
    });
  });
});
