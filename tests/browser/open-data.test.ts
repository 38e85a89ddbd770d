// The public open-data page on a phone (390×844), without signing in: tickets written in 2025-04 (a month no other
// test file writes in) in three districts, 3, 7 and 12 of them, reach the figures through the worker's refresh;
// the page shows the 12, never a number of tickets under the threshold in any cell of any grouping (every table
// cell is read), offers the CSV and JSON of what it shows, speaks English and Ukrainian too, and axe-core finds
// no serious or critical WCAG 2.1 AA violation.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { OpenDataMonthlyDto } from '@kck/contracts';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { seededPlaces, writeTicketsInMonth } from '../support/open-data-tickets.ts';
import { sleep } from '../support/waiting.ts';

const MONTH = '2025-04';
const MIN_CELL = 5;
let stack: BrowserStack;
let context: BrowserContext;
let places: Awaited<ReturnType<typeof seededPlaces>>;
let unitCode: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  const query = (sql: string, params?: unknown[]) => stack.db.query(sql, params);
  places = await seededPlaces(query);
  unitCode = `OD-${Date.now().toString(36)}`;
  const unit = await stack.db.query<{ id: string }>(
    `INSERT INTO unit (code, name, kind) VALUES ($1, 'Jednostka otwartych danych', 'municipal_unit') RETURNING id`,
    [unitCode],
  );
  const [small, middle, large] = places.districts;
  const common = { month: MONTH, unitId: unit.rows[0]!.id };
  await writeTicketsInMonth(query, { ...common, count: 3, districtId: small!.id, categoryId: places.leaves[0] });
  await writeTicketsInMonth(query, { ...common, count: 7, districtId: middle!.id, categoryId: places.leaves[1] });
  await writeTicketsInMonth(query, {
    ...common,
    count: 12,
    districtId: large!.id,
    categoryId: places.leaves[0],
    resolved: 6,
  });
  // The worker brings the rollups up to date every few seconds; the page is opened once the figures are there.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${stack.baseUrl}/api/public/open-data/monthly.json?from=${MONTH}&to=${MONTH}`);
    const data = (await res.json()) as OpenDataMonthlyDto;
    if (data.groups?.find((g) => g.code === large!.code)?.cells[0]?.tickets === 12) break;
    if (Date.now() > deadline)
      throw new Error(
        `the figures of ${MONTH} never arrived: ${JSON.stringify(data)}\n` +
          stack.backend.output.filter((line) => /"level":(50|60)/.test(line)).join('\n'),
      );
    // Slowly: the public reads are limited per address (PUBLIC_READS_PER_MINUTE), and the page needs some too.
    await sleep(2000);
  }
  context = await stack.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'pl-PL',
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
});

