import { createHmac } from 'node:crypto';
import { PlivoSmsSender, verifyPlivoWebhookSignature, type PlivoSmsSenderOptions } from '../../src/sms/plivo.adapter';
import { SmsDeliveryError } from '../../src/sms/sms-sender';
import { startFakePlivo, type FakePlivo } from '../support/fake-plivo';

// The real plivo SDK against a fake Plivo on 127.0.0.1 (never a mock of the SDK: the test exercises what production runs).

const AUTH_ID = 'MAFAKEACCOUNT0000001';
const AUTH_TOKEN = 'fake-auth-token';
const SENDER = '+14155550000';
const TO = '+14155552671';
const TEXT = '042917 is your Acme sign-in code.\n\n@portal.example.com #042917';
const CALLBACK = 'https://portal.example.com/webhooks/plivo/message-status';

let fake: FakePlivo;

beforeEach(async () => {
  fake = await startFakePlivo({ authId: AUTH_ID, authToken: AUTH_TOKEN });
});

afterEach(async () => {
  await fake.close();
});

function senderFor(overrides: Partial<PlivoSmsSenderOptions> = {}): PlivoSmsSender {
  return new PlivoSmsSender({
    authId: AUTH_ID,
    authToken: AUTH_TOKEN,
    sender: SENDER,
    apiUrl: fake.url,
    timeoutSeconds: 5,
    statusCallbackUrl: CALLBACK,
    ...overrides,
  });
}

/** The send's rejection, checked to be an SmsDeliveryError that gives away neither code nor number. */
async function deliveryFailure(send: Promise<unknown>): Promise<SmsDeliveryError> {
  const error: unknown = await send.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsDeliveryError);
  const failure = error as SmsDeliveryError;
  const everything = `${failure.reason} ${failure.message} ${failure.stack ?? ''} ${JSON.stringify(failure)}`;
  expect(everything).not.toContain('042917');
  expect(everything).not.toContain('4155552671');
  expect(failure.cause).toBeUndefined();
  return failure;
}

