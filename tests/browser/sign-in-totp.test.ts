// An admin without TOTP signs in the way the city requires: the password, then the enrolment screen with the QR
// code, then a code from the app; next time password → code → console. The users page lists the account. Each
// screen meets WCAG 2.1 AA.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ worker: false });
}, 300_000);

afterAll(async () => {
  await stack?.close();
});

async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect.poll(() => page.locator('main [role="progressbar"]').count(), { timeout: 15_000 }).toBe(0);
  const violations = await seriousViolations(page);
  await page.screenshot({ path: path.join(screenshots, `sign-in-totp-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

const codeOf = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

async function password(page: Page, login: string): Promise<void> {
  await page.goto(stack.baseUrl);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('sign-in with a TOTP second factor', () => {
  it('admin: password → enrolment with QR → code → console; then password → code → console', async () => {
    const login = `admin-${randomBytes(4).toString('hex')}`;
    await stack.db.query(
      `INSERT INTO app_user (login, display_name, password_hash, role)
       SELECT $1, 'Adam Administracyjny', password_hash, 'admin' FROM app_user WHERE login = 'admin'`,
      [login],
    );
    const context = await stack.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pl-PL' });
    const page = await context.newPage();

    await password(page, login);
    await page.getByTestId('login-enrol').waitFor();
    await page.getByRole('heading', { name: 'Włącz drugi składnik (TOTP)' }).waitFor();
    await page.getByTestId('login-enrol-qr').waitFor();
    const secret = (await page.getByTestId('login-enrol-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await expectAccessible(page, 'enrol');

    // A wrong code first: refused in Polish, still on the step.
    await page.getByTestId('login-totp-code').fill('000000');
    await page.getByTestId('login-totp-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('Nieprawidłowy kod');

    const firstCode = codeOf(secret);
    await page.getByTestId('login-totp-code').fill(firstCode);
    await page.getByTestId('login-totp-submit').click();
    await page.getByTestId('user-name').waitFor();
    expect(await page.getByTestId('user-name').innerText()).toBe('Adam Administracyjny');

    // The users page lists the account with TOTP on.
    await page.getByTestId('nav-users').click();
    await page.getByRole('heading', { level: 1, name: 'Użytkownicy' }).waitFor();
    await page.locator(`[data-testid="user-row"][data-login="${login}"]`).waitFor();
    expect(await page.locator(`[data-testid="user-row"][data-login="${login}"]`).innerText()).toContain('włączony');
    await expectAccessible(page, 'users');

    // Next sign-in: the code step; the code already used is refused, the next one lets them in.
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    await password(page, login);
    await page.getByTestId('login-totp').waitFor();
    await page.getByTestId('login-totp-code').fill(firstCode);
    await page.getByTestId('login-totp-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('został już użyty');
    await expectAccessible(page, 'code');
    await page.getByTestId('login-totp-code').fill(codeOf(secret, 1));
    await page.getByTestId('login-totp-submit').click();
    await page.getByTestId('user-name').waitFor();
    await context.close();
  });
});
