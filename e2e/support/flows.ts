import type { Page } from 'playwright-core';
import { PASSWORD } from '../../server/test/support/fixtures';

/** Username and password on /acme/login, as a person would type them. */
export async function submitPassword(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await submitPasswordAgain(page, password);
}

/** The password only: a sign-in-again screen keeps the username (each spec checks that it did). */
export async function submitPasswordAgain(page: Page, password = PASSWORD): Promise<void> {
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function openLogin(page: Page, portal = 'acme'): Promise<void> {
  await page.goto(`/${portal}/login`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}

export function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/** The message in the error live region. */
export async function errorText(page: Page): Promise<string> {
  const alerts = page.getByRole('alert');
  const texts = await alerts.allTextContents();
  return texts.filter((t) => t.trim() !== '').join(' ');
}