function watch(page: Page, errors: string[]): Page {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  await page.screenshot({ path: path.join(screenshots, `open-data-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  // A phone: the page itself never scrolls sideways (the table scrolls inside its own region).
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
}

/** Every cell of the figures table: the group (row header), the month and the text shown. */
const tableCells = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('[data-testid="open-data-table"] tbody tr, [data-testid="open-data-table"] tfoot tr')]
    .flatMap((row) => [...row.querySelectorAll('td')].map((td) => ({
      row: row.getAttribute('data-testid'), month: td.getAttribute('data-month'), kind: td.getAttribute('data-kind'),
      text: (td.textContent || '').trim() })))`) as Promise<
    { row: string; month: string; kind: string; text: string }[]
  >;

/** In the tickets view no cell shows a number of tickets under the threshold: "<5", "–" (none) or 5 and more. */
async function expectNoSmallCell(page: Page, what: string): Promise<number> {
  const cells = await tableCells(page);
  expect(cells.length, what).toBeGreaterThan(0);
  for (const cell of cells) {
    if (cell.text === `<${MIN_CELL}` || cell.text === '–') continue;
    const digits = cell.text.replace(/[\s\u00a0\u202f]/g, '');
    expect(digits, `${what}: ${JSON.stringify(cell)}`).toMatch(/^\d+$/);
    expect(Number(digits), `${what}: ${JSON.stringify(cell)}`).toBeGreaterThanOrEqual(MIN_CELL);
  }
  return cells.length;
}

async function openTable(page: Page, query: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/otwarte-dane?${query}`);
  await page.getByTestId('open-data-table').or(page.getByTestId('open-data-empty')).first().waitFor();
}

describe('the open-data page, on a phone, without an account', () => {
  it('shows the figures of the month, suppresses the small cells and is accessible', async () => {
    const errors: string[] = [];
    const page = watch(await context.newPage(), errors);
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await openTable(page, `from=${MONTH}&to=${MONTH}&by=district`);
    await page.getByRole('heading', { level: 1, name: 'Otwarte dane: jak miasto odpowiada na zgłoszenia' }).waitFor();
    const [small, middle, large] = places.districts;
    await expect.poll(() => page.getByTestId(`open-data-cell-${large!.code}`).textContent()).toBe('12');
    expect(await page.getByTestId(`open-data-row-${large!.code}`).locator('th').textContent()).toBe(large!.label);
    expect(await page.getByTestId(`open-data-cell-${small!.code}`).textContent()).toBe('<5');
    // The 7 is hidden as well: with the month's total shown, one hidden cell alone could be worked out.
    expect(await page.getByTestId(`open-data-cell-${middle!.code}`).textContent()).toBe('<5');
    await expectNoSmallCell(page, `districts ${MONTH}`);
    await expectAccessible(page, 'districts-month');

    // The downloads are the same choice.
    expect(await page.getByTestId('open-data-csv').getAttribute('href')).toBe(
      `/api/public/open-data/monthly.csv?by=district&from=${MONTH}&to=${MONTH}`,
    );
    expect(await page.getByTestId('open-data-json').getAttribute('href')).toBe(
      `/api/public/open-data/monthly.json?by=district&from=${MONTH}&to=${MONTH}`,
    );
    await page.getByTestId('open-data-method').getByText('Bieżący miesiąc jest pomijany', { exact: false }).waitFor();

    // Other measures of the same cells: the suppressed ones stay suppressed.
    await openTable(page, `from=${MONTH}&to=${MONTH}&by=district&measure=openShare`);
    await expect.poll(() => page.getByTestId(`open-data-cell-${large!.code}`).textContent()).toBe('50%');
    expect(await page.getByTestId(`open-data-cell-${small!.code}`).textContent()).toBe('<5');

    // The public page runs none of the console's frame: no session check, no socket.
    expect(asked.filter((p) => p.startsWith('/api/auth') || p.startsWith('/socket.io'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('never shows a cell under the threshold, in any grouping, for the default period too', async () => {
    const page = await context.newPage();
    for (const by of ['district', 'category', 'unit']) {
      await openTable(page, `from=2025-01&to=2025-06&by=${by}`);
      expect(await expectNoSmallCell(page, `${by} 2025-01…06`)).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByTestId(`open-data-cell-${unitCode}`).allTextContents()).toContain('22');
    // Without a period: the last twelve completed months, whatever other test files wrote.
    await openTable(page, 'by=district');
    if (await page.getByTestId('open-data-table').count()) await expectNoSmallCell(page, 'districts, last 12 months');
    await expectAccessible(page, 'districts-default');
  });

  it('speaks English and Ukrainian, with the Ukrainian names of the categories', async () => {
    const page = await context.newPage();
    await openTable(page, `from=${MONTH}&to=${MONTH}&by=category&lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Open data: how the city answers reports' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await expect.poll(() => page.getByTestId(`open-data-cell-${places.parent.code}`).textContent()).toBe('22');
    await expectAccessible(page, 'categories-en');
    await page.getByTestId('public-lang-switch').locator('[data-lang="uk"]').click();
    await page.getByRole('heading', { level: 1, name: 'Відкриті дані: як місто відповідає на звернення' }).waitFor();
    await expectNoSmallCell(page, 'categories uk');
    await expectAccessible(page, 'categories-uk');
  });
});
