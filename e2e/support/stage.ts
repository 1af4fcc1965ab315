import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp, type TestAppOptions } from '../../server/test/support/harness';
import { launchBrowser, newPerson, requireBuiltClient, type Person } from './browser';

/**
 * The stage of one describe block: the built SPA served by an in-process app, and one browser, started
 * before its tests and closed after them. `ready` gets the app once it answers (each spec keeps it in
 * its own `app` and sets it up further there). The answer opens a new person: a fresh browser profile
 * on the app, its clock at the app's. After each test no person may have seen a page error or a CSP
 * violation. `options` may be a function, for options that need something started first (a mail
 * server's port).
 */
export function browserStage(options: TestAppOptions | (() => Promise<TestAppOptions>), ready: (app: TestApp) => Promise<void> | void): () => Promise<Person> {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const people: Person[] = [];

  beforeAll(async () => {
    requireBuiltClient();
    app = await startTestApp(typeof options === 'function' ? await options() : options);
    await ready(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(() => {
    for (const p of people) expect(p.errors).toEqual([]);
  });

  return async () => {
    if (!app || !browser) throw new Error('browserStage: a person was asked for before beforeAll ran');
    const p = await newPerson(browser, app.url, app.clock.now());
    people.push(p);
    return p;
  };
}
