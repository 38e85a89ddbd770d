// DK-03's monitoring page in a real browser: a unit's overdue figure links to exactly its ticket,
// and the page updates live when triage routes another ticket to that unit.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { waitForStatus } from '../support/waiting.ts';
import { UNROUTED_CATEGORY_SQL } from '../../backend/src/test-support/builders.ts';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

/** A ticket the worker finds no rule for, so it lands in DK-03's inbox; then triage routes it to `unitId`. */
async function ticketRoutedTo(agent: TestClient, triage: TestClient, unitId: string): Promise<TicketDto> {
  const category: { id: string }[] = (await stack.db.query(UNROUTED_CATEGORY_SQL)).rows;
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: category[0]!.id,
    title: 'Monitoring w przeglądarce',
    description: 'Zgłoszenie do sprawdzenia monitoringu.',
  });
  expect(created.status).toBe(201);
  await waitForStatus(triage, created.body.id, 'triage');
  const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, { unitId });
  expect(routed.status).toBe(200);
  return routed.body;
}

describe('the monitoring page', () => {
  it('links a unit’s overdue figure to its ticket and updates live', async () => {
    const code = `TB-${Date.now().toString(36)}`;
    const unit = (
      await stack.db.query(
        `INSERT INTO unit (code, name, kind) VALUES ($1, 'Jednostka testowa', 'municipal_unit') RETURNING id`,
        [code],
      )
    ).rows[0] as { id: string };
    const [agent, triageApi] = await Promise.all([signedIn(stack.baseUrl, 'agent'), signedIn(stack.baseUrl, 'triage')]);
    const overdue = await ticketRoutedTo(agent, triageApi, unit.id);
    await stack.db.query(`UPDATE ticket SET due_at = now() - interval '1 day' WHERE id = $1`, [overdue.id]);

    const page = await stack.signIn('triage', '/triage', { viewport: { width: 1500, height: 900 } });
    await page.getByTestId('nav-monitoring').click();
    const row = page.locator(`[data-testid="monitoring-row"][data-unit-code="${code}"]`);
    await row.waitFor();
    await expect.poll(() => row.getByTestId('monitoring-overdue').innerText()).toBe('1');
    expect(Number(await page.getByTestId('monitoring-total-overdue').innerText())).toBeGreaterThanOrEqual(1);

    // Another ticket routed to the unit shows without a reload.
    const url = page.url();
    await ticketRoutedTo(agent, triageApi, unit.id);
    await expect.poll(() => row.locator('td').nth(0).innerText(), { timeout: 15_000 }).toBe('2');
    expect(page.url()).toBe(url);
    await page.screenshot({ path: path.join(screenshots, 'monitoring-1-units.png'), fullPage: true });

    await row.getByTestId('monitoring-overdue').click();
    await page.waitForURL(/\/tickets\?.*overdue=true/);
    const rows = page.getByTestId('ticket-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-number')).toBe(overdue.number);
    await page.getByTestId('tickets-filters').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'monitoring-2-overdue-list.png'), fullPage: true });
    expect(stack.consoleErrors).toEqual([]);
  }, 90_000);
});
