// Issue 6's "done when", in real browsers against backend and worker as separate processes: a telephony system
// and an agent's extension set up through the admin API; the PBX posts `ringing` and `answered`, and the agent's
// console pops the call up (number, the caller's earlier ticket, a running timer). With the keyboard alone the agent
// searches the knowledge base, attaches an article, picks the topic, adds a ticket whose street fills its district;
// the PBX posts `hangup`, a reload in the middle of the wrap-up brings the draft back, Ctrl+Enter records the call
// with its ticket. Meanwhile a supervisor's wallboard in another browser context shows the agent on call, in
// wrap-up, then available, without reloading.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CreatedTelephonySystemDto, CtiEventRequest, TicketDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

const CALLER = '+48 600 700 801';

let stack: BrowserStack;
let admin: TestClient;
let system: CreatedTelephonySystemDto;
let agentLogin: string;
let agentId: string;
let extension: string;

async function one<T>(sql: string, params: unknown[]): Promise<T> {
  const { rows } = await stack.db.query(sql, params);
  return rows[0] as T;
}

async function cti(event: CtiEventRequest['event'], callId: string, extra: Partial<CtiEventRequest> = {}) {
  const res = await fetch(`${stack.baseUrl}/api/cti/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${system.token}` },
    body: JSON.stringify({
      event,
      callId,
      from: CALLER,
      to: '12 616 00 00',
      direction: 'in',
      agent: extension,
      at: new Date().toISOString(),
      ...extra,
    } satisfies CtiEventRequest),
  });
  expect(res.status, await res.clone().text()).toBe(202);
}

const wallboardState = (page: Page) =>
  page.locator(`[data-testid="wallboard-agent-row"][data-user-id="${agentId}"]`).getAttribute('data-state');

/** Types like a person, so the search and the street suggestions run as they do for agents. */
const type = (page: Page, text: string) => page.keyboard.type(text, { delay: 25 });

