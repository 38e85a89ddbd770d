// A ticket the unit's system never received, in a real browser: DK-03 sees the warning on the ticket and
// records that it was passed on by phone; the warning goes and the history says how.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetailDto, TicketDto } from '@kck/contracts';
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

describe('an undelivered ticket in the console', () => {
  it('lets DK-03 record that it was passed on another way', async () => {
    const agent = await signedIn(stack.baseUrl, 'agent');
    const category: { id: string }[] = (
      await stack.db.query(`SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`)
    ).rows;
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: category[0]!.id,
      title: 'Dziura — system jednostki nie odebrał',
      description: 'Zgłoszenie do sprawdzenia ostrzeżenia o nieodebranym zgłoszeniu.',
    });
    expect(created.status).toBe(201);
    const triage = await signedIn(stack.baseUrl, 'triage');
    await waitForStatus(triage, created.body.id, 'routed');
    // The webhook path is covered by tests/integration/unit-webhooks.test.ts; here the flag is the starting state.
    await stack.db.query(`UPDATE ticket SET delivery_failed = true, version = version + 1 WHERE id = $1`, [
      created.body.id,
    ]);

    const page = await stack.signIn('triage', '/triage');
    await page.goto(`${stack.baseUrl}/tickets/${created.body.id}`);
    const notice = page.getByTestId('ticket-delivery-failed');
    await notice.waitFor();
    await page.getByTestId('delivery-passed-on').click();
    await page.getByTestId('delivery-reason').fill('ok');
    await page.getByRole('button', { name: 'Zapisz' }).click();
    // Too short: said next to the field, nothing sent.
    await page.getByText('Uzasadnienie: co najmniej 3 znaki', { exact: false }).waitFor();
    await page.getByTestId('delivery-reason').fill('Przekazane telefonicznie do dyżurnego ZDMK');
    await page.screenshot({ path: path.join(screenshots, 'delivery-failed.png'), fullPage: true });
    await page.getByRole('button', { name: 'Zapisz' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.getByText('Przekazano jednostce inną drogą').first().waitFor();
    await page.getByText('Przekazane telefonicznie do dyżurnego ZDMK').first().waitFor();

    const after = await triage.get<TicketDetailDto>(`/api/tickets/${created.body.id}`);
    expect(after.body.deliveryFailed).toBe(false);
    expect(stack.consoleErrors).toEqual([]);
  }, 60_000);
});
