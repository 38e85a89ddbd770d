// An analyst (DK-05) keeps a central dictionary in the console: finds an entry, relabels it, reads its history
// (before and after, with the note), loses a race to another analyst with a clear 409, and imports a CSV whose bad
// line is listed by number while the good one is saved; renames a street and moves it to another district. The page,
// its dialogs and drawer meet WCAG 2.1 AA. The run's database is shared: this file works in closure_reason on
// entries, and on a street, carrying its own tag.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';

let stack: BrowserStack;
const tag = randomUUID().slice(0, 8);

beforeAll(async () => {
  stack = await startBrowserStack({ worker: false });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect.poll(() => page.locator('[role="progressbar"]').count(), { timeout: 15_000 }).toBe(0);
  const violations = await seriousViolations(page);
  await page.screenshot({ path: path.join(screenshots, `dictionaries-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('the dictionaries page', () => {
  it('lets an analyst edit an entry, read its history, and import a CSV with a bad line', async () => {
    await stack.db.query(
      `INSERT INTO dictionary_entry (dictionary, code, label_pl, label_en, sort_order)
       VALUES ('closure_reason', $1, 'Przekazano do spółki miejskiej', 'Passed to a city company', 50)`,
      [`ui-${tag}`],
    );
    const analyst = await stack.signIn('analityk', '/dashboard', {
      // The race lost on purpose below answers 409.
      isExpectedError: (text, url) => /status of 409/.test(text) && url.includes('/api/dictionaries'),
    });
    await analyst.getByTestId('nav-dictionaries').click();
    await analyst.getByRole('heading', { level: 1, name: 'Słowniki centralne' }).waitFor();
    // Categories first, as a tree: a leaf sits under its group.
    await analyst.locator('[data-testid="dictionary-row"][data-code="roads.pothole"]').waitFor();
    await expectAccessible(analyst, 'categories');

    await analyst.getByTestId('dictionaries-pick').selectOption('closure_reason');
    await analyst.getByTestId('dictionaries-search').fill(tag);
    const row = analyst.locator(`[data-testid="dictionary-row"][data-code="ui-${tag}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-version')).toBe('1');

    // Edit: a new label with a note for the history.
    await row.getByTestId('dictionary-row-edit').click();
    await analyst.getByTestId('dictionary-entry-dialog').waitFor();
    await analyst.getByTestId('dictionary-entry-label-pl').fill('Przekazano do spółki komunalnej');
    await analyst.getByTestId('dictionary-entry-note').fill('Nazwa zgodna z uchwałą');
    await expectAccessible(analyst, 'edit-dialog');
    await analyst.getByTestId('dictionary-entry-submit').click();
    await analyst.getByTestId('dictionary-entry-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-version')).toBe('2');
    expect(await row.getByTestId('dictionary-row-label-pl').innerText()).toBe('Przekazano do spółki komunalnej');

    // The history: the change with its note, the label before and after, and the creation below it.
    await row.getByTestId('dictionary-row-history').click();
    const drawer = analyst.getByTestId('dictionary-history');
    const updated = drawer.locator('[data-testid="dictionary-version"][data-action="updated"]');
    await updated.waitFor();
    expect(await updated.getByTestId('dictionary-version-note').innerText()).toBe('Nazwa zgodna z uchwałą');
    const labelChange = updated.locator('[data-testid="dictionary-version-change"][data-field="labelPl"]');
    expect(await labelChange.getByTestId('dictionary-version-before').innerText()).toBe(
      'Przekazano do spółki miejskiej',
    );
    expect(await labelChange.getByTestId('dictionary-version-after').innerText()).toBe(
      'Przekazano do spółki komunalnej',
    );
    await drawer.locator('[data-testid="dictionary-version"][data-action="created"]').waitFor();
    await expectAccessible(analyst, 'history');
    await analyst.getByTestId('dictionary-history-close').click();
    await drawer.waitFor({ state: 'detached' });

    // Another analyst saves the same entry meanwhile: this one's save is refused, naming the entry.
    await row.getByTestId('dictionary-row-edit').click();
    await analyst.getByTestId('dictionary-entry-label-en').fill('Passed to a municipal company');
    await stack.db.query(
      `UPDATE dictionary_entry SET sort_order = 51 WHERE dictionary = 'closure_reason' AND code = $1`,
      [`ui-${tag}`],
    );
    await analyst.getByTestId('dictionary-entry-submit').click();
    const conflict = analyst.getByTestId('dictionary-entry-error');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain(`ui-${tag}`);
    await analyst.getByTestId('dictionary-entry-cancel').click();
    await expect.poll(() => row.getAttribute('data-version')).toBe('3');

    // CSV import: line 2 is good, line 3 has no Polish label; the good one is saved, the bad one listed.
    await analyst.getByTestId('dictionaries-import').click();
    await analyst.getByTestId('dictionary-import-dialog').waitFor();
    await analyst.getByTestId('dictionary-import-file').setInputFiles({
      name: 'powody.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`code;label_pl;label_en\ncsv-${tag};Z importu;From import\nbad-${tag};;No label\n`),
    });
    await analyst.getByTestId('dictionary-import-submit').click();
    const result = analyst.getByTestId('dictionary-import-result');
    await result.waitFor();
    expect(await result.getAttribute('data-created')).toBe('1');
    expect(await result.getAttribute('data-errors')).toBe('1');
    const bad = analyst.locator('[data-testid="dictionary-import-error-row"][data-line="3"]');
    expect(await bad.innerText()).toContain('label_pl');
    await expectAccessible(analyst, 'import-result');
    await analyst.getByTestId('dictionary-import-close').click();
    await analyst.locator(`[data-testid="dictionary-row"][data-code="csv-${tag}"]`).waitFor();
    expect(await analyst.locator(`[data-testid="dictionary-row"][data-code="bad-${tag}"]`).count()).toBe(0);
    expect(stack.consoleErrors).toEqual([]);
  });

  it('lets an analyst rename a street and move it to another district, with its history', async () => {
    const {
      rows: [street],
    } = await stack.db.query<{ id: string }>(
      `INSERT INTO street (prefix, name, district_id)
       SELECT 'ul.', $1, id FROM dictionary_entry WHERE dictionary = 'district' AND code = 'I' RETURNING id`,
      [`Przeglądarkowa ${tag}`],
    );
    const analyst = await stack.signIn('analityk', '/dashboard', { label: 'analityk-ulice' });
    await analyst.getByTestId('nav-dictionaries').click();
    await analyst.getByRole('heading', { level: 1, name: 'Słowniki centralne' }).waitFor();
    await analyst.getByTestId('dictionaries-pick').selectOption('street');
    await analyst.getByTestId('dictionaries-search').fill(tag);
    const row = analyst.locator(`[data-testid="dictionary-row"][data-code="${street!.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-version')).toBe('1');

    await row.getByTestId('dictionary-row-edit').click();
    await analyst.getByTestId('dictionary-street-dialog').waitFor();
    expect(await analyst.getByTestId('dictionary-street-prefix').inputValue()).toBe('ul.');
    await analyst.getByTestId('dictionary-street-name').fill(`Nowa Przeglądarkowa ${tag}`);
    await analyst.getByTestId('dictionary-street-district').selectOption({ label: 'V Krowodrza' });
    await analyst.getByTestId('dictionary-street-note').fill('Zmiana nazwy uchwałą');
    await expectAccessible(analyst, 'street-dialog');
    await analyst.getByTestId('dictionary-street-submit').click();
    await analyst.getByTestId('dictionary-street-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-version')).toBe('2');
    expect(await row.getByTestId('dictionary-row-label-pl').innerText()).toBe(`ul. Nowa Przeglądarkowa ${tag}`);

    await row.getByTestId('dictionary-row-history').click();
    const updated = analyst.locator('[data-testid="dictionary-version"][data-action="updated"]');
    await updated.waitFor();
    expect(await updated.getByTestId('dictionary-version-note').innerText()).toBe('Zmiana nazwy uchwałą');
    const district = updated.locator('[data-testid="dictionary-version-change"][data-field="parentId"]');
    expect(await district.getByTestId('dictionary-version-before').innerText()).toBe('I');
    expect(await district.getByTestId('dictionary-version-after').innerText()).toBe('V');
    await expectAccessible(analyst, 'street-history');
    expect(stack.consoleErrors).toEqual([]);
  });
});
