import { setPolicy, clientFrom, login, startTestApp, type TestApp } from '../support/harness';

const PATH = '/webhooks/plivo/status';
const STATUS = `query($id: ID!) { customer(id: $id) { twoFactor { lastSmsStatus } } }`;

/** Delivery reports: signed by Plivo or ignored; recorded on the message; failures become events. */
describe('Plivo delivery reports', () => {
  let app: TestApp;
  let carolId: string;
  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_URL: 'https://portal.example' } });
    await setPolicy(app, true);
    const carol = clientFrom(app);
    expect((await login(carol, 'carol')).__typename).toBe('CodeRequired');
    const admin = clientFrom(app);
    await login(admin, 'alice');
    const r = await admin.gql(`{ customers(search: "carol") { edges { node { id } } } }`);
    if (!r.body.data) throw new Error(JSON.stringify(r.body));
    carolId = r.body.data.customers.edges[0].node.id;
  });
  afterAll(() => app.close());

  const callbackUrl = 'https://portal.example/webhooks/plivo/status';
  const post = (params: Record<string, string>, headers: Record<string, string>) =>
    fetch(`${app.url}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    });
  const lastStatus = async () => {
    const admin = clientFrom(app);
    await login(admin, 'alice');
    return (await admin.gql(STATUS, { id: carolId })).body.data.customer.twoFactor.lastSmsStatus;
  };

  it('the message was sent with our callback URL', () => {
    expect(app.plivo.messages[0].url).toBe(callbackUrl);
  });

  it('refuses an unsigned or wrongly signed report and changes nothing', async () => {
    const uuid = app.plivo.messages[0].uuid;
    const params = { MessageUUID: uuid, Status: 'failed', ErrorCode: '30' };
    expect((await post(params, {})).status).toBe(403);
    const forged = app.plivo.signWebhook(callbackUrl, { ...params, Status: 'delivered' });
    expect((await post(params, forged)).status).toBe(403); // signed other params
    expect(await lastStatus()).toBe('queued');
  });

  it('records a signed report, and a failure becomes an SMS_DELIVERY_FAILED event', async () => {
    const uuid = app.plivo.messages[0].uuid;
    const params = { MessageUUID: uuid, Status: 'undelivered', ErrorCode: '30' };
    const headers = app.plivo.signWebhook(callbackUrl, params);
    const res = await post(params, headers);
    expect(res.status).toBe(200);
    expect(await lastStatus()).toBe('undelivered');
    const admin = clientFrom(app);
    await login(admin, 'alice');
    const ev = await admin.gql(`{ twoFactorEvents(types: [SMS_DELIVERY_FAILED]) { edges { node { customerUsername detail } } } }`);
    expect(ev.body.data.twoFactorEvents.edges.map((e: any) => e.node)).toEqual([
      { customerUsername: 'carol', detail: 'provider reported undelivered (error 30)' },
    ]);
    // The same signed report again is a replay: ignored.
    const replay = await post(params, headers);
    expect(((await replay.json()) as { outcome: string }).outcome).toBe('replayed');
  });

  it('accepts a V2 signature (URL and nonce), as Plivo sends for messaging', async () => {
    const uuid = app.plivo.messages[0].uuid;
    const res = await post({ MessageUUID: uuid, Status: 'delivered' }, app.plivo.signWebhookV2(callbackUrl));
    expect(res.status).toBe(200);
    expect(await lastStatus()).toBe('delivered');
  });

  it('answers 400 "malformed report" to a body that is not flat string fields, signed or not, changes nothing and logs no error', async () => {
    const uuid = app.plivo.messages[0].uuid;
    const before = await lastStatus();
    const logsBefore = app.logs.length;
    const postJson = (body: unknown, headers: Record<string, string>) =>
      fetch(`${app.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const bodies: unknown[] = [
      { MessageUUID: uuid, Status: 5 },
      { MessageUUID: { $ne: '' }, Status: 'failed' },
      { MessageUUID: [uuid, 7], Status: 'failed' },
      { MessageUUID: uuid, Status: null },
      [uuid, 'failed'],
    ];
    for (const body of bodies) {
      // Both signature schemes, with what a client could compute: V2 signs only the URL and a nonce.
      for (const headers of [app.plivo.signWebhookV2(callbackUrl), app.plivo.signWebhook(callbackUrl, { MessageUUID: uuid, Status: 'failed' })]) {
        const res = await postJson(body, headers);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ error: 'malformed report' });
      }
    }
    expect(await lastStatus()).toBe(before);
    const errors = app.logs.slice(logsBefore).filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
  });
});
