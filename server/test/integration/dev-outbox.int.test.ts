import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { start, type Running } from '../../src/index';
import { ConsoleSmsSender } from '../../src/sms/console.sender';
import { ConsoleMailSender } from '../../src/notify/console-mail.sender';
import { AccountRow } from '../../src/portals/account.entity';
import { systemClock } from '../../src/lib/clock';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { TEST_PORTALS } from '../support/fixtures';

/**
 * The embedded default's /dev/outbox shows the codes the console sender "sent": live sign-in codes,
 * and the email notices the console mail sender "sent" (no SMTP_URL outside production).
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
  const printed: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'p.sqlite')}`, PORT: '0', DATA_DIR: dir, SMS_PROVIDER: 'console', LOG_LEVEL: 'silent' });
    const sms = new ConsoleSmsSender({ write: () => undefined });
    const mail = new ConsoleMailSender({ write: (line) => printed.push(line) });
    running = await start(config, { migrate: true, sms, mail, notices: { pollMs: 50 } });
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

  it('lists the email notices beside the texts: a reset on the embedded SQLite, queued, claimed and printed by the worker', async () => {
    const seeded = await seedPortalFile(running.ds, TEST_PORTALS, systemClock);
    expect(seeded.ok).toBe(true);
    const m = running.ds.manager;
    const alice = await m.findOneByOrFail(AccountRow, { username: 'alice' });
    const bob = await m.findOneByOrFail(AccountRow, { username: 'bob', portalId: alice.portalId });
    expect(await running.services.reset.reset(alice, bob.id, '192.0.2.7')).toBe(true);
    let page = '';
    for (let i = 0; i < 100 && !page.includes('two-step sign-in was reset'); i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      page = await (await outbox('127.0.0.1')).text();
    }
    expect(page).toContain('Email notices');
    expect(page).toContain('To bob@globex.test');
    expect(page).toContain('Subject: Your Acme Freight two-step sign-in was reset');
    expect(page).toContain('From IP address: 192.0.2.7');
    // The SMS are still there, and the terminal got the email too.
    expect(page).toContain('481516');
    expect(printed.join('\n')).toContain('Email (console sender, not really sent) to bob@globex.test');
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
