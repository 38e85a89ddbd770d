// Deadlines in a real browser: ZDMK's queue shows a ticket due soon with an amber due chip, and the detail
// pauses the clock with a question to the resident (the chip turns to paused) and resumes it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDto } from '@kck/contracts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { waitForStatus } from '../support/waiting.ts';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe('a ticket close to its deadline', () => {
  it('shows an amber due chip in the unit queue, and the unit pauses and resumes its clock', async () => {
    const [agent, triage] = await Promise.all([signedIn(stack.baseUrl, 'agent'), signedIn(stack.baseUrl, 'triage')]);
    const category = (await stack.db.query(`SELECT id FROM dictionary_entry WHERE code = 'roads.pothole'`)).rows[0] as {
      id: string;
    };
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: category.id,
      title: 'Wyrwa przy przejściu dla pieszych',
      description: 'Piesi potykają się na przejściu.',
      priority: 'urgent',
    });
    expect(created.status).toBe(201);
    await waitForStatus(triage, created.body.id, 'routed');
    await stack.db.query(`UPDATE ticket SET due_at = now() + interval '10 minutes' WHERE id = $1`, [created.body.id]);

    const page = await stack.signIn('drogi', '/unit');
    await page.goto(`${stack.baseUrl}/unit?dueSoon=true&ticket=${created.body.id}`);
    const row = page.locator(`[data-testid="ticket-row"][data-ticket-id="${created.body.id}"]`);
    await row.locator('[data-testid="due-chip"][data-due-state="due_soon"]').waitFor();
    const detail = page.getByTestId('ticket-deadline');
    await detail.locator('[data-testid="due-chip"][data-due-state="due_soon"]').waitFor();

    await page.getByTestId('wait-question').fill('Po której stronie przejścia jest wyrwa?');
    const request = page.waitForRequest((r) => r.url().endsWith(`/api/tickets/${created.body.id}/wait-for-resident`));
    await page.getByTestId('ticket-wait-for-resident').click();
    expect((await request).postDataJSON()).toMatchObject({ question: 'Po której stronie przejścia jest wyrwa?' });
    await page.getByTestId('waiting-for-resident').waitFor();
    await detail.locator('[data-testid="due-chip"][data-due-state="paused"]').waitFor();
    // One place for the due date on the detail, and a history that reads as words, not "false → true".
    expect(await page.getByTestId('ticket-detail').getByTestId('due-chip').count()).toBe(1);
    const waited = page.locator('[data-testid="ticket-event"][data-kind="ticket.waiting_for_resident"]');
    expect(await waited.locator('[data-field="waitingForResident"]').textContent()).toBe(
      'Termin wstrzymany: czeka na odpowiedź mieszkańca',
    );
    await page.screenshot({ path: path.join(screenshots, 'deadlines-waiting.png'), fullPage: true });

    await page.getByTestId('resume-answer').fill('Po stronie parku.');
    await page.getByTestId('ticket-resume').click();
    await page.getByTestId('waiting-for-resident').waitFor({ state: 'detached' });
    await page.locator('[data-testid="ticket-event"][data-kind="ticket.resumed"]').waitFor();
    expect(stack.consoleErrors).toEqual([]);
  }, 90_000);
});
