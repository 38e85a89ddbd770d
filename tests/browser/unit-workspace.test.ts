// The unit's side of a ticket in real browsers: ZDMK accepts, starts and returns a ticket to DK-03, which sees
// it arrive live with the unit's reason and rejects it; two unit users on one ticket, the stale one gets a 409;
// DK-03 closes a resolved ticket with a closure reason.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import pg from 'pg';
import type { TicketDetailDto, TicketDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack, type SignInOptions } from '../support/browser-stack.ts';

const RETURN_REASON = 'Ul. Konopnickiej to droga krajowa — zarządza nią GDDKiA, nie ZDMK.';
const REJECT_REASON = 'Odcinek zarządzany przez GDDKiA; przekazaliśmy mieszkańcowi kontakt do oddziału w Krakowie.';

let stack: BrowserStack;
let agentApi: TestClient;
/** Failed requests a test provokes on purpose, e.g. the stale accept answered 409: `${label} ${url}`. */
const expectedFailures = new Set<string>();
const seenExpectedFailures: string[] = [];

/** Signs in through the shared stack; a failure this file provokes on purpose is recorded, not reported. */
function signInHere(login: string, landing: string, options: Omit<SignInOptions, 'isExpectedError'> = {}) {
  const label = options.label ?? login;
  return stack.signIn(login, landing, {
    ...options,
    isExpectedError: (_text, url) => {
      const failure = `${label} ${url}`;
      if (!expectedFailures.has(failure)) return false;
      seenExpectedFailures.push(failure);
      return true;
    },
  });
}

beforeAll(async () => {
  stack = await startBrowserStack();
  agentApi = await signedIn(stack.baseUrl, 'agent');
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

async function seededId(sql: string, params: unknown[]): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows[0].id;
  } finally {
    await client.end();
  }
}

/** A pothole reported by the hotline through the API; the category's rule routes it to ZDMK. */
async function reportPothole(title: string): Promise<TicketDto> {
  const categoryId = await seededId(
    `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`,
    [],
  );
  const res = await agentApi.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId,
    address: 'ul. Konopnickiej 12',
    title,
    description: 'Dziura na prawym pasie, kierowcy gwałtownie hamują.',
  });
  expect(res.status).toBe(201);
  return res.body;
}

const row = (page: Page, ticketId: string) => page.locator(`[data-testid="ticket-row"][data-ticket-id="${ticketId}"]`);
const status = (page: Page, value: string) =>
  page.locator(`[data-testid="ticket-status"][data-status="${value}"]`).waitFor();
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `unit-workspace-${name}.png`), fullPage: true });

/** Clicks a move and returns the JSON body the console sent with it. */
async function sentBody(page: Page, ticketId: string, action: string, click: () => Promise<void>) {
  const request = page.waitForRequest(
    (r) => r.method() === 'POST' && r.url().endsWith(`/api/tickets/${ticketId}/${action}`),
  );
  await click();
  return (await request).postDataJSON() as { version?: number; reason?: string; closureReasonId?: string };
}

