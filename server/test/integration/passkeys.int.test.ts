import { attackPortals, accountId, phoneOf } from '../support/code-attack-kit';
import { RESET } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { startTestApp, type TestApp } from '../support/harness';
import {
  addPasskey,
  loginToPasskeyStep,
  loginWithPasskeyFields,
  PASSKEY_PUBLIC_URL,
  REMOVE_PASSKEY,
  registerPasskey,
  RIGHT,
  startPasskey,
  verifyPasskey,
} from '../support/passkey-kit';
import {
  clientFrom,
  codeFor,
  confirmCode,
  enrollPhone,
  login,
  resendCode,
  setPolicy,
  setSecondFactors,
  tally,
  useRecoveryCode,
  verifyOtp,
} from '../support/sign-in-kit';
import { SoftAuthenticator } from '../support/soft-authenticator';

/**
 * docs/SECURITY.md, Second factors, Passkeys: a WebAuthn credential added from the account page and
 * asked at sign-in in place of the code. The real server and MariaDB, @simplewebauthn/server checking
 * real ES256 signatures made by a software authenticator (support/soft-authenticator.ts): the
 * registration and the assertion are refused for another origin, another RP ID, another challenge,
 * another account's or portal's credential, a counter that went backwards, a replay; attempts count
 * with the codes'; a reset and the policy's off-and-on void them.
 */
