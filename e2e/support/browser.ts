import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 } as const;
export const NARROW = { width: 360, height: 740 } as const;

/** The built SPA the server serves; the specs drive it, not the dev server. */
export function requireBuiltClient(): void {
  if (!existsSync(join(ROOT, 'client', 'dist', 'index.html'))) {
    throw new Error('client/dist is missing: run `npm run build -w client` (npm test builds it) before the e2e specs');
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

let ipCounter = 0;
/**
 * A fresh browser profile (its own cookies) that the server sees at its own client IP (the harness
 * trusts one proxy hop), so per-IP limits of one person never touch another's.
 */
export interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors in the page and Content-Security-Policy violations; a spec expects none. */
  readonly errors: string[];
  /** Paths of every script the page loaded. */
  readonly scripts: string[];
}

export async function newPerson(browser: Browser, baseURL: string, clockAt: Date): Promise<Person> {
  ipCounter += 1;
  const context = await browser.newContext({
    baseURL,
    viewport: DESKTOP,
    locale: 'en-US',
    timezoneId: 'UTC',
    extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${ipCounter}` },
  });
  const errors: string[] = [];
  // The SPA runs under the server's CSP: anything it blocks (an inline script or style, a foreign
  // origin) is a bug, reported by the page's securitypolicyviolation event and by the console.
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => errors.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  // The server's clock is the test's: the browser's starts at the same time (resend countdowns agree).
  await page.clock.install({ time: clockAt });
  const scripts: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) errors.push(`CSP (console): ${msg.text()}`);
  });
  page.on('request', (req) => {
    if (req.resourceType() === 'script') scripts.push(new URL(req.url()).pathname);
  });
  return { context, page, errors, scripts };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** axe-core on the page as it is now: no violations, or the test fails naming each. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern: an inline <script>
  // tag would be (rightly) refused by it and reported as a violation.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  if (violations.length > 0) {
    const lines = violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`).join('\n')}`);
    throw new Error(`axe found ${violations.length} violation(s) on "${screen}":\n${lines.join('\n')}`);
  }
}

/** Whether anything sticks out sideways (a page must be usable at 360 px without scrolling sideways). */
async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  if (scrollWidth > innerWidth) throw new Error(`"${screen}" scrolls sideways at ${innerWidth} px: content is ${scrollWidth} px wide`);
}

/**
 * One screen checked and kept: axe-core at desktop width and at 360 px, no sideways scrolling at
 * 360 px, and a full-page screenshot of each under test-output/screenshots/.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await settle(page);
  await expectNoAxeViolations(page, `${name} (1280 px)`);
  // With a modal open the backdrop covers the viewport only: a full-page picture would look broken.
  const fullPage = !(await page.evaluate(() => document.querySelector('dialog[open]') !== null));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage });
  await page.setViewportSize(NARROW);
  await settle(page);
  await expectNoAxeViolations(page, `${name} (360 px)`);
  await expectNoSidewaysScroll(page, name);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-360.png`), fullPage });
  await page.setViewportSize(before);
  await settle(page);
}

/** Two animation frames: layout and paint have caught up with the last change. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** The tag and text of the focused element, e.g. "H1 Confirm your phone". */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName} ${(el.textContent ?? '').trim()}`.trim() : '';
  });
}

/** Polls `fn` until it returns true, or fails after `timeoutMs` (no sleeping for state). */
export async function eventually(fn: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
