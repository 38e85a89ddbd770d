// The routing-rules page in a real browser: an admin adds a rule through the dialog and deactivates it;
// DK-03 sees the same list without the editing controls. Screenshots land in var/screenshots/.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

// Other test files route tickets in this database meanwhile: the rule is limited to district XVIII and
// a keyword no ticket carries, and deactivated before the test ends.
const KEYWORD = 'autotestprzegladarka';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ worker: false });
}, 180_000);

afterAll(async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`UPDATE routing_rule SET active = false WHERE $1 = ANY (keywords)`, [KEYWORD]);
  await client.end();
  await stack?.close();
});

describe('the routing-rules page', () => {
  it('lets an admin add and deactivate a rule, and shows DK-03 the rules read-only', async () => {
    const admin = await stack.signIn('admin');
    await admin.getByTestId('nav-routingRules').click();
    await admin.waitForURL('**/routing-rules');
    const rows = admin.locator('[data-testid="routing-rules-table"] [data-testid="routing-rule-row"]');
    await rows.first().waitFor();

    await admin.getByTestId('routing-rule-add').click();
    // Sent empty first: the form names the missing fields without asking the server.
    await admin.getByTestId('rule-submit').click();
    await expect.poll(() => admin.getByRole('dialog').getByText('Wybierz kategorię.').count()).toBe(1);

    await admin.getByTestId('rule-category').selectOption({ label: 'Drogi i chodniki › Dziura w jezdni' });
    expect(await admin.getByRole('dialog').getByText('Wybierz kategorię.').count()).toBe(0);
    await admin.getByTestId('rule-district').selectOption({ label: 'XVIII Nowa Huta' });
    await admin.getByTestId('rule-keywords').fill(`${KEYWORD}, Torowisko`);
    await admin
      .getByTestId('rule-unit')
      .selectOption({ label: 'MPK — Miejskie Przedsiębiorstwo Komunikacyjne S.A. w Krakowie' });
    await admin
      .getByTestId('rule-informed')
      .selectOption([
        { label: 'ZDMK — Zarząd Dróg Miasta Krakowa' },
        { label: 'ZTP — Zarząd Transportu Publicznego w Krakowie' },
      ]);
    await admin.screenshot({ path: path.join(screenshots, 'routing-rules-1-dialog.png'), fullPage: true });
    await admin.getByTestId('rule-submit').click();
    await admin.getByRole('dialog').waitFor({ state: 'detached' });

    // Rows are matched by content: routing-rules.test.ts may add rules in this database at the same time.
    const added = rows.filter({ hasText: KEYWORD });
    await added.waitFor();
    const ruleId = await added.getAttribute('data-rule-id');
    const text = (await added.textContent()) ?? '';
    expect(text).toContain('Drogi i chodniki › Dziura w jezdni');
    expect(text).toContain('XVIII Nowa Huta');
    expect(text).toContain('MPK');
    expect(text).toContain('ZDMK, ZTP');
    await admin.screenshot({ path: path.join(screenshots, 'routing-rules-2-admin-list.png'), fullPage: true });

    await added.getByTestId('routing-rule-toggle').click();
    await expect.poll(() => added.getAttribute('data-active')).toBe('false');

    const triage = await stack.signIn('triage');
    await triage.getByTestId('nav-routingRules').click();
    await triage.locator(`[data-testid="routing-rule-row"][data-rule-id="${ruleId}"][data-active="false"]`).waitFor();
    expect(await triage.getByTestId('routing-rule-add').count()).toBe(0);
    expect(await triage.getByTestId('routing-rule-toggle').count()).toBe(0);
    await triage.screenshot({ path: path.join(screenshots, 'routing-rules-3-triage-read-only.png'), fullPage: true });

    expect(stack.consoleErrors).toEqual([]);
  });
});
