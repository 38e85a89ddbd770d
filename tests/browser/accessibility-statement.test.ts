// The accessibility statement (/deklaracja-dostepnosci, /accessibility-statement) without an account: the sections
// of the gov.pl model with the city's contact and the date of the last review from config, linked from the web
// form's footer and from the signed-in console, in English too, and axe-core finds no serious or critical
// violation. Also: the built console has no inline script, and its page is served with the strict CSP.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { repoRoot } from '../support/processes.ts';

const REVIEWED_ON = '2026-10-30';
const CONTACT_EMAIL = 'dostepnosc.test@um.krakow.pl';
let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({
    worker: false,
    env: { ACCESSIBILITY_REVIEWED_ON: REVIEWED_ON, ACCESSIBILITY_CONTACT_EMAIL: CONTACT_EMAIL },
  });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

async function publicPage(url: string, errors: string[]): Promise<Page> {
  const context = await stack.browser.newContext({ locale: 'pl-PL', viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(stack.baseUrl + url);
  return page;
}

describe('the built console', () => {
  it('has no inline script, and its pages come with a CSP allowing only its own scripts', async () => {
    const html = readFileSync(path.join(repoRoot, 'agent-console/dist/index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
    const res = await fetch(`${stack.baseUrl}/deklaracja-dostepnosci`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
  });
});

describe('the accessibility statement', () => {
  it('has the sections of the model statement, the city data from config, and is accessible', async () => {
    const errors: string[] = [];
    const page = await publicPage('/deklaracja-dostepnosci', errors);
    await page.getByRole('heading', { level: 1, name: 'Deklaracja dostępności' }).waitFor();
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual([
      'Wstęp',
      'Stan dostępności cyfrowej',
      'Przygotowanie deklaracji dostępności',
      'Informacje zwrotne i dane kontaktowe',
      'Procedura wnioskowo-skargowa',
      'Dostępność architektoniczna',
      'Aplikacje mobilne',
    ]);
    await page.getByRole('heading', { level: 3, name: 'Treści niedostępne' }).waitFor();
    expect(await page.locator('#a11y-podmiot').textContent()).toMatch(/Urząd Miasta Krakowa/);
    expect(await page.locator('#a11y-url').getAttribute('href')).toMatch(/^http/);
    expect(await page.locator('#a11y-data-publikacja').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('#a11y-data-aktualizacja').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('#a11y-status').textContent()).toContain('częściowo zgodna');
    expect(await page.locator('[data-testid="accessibility-statement"] ul li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#a11y-data-przeglad').textContent()).toBe(REVIEWED_ON);
    expect(await page.locator('#a11y-email').getAttribute('href')).toBe(`mailto:${CONTACT_EMAIL}`);
    expect(await page.locator('#a11y-telefon').getAttribute('href')).toMatch(/^tel:\+?\d+$/);
    await page.getByText('Rzecznika Praw Obywatelskich', { exact: false }).first().waitFor();
    await page.getByText('w ciągu 7 dni', { exact: false }).waitFor();

    const violations = await seriousViolations(page);
    await page.screenshot({ path: path.join(screenshots, 'accessibility-statement-pl.png'), fullPage: true });
    expect(violations, describeViolations(violations)).toEqual([]);

    // In English, from the language switch.
    await page.getByTestId('public-lang-switch').locator('[data-lang="en"]').click();
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Enforcement procedure' }).waitFor();
    expect(await page.locator('#a11y-status').textContent()).toContain('partially compliant');
    const english = await seriousViolations(page);
    expect(english, describeViolations(english)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('is also at /accessibility-statement', async () => {
    const errors: string[] = [];
    const page = await publicPage('/accessibility-statement', errors);
    await page.locator('#a11y-data-przeglad').waitFor();
    expect(await page.locator('#a11y-data-przeglad').textContent()).toBe(REVIEWED_ON);
    await page.context().close();
  });
});

describe('links to the statement', () => {
  it("is in the web form's footer and leads to the statement", async () => {
    const errors: string[] = [];
    const page = await publicPage('/zglos', errors);
    const link = page.getByRole('contentinfo').getByTestId('accessibility-statement-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/deklaracja-dostepnosci');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Deklaracja dostępności' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/deklaracja-dostepnosci');
    await page.context().close();
  });

  it('is in the signed-in console', async () => {
    const page = await stack.signIn('agent');
    const link = page.getByRole('contentinfo').getByTestId('accessibility-statement-link');
    await link.waitFor();
    expect(await link.textContent()).toBe('Deklaracja dostępności');
    expect(await link.getAttribute('href')).toBe('/deklaracja-dostepnosci');
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.context().close();
  });
});
