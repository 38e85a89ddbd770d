// The security officer's question in the console: triage opens a ticket with a resident's phone, then the auditor
// (demo `audytor`, whose home is the access log) finds that view by the resident's phone, downloads the CSV and
// checks the chain. The page meets WCAG 2.1 AA.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDto } from '@kck/contracts';
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
  await page.screenshot({ path: path.join(screenshots, `access-log-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('the access log in the console', () => {
  it('answers who saw this resident’s data and when, exports it as CSV and verifies the chain', async () => {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const phone = `+48 5${digits}`;
    // A call with a ticket, recorded by the hotline through the API; the resident's number becomes the reporter's.
    const agent = await signedIn(stack.baseUrl, 'agent');
    const [topic] = (
      await stack.db.query<{ id: string }>(
        `SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' AND code = 'problem_report'`,
      )
    ).rows;
    const [category] = (await stack.db.query<{ id: string }>(UNROUTED_CATEGORY_SQL)).rows;
    const call = await agent.post<CallDto>('/api/calls', {
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      endedAt: new Date().toISOString(),
      callerPhone: phone,
      topicId: topic!.id,
      outcome: 'problem',
      tickets: [
        {
          type: 'problem',
          categoryId: category!.id,
          title: 'Zepsuta ławka w parku (rejestr dostępu)',
          description: 'Połamana deska w ławce.',
          reporter: { name: 'Jan Rejestrowy' },
        },
      ],
    });
    expect(call.status).toBe(201);
    const number = call.body.ticketNumbers[0]!;
    const [{ id: ticketId }] = (
      await stack.db.query<{ id: string }>(`SELECT id FROM ticket WHERE number = $1`, [number])
    ).rows as [{ id: string }];

    // Triage opens the ticket: the reporter's phone is on screen, and that view goes to the log.
    const triage = await stack.signIn('triage', '/triage');
    await triage.goto(`${stack.baseUrl}/tickets/${ticketId}`);
    await triage.getByTestId('ticket-detail').getByText(phone).waitFor();

    const auditor = await stack.signIn('audytor', '/access-log');
    await auditor.getByRole('heading', { level: 1, name: 'Rejestr dostępu' }).waitFor();
    // The auditor's navigation offers the log and nothing of residents' tickets.
    expect(await auditor.getByTestId('nav-tickets').count()).toBe(0);
    await auditor.getByTestId('access-log-phone').fill(`5${digits}`);
    await auditor.getByTestId('access-log-search').click();
    const row = auditor.locator('[data-testid="access-log-row"][data-user="triage"][data-action="contact_viewed"]');
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain(number);
    expect(await row.first().innerText()).toContain('Tomasz Triażysta');
    await expectAccessible(auditor, 'by-phone');

    const [download] = await Promise.all([
      auditor.waitForEvent('download'),
      auditor.getByTestId('access-log-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rejestr-dostepu-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^Nr;Czas \(UTC\);Login;Użytkownik;Rola;Czynność;/);
    expect(csv).toContain(`;triage;`);
    expect(csv).toContain(number);

    await auditor.getByTestId('access-log-verify').click();
    const verdict = auditor.getByTestId('access-log-verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    expect(await verdict.innerText()).toMatch(/Łańcuch jest nienaruszony/);
    await expectAccessible(auditor, 'verified');

    expect(stack.consoleErrors).toEqual([]);
  });
});
