// The unit workspace's assignment and answers in real browsers: a ZDMK user writes an answer template, takes a
// ticket and answers the resident from the template; a second page on the same ticket sees both live.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import pg from 'pg';
import type { TicketDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;
let agentApi: TestClient;

beforeAll(async () => {
  stack = await startBrowserStack();
  agentApi = await signedIn(stack.baseUrl, 'agent');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

async function potholeCategory(): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const rows = await client.query(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`,
    );
    return rows.rows[0].id;
  } finally {
    await client.end();
  }
}

const row = (page: Page, ticketId: string) => page.locator(`[data-testid="ticket-row"][data-ticket-id="${ticketId}"]`);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `unit-answers-${name}.png`), fullPage: true });

describe('a unit user answering a resident', () => {
  it('takes the ticket and answers from a template; a second page on the ticket sees it live', async () => {
    const unit = await stack.signIn('drogi', '/unit');
    const watcher = await stack.signIn('drogi', '/unit', { label: 'drogi (second page)' });
    const templateName = `Termin naprawy ${Date.now()}`;

    // A template of the unit, written in the settings panel under the queue.
    await unit.getByTestId('template-new').click();
    await unit.getByTestId('template-name').fill(templateName);
    await unit
      .getByTestId('template-body')
      .fill('Dzień dobry {{zglaszajacy}}, zgłoszenie {{numer}} ({{adres}}) naprawimy do {{termin}}. {{jednostka}}');
    await unit.getByTestId('template-save').click();
    await unit.locator('[data-testid="template-row"]', { hasText: templateName }).waitFor();

    const created = await agentApi.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await potholeCategory(),
      address: 'ul. Wielicka 30',
      title: 'Dziura przy przejściu dla pieszych',
      description: 'Głęboka dziura tuż przy pasach.',
      reporter: { name: 'Ewa Mieszkańska', email: 'ewa@example.org' },
    });
    expect(created.status).toBe(201);
    const ticket = created.body;

    for (const page of [unit, watcher]) {
      await row(page, ticket.id).waitFor({ timeout: 15_000 });
      await row(page, ticket.id).click();
      await page.getByTestId('ticket-assignee').waitFor();
    }
    expect(await watcher.getByTestId('ticket-assignee').innerText()).toBe('nikogo');

    // Take it: the other page shows the assignee without a reload.
    await unit.getByTestId('ticket-take').click();
    await expect.poll(() => unit.getByTestId('ticket-assignee').innerText()).toBe('Dorota Drogowa (ZDMK)');
    await expect
      .poll(() => watcher.getByTestId('ticket-assignee').innerText(), { timeout: 10_000 })
      .toBe('Dorota Drogowa (ZDMK)');
    await expect.poll(() => row(watcher, ticket.id).getAttribute('data-assignee')).not.toBe('');

    // An answer from the template: filled with the ticket's fields, still editable, sent as an answer.
    await unit.getByTestId('comment-kind-answer').check();
    const template = unit.getByTestId('comment-template');
    await template.selectOption({ label: templateName });
    const body = unit.getByTestId('comment-body');
    await expect.poll(() => body.inputValue()).toContain(`zgłoszenie ${ticket.number} (ul. Wielicka 30)`);
    expect(await body.inputValue()).toContain('Dzień dobry Ewa Mieszkańska');
    expect(await body.inputValue()).not.toContain('{{');
    await shot(unit, '1-answer-from-template');
    const sent = unit.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith(`/api/tickets/${ticket.id}/comments`),
    );
    await unit.getByTestId('comment-submit').click();
    expect((await sent).postDataJSON()).toMatchObject({ kind: 'answer', body: expect.stringContaining(ticket.number) });
    await unit.getByTestId('comment-success').waitFor();

    // The second page shows the answer in the history, live.
    const answered = watcher.locator('[data-testid="ticket-event"][data-kind="ticket.answered"]');
    await answered.waitFor({ timeout: 10_000 });
    expect(await answered.innerText()).toContain(`zgłoszenie ${ticket.number}`);
    await shot(watcher, '2-seen-live');

    // The queue's "assigned to me" filter keeps it; "unassigned" does not.
    await unit.getByTestId('queue-assignee').selectOption('unassigned');
    await expect.poll(() => row(unit, ticket.id).count()).toBe(0);
    await unit.getByTestId('queue-assignee').selectOption('me');
    await row(unit, ticket.id).waitFor();

    expect(stack.consoleErrors).toEqual([]);
  }, 90_000);
});