describe('PlivoSmsSender.send', () => {
  it('posts to {apiUrl}/v1/Account/{authId}/Message/ and returns the message uuid', async () => {
    const result = await senderFor().send({ to: TO, text: TEXT });
    expect(fake.messages).toEqual([{ src: SENDER, dst: TO, text: TEXT, url: CALLBACK, method: 'POST', uuid: expect.any(String) }]);
    expect(result).toEqual({ providerMessageId: fake.messages[0]?.uuid });
    expect(fake.lastCodeFor(TO)).toBe('042917');
  });

  it('accepts an apiUrl with a trailing slash', async () => {
    await senderFor({ apiUrl: `${fake.url}/` }).send({ to: TO, text: TEXT });
    expect(fake.messagesTo(TO)).toHaveLength(1);
  });

  it('asks for no delivery report when there is no callback URL', async () => {
    await senderFor({ statusCallbackUrl: undefined }).send({ to: TO, text: TEXT });
    expect(fake.messages[0]).toEqual({ src: SENDER, dst: TO, text: TEXT, uuid: expect.any(String) });
  });

  it('turns a 500 into an SmsDeliveryError with the status', async () => {
    fake.mode = 'fail500';
    const failure = await deliveryFailure(senderFor().send({ to: TO, text: TEXT }));
    expect(failure).toMatchObject({ reason: 'plivo status 500', providerStatus: 500 });
    expect(fake.messages).toEqual([]);
  });

  it('turns a 400 into an SmsDeliveryError with the status', async () => {
    fake.mode = 'fail400';
    const failure = await deliveryFailure(senderFor().send({ to: TO, text: TEXT }));
    expect(failure).toMatchObject({ reason: 'plivo status 400', providerStatus: 400 });
  });

  it('turns a refused login (wrong token) into an SmsDeliveryError', async () => {
    const failure = await deliveryFailure(senderFor({ authToken: 'wrong-token' }).send({ to: TO, text: TEXT }));
    expect(failure).toMatchObject({ reason: 'plivo status 401', providerStatus: 401 });
    expect(fake.attempts).toBe(0);
  });

  it('gives up after timeoutSeconds when Plivo never answers', async () => {
    fake.mode = 'hang';
    const started = performance.now();
    const failure = await deliveryFailure(senderFor({ timeoutSeconds: 1 }).send({ to: TO, text: TEXT }));
    const elapsedMs = performance.now() - started;
    expect(failure.reason).toBe('plivo timeout');
    expect(failure.providerStatus).toBeUndefined();
    expect(fake.attempts).toBe(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(900);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('turns a refused connection into an SmsDeliveryError', async () => {
    const url = fake.url;
    await fake.close();
    fake = await startFakePlivo({ authId: AUTH_ID, authToken: AUTH_TOKEN }); // for afterEach
    const failure = await deliveryFailure(senderFor({ apiUrl: url }).send({ to: TO, text: TEXT }));
    expect(failure.reason).toBe('plivo network error ECONNREFUSED');
  });

  it('refuses a destination that is not one E.164 number before calling Plivo', async () => {
    for (const to of ['+14155552671<+19005550123', '14155552671', '+1 415 555 2671', '']) {
      await deliveryFailure(senderFor().send({ to, text: TEXT }));
    }
    expect(fake.attempts).toBe(0);
  });

  it('refuses empty credentials rather than letting the SDK read PLIVO_AUTH_* from the environment', () => {
    expect(() => senderFor({ authId: '' })).toThrow(/authId/);
    expect(() => senderFor({ authToken: '' })).toThrow(/authToken/);
    expect(() => senderFor({ sender: '' })).toThrow(/sender/);
    expect(() => senderFor({ timeoutSeconds: 0 })).toThrow(/timeoutSeconds/);
  });
});

describe('verifyPlivoWebhookSignature', () => {
  const TOKEN = 'test-auth-token';
  const URL_WITH_QUERY = 'https://portal.example.com/webhooks/plivo/message-status?portal=acme&b=2';
  const PARAMS = {
    MessageUUID: '5b40a428-bfc7-4daf-9d06-726c558bf3b8',
    Status: 'delivered',
    To: '14155552671',
    From: '14155550000',
    ErrorCode: '',
  };
  const NONCE = '05429567804466091622';
  // Computed with node:crypto from Plivo's documented algorithm, and accepted by plivo@4.79.0's own
  // validateV3Signature / validateSignature for these inputs (checked when this test was written).
  const SDK_ACCEPTED_V3 = 'f1xPQKmDOGLnW4a33yckUgt6swnqkQ76KuMxNHscv1M=';
  const SDK_ACCEPTED_V2 = 'D0a4gaoev7JK9I+S8EBEWzctr36DtHnET4Wq14CWzP8=';

  const verify = (over: Partial<Parameters<typeof verifyPlivoWebhookSignature>[0]>): boolean =>
    verifyPlivoWebhookSignature({ url: URL_WITH_QUERY, method: 'POST', params: PARAMS, headers: {}, authToken: TOKEN, ...over });

  /** Plivo's V3 for a POST, written out: URL, sorted query, ".", sorted name+value pairs, ".", nonce. */
  function documentedV3(token: string, nonce: string): string {
    const query = 'b=2&portal=acme';
    const pairs = Object.entries(PARAMS)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}${v}`)
      .join('');
    const signed = `https://portal.example.com/webhooks/plivo/message-status?${query}.${pairs}.${nonce}`;
    return createHmac('sha256', token).update(signed).digest('base64');
  }

  describe('V3', () => {
    it('accepts the vector the SDK accepts', () => {
      expect(documentedV3(TOKEN, NONCE)).toBe(SDK_ACCEPTED_V3);
      const headers = { 'x-plivo-signature-v3': SDK_ACCEPTED_V3, 'x-plivo-signature-v3-nonce': NONCE };
      expect(verify({ headers })).toBe(true);
    });

    it('accepts headers as Plivo spells them', () => {
      const headers = { 'X-Plivo-Signature-V3': SDK_ACCEPTED_V3, 'X-Plivo-Signature-V3-Nonce': NONCE };
      expect(verify({ headers })).toBe(true);
    });

    it("accepts the fake Plivo's signature for a fresh nonce", () => {
      const callback = 'http://127.0.0.1:4000/webhooks/plivo/message-status';
      const params = { MessageUUID: 'abc', Status: 'failed', ErrorCode: '30' };
      const headers = fake.signWebhook(callback, params);
      expect(verifyPlivoWebhookSignature({ url: callback, method: 'POST', params, headers, authToken: AUTH_TOKEN })).toBe(true);
    });

    it('accepts one valid signature among several', () => {
      const headers = { 'x-plivo-signature-v3': `bm90IGl0=,${SDK_ACCEPTED_V3}`, 'x-plivo-signature-v3-nonce': NONCE };
      expect(verify({ headers })).toBe(true);
    });

    it('refuses a changed parameter, URL, nonce, method or token', () => {
      const headers = { 'x-plivo-signature-v3': SDK_ACCEPTED_V3, 'x-plivo-signature-v3-nonce': NONCE };
      expect(verify({ headers, params: { ...PARAMS, Status: 'failed' } })).toBe(false);
      expect(verify({ headers, params: { ...PARAMS, Extra: 'x' } })).toBe(false);
      expect(verify({ headers, url: URL_WITH_QUERY.replace('acme', 'globex') })).toBe(false);
      expect(verify({ headers, url: URL_WITH_QUERY.replace('https:', 'http:') })).toBe(false);
      expect(verify({ headers: { ...headers, 'x-plivo-signature-v3-nonce': '1' } })).toBe(false);
      expect(verify({ headers, method: 'GET' })).toBe(false);
      expect(verify({ headers, method: 'PUT' })).toBe(false);
      expect(verify({ headers, authToken: 'other-token' })).toBe(false);
      expect(verify({ headers, authToken: '' })).toBe(false);
    });

    it('does not fall back to V2 when a V3 signature came and is wrong', () => {
      const headers = {
        'x-plivo-signature-v3': documentedV3('attacker-token', NONCE),
        'x-plivo-signature-v3-nonce': NONCE,
        'x-plivo-signature-v2': SDK_ACCEPTED_V2,
        'x-plivo-signature-v2-nonce': NONCE,
      };
      expect(verify({ headers })).toBe(false);
    });

    it('signs GET parameters as part of the sorted query', () => {
      const url = 'https://portal.example.com/hook?z=1&a=2';
      const signature = createHmac('sha256', TOKEN).update(`https://portal.example.com/hook?a=2&z=1.${NONCE}`).digest('base64');
      const headers = { 'x-plivo-signature-v3': signature, 'x-plivo-signature-v3-nonce': NONCE };
      expect(verify({ url, method: 'GET', params: {}, headers })).toBe(true);
      expect(verify({ url: 'https://portal.example.com/hook?z=1&a=3', method: 'GET', params: {}, headers })).toBe(false);
    });
  });

  describe('V2 fallback', () => {
    it('accepts the vector the SDK accepts: URL without its query, then the nonce', () => {
      const expected = createHmac('sha256', TOKEN)
        .update(`https://portal.example.com/webhooks/plivo/message-status${NONCE}`)
        .digest('base64');
      expect(expected).toBe(SDK_ACCEPTED_V2);
      expect(verify({ headers: { 'x-plivo-signature-v2': SDK_ACCEPTED_V2, 'x-plivo-signature-v2-nonce': NONCE } })).toBe(true);
    });

    it("accepts the fake Plivo's V2 signature", () => {
      const headers = fake.signWebhookV2(CALLBACK);
      expect(verifyPlivoWebhookSignature({ url: CALLBACK, method: 'POST', params: PARAMS, headers, authToken: AUTH_TOKEN })).toBe(true);
    });

    it('refuses a wrong signature, nonce or token', () => {
      const headers = { 'x-plivo-signature-v2': SDK_ACCEPTED_V2, 'x-plivo-signature-v2-nonce': NONCE };
      expect(verify({ headers: { ...headers, 'x-plivo-signature-v2-nonce': `${NONCE}0` } })).toBe(false);
      expect(verify({ headers: { ...headers, 'x-plivo-signature-v2': SDK_ACCEPTED_V3 } })).toBe(false);
      expect(verify({ headers, authToken: 'other-token' })).toBe(false);
      expect(verify({ headers, url: 'https://evil.example/webhooks/plivo/message-status' })).toBe(false);
    });
  });

  it('refuses a request with no signature at all', () => {
    expect(verify({ headers: {} })).toBe(false);
    expect(verify({ headers: { 'x-plivo-signature-v3': SDK_ACCEPTED_V3 } })).toBe(false);
  });
});
