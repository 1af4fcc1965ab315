import { accountId, challengesOf, eventCount, loginForCode, verifyOtp, withAttackApp, wrongCodes } from '../support/code-attack-kit';
import type { GqlClient } from '../support/gql-client';
import { PASSWORD } from '../support/fixtures';
import { clientFrom, type TestApp } from '../support/harness';

/**
 * GraphQL amplification: a document may carry at most one of login, enrollPhone, confirmCode,
 * verifyOtp, resendCode (aliases, fragments and extra operations included), and HTTP batches are
 * refused, all before anything runs (docs/SECURITY.md "Attempts and limits"). Otherwise one
 * request with fifty aliased verifyOtp would weigh fifty codes against a limit of five.
 *
 * Each refused request must leave no trace: the challenge's attempts stay 0, no SMS is sent, no
 * event is written, no cookie is set, and the right code still works afterwards.
 */
describe('one sign-in step per request', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));

  const V = (alias: string, code: string) => `${alias}: verifyOtp(input: { challengeToken: $t, code: "${code}" }) { __typename }`;
  const LOGIN_STEP = `login(input: { portal: "acme", username: $u, password: "${PASSWORD}" }) { __typename }`;
  const RESEND_STEP = 'resendCode(input: { challengeToken: $t }) { __typename }';

  /** POSTs a raw JSON body; the answer's status, body and whether a cookie was set. */
  async function post(c: GqlClient, body: unknown) {
    const res = await c.raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: JSON.parse(await res.text()), setCookie: res.headers.getSetCookie() };
  }

  /** A fresh login challenge of `user`, and a check that nothing moved on it since. */
  async function target(user: string) {
    const c = clientFrom(app);
    const ch = await loginForCode(app, c, user);
    const id = await accountId(app, user);
    const sent = app.plivo.attempts;
    return {
      c,
      ...ch,
      async untouched() {
        const rows = await challengesOf(app, id);
        expect(rows).toEqual([{ step: 'VERIFY_CODE', attempts: 0, sends: 1, consumed: false }]);
        expect(app.plivo.attempts).toBe(sent);
        expect(await eventCount(app, 'CODE_REJECTED', id)).toBe(0);
        // And the challenge is whole: one step per request, the right code, signs in.
        expect(await verifyOtp(c, ch.token, ch.code)).toMatchObject({ __typename: 'Authenticated' });
      },
    };
  }

  /** Refused with no data and no cookie, for `why` alone (not for some typo in the document). */
  function expectRefused(r: { status: number; body: any; setCookie: string[] }, why = /only one sign-in step/) {
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    expect(r.setCookie).toEqual([]);
    expect(r.body.errors.map((e: { message: string }) => e.message)).toEqual([expect.stringMatching(why)]);
  }

  it('six aliased verifyOtp (the right code among them) are refused before any runs', async () => {
    const t = await target('c01');
    const aliases = [...wrongCodes(t.code, 5), t.code].map((code, i) => V(`v${i}`, code)).join('\n');
    const r = await post(t.c, { query: `mutation($t: String!) { ${aliases} }`, variables: { t: t.token } });
    expectRefused(r);
    expect((await t.c.gql('{ viewer { id } }')).body.data.viewer).toBeNull();
    await t.untouched();
  });

  it('two aliased verifyOtp with the same code are refused too', async () => {
    const t = await target('c02');
    const r = await post(t.c, { query: `mutation($t: String!) { ${V('a', t.code)} ${V('b', t.code)} }`, variables: { t: t.token } });
    expectRefused(r);
    await t.untouched();
  });

  it('login and verifyOtp in one document are refused: not even the login runs', async () => {
    const t = await target('c03');
    const r = await post(t.c, {
      query: `mutation($t: String!, $u: String!) { ${LOGIN_STEP} ${V('v', t.code)} }`,
      variables: { t: t.token, u: 'c03' },
    });
    expectRefused(r);
    await t.untouched(); // no second challenge, no second SMS
  });

  it.each(['Guess', 'Again'])('two operations in one document, each with a step, are refused (operationName %s)', async (operationName) => {
    const t = await target(operationName === 'Guess' ? 'c04' : 'c05');
    const query = `mutation Guess($t: String!) { ${V('v', '000000')} }
                   mutation Again($t: String!) { ${RESEND_STEP} }`;
    const r = await post(t.c, { query, operationName, variables: { t: t.token } });
    expectRefused(r);
    await t.untouched();
  });

  it('a step inside a fragment spread, plus another step, is refused', async () => {
    const t = await target('c06');
    const query = `fragment Guess on Mutation { ${V('v', t.code)} }
                   mutation($t: String!) { ...Guess ${RESEND_STEP} }`;
    const r = await post(t.c, { query, variables: { t: t.token } });
    expectRefused(r);
    await t.untouched();
  });

  it('steps hidden in nested fragments, inline fragments and a fragment spread twice are refused', async () => {
    const t = await target('c07');
    const docs = [
      `fragment Inner on Mutation { ${V('a', t.code)} }
       fragment Outer on Mutation { ...Inner }
       mutation($t: String!) { ...Outer ${V('b', '000000')} }`,
      `mutation($t: String!) { ... on Mutation { ${V('a', t.code)} } ... { ${V('b', '000001')} } }`,
      `fragment Once on Mutation { ${V('a', t.code)} }
       mutation($t: String!) { ...Once ...Once }`,
    ];
    for (const query of docs) expectRefused(await post(t.c, { query, variables: { t: t.token } }));
    await t.untouched();
  });

  it('an HTTP batch (a JSON array body) is refused, even of one operation', async () => {
    const t = await target('c08');
    const op = (code: string) => ({ query: `mutation($t: String!) { ${V('v', code)} }`, variables: { t: t.token } });
    expectRefused(await post(t.c, [...wrongCodes(t.code, 5), t.code].map(op)), /batch/i);
    expectRefused(await post(t.c, [op(t.code)]), /batch/i);
    await t.untouched();
  });
});