describe('the unit workspace', () => {
  it('accepts, starts and returns a ticket to DK-03, which sees the reason and rejects it', async () => {
    const unit = await signInHere('drogi', '/unit');
    const triage = await signInHere('triage', '/triage');
    const created = await reportPothole('Dziura w jezdni na Konopnickiej');

    // ZDMK sees it arrive without a reload, and gets exactly the moves the lifecycle allows it on `routed`.
    await row(unit, created.id).waitFor({ timeout: 15_000 });
    await row(unit, created.id).click();
    await status(unit, 'routed');
    const actions = unit.getByTestId('ticket-actions');
    expect(await actions.getAttribute('data-actions')).toBe('accept return');
    await expect.poll(() => unit.getByTestId('ticket-start').count()).toBe(0);

    const routedVersion = (await agentApi.get<TicketDetailDto>(`/api/tickets/${created.id}`)).body.version;
    const accepted = await sentBody(unit, created.id, 'accept', () => unit.getByTestId('ticket-accept').click());
    expect(accepted.version).toBe(routedVersion);
    await status(unit, 'accepted');
    expect(await actions.getAttribute('data-actions')).toBe('start resolve return');

    await unit.getByTestId('ticket-start').click();
    await status(unit, 'in_progress');
    await unit.getByTestId('move-success').waitFor();
    await shot(unit, '1-in-progress');

    // Return to DK-03: the reason is required, and checked in the browser before anything is sent.
    await unit.getByTestId('ticket-return').click();
    await unit.getByTestId('move-reason').fill('ab');
    await unit.getByTestId('move-submit').click();
    await expect.poll(() => unit.getByTestId('move-reason').getAttribute('aria-invalid')).toBe('true');
    await status(unit, 'in_progress');
    await unit.getByTestId('move-reason').fill(RETURN_REASON);
    await shot(unit, '2-return-dialog');
    const returned = await sentBody(unit, created.id, 'return', () => unit.getByTestId('move-submit').click());
    expect(returned).toEqual({ reason: RETURN_REASON, version: routedVersion + 2 });

    // The ticket is no longer the unit's: the pane says where it went and the queue lost the row.
    const gone = unit.getByTestId('ticket-gone');
    await gone.waitFor();
    expect(await gone.innerText()).toContain(created.number);
    expect(await gone.innerText()).toContain('DK-03');
    await expect.poll(() => row(unit, created.id).count()).toBe(0);
    await shot(unit, '3-returned');

    // DK-03's inbox shows it live, with the unit's reason in the history.
    await row(triage, created.id).waitFor({ timeout: 15_000 });
    expect(await row(triage, created.id).getAttribute('data-status')).toBe('returned');
    await row(triage, created.id).click();
    await status(triage, 'returned');
    const returnEvent = triage.locator('[data-testid="ticket-event"][data-kind="ticket.returned"]');
    await returnEvent.waitFor();
    expect(await returnEvent.innerText()).toContain(RETURN_REASON);
    expect(await triage.getByTestId('ticket-actions').getAttribute('data-actions')).toBe('route reject');
    await shot(triage, '4-triage-returned');

    // Triage rejects it; the justification is what the resident reads.
    await triage.getByTestId('ticket-reject').click();
    await triage.getByTestId('move-reason').fill(REJECT_REASON);
    await shot(triage, '5-reject-dialog');
    await triage.getByTestId('move-submit').click();
    await status(triage, 'rejected');
    await triage.getByTestId('move-success').waitFor();
    expect(await triage.getByTestId('ticket-resolution').innerText()).toBe(REJECT_REASON);
    await triage.locator('[data-testid="ticket-event"][data-kind="ticket.rejected"]').waitFor();
    await expect.poll(() => row(triage, created.id).count()).toBe(0);
    await shot(triage, '6-triage-rejected');

    const final = await agentApi.get<TicketDetailDto>(`/api/tickets/${created.id}`);
    expect(final.body.status).toBe('rejected');
    expect(final.body.events.map((e) => e.kind)).toEqual([
      'ticket.created',
      'ticket.routed',
      'ticket.accepted',
      'ticket.started',
      'ticket.returned',
      'ticket.rejected',
    ]);
  });

  it('shows the second unit user, acting on a stale view, the 409 and where the ticket stands now', async () => {
    // The second browser's live updates can be held back, so it keeps showing the ticket as it was.
    let frozen = false;
    let upgraded = false;
    const first = await signInHere('drogi', '/unit', { label: 'drogi#1' });
    const second = await signInHere('drogi', '/unit', {
      label: 'drogi#2',
      beforeLoad: (page) =>
        page.routeWebSocket(/\/socket\.io\//, (ws) => {
          const server = ws.connectToServer();
          ws.onMessage((message) => {
            if (message === '5') upgraded = true; // Engine.IO upgrade done: every later message comes this way
            server.send(message);
          });
          server.onMessage((message) => {
            if (frozen && typeof message === 'string' && message.startsWith('42["ticket.')) return;
            ws.send(message);
          });
        }),
    });
    await expect.poll(() => upgraded, { timeout: 10_000 }).toBe(true);

    const created = await reportPothole('Zapadnięta studzienka na Konopnickiej');
    for (const page of [first, second]) {
      await row(page, created.id).waitFor({ timeout: 15_000 });
      await row(page, created.id).click();
      await status(page, 'routed');
    }

    frozen = true;
    await first.getByTestId('ticket-accept').click();
    await status(first, 'accepted');
    await second.waitForTimeout(1_000); // long enough for a live update to arrive, were it let through
    await status(second, 'routed');

    expectedFailures.add(`drogi#2 ${stack.baseUrl}/api/tickets/${created.id}/accept`);
    await second.getByTestId('ticket-accept').click();
    const error = second.getByTestId('move-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Ktoś właśnie zmienił te dane');
    expect(await error.innerText()).toContain('Obecny status zgłoszenia: Przyjęte');
    expect(await second.getByTestId('error-current-status').getAttribute('data-status')).toBe('accepted');
    // The ticket was refetched: the view now shows it accepted, with the moves that status allows.
    await status(second, 'accepted');
    await second.getByTestId('ticket-start').waitFor();
    await shot(second, '7-stale-accept-409');
    expect(seenExpectedFailures).toEqual([`drogi#2 ${stack.baseUrl}/api/tickets/${created.id}/accept`]);
    frozen = false;
  });

  it('lets DK-03 close a resolved ticket only with a closure reason, which the ticket then shows', async () => {
    const created = await reportPothole('Zapadnięty krawężnik na Konopnickiej');
    const unitApi = await signedIn(stack.baseUrl, 'drogi');
    expect((await unitApi.post(`/api/tickets/${created.id}/accept`, {})).status).toBe(200);
    const resolved = await unitApi.post(`/api/tickets/${created.id}/resolve`, { answer: 'Krawężnik wymieniony.' });
    expect(resolved.status).toBe(200);

    const triage = await signInHere('triage', '/triage', { label: 'triage#close' });
    await triage.goto(`${stack.baseUrl}/tickets/${created.id}`);
    await status(triage, 'resolved');
    await triage.getByTestId('ticket-close').click();
    // No reason picked: the browser says so before anything is sent.
    await triage.getByTestId('move-submit').click();
    await expect.poll(() => triage.getByTestId('move-closure-reason').getAttribute('aria-invalid')).toBe('true');
    await status(triage, 'resolved');
    await triage.getByTestId('move-closure-reason').selectOption({ label: 'Sprawa załatwiona' });
    await shot(triage, '8-close-dialog');
    const sent = await sentBody(triage, created.id, 'close', () => triage.getByTestId('move-submit').click());
    expect(sent).toMatchObject({ closureReasonId: expect.any(String) });
    await status(triage, 'closed');
    await expect.poll(() => triage.getByTestId('ticket-closure-reason').innerText()).toBe('Sprawa załatwiona');
    const closedEvent = triage.locator('[data-testid="ticket-event"][data-kind="ticket.closed"]');
    await closedEvent.waitFor();
    expect(await closedEvent.innerText()).toContain('Sprawa załatwiona');
    await shot(triage, '9-closed-with-reason');
  });

  it('left no error in any browser console (CSP violations and React errors included)', () => {
    expect(stack.consoleErrors).toEqual([]);
  });
});
