import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { start, type Running } from '../../src/index';
import { ConsoleSmsSender } from '../../src/sms/console.sender';

/**
 * The embedded default's /dev/outbox shows the codes the console sender "sent": live sign-in codes.
 * The server listens on every interface, so the page answers programs on this machine only, decided
 * by the socket's address (never by X-Forwarded-For, which the client writes); anyone else gets 404.
 */

const CODE_TEXT = 'Your Acme Freight sign-in code is 481516. It expires in 5 minutes.';

/** An address of this machine that is not loopback: a connection to it arrives from that address. */
function outsideAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    const a = list?.find((i) => i.family === 'IPv4' && !i.internal);
    if (a) return a.address;
  }
  throw new Error('this machine has no non-loopback IPv4 address to test from');
}

describe('the development SMS outbox answers this machine only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'p2fa-outbox-'));
  let running: Running;

  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'p.sqlite')}`, PORT: '0', DATA_DIR: dir, SMS_PROVIDER: 'console', LOG_LEVEL: 'silent' });
    const sms = new ConsoleSmsSender({ write: () => undefined });
    running = await start(config, { migrate: true, sms });
    await sms.send({ to: '+14155550100', text: CODE_TEXT });
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const outbox = (host: string, headers: Record<string, string> = {}) => fetch(`http://${host}:${running.port}/dev/outbox`, { headers });

  it.each(['127.0.0.1', '[::1]'])('serves the page, code and all, to a client on %s', async (host) => {
    const res = await outbox(host);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('481516');
    // The page runs no script at all.
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('answers 404, without the code, to a client connecting from another address of this machine', async () => {
    const res = await outbox(outsideAddress());
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('481516');
  });

  it('answers 404 to a request a proxy forwarded, even though the proxy connects from loopback', async () => {
    const forwarded: Array<Record<string, string>> = [
      { 'x-forwarded-for': '203.0.113.9' },
      { 'x-forwarded-for': '127.0.0.1' },
      { forwarded: 'for=203.0.113.9' },
    ];
    for (const headers of forwarded) {
      const res = await outbox('127.0.0.1', headers);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('481516');
    }
  });
});
