import { allOperations } from '../support/schema-operations';
import { CAROL_PHONE, CONFIRM, ENROLL, VERIFY, VIEWER } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, login, setPolicy, startTestApp, type TestApp } from '../support/harness';
import { addApp, setSecondFactors, verifyOtp } from '../support/sign-in-kit';
import { addPasskey, loginWithPasskeyFields, startPasskey } from '../support/passkey-kit';
import { SoftAuthenticator } from '../support/soft-authenticator';

/**
 * docs/SECURITY.md "Flow": a half-finished sign-in can call only the next step and logout; everything
 * else answers as signed out (the account page's factor changes included). This sweeps every Query and Mutation field of the committed schema, so
 * a field added later without a guard fails here without anyone remembering to add a case.
 */

/** The only fields a caller without a finished sign-in may use. */
const SIGN_IN_FIELDS = new Set(['login', 'enrollPhone', 'confirmCode', 'verifyOtp', 'resendCode', 'useRecoveryCode', 'verifyPasskey', 'postponeEnrollment', 'logout']);
/** Answers, and must answer null: `viewer` signed out, and the public `portal` for the placeholder slug (no such portal). */
const NULL_WHEN_SIGNED_OUT = new Set(['viewer', 'portal']);

/** What each answer must be; returns a description of what was wrong, or null. */
function verdict(field: string, body: { data?: any; errors?: Array<{ extensions?: { code?: string } }> }): string | null {
  const value = body.data?.[field] ?? null;
  const codes = (body.errors ?? []).map((e) => e.extensions?.code);
  if (NULL_WHEN_SIGNED_OUT.has(field)) {
    return value === null && codes.length === 0 ? null : `must answer null, got ${JSON.stringify(body)}`;
  }
  if (SIGN_IN_FIELDS.has(field)) {
    if (codes.length) return `a sign-in step must answer with data, got ${JSON.stringify(body)}`;
    if (value?.__typename === 'Authenticated') return 'authenticated from placeholders';
    return value === null ? `answered null: ${JSON.stringify(body)}` : null;
  }
  if (value !== null) return `answered data: ${JSON.stringify(body.data)}`;
  return codes.length === 1 && codes[0] === 'UNAUTHENTICATED' ? null : `expected one UNAUTHENTICATED error, got ${JSON.stringify(codes)}`;
}

