// The analysts' deadline policies page in a real browser: a too-short deadline is refused beside its field,
// a new policy appears in the table, and the next ticket of that kind is due by it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadlinePolicyDto, TicketDto } from '@kck/contracts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ worker: false });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe('the deadline policies page', () => {
  it('lets an analyst add a policy that the next ticket is due by', async () => {
    const page = await stack.signIn('analityk', '/dashboard');
    await page.getByTestId('nav-deadlinePolicies').click();
    await page.getByTestId('deadline-policies-table').waitFor();
    const before = await page.getByTestId('deadline-policy-row').count();

    await page.getByTestId('deadline-policy-add').click();
    await page.getByTestId('deadline-policy-dialog').waitFor();
    await page.getByTestId('policy-type').selectOption('information');
    // A leaf category nobody has a policy for, so the new one is the most specific.
    const category = await page.getByTestId('policy-category').locator('option').nth(3);
    const categoryId = (await category.getAttribute('value'))!;
    await page.getByTestId('policy-category').selectOption(categoryId);
    await page.getByTestId('policy-priority').selectOption('low');
    await page.getByTestId('policy-amount').fill('0');
    await page.getByTestId('deadline-policy-submit').click();
    // Refused in the browser by the contracts' schema, next to the field; nothing sent.
    await page.getByText('Termin w dniach roboczych: liczba całkowita od 1 do 120.').waitFor();

    await page.getByTestId('policy-amount').fill('3');
    await page.screenshot({ path: path.join(screenshots, 'deadline-policies-dialog.png'), fullPage: true });
    await page.getByTestId('deadline-policy-submit').click();
    await page.getByTestId('deadline-policy-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('deadline-policy-row').count()).toBe(before + 1);
    await page.screenshot({ path: path.join(screenshots, 'deadline-policies-list.png'), fullPage: true });

    const analyst = await signedIn(stack.baseUrl, 'analityk');
    const policies = (await analyst.get<DeadlinePolicyDto[]>('/api/deadline-policies')).body;
    expect(policies.find((p) => p.categoryId === categoryId && p.priority === 'low')).toMatchObject({
      ticketType: 'information',
      workingDays: 3,
      active: true,
    });

    // The backend that saved it gives the next such ticket the new deadline at once.
    const agent = await signedIn(stack.baseUrl, 'agent');
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'information',
      channel: 'phone',
      categoryId,
      priority: 'low',
      title: 'Pytanie o termin',
      description: 'Zgłoszenie po zmianie zasady terminu.',
    });
    expect(created.status).toBe(201);
    const days = (Date.parse(created.body.dueAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2);
    expect(days).toBeLessThan(8);
    expect(stack.consoleErrors).toEqual([]);
  }, 60_000);
});
