import { GqlClient } from '../support/gql-client';
import { clientFrom, login, startTestApp, type TestApp } from '../support/harness';
import { allOperations } from '../support/schema-operations';

/**
 * Every Query and Mutation field of schema.graphql, called by each kind of signed-in caller, against
 * an allow-list per caller. A field added without a guard answers where the list says it must not.
 * ('data': answers an object or list; 'null': answers null without error; otherwise the error code.)
 * `logout` is left out for account callers: it would end the session the sweep runs in.
 */
type Expect = 'data' | 'null' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';

const SIGN_IN_STEPS = ['login', 'enrollPhone', 'confirmCode', 'verifyOtp', 'resendCode', 'useRecoveryCode', 'verifyPasskey', 'postponeEnrollment'];
/** The signed-in customer's own factor changes: they answer (a Problem while the policy is off), for nobody else. */
const CUSTOMER_CHANGES = ['startAuthenticatorApp', 'confirmAuthenticatorApp', 'removeAuthenticatorApp', 'newRecoveryCodes', 'startPasskey', 'addPasskey', 'removePasskey'];
const READS = ['twoFactorPolicy', 'companies', 'customers', 'twoFactorEvents'];
const BY_ID = ['company', 'customer']; // the placeholder id is nobody's: null

const CALLERS: Record<string, { allowed: Record<string, Expect>; otherwise: Expect }> = {
  customer: {
    allowed: {
      viewer: 'data',
      portal: 'null',
      ...Object.fromEntries(SIGN_IN_STEPS.map((f) => [f, 'data'])),
      ...Object.fromEntries(CUSTOMER_CHANGES.map((f) => [f, 'data'])),
    },
    otherwise: 'FORBIDDEN',
  },
  'admin without Master Admin': {
    allowed: {
      viewer: 'data',
      portal: 'null',
      ...Object.fromEntries(SIGN_IN_STEPS.map((f) => [f, 'data'])),
      ...Object.fromEntries(READS.map((f) => [f, 'data'])),
      ...Object.fromEntries(BY_ID.map((f) => [f, 'null'])),
      resetTwoFactor: 'NOT_FOUND',
    },
    otherwise: 'FORBIDDEN',
  },
  'API key': {
    allowed: {
      viewer: 'null',
      portal: 'null',
      ...Object.fromEntries(READS.map((f) => [f, 'data'])),
      ...Object.fromEntries(BY_ID.map((f) => [f, 'null'])),
    },
    otherwise: 'FORBIDDEN',
  },
};

function outcome(field: string, body: { data?: any; errors?: Array<{ extensions?: { code?: string } }> }): string {
  const code = body.errors?.[0]?.extensions?.code;
  if (code) return code;
  const value = body.data?.[field];
  return value === null || value === undefined ? 'null' : 'data';
}

describe('caller sweep: every field, for each kind of caller', () => {
  let app: TestApp;
  const callers: Record<string, GqlClient> = {};
  const operations = allOperations();

  beforeAll(async () => {
    app = await startTestApp();
    callers.customer = clientFrom(app);
    expect((await login(callers.customer, 'bob')).__typename).toBe('Authenticated');
    callers['admin without Master Admin'] = clientFrom(app);
    expect((await login(callers['admin without Master Admin'], 'dave')).__typename).toBe('Authenticated');
    const alice = clientFrom(app);
    await login(alice, 'alice');
    const key = await alice.gql(`mutation { createApiKey(input: { name: "sweep" }) { secret } }`);
    callers['API key'] = new GqlClient(app.url, { authorization: `Bearer ${key.body.data.createApiKey.secret}` });
  });
  afterAll(() => app.close());

  it.each(Object.keys(CALLERS))('%s: each field answers as its allow-list says', async (name) => {
    const { allowed, otherwise } = CALLERS[name];
    const wrong: string[] = [];
    for (const op of operations) {
      if (op.field === 'logout' && name !== 'API key') continue;
      const r = await callers[name].gql(op.query, op.variables);
      const want = allowed[op.field] ?? otherwise;
      const got = outcome(op.field, r.body);
      if (got !== want) wrong.push(`${op.field}: expected ${want}, got ${got}`);
    }
    expect(wrong).toEqual([]);
    // The sweep ran signed in the whole time (no field ended the session).
    if (name !== 'API key') expect((await callers[name].gql('{ viewer { username } }')).body.data.viewer).not.toBeNull();
  });
});