beforeAll(async () => {
  stack = await startBrowserStack();
  admin = await signedIn(stack.baseUrl, 'admin');
  const created = await admin.post<CreatedTelephonySystemDto>('/api/cti/systems', {
    name: `Centrala testowa ${randomUUID().slice(0, 8)}`,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  system = created.body;

  // An agent of DK-02 of this file's own (the demo agent's calls belong to other test files), with the demo
  // password, and the extension the PBX knows them by.
  agentLogin = `cti-agent-${randomUUID().slice(0, 8)}`;
  ({ id: agentId } = await one<{ id: string }>(
    `INSERT INTO app_user (login, display_name, password_hash, role, unit_id)
     SELECT $1, 'Agentka Centrali', password_hash, 'agent', unit_id FROM app_user WHERE login = 'agent'
     RETURNING id`,
    [agentLogin],
  ));
  extension = String(20_000 + Math.floor(Math.random() * 70_000));
  const ext = await admin.request('PUT', `/api/users/${agentId}/phone-extension`, { phoneExtension: extension });
  expect(ext.status, JSON.stringify(ext.body)).toBe(200);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe('a call from the telephony, handled from the keyboard', () => {
  it('pops up, is recorded with a ticket whose street filled the district, and the wallboard follows the agent', async () => {
    // The caller reported something before: the pop-up shows it.
    const demoAgent = await signedIn(stack.baseUrl, 'agent');
    const { id: potholeId } = await one<{ id: string }>(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`,
      [],
    );
    const earlier = await demoAgent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: potholeId,
      title: 'Wcześniejsze zgłoszenie tego rozmówcy',
      description: 'Zapadnięta studzienka przy przystanku.',
      reporter: { phone: CALLER },
    });
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);

    const supervisor = await stack.signIn('kierownik', '/dashboard', { label: 'supervisor' });
    await supervisor.goto(`${stack.baseUrl}/wallboard`);
    const agent = await stack.signIn(agentLogin, '/calls', { label: 'agent' });
    await supervisor.locator(`[data-testid="wallboard-agent-row"][data-user-id="${agentId}"]`).waitFor();
    const wallboardUrl = supervisor.url();

    // The PBX rings the agent's extension: the console pops the call up with the caller's history.
    const callId = `pbx-${randomUUID()}`;
    await cti('ringing', callId);
    await agent.locator('[data-testid="call-state"][data-state="ringing"]').waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId('call-caller').innerText()).toContain(CALLER);
    await agent
      .getByTestId('caller-history-ticket')
      .filter({ hasText: earlier.body.number ?? earlier.body.title })
      .waitFor();

    await cti('answered', callId);
    await agent.locator('[data-testid="call-state"][data-state="active"]').waitFor({ timeout: 15_000 });
    await agent.locator('[data-testid="call-timer"][data-running="true"]').waitFor();
    await expect.poll(() => wallboardState(supervisor), { timeout: 15_000 }).toBe('on_call');
    await agent.screenshot({ path: path.join(screenshots, 'cti-1-popped-up.png'), fullPage: true });

    // From here on the agent uses only the keyboard. Alt+W: the knowledge base search, ↓ to a hit, D attaches it.
    await agent.keyboard.press('Alt+KeyW');
    // The console answers keys between renders: each result is awaited, not read at once (a loaded CI machine lags).
    await expect
      .poll(() =>
        agent.evaluate<string | null>(`document.activeElement && document.activeElement.getAttribute('data-testid')`),
      )
      .toBe('kb-search');
    await type(agent, 'budzet obywatelski');
    const hit = agent.getByTestId('kb-hit').first();
    await hit.waitFor();
    const articleId = await hit.getAttribute('data-article-id');
    await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('d');
    await agent.locator(`[data-testid="call-articles"] [data-article-id="${articleId}"]`).waitFor();

    // Alt+R: the topic; typing picks „Zgłoszenie problemu”.
    const { id: topicId } = await one<{ id: string }>(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' AND code = 'problem_report'`,
      [],
    );
    await agent.keyboard.press('Alt+KeyR');
    await type(agent, 'Zg');
    await expect.poll(() => agent.getByTestId('call-topic').inputValue()).toBe(topicId);

    // Alt+Z: a ticket, prefilled with the caller's number; its category picked with letters and arrows.
    await agent.keyboard.press('Alt+KeyZ');
    const ticketForm = agent.getByTestId('ticket-form').first();
    await ticketForm.waitFor();
    await expect.poll(() => ticketForm.getByTestId('ticket-form-reporter-phone').inputValue()).toBe(CALLER);
    await agent.keyboard.press('Tab');
    await type(agent, 'Dr');
    await agent.keyboard.press('ArrowDown');
    await expect.poll(() => ticketForm.getByTestId('ticket-form-category').inputValue()).toBe(potholeId);

    // The street as agents type it (no Polish letters, the house number after it); ↓ Enter picks it.
    await agent.keyboard.press('Tab');
    await type(agent, 'sw filipa 17');
    await agent.getByTestId('street-option').first().waitFor();
    // The options of the first letters come before those of the whole name: wait for the whole name's.
    await expect.poll(() => agent.getByTestId('street-option').first().innerText()).toContain('św. Filipa');
    await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('Enter');
    const { id: districtI } = await one<{ id: string }>(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'district' AND code = 'I'`,
      [],
    );
    await expect.poll(() => ticketForm.getByTestId('ticket-form-district').inputValue()).toBe(districtI);
    expect(await ticketForm.getByTestId('ticket-form-address').inputValue()).toBe('ul. św. Filipa 17');

    // The district select (already filled), then title and description.
    await agent.keyboard.press('Tab');
    await agent.keyboard.press('Tab');
    await type(agent, 'Zapadnięta studzienka na chodniku');
    await agent.keyboard.press('Tab');
    await type(agent, 'Studzienka zapadła się o kilka centymetrów, piesi się potykają.');
    await expect
      .poll(() => ticketForm.getByTestId('ticket-form-title').inputValue())
      .toBe('Zapadnięta studzienka na chodniku');

    // The caller hangs up: wrap-up, on the console and on the wallboard.
    await cti('hangup', callId, { cause: 'normalClearing' });
    await agent.locator('[data-testid="call-state"][data-state="wrap_up"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => wallboardState(supervisor), { timeout: 15_000 }).toBe('wrap_up');

    // A reload in the middle of the wrap-up: the server's draft brings everything back.
    await agent.locator('[data-testid="call-draft-status"][data-state="saved"]').waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: path.join(screenshots, 'cti-2-wrap-up.png'), fullPage: true });
    await agent.reload();
    await agent.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    await agent.locator('[data-testid="call-state"][data-state="wrap_up"]').waitFor();
    const restored = agent.getByTestId('ticket-form').first();
    await restored.waitFor();
    expect(await restored.getByTestId('ticket-form-address').inputValue()).toBe('ul. św. Filipa 17');
    expect(await restored.getByTestId('ticket-form-district').inputValue()).toBe(districtI);
    expect(await restored.getByTestId('ticket-form-title').inputValue()).toBe('Zapadnięta studzienka na chodniku');
    expect(await agent.getByTestId('call-topic').inputValue()).toBe(topicId);
    await agent.locator(`[data-testid="call-articles"] [data-article-id="${articleId}"]`).waitFor();

    // Ctrl+Enter records the call with its ticket; the agent is available again.
    await agent.keyboard.press('Control+Enter');
    const saved = agent.getByTestId('call-saved');
    await saved.waitFor({ timeout: 15_000 });
    const number = (await saved.innerText()).match(/KCK\/\d{4}\/\d{6}/)?.[0];
    expect(number).toBeDefined();
    await expect.poll(() => wallboardState(supervisor), { timeout: 15_000 }).toBe('available');
    expect(supervisor.url()).toBe(wallboardUrl);
    await agent.screenshot({ path: path.join(screenshots, 'cti-3-recorded.png'), fullPage: true });
    await supervisor.screenshot({ path: path.join(screenshots, 'cti-4-wallboard.png'), fullPage: true });

    const call = await one<{
      id: string;
      state: string;
      agent_id: string;
      topic_id: string;
      outcome: string;
      article_ids: string[];
      caller_phone: string;
      wrap_up_ok: boolean;
    }>(
      `SELECT id, state, agent_id, topic_id, outcome, article_ids, caller_phone,
              recorded_at >= ended_at AND ended_at >= answered_at AS wrap_up_ok
         FROM interaction WHERE external_call_id = $1 AND telephony_system_id = $2`,
      [callId, system.id],
    );
    expect(call).toMatchObject({
      state: 'recorded',
      agent_id: agentId,
      topic_id: topicId,
      outcome: 'problem',
      article_ids: [articleId],
      caller_phone: CALLER,
      wrap_up_ok: true,
    });
    const tickets = (
      await stack.db.query(
        `SELECT number, category_id, district_id, address, reporter_phone, channel FROM ticket WHERE interaction_id = $1`,
        [call.id],
      )
    ).rows;
    expect(tickets).toEqual([
      {
        number,
        category_id: potholeId,
        district_id: districtI,
        address: 'ul. św. Filipa 17',
        reporter_phone: CALLER,
        channel: 'phone',
      },
    ]);
    // One call for the telephony's call id, whatever arrived twice.
    expect(
      (await one<{ n: number }>(`SELECT count(*)::int AS n FROM interaction WHERE external_call_id = $1`, [callId])).n,
    ).toBe(1);
  }, 180_000);

  it('puts a call nobody answered on the call-back list, where the agent dials back and marks it called back', async () => {
    const agent = await stack.signIn(agentLogin, '/calls', { label: 'agent-callbacks' });
    const missedId = `pbx-${randomUUID()}`;
    const missedCaller = '+48 600 700 802';
    await cti('ringing', missedId, { from: missedCaller });
    await agent.locator('[data-testid="call-state"][data-state="ringing"]').waitFor({ timeout: 15_000 });
    await cti('hangup', missedId, { from: missedCaller, cause: 'noAnswer' });
    await agent.locator('[data-testid="call-state"][data-state="none"]').waitFor({ timeout: 15_000 });
    const { id: missed } = await one<{ id: string }>(
      `SELECT id FROM interaction WHERE external_call_id = $1 AND state = 'missed'`,
      [missedId],
    );
    const row = agent.locator(`[data-testid="callback-row"][data-call-id="${missed}"]`);
    await row.waitFor({ timeout: 15_000 });

    // Dial back from the row: an outbound call with the number; Alt+K ends it.
    await row.getByTestId('callback-dial').focus();
    await agent.keyboard.press('Enter');
    await agent.locator('[data-testid="call-state"][data-state="active"]').waitFor();
    expect(await agent.getByTestId('call-caller').innerText()).toContain(missedCaller);
    await agent.keyboard.press('Alt+KeyK');
    await agent.locator('[data-testid="call-state"][data-state="wrap_up"]').waitFor();
    const { id: outbound } = await one<{ id: string }>(
      `SELECT id FROM interaction WHERE agent_id = $1 AND direction = 'out' AND state = 'wrap_up'`,
      [agentId],
    );

    await row.getByTestId('callback-done').focus();
    await agent.keyboard.press('Enter');
    await row.waitFor({ state: 'detached' });
    expect(
      await one(`SELECT callback_call_id, callback_done_at IS NOT NULL AS done FROM interaction WHERE id = $1`, [
        missed,
      ]),
    ).toEqual({ callback_call_id: outbound, done: true });

    // The call back is recorded like any call: topic „Inne”, Ctrl+Enter.
    await agent.keyboard.press('Alt+KeyR');
    await type(agent, 'In');
    await agent.keyboard.press('Control+Enter');
    await agent.getByTestId('call-saved').waitFor();
    expect(await one(`SELECT state FROM interaction WHERE id = $1`, [outbound])).toEqual({ state: 'recorded' });
  }, 120_000);

  it('left no error in any browser console (CSP violations and React errors included)', () => {
    expect(stack.consoleErrors).toEqual([]);
  });
});