describe('passkeys', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ portalFile: attackPortals(), env: { PUBLIC_URL: PASSKEY_PUBLIC_URL } });
    await setSecondFactors(app, ['SMS', 'PASSKEY']);
  });
  afterAll(() => app?.close());
  /** Each customer's authenticator, as registered in an earlier test (the later ones use it again). */
  const keys = new Map<string, SoftAuthenticator>();

  /** A signed-in customer of acme, by a texted code (asked for with "Text me a code instead" once they have a passkey). */
  async function signedIn(username: string): Promise<GqlClient> {
    const c = clientFrom(app);
    const l = await loginWithPasskeyFields(c, username);
    if (l.__typename !== 'CodeRequired') throw new Error(JSON.stringify(l));
    if (l.challenge.step === 'VERIFY_PASSKEY') await resendCode(c, l.challenge.token);
    const r = await verifyOtp(c, l.challenge.token, codeFor(app, phoneOf(username)));
    if (r.__typename !== 'Authenticated') throw new Error(JSON.stringify(r));
    return c;
  }

  const events = async (username: string, type: string): Promise<number> =>
    (await app.running.ds.query('SELECT id FROM two_factor_events WHERE customer_id = ? AND type = ?', [await accountId(app, username), type])).length;

  it('SMS only (the default): the account page cannot start a passkey, and twoFactorPolicy says which factors are offered', async () => {
    await setSecondFactors(app, ['SMS']);
    try {
      const c = await signedIn('c01');
      expect(await startPasskey(c)).toMatchObject({ __typename: 'Problem', code: 'FACTOR_NOT_AVAILABLE' });
    } finally {
      await setSecondFactors(app, ['SMS', 'PASSKEY']);
    }
    const a = clientFrom(app);
    await login(a, 'alice');
    expect((await a.gql('{ twoFactorPolicy { factors } }')).body.data.twoFactorPolicy).toEqual({ factors: ['SMS', 'PASSKEY'] });
  });

  it('registration: options for PUBLIC_URL’s RP ID, no attestation, user verification preferred; the passkey counts, and sign-in asks for it and texts nothing', async () => {
    const c = await signedIn('c02');
    const started = await startPasskey(c);
    const options = JSON.parse(started.optionsJson);
    expect(options).toMatchObject({
      rp: { id: 'portal.acme.test', name: 'Acme Freight' },
      user: { name: 'c02' },
      attestation: 'none',
      authenticatorSelection: { userVerification: 'preferred' },
      excludeCredentials: [],
    });
    const key = new SoftAuthenticator();
    const added = await addPasskey(c, key.register(started.optionsJson, RIGHT));
    expect(added).toMatchObject({ __typename: 'AccountFactors', factors: ['SMS', 'PASSKEY'], passkeys: [{ lastUsedAt: null }] });
    expect(await events('c02', 'PASSKEY_ADDED')).toBe(1);
    // A second registration excludes the credential already there.
    expect(JSON.parse((await startPasskey(c)).optionsJson).excludeCredentials).toEqual([{ id: key.id, type: 'public-key', transports: ['internal'] }]);

    const texts = app.plivo.messages.length;
    const { token, options: assertionOptions } = await loginToPasskeyStep(app, 'c02');
    expect(app.plivo.messages.length).toBe(texts);
    expect(JSON.parse(assertionOptions)).toMatchObject({ rpId: 'portal.acme.test', userVerification: 'preferred', allowCredentials: [{ id: key.id }] });
    expect(await verifyPasskey(clientFrom(app), token, key.assert(assertionOptions, RIGHT))).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'c02' } });
    expect(await events('c02', 'PASSKEY_ACCEPTED')).toBe(1);
  });

  it('a registration made for another origin or another RP ID is refused, and uses the setup up', async () => {
    const c = await signedIn('c03');
    for (const bent of [{ ...RIGHT, origin: 'https://portal.acme.test.evil.example' }, { ...RIGHT, rpId: 'evil.example' }, { ...RIGHT, challenge: 'bm90LXRoZS1jaGFsbGVuZ2U' }]) {
      const started = await startPasskey(c);
      const key = new SoftAuthenticator();
      expect(await addPasskey(c, key.register(started.optionsJson, bent))).toMatchObject({ __typename: 'Problem', code: 'INVALID_CODE' });
      // The setup was used by the refused answer: the right one after it finds none.
      expect(await addPasskey(c, key.register(started.optionsJson, RIGHT))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    }
    expect(await addPasskey(c, '{"not":"a response"}')).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect((await loginWithPasskeyFields(clientFrom(app), 'c03')).challenge.step).toBe('VERIFY_CODE');
  });

  it('at most 10 passkeys per account: the eleventh is not offered', async () => {
    const c = await signedIn('c03');
    for (let i = 0; i < 10; i++) await registerPasskey(c);
    expect(await startPasskey(c)).toMatchObject({ __typename: 'Problem', code: 'FACTOR_NOT_AVAILABLE' });
    const { options } = await loginToPasskeyStep(app, 'c03');
    expect(JSON.parse(options).allowCredentials).toHaveLength(10);
  });

  it('a setup belongs to the session that opened it, is used once, and stops after five minutes', async () => {
    const c = await signedIn('c04');
    const other = await signedIn('c04'); // the same customer, another browser
    const started = await startPasskey(c);
    const key = new SoftAuthenticator();
    expect(await addPasskey(other, key.register(started.optionsJson, RIGHT))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    const response = key.register(started.optionsJson, RIGHT);
    expect(await addPasskey(c, response)).toMatchObject({ __typename: 'AccountFactors' });
    expect(await addPasskey(c, response)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    const late = await startPasskey(c);
    app.clock.advanceSeconds(301);
    expect(await addPasskey(c, new SoftAuthenticator().register(late.optionsJson, RIGHT))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    const [{ n }] = await app.running.ds.query('SELECT COUNT(*) AS n FROM passkeys WHERE account_id = ?', [await accountId(app, 'c04')]);
    expect(Number(n)).toBe(1);
  });

  it('an assertion for another origin, another RP ID or another challenge is a wrong code: it counts, and the right one still signs in', async () => {
    const c = await signedIn('c05');
    const { key } = await registerPasskey(c);
    keys.set('c05', key);
    const { token, options } = await loginToPasskeyStep(app, 'c05');
    const bent = [{ ...RIGHT, origin: 'https://evil.example' }, { ...RIGHT, rpId: 'evil.example' }, { ...RIGHT, challenge: 'c29tZS1vdGhlci1jaGFsbGVuZ2U' }];
    const answers = [];
    for (const b of bent) answers.push(await verifyPasskey(clientFrom(app), token, key.assert(options, b)));
    expect(answers.map((a) => [a.code, a.attemptsRemaining])).toEqual([
      ['INVALID_CODE', 4],
      ['INVALID_CODE', 3],
      ['INVALID_CODE', 2],
    ]);
    expect(await verifyPasskey(clientFrom(app), token, 'not json')).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 1 });
    expect(await verifyPasskey(clientFrom(app), token, key.assert(options, RIGHT))).toMatchObject({ __typename: 'Authenticated' });
  });

  it('a replayed assertion: on its own challenge it finds the sign-in over; on a new sign-in it signs the wrong challenge', async () => {
    const c = await signedIn('c06');
    const { key } = await registerPasskey(c);
    keys.set('c06', key);
    const first = await loginToPasskeyStep(app, 'c06');
    const assertion = key.assert(first.options, RIGHT);
    expect(await verifyPasskey(clientFrom(app), first.token, assertion)).toMatchObject({ __typename: 'Authenticated' });
    expect(await verifyPasskey(clientFrom(app), first.token, assertion)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    const second = await loginToPasskeyStep(app, 'c06');
    expect(await verifyPasskey(clientFrom(app), second.token, assertion)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
  });

  it('10 concurrent requests with one assertion on one challenge make one session', async () => {
    const c = await signedIn('c07');
    const { key } = await registerPasskey(c);
    const { token, options } = await loginToPasskeyStep(app, 'c07');
    const assertion = key.assert(options, RIGHT);
    const answers = await Promise.all(Array.from({ length: 10 }, () => verifyPasskey(clientFrom(app), token, assertion)));
    expect(tally(answers).Authenticated).toBe(1);
    const [{ n }] = await app.running.ds.query('SELECT COUNT(*) AS n FROM sessions WHERE account_id = ?', [await accountId(app, 'c07')]);
    expect(Number(n)).toBe(2); // signedIn's and the one
  });

  it('a signature counter that goes backwards (a cloned authenticator) is refused; a higher one is accepted', async () => {
    const c = await signedIn('c08');
    const { key } = await registerPasskey(c);
    keys.set('c08', key);
    const at5 = await loginToPasskeyStep(app, 'c08');
    expect(await verifyPasskey(clientFrom(app), at5.token, key.assert(at5.options, { ...RIGHT, counter: 5 }))).toMatchObject({ __typename: 'Authenticated' });
    const back = await loginToPasskeyStep(app, 'c08');
    expect(await verifyPasskey(clientFrom(app), back.token, key.assert(back.options, { ...RIGHT, counter: 3 }))).toMatchObject({ code: 'INVALID_CODE' });
    expect(await verifyPasskey(clientFrom(app), back.token, key.assert(back.options, { ...RIGHT, counter: 5 }))).toMatchObject({ code: 'INVALID_CODE' });
    expect(await verifyPasskey(clientFrom(app), back.token, key.assert(back.options, { ...RIGHT, counter: 6 }))).toMatchObject({ __typename: 'Authenticated' });
    const [row] = await app.running.ds.query('SELECT counter FROM passkeys WHERE account_id = ?', [await accountId(app, 'c08')]);
    expect(Number(row.counter)).toBe(6);
  });

  it('another account’s passkey, signing this account’s challenge, is a wrong code; its id is not this account’s to remove', async () => {
    const mine = await signedIn('c09');
    await registerPasskey(mine);
    const theirs = await signedIn('c10');
    const { key: theirKey, id: theirId } = await registerPasskey(theirs);
    const { token, options } = await loginToPasskeyStep(app, 'c09');
    // Their authenticator signs my challenge with their (registered, valid) key.
    expect(await verifyPasskey(clientFrom(app), token, theirKey.assert(options, RIGHT))).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    const removed = await mine.gql(REMOVE_PASSKEY, { input: { id: theirId } });
    expect(removed.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [{ n }] = await app.running.ds.query('SELECT COUNT(*) AS n FROM passkeys WHERE id = ?', [theirId]);
    expect(Number(n)).toBe(1);
  });

  it('another portal: one RP ID for every portal, but a credential of acme signs nothing in other', async () => {
    // oscar lets other's customers use passkeys; olive (enrolled there) adds one.
    const oscar = clientFrom(app);
    await login(oscar, 'oscar', 'other');
    await oscar.gql('mutation { setSecondFactors(input: { factors: [SMS, PASSKEY] }) { factors } }');
    const olive = clientFrom(app);
    const l = await login(olive, 'olive', 'other');
    expect(await verifyOtp(olive, l.challenge.token, app.plivo.lastCodeFor('+14155550100') as string)).toMatchObject({ __typename: 'Authenticated' });
    await registerPasskey(olive);
    const acme = await signedIn('c11');
    const { key: acmeKey, id: acmeId } = await registerPasskey(acme);
    const { token, options } = await loginToPasskeyStep(app, 'olive', 'other');
    expect(await verifyPasskey(clientFrom(app), token, acmeKey.assert(options, RIGHT))).toMatchObject({ code: 'INVALID_CODE' });
    expect((await olive.gql(REMOVE_PASSKEY, { input: { id: acmeId } })).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('attempts are one budget with the codes: wrong assertions and a wrong recovery code end the challenge, even for the right assertion', async () => {
    const c = await signedIn('c12');
    const { key } = await registerPasskey(c);
    const { token, options } = await loginToPasskeyStep(app, 'c12');
    for (let i = 0; i < 4; i++) await verifyPasskey(clientFrom(app), token, key.assert(options, { ...RIGHT, origin: 'https://evil.example' }));
    expect(await useRecoveryCode(clientFrom(app), token, 'AAAAA-AAAAA')).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 0 });
    expect(await verifyPasskey(clientFrom(app), token, key.assert(options, RIGHT))).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    const [{ n }] = await app.running.ds.query("SELECT COUNT(*) AS n FROM two_factor_events WHERE customer_id = ? AND type = 'CODE_REJECTED'", [await accountId(app, 'c12')]);
    expect(Number(n)).toBe(5);
  });

  it('"Text me a code instead": the challenge moves to VERIFY_CODE, the texted code signs in, and the passkey is no longer taken on it', async () => {
    const c = await signedIn('c02');
    const { key } = await registerPasskey(c);
    const { token, options } = await loginToPasskeyStep(app, 'c02');
    expect(await resendCode(clientFrom(app), token)).toMatchObject({ __typename: 'CodeSent', challenge: { step: 'VERIFY_CODE' } });
    expect(await verifyPasskey(clientFrom(app), token, key.assert(options, RIGHT))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(await verifyOtp(clientFrom(app), token, app.plivo.lastCodeFor(phoneOf('c02')) as string)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('the customer removes a passkey: the event is kept, an open sign-in with it is over, and with none left sign-in texts a code', async () => {
    const c = await signedIn('c05');
    const rows = await app.running.ds.query('SELECT id FROM passkeys WHERE account_id = ?', [await accountId(app, 'c05')]);
    expect(rows).toHaveLength(1);
    const { token, options } = await loginToPasskeyStep(app, 'c05');
    const left = (await c.gql(REMOVE_PASSKEY, { input: { id: rows[0].id } })).body.data.removePasskey;
    expect(left).toEqual({ __typename: 'AccountFactors', factors: ['SMS'], passkeys: [] });
    expect(await events('c05', 'PASSKEY_REMOVED')).toBe(1);
    expect(await verifyPasskey(clientFrom(app), token, keys.get('c05')!.assert(options, RIGHT))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect((await loginWithPasskeyFields(clientFrom(app), 'c05')).challenge.step).toBe('VERIFY_CODE');
  });

  it('the portal stops offering passkeys: sign-in texts a code and an open passkey sign-in is over; offered again, they count again', async () => {
    const { token, options } = await loginToPasskeyStep(app, 'c06');
    await setSecondFactors(app, ['SMS']);
    try {
      expect((await loginWithPasskeyFields(clientFrom(app), 'c06')).challenge.step).toBe('VERIFY_CODE');
      expect(await verifyPasskey(clientFrom(app), token, keys.get('c06')!.assert(options, RIGHT))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    } finally {
      await setSecondFactors(app, ['SMS', 'PASSKEY']);
    }
    // Offered again: the same passkey signs in.
    const back = await loginToPasskeyStep(app, 'c06');
    expect(await verifyPasskey(clientFrom(app), back.token, keys.get('c06')!.assert(back.options, RIGHT))).toMatchObject({ __typename: 'Authenticated' });
  });

  it('an admin’s reset removes the passkeys: the customer enrolls again, and the old passkey signs nothing', async () => {
    const alice = clientFrom(app);
    await login(alice, 'alice');
    const open = await loginToPasskeyStep(app, 'c08');
    const id = await accountId(app, 'c08');
    expect((await alice.gql(RESET, { id })).body.errors).toBeUndefined();
    const [{ n }] = await app.running.ds.query('SELECT COUNT(*) AS n FROM passkeys WHERE account_id = ?', [id]);
    expect(Number(n)).toBe(0);
    expect(await verifyPasskey(clientFrom(app), open.token, keys.get('c08')!.assert(open.options, RIGHT))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect((await loginWithPasskeyFields(clientFrom(app), 'c08')).__typename).toBe('EnrollmentRequired');
  });

  it('turning the policy off and on makes every passkey stale in the one UPDATE: after enrolling again, sign-in texts a code', async () => {
    const { key } = await registerPasskey(await signedIn('c09'));
    const before = await app.running.ds.query('SELECT COUNT(*) AS n FROM passkeys');
    await setPolicy(app, false);
    await setPolicy(app, true);
    // Nothing was deleted: the rows are stale by generation.
    expect(await app.running.ds.query('SELECT COUNT(*) AS n FROM passkeys')).toEqual(before);
    const c = clientFrom(app);
    const l = await loginWithPasskeyFields(c, 'c09');
    expect(l.__typename).toBe('EnrollmentRequired');
    // Enrolled again by SMS, c09's login texts a code: the passkey of the old generation does not count…
    await enrollPhone(c, l.challenge.token, phoneOf('c09'));
    await confirmCode(c, l.challenge.token, codeFor(app, phoneOf('c09')));
    const again = await loginWithPasskeyFields(clientFrom(app), 'c09');
    expect(again).toMatchObject({ __typename: 'CodeRequired', challenge: { step: 'VERIFY_CODE', passkeyOptions: null } });
    // …and is not even taken on that challenge.
    expect(await verifyPasskey(clientFrom(app), again.challenge.token, key.assert('{"challenge":"x"}', RIGHT))).toMatchObject({ code: 'CHALLENGE_INVALID' });
  });
});
