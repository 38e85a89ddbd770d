// An analyst (DK-05) opens the monthly KCK report in the console, downloads it as XLSX (the browser's download, read
// back with exceljs), builds and previews a filtered table of their own, saves it, schedules it and edits the
// schedule; a head of unit reads their unit's report. The page meets WCAG 2.1 AA.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
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
  await page.screenshot({ path: path.join(screenshots, `reports-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('reports in the console', () => {
  it('shows the monthly report, downloads it as XLSX and saves an own table', async () => {
    const analyst = await stack.signIn('analityk', '/dashboard');
    await analyst.getByTestId('nav-reports').click();
    await analyst.getByRole('heading', { level: 1, name: 'Raporty' }).waitFor();

    await analyst.getByTestId('report-period').fill('2026-10');
    await analyst.getByTestId('report-show').click();
    await expect
      .poll(() => analyst.getByTestId('report-title').innerText())
      .toBe('Raport miesięczny KCK: październik 2026');
    await analyst.getByTestId('report-section-tickets_by_unit').waitFor();
    await analyst.getByRole('table', { name: 'Zgłoszenia według kanału' }).waitFor();
    await expectAccessible(analyst, 'monthly');

    const [download] = await Promise.all([
      analyst.waitForEvent('download'),
      analyst.getByTestId('report-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('raport-miesieczny-2026-10.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    expect(workbook.worksheets.length).toBeGreaterThan(5);
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('Podsumowanie: informacja a zgłoszenia');

    // A table of their own: tickets by district and status, last month; previewed, then saved and shared.
    const name = `Dzielnice i statusy ${randomBytes(3).toString('hex')}`;
    await analyst.getByTestId('table-dimension-0').selectOption('district');
    await analyst.getByTestId('table-dimension-1').selectOption('status');
    await analyst.getByTestId('table-filter-channel').selectOption('phone');
    await analyst.getByTestId('table-preview').click();
    await analyst.getByTestId('table-preview-result').waitFor();
    await analyst.getByTestId('table-name').fill(name);
    await analyst.getByTestId('table-save').click();
    await analyst.getByTestId('table-saved').waitFor();
    await analyst.getByTestId('saved-table-row').filter({ hasText: name }).waitFor();
    await expectAccessible(analyst, 'table-saved');
    const saved = (await stack.db.query(`SELECT id, definition FROM report_table WHERE name = $1`, [name])).rows as {
      id: string;
      definition: { filters: Record<string, string> };
    }[];
    expect(saved[0]!.definition.filters).toEqual({ channel: 'phone' });

    // The table e-mailed every month, then the schedule edited to another day and hour in the same form.
    const schedule = `Wysyłka ${name}`;
    await analyst.getByTestId('schedule-name').fill(schedule);
    await analyst.getByTestId('schedule-source').selectOption(`table:${saved[0]!.id}`);
    await analyst.getByTestId('schedule-recipients').fill('dk05@example.test');
    await analyst.getByTestId('schedule-create').click();
    const row = analyst.getByTestId('schedule-row').filter({ hasText: schedule });
    await expect.poll(() => row.innerText()).toContain('co miesiąc, 2. dnia o 7:00');
    await row.getByTestId('schedule-edit').click();
    await expect.poll(() => analyst.getByTestId('schedule-name').inputValue()).toBe(schedule);
    await analyst.locator('#schedule-day').selectOption('5');
    await analyst.locator('#schedule-hour').selectOption('9');
    await analyst.getByTestId('schedule-create').click();
    await expect.poll(() => row.innerText()).toContain('co miesiąc, 5. dnia o 9:00');
    expect(await analyst.getByTestId('schedule-row').filter({ hasText: schedule }).count()).toBe(1);
    await expect.poll(() => analyst.getByTestId('schedule-name').inputValue()).toBe('');
    await expectAccessible(analyst, 'schedule-edited');

    expect(stack.consoleErrors).toEqual([]);
  }, 180_000);

  it("gives a head of unit their own unit's report", async () => {
    const head = await stack.signIn('drogi', '/unit');
    await head.getByTestId('nav-reports').click();
    await head.getByRole('heading', { level: 1, name: 'Raporty' }).waitFor();
    expect(await head.getByTestId('report-kind').count()).toBe(0);
    await head.getByTestId('report-period').fill('2026-10');
    await head.getByTestId('report-show').click();
    await expect
      .poll(() => head.getByTestId('report-title').innerText())
      .toMatch(/^Raport jednostki ZDMK .*: październik 2026$/);
    await head.getByTestId('report-section-oldest').waitFor();
    expect(await head.getByTestId('table-save').count()).toBe(0);
    expect(stack.consoleErrors).toEqual([]);
  }, 180_000);
});