describe('sign-in sweep: every field of the schema, without a finished sign-in', () => {
  let app: TestApp;
  let alice: GqlClient;
  const operations = allOperations();
  const halfway: Record<string, GqlClient> = {};
  let carolToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    await setPolicy(app, true);
    alice = clientFrom(app);
    await login(alice, 'alice');

    // ENROLL_PHONE: password right, nothing sent yet.
    halfway.enrollPhoneStep = clientFrom(app);
    expect((await login(halfway.enrollPhoneStep, 'bob')).__typename).toBe('EnrollmentRequired');

    // CONFIRM_ENROLLMENT: a code is on its way to the new phone.
    halfway.confirmStep = clientFrom(app);
    const dan = await login(halfway.confirmStep, 'dan');
    const sent = await halfway.confirmStep.gql(ENROLL, { input: { challengeToken: dan.challenge.token, phoneNumber: '+14155550177' } });
    expect(sent.body.data.enrollPhone.__typename).toBe('CodeSent');

    // Enrollment confirmed: ReloginRequired, and still no session.
    halfway.afterEnrollment = clientFrom(app);
    const erin = await login(halfway.afterEnrollment, 'erin');
    const erinSent = await halfway.afterEnrollment.gql(ENROLL, { input: { challengeToken: erin.challenge.token, phoneNumber: '+14155550188' } });
    const confirmed = await halfway.afterEnrollment.gql(CONFIRM, {
      input: { challengeToken: erinSent.body.data.enrollPhone.challenge.token, code: app.plivo.lastCodeFor('+14155550188') },
    });
    expect(confirmed.body.data.confirmCode.__typename).toBe('ReloginRequired');

    // VERIFY_TOTP: erin, now signed in once by a texted code, adds an app; her next login asks for its code.
    await setSecondFactors(app, ['SMS', 'TOTP']);
    const erinIn = clientFrom(app);
    const erinLogin = await login(erinIn, 'erin');
    expect((await verifyOtp(erinIn, erinLogin.challenge.token, app.plivo.lastCodeFor('+14155550188') as string)).__typename).toBe('Authenticated');
    await addApp(app, erinIn);
    halfway.appStep = clientFrom(app);
    expect((await login(halfway.appStep, 'erin')).challenge.step).toBe('VERIFY_TOTP');

    // VERIFY_PASSKEY: erin adds a passkey too (a software authenticator at the server's PUBLIC_URL); her next login asks for it.
    await setSecondFactors(app, ['SMS', 'TOTP', 'PASSKEY']);
    const setup = await startPasskey(erinIn);
    const url = new URL(app.config.publicUrl);
    expect((await addPasskey(erinIn, new SoftAuthenticator().register(setup.optionsJson, { origin: url.origin, rpId: url.hostname }))).__typename).toBe('AccountFactors');
    halfway.passkeyStep = clientFrom(app);
    expect((await loginWithPasskeyFields(halfway.passkeyStep, 'erin')).challenge.step).toBe('VERIFY_PASSKEY');

    // VERIFY_CODE: the enrolled customer's code was sent; kept for the control at the end.
    halfway.verifyStep = clientFrom(app);
    const carol = await login(halfway.verifyStep, 'carol');
    expect(carol.__typename).toBe('CodeRequired');
    carolToken = carol.challenge.token;
  });
  afterAll(() => app.close());

  it('covers every Query and Mutation field of schema.graphql', () => {
    const names = operations.map((o) => o.field);
    expect(names).toEqual(
      expect.arrayContaining([
        ...SIGN_IN_FIELDS,
        ...NULL_WHEN_SIGNED_OUT,
        'setTwoFactorPolicy',
        'setSecondFactors',
        'resetTwoFactor',
        'customers',
        'startAuthenticatorApp',
        'confirmAuthenticatorApp',
        'removeAuthenticatorApp',
        'newRecoveryCodes',
        'startPasskey',
        'addPasskey',
        'removePasskey',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('signed out: only the sign-in steps and logout answer, viewer is null, everything else is UNAUTHENTICATED', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const r = await app.client().gql(op.query, op.variables);
      const v = verdict(op.field, r.body);
      if (v) wrong.push(`${op.field}: ${v}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(['enrollPhoneStep', 'confirmStep', 'afterEnrollment', 'verifyStep', 'appStep', 'passkeyStep'])(
    'halfway through a sign-in (%s): the same, whatever cookies the sign-in left',
    async (state) => {
      const holder = halfway[state];
      expect((await holder.gql(VIEWER)).body.data.viewer).toBeNull();
      const wrong: string[] = [];
      for (const op of operations) {
        // A copy of the browser per call, so that a logout in the sweep does not change the next call.
        const r = await holder.fork().gql(op.query, op.variables);
        const v = verdict(op.field, r.body);
        if (v) wrong.push(`${op.field}: ${v}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it('changed nothing while sweeping, and the half-finished sign-in was real: its code still signs carol in', async () => {
    const policy = await alice.gql('{ twoFactorPolicy { enabled enrolledCount } apiKeys { id } }');
    expect(policy.body.data).toEqual({ twoFactorPolicy: { enabled: true, enrolledCount: 2 }, apiKeys: [] });
    const done = await halfway.verifyStep.gql(VERIFY, { input: { challengeToken: carolToken, code: app.plivo.lastCodeFor(CAROL_PHONE) } });
    expect(done.body.data.verifyOtp).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'carol' } });
    expect((await halfway.verifyStep.gql(VIEWER)).body.data.viewer).toMatchObject({ username: 'carol' });
  });
});
