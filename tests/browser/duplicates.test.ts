// Duplicates at intake in a real browser: a resident on a phone (390×844) typing a report sees the open report of
// the same pothole on their street and adds their voice with the keyboard, getting their own number and link; DK-03
// sees the possible duplicates of a ticket it triages and merges it into one with one click. axe-core finds no
// serious or critical WCAG 2.1 AA violation on either screen.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { TicketDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { waitForStatus } from '../support/waiting.ts';

let stack: BrowserStack;
let phone: BrowserContext;
let agentApi: TestClient;
let triageApi: TestClient;

beforeAll(async () => {
  stack = await startBrowserStack();
  [agentApi, triageApi] = await Promise.all([signedIn(stack.baseUrl, 'agent'), signedIn(stack.baseUrl, 'triage')]);
  phone = await stack.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'pl-PL',
  });
}, 180_000);

afterAll(async () => {
  await phone?.close();
  await stack?.close();
});

const categoryId = async (code: string): Promise<string> =>
  (await stack.db.query(`SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = $1`, [code])).rows[0]
    .id;

async function report(code: string, fields: { title: string; description: string; address: string }) {
  const res = await agentApi.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await categoryId(code),
    reporter: { name: 'Jan Zgłaszający', phone: '+48 600 700 800' },
    ...fields,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function expectAccessible(page: Page, name: string, width?: number): Promise<void> {
  const violations = await seriousViolations(page);
  await page.screenshot({ path: path.join(screenshots, `duplicates-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  if (width) expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
}

describe('a resident on a phone', () => {
  it('sees the same pothole already reported on their street and adds their voice to it', async () => {
    const main = await report('roads.pothole', {
      title: 'Dziura w jezdni na Zakopiańskiej',
      description: 'Głęboka dziura w jezdni na prawym pasie przed przystankiem.',
      address: 'ul. Zakopiańska 62',
    });
    const page = await phone.newPage();
    await page.goto(`${stack.baseUrl}/zglos`);
    await page.getByRole('heading', { level: 1, name: 'Zgłoś problem lub pomysł' }).waitFor();

    await page.getByTestId('report-category').click();
    await page.keyboard.type('dziura w');
    await page.getByTestId('category-option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('report-category').inputValue()).toBe('Dziura w jezdni');
    await page.getByTestId('report-description').fill('Dziura w jezdni przy przystanku, bardzo głęboka.');
    await page.getByTestId('report-address').fill('Zakopiańska 60');
    await page.keyboard.press('Escape');

    const listed = page.locator(`[data-testid="public-similar-report"][data-number="${main.number}"]`);
    await listed.waitFor();
    // What the public sees: the category and the street, never the other resident's words or name.
    const text = (await page.getByTestId('public-similar').textContent()) ?? '';
    expect(text).toContain('ul. Zakopiańska');
    for (const hidden of ['prawym pasie', 'Jan Zgłaszający', '600 700 800', ' 62']) expect(text).not.toContain(hidden);
    await expectAccessible(page, 'form-similar', 390);

    // From the keyboard: the button is reached by Tab and pressed with Enter.
    const button = listed.getByTestId('public-similar-voice');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('report-created').waitFor();
    await expect.poll(() => page.getByTestId('report-joined').textContent()).toContain(main.number);
    const number = (await page.getByTestId('report-number').textContent())!;
    expect(number).toMatch(/^KCK\/\d{4}\/\d{6}$/);
    expect(number).not.toBe(main.number);
    expect(await page.getByTestId('report-status-url').inputValue()).toContain(
      `/zgloszenie/${number.replaceAll('/', '-')}?token=`,
    );
    await expectAccessible(page, 'voice-added', 390);

    const [voice] = (
      await stack.db.query(
        `SELECT t.status, m.number AS main FROM ticket t JOIN ticket m ON m.id = t.duplicate_of_id WHERE t.number = $1`,
        [number],
      )
    ).rows;
    expect(voice).toEqual({ status: 'duplicate', main: main.number });

    // Its status page says where the matter stands and how many reported it.
    await page.getByTestId('report-open-status').click();
    await page.getByTestId('status-shared-matter').waitFor();
    expect(await page.getByTestId('status-shared-matter').textContent()).toContain(main.number);
    await expectAccessible(page, 'voice-status', 390);
  });
});

describe('DK-03 triaging a ticket', () => {
  it('merges it into a possible duplicate with one click', async () => {
    // A category no routing rule takes: both wait in DK-03's inbox.
    const fields = { address: 'ul. Kalwaryjska 80' };
    const main = await report('other.other', {
      ...fields,
      title: 'Porzucony wózek sklepowy na chodniku',
      description: 'Od tygodnia na chodniku przy Kalwaryjskiej stoi porzucony wózek sklepowy.',
    });
    const later = await report('other.other', {
      ...fields,
      title: 'Wózek sklepowy porzucony na chodniku',
      description: 'Wózek sklepowy leży na chodniku, przeszkadza pieszym.',
    });
    await waitForStatus(triageApi, main.id, 'triage');
    await waitForStatus(triageApi, later.id, 'triage');

    const page = await stack.signIn('triage', '/triage');
    await page.goto(`${stack.baseUrl}/tickets/${later.id}`);
    const candidate = page.locator(
      `[data-testid="duplicate-candidates"] [data-testid="similar-ticket"][data-number="${main.number}"]`,
    );
    await candidate.waitFor();
    await expectAccessible(page, 'triage-candidates');

    await candidate.getByTestId('duplicate-merge').click();
    await page.locator('[data-testid="ticket-status"][data-status="duplicate"]').waitFor();
    const merged = await waitForStatus(triageApi, later.id, 'duplicate');
    expect(merged.events.at(-1)).toMatchObject({
      kind: 'ticket.merged',
      changes: expect.objectContaining({ duplicateOf: { from: null, to: main.number } }),
    });
    await expectAccessible(page, 'triage-merged');

    // The main ticket counts both reporters.
    await page.goto(`${stack.baseUrl}/tickets/${main.id}`);
    await expect.poll(() => page.getByTestId('ticket-reporters').textContent()).toContain('2');
    expect(stack.consoleErrors).toEqual([]);
  });
});
