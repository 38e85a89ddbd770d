// DK-05's dashboard in a real browser: an analyst filters it to a unit of this test's own, reads a figure in a
// chart's table view, follows it to exactly the tickets it counts, and finds the filter kept in the URL after a
// reload. The worker refreshes the rollups and says 'dashboard.changed', so the figure shows without a reload.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { waitForStatus } from '../support/waiting.ts';
import { UNROUTED_CATEGORY_SQL } from '../../backend/src/test-support/builders.ts';

let stack: BrowserStack;

beforeAll(async () => {
  // The figure shows once the worker's rollup refresh has counted this test's tickets: refresh often.
  stack = await startBrowserStack({ env: { ANALYTICS_REFRESH_EVERY_MS: '2000' } });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

/** A phone ticket the worker finds no rule for, routed by triage to `unitId`. */
async function ticketRoutedTo(
  agent: TestClient,
  triage: TestClient,
  unitId: string,
  title: string,
): Promise<TicketDto> {
  const category: { id: string }[] = (await stack.db.query(UNROUTED_CATEGORY_SQL)).rows;
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: category[0]!.id,
    title,
    description: 'Zgłoszenie do sprawdzenia pulpitu DK-05.',
  });
  expect(created.status).toBe(201);
  await waitForStatus(triage, created.body.id, 'triage');
  const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, { unitId });
  expect(routed.status).toBe(200);
  return routed.body;
}

describe('the analytics dashboard', () => {
  it('filters by unit, shows a figure as a table and drills down to exactly its tickets', async () => {
    const code = `TD-${Date.now().toString(36)}`;
    const unit = (
      await stack.db.query(
        `INSERT INTO unit (code, name, kind) VALUES ($1, 'Jednostka pulpitu', 'municipal_unit') RETURNING id`,
        [code],
      )
    ).rows[0] as { id: string };
    const [agent, triage] = await Promise.all([signedIn(stack.baseUrl, 'agent'), signedIn(stack.baseUrl, 'triage')]);
    const tickets: TicketDto[] = [];
    for (let i = 1; i <= 3; i++) tickets.push(await ticketRoutedTo(agent, triage, unit.id, `Pulpit ${code} ${i}`));

    const page = await stack.signIn('analityk', '/dashboard', { viewport: { width: 1400, height: 1000 } });
    await page.getByTestId('dashboard-period').selectOption('thisMonth');
    await page.getByTestId('dashboard-unit').selectOption(unit.id);
    await page.waitForURL(new RegExp(`unitId=${unit.id}`));

    await page.screenshot({ path: path.join(screenshots, 'analytics-0-filtered.png'), fullPage: true });
    await expect.poll(() => page.getByTestId('dashboard-unit').inputValue()).toBe(unit.id);
    const channels = page.getByTestId('chart-tickets-channel');
    await channels.getByTestId('chart-tickets-channel-as-table').click();
    // Until the worker's next refresh counts the tickets the section says there is nothing (no table); the
    // dashboard refetches on the worker's 'dashboard.changed'. On a loaded machine that refresh can take a while.
    const table = page.getByTestId('chart-tickets-channel-table');
    const phone = table.locator('tr[data-row="phone"] td[data-series="tickets"]');
    await expect.poll(() => phone.innerText({ timeout: 1000 }).catch(() => ''), { timeout: 90_000 }).toBe('3');
    expect(await table.locator('caption').innerText()).toContain('kanału');
    expect(await table.locator('th[scope="col"]').count()).toBeGreaterThanOrEqual(2);
    expect(await table.locator('tbody tr').count()).toBe(1);

    // The filter lives in the URL: a reload shows the same view.
    await page.reload();
    await expect.poll(() => page.getByTestId('dashboard-unit').inputValue(), { timeout: 15_000 }).toBe(unit.id);
    await page.getByTestId('chart-tickets-channel').waitFor();
    await expect.poll(() => page.locator('main [role="progressbar"]').count(), { timeout: 15_000 }).toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'analytics-1-dashboard-charts.png'), fullPage: true });
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await page.getByTestId('chart-tickets-channel-as-table').click();
    await page.screenshot({ path: path.join(screenshots, 'analytics-2-table-view.png'), fullPage: true });
    const tableViolations = await seriousViolations(page);
    expect(tableViolations, describeViolations(tableViolations)).toEqual([]);

    await page
      .getByTestId('chart-tickets-channel-table')
      .locator('tr[data-row="phone"] td[data-series="tickets"] a')
      .click();
    await page.waitForURL(/\/tickets\?.*createdFrom=.*channel=phone/);
    expect(page.url()).toContain(`unitId=${unit.id}`);
    const rows = page.getByTestId('ticket-row');
    await expect.poll(() => rows.count()).toBe(3);
    const numbers = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-number')));
    expect(numbers.sort()).toEqual(tickets.map((ticket) => ticket.number).sort());
    await page.getByTestId('tickets-filters').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'analytics-3-drill-down.png'), fullPage: true });

    // The calls behind a call figure: a call recorded now is listed under today's hour.
    const topic = (await stack.db.query(`SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' LIMIT 1`))
      .rows[0] as { id: string };
    const started = new Date(Date.now() - 5 * 60_000);
    const call = await agent.post<{ id: string }>('/api/calls', {
      startedAt: started.toISOString(),
      endedAt: new Date(started.getTime() + 120_000).toISOString(),
      topicId: topic.id,
      outcome: 'information_given',
      informationGiven: 'Godziny otwarcia urzędu.',
    });
    expect(call.status).toBe(201);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(started);
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', hourCycle: 'h23' }).format(
        started,
      ),
    );
    await page.goto(`${stack.baseUrl}/dashboard/calls?from=${today}&to=${today}&hour=${hour}&withTicket=false`);
    await page.locator(`[data-testid="call-row"][data-call-id="${call.body.id}"]`).waitFor();
    await page.getByTestId('calls-filters').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'analytics-4-calls.png'), fullPage: true });
    const callViolations = await seriousViolations(page);
    expect(callViolations, describeViolations(callViolations)).toEqual([]);
    expect(stack.consoleErrors).toEqual([]);
  }, 200_000);
});
