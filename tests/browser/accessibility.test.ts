// WCAG 2.1 AA (what Polish public-sector law requires of the console): every role signs in and axe-core checks
// each of its main screens as loaded — and with a call on screen, a ticket open, the shortcut help open — with
// zero serious or critical violations. A failure lists each rule and the elements at fault.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TicketDto } from '@kck/contracts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;
let ticket: TicketDto;

beforeAll(async () => {
  stack = await startBrowserStack();
  const agentApi = await signedIn(stack.baseUrl, 'agent');
  const category = await stack.db.query(
    `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`,
  );
  const created = await agentApi.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: category.rows[0].id,
    title: 'Dostępność: dziura w jezdni',
    description: 'Zgłoszenie do sprawdzenia dostępności widoku zgłoszenia.',
    address: 'ul. Królewska 20',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  ticket = created.body;
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

/** The page has rendered its data: a level-1 heading, and nothing left saying "loading". */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect
    .poll(() => page.locator('main [role="progressbar"], main .MuiSkeleton-root').count(), { timeout: 15_000 })
    .toBe(0);
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  await settled(page);
  const violations = await seriousViolations(page);
  await page.screenshot({ path: path.join(screenshots, `a11y-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

async function visit(page: Page, route: string, name: string): Promise<void> {
  await page.goto(`${stack.baseUrl}${route}`);
  await expectAccessible(page, name);
}

describe('every main screen meets WCAG 2.1 AA (no serious or critical axe-core violation)', () => {
  it('for the hotline agent: the call panel (empty, on a call with a ticket and a survey, shortcut help) and the knowledge base', async () => {
    // A login of its own: the demo agent's calls belong to other test files.
    const login = await stack.newAgent('Agentka Dostępności');
    const agent = await stack.signIn(login, '/calls');
    await expectAccessible(agent, 'calls-idle');

    await agent.getByTestId('call-start').click();
    await agent.locator('[data-testid="call-state"][data-state="active"]').waitFor();
    await agent.getByTestId('call-add-ticket').click();
    await agent.getByTestId('ticket-form-address').fill('Floriańska');
    await agent.getByTestId('street-option').first().waitFor();
    await expectAccessible(agent, 'calls-active-ticket');
    await agent.keyboard.press('Escape');
    // Alt+A: the phone survey of this call, inside the call screen.
    await agent.keyboard.press('Alt+KeyA');
    await agent.getByTestId('call-survey').waitFor();
    await expectAccessible(agent, 'calls-survey');

    await agent.getByRole('heading', { level: 1 }).click();
    await agent.keyboard.press('?');
    await agent.getByTestId('shortcuts-dialog').waitFor();
    await expectAccessible(agent, 'shortcut-help');
    await agent.keyboard.press('Escape');
    await agent.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' });
    // The call is ended so it does not stay open in the run's database.
    await agent.getByTestId('call-end').click();
    await agent.locator('[data-testid="call-state"][data-state="wrap_up"]').waitFor();

    await visit(agent, '/knowledge', 'knowledge');
    await agent.getByTestId('kb-search').fill('budżet obywatelski');
    await agent.getByTestId('kb-hit').first().waitFor();
    await expectAccessible(agent, 'knowledge-hits');
  }, 120_000);

  it('for DK-03 triage: the inbox, monitoring, all tickets, a ticket', async () => {
    const triage = await stack.signIn('triage', '/triage');
    await expectAccessible(triage, 'triage');
    await visit(triage, '/monitoring', 'monitoring');
    await visit(triage, '/tickets', 'tickets');
    await visit(triage, `/tickets/${ticket.id}`, 'ticket-detail-triage');
  }, 90_000);

  it('for unit staff: the unit queue and a ticket', async () => {
    const unit = await stack.signIn('drogi', '/unit');
    await expectAccessible(unit, 'unit-queue');
    await visit(unit, `/tickets/${ticket.id}`, 'ticket-detail-unit');
  }, 90_000);

  it('for the analyst: the dashboard and the surveys', async () => {
    const analyst = await stack.signIn('analityk', '/dashboard');
    await expectAccessible(analyst, 'dashboard');
    await visit(analyst, '/surveys', 'surveys');
  }, 90_000);

  it('for the supervisor: the wallboard and the city-wide matters', async () => {
    const supervisor = await stack.signIn('kierownik', '/dashboard');
    await visit(supervisor, '/wallboard', 'wallboard');
    await visit(supervisor, '/city-matters', 'city-matters');
  }, 90_000);

  it('for the knowledge-base editor: search, worklist and articles', async () => {
    const editor = await stack.signIn('redaktor', '/knowledge');
    await expectAccessible(editor, 'editor-knowledge');
    await visit(editor, '/kb/worklist', 'kb-worklist');
    await visit(editor, '/kb/articles', 'kb-articles');
  }, 90_000);

  it('for the admin: routing rules and job queues', async () => {
    const admin = await stack.signIn('admin', '/triage');
    await visit(admin, '/routing-rules', 'routing-rules');
    await visit(admin, '/queues', 'queues');
  }, 90_000);

  it('left no error in any browser console', () => {
    expect(stack.consoleErrors).toEqual([]);
  });
});
