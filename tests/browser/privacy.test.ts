// The admin answers a resident's RODO requests in the console: finds the person by phone, records an access request
// and downloads the JSON export and opens the printable page, then records an erasure request and erases after a
// confirmation that says the open ticket stays open. The page meets WCAG 2.1 AA.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDto } from '@kck/contracts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { UNROUTED_CATEGORY_SQL } from '../../backend/src/test-support/builders.ts';

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
  await page.screenshot({ path: path.join(screenshots, `privacy-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('data protection in the console', () => {
  it('finds a person, exports their data and erases it, the open ticket staying open', async () => {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const phone = `+48 5${digits}`;
    const agent = await signedIn(stack.baseUrl, 'agent');
    const [category] = (await stack.db.query<{ id: string }>(UNROUTED_CATEGORY_SQL)).rows;
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: category!.id,
      title: 'Przewrócony znak (RODO)',
      description: 'Znak drogowy leży na chodniku.',
      reporter: { name: 'Ewa Wnioskująca', phone },
    });
    expect(created.status).toBe(201);

    const admin = await stack.signIn('admin', '/triage');
    await admin.getByTestId('nav-privacy').click();
    await admin.getByRole('heading', { level: 1, name: 'Ochrona danych (RODO)' }).waitFor();
    await admin.getByTestId('privacy-phone').fill(`5${digits}`);
    await admin.getByTestId('privacy-search').click();
    await expect.poll(() => admin.getByTestId('privacy-count-tickets').getAttribute('data-count')).toBe('1');
    await expect.poll(() => admin.getByTestId('privacy-count-openTickets').getAttribute('data-count')).toBe('1');
    await expectAccessible(admin, 'found');

    // Access: recorded, then the JSON downloaded and the printable page opened.
    await admin.getByTestId('privacy-record-access').click();
    await admin.getByTestId('privacy-recorded').waitFor();
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByTestId('privacy-recorded').getByTestId('privacy-export-json').click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      groups: { key: string; rows: { reporter_name?: string }[] }[];
    };
    expect(exported.groups.find((g) => g.key === 'ticket')?.rows[0]?.reporter_name).toBe('Ewa Wnioskująca');
    const [printable] = await Promise.all([
      admin.context().waitForEvent('page'),
      admin.getByTestId('privacy-recorded').getByTestId('privacy-export-html').click(),
    ]);
    await printable.getByRole('heading', { level: 1, name: /Informacja o przetwarzanych danych osobowych/ }).waitFor();
    expect(await printable.locator('body').innerText()).toContain('Ewa Wnioskująca');
    await printable.close();

    // Erasure: the confirmation says the open ticket stays open; afterwards its number is named.
    await admin.getByTestId('privacy-record-erasure').click();
    await admin.getByTestId('privacy-erase').click();
    await expect.poll(() => admin.getByTestId('privacy-confirm-open').innerText()).toContain('pozostaną otwarte');
    await expectAccessible(admin, 'confirm');
    await admin.getByTestId('privacy-confirm-erase').click();
    await expect.poll(() => admin.getByTestId('privacy-erased').innerText()).toContain(created.body.number!);
    await admin.getByTestId('privacy-request-row').filter({ hasText: 'usunięto dane' }).first().waitFor();
    await expectAccessible(admin, 'erased');

    const [ticket] = (
      await stack.db.query<{ status: string; reporter_phone: string | null }>(
        `SELECT status, reporter_phone FROM ticket WHERE id = $1`,
        [created.body.id],
      )
    ).rows;
    // Still open (no worker runs here, so it was never routed), without the reporter's number.
    expect(ticket).toEqual({ status: 'new', reporter_phone: null });
    expect(stack.consoleErrors).toEqual([]);
  });
});
