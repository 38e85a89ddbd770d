// DK-03's triage inbox in real browsers, from the keyboard only: search the inbox, move through it, choose two
// tickets and route them to a unit in one go, open a third and claim it. A colleague's console, in a browser
// context of its own, sees the claim and that the first person is looking at the ticket, and they see him too.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TicketDetailDto, TicketDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;
let agentApi: TestClient;
let triageApi: TestClient;
const TOKEN = `Triaż${Date.now().toString(36)}`;

/** A DK-03 login of this file's own: other files' tests use the demo `triage` on the same database. */
async function newTriage(displayName: string): Promise<string> {
  const login = `triage-${Math.random().toString(36).slice(2, 10)}`;
  await stack.db.query(
    `INSERT INTO app_user (login, display_name, password_hash, role, unit_id)
     SELECT $1, $2, password_hash, 'triage', unit_id FROM app_user WHERE login = 'triage'`,
    [login, displayName],
  );
  return login;
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  await page.screenshot({ path: path.join(screenshots, `triage-inbox-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

beforeAll(async () => {
  stack = await startBrowserStack();
  [agentApi, triageApi] = await Promise.all([signedIn(stack.baseUrl, 'agent'), signedIn(stack.baseUrl, 'triage')]);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

async function reportUnrouted(title: string): Promise<TicketDto> {
  const category = await stack.db.query(
    `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'other.other'`,
  );
  const created = await agentApi.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: category.rows[0].id,
    title,
    description: 'Nie wiadomo, kto się tym zajmuje.',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** The data-number of the element with the keyboard focus. */
const focusedNumber = (page: Page) =>
  page.evaluate<string | null>(`document.activeElement?.getAttribute('data-number') ?? null`);
/** The id of the element with the keyboard focus. */
const focusedId = (page: Page) => page.evaluate<string | null>(`document.activeElement?.id ?? null`);

describe('the triage inbox from the keyboard', () => {
  it('filters, moves, chooses two tickets and routes them together; a colleague sees the claim and who is looking', async () => {
    const tickets = [
      await reportUnrouted(`${TOKEN} pierwsza sprawa`),
      await reportUnrouted(`${TOKEN} druga sprawa`),
      await reportUnrouted(`${TOKEN} trzecia sprawa`),
    ];
    const anna = await stack.signIn(await newTriage('Anna Klawiaturowa'), '/triage', { label: 'anna' });

    // `/` goes to the inbox search; the list narrows to this test's tickets; Escape returns to the list.
    await anna.getByRole('heading', { level: 1 }).waitFor();
    await anna.keyboard.press('/');
    expect(await focusedId(anna)).toBe('triage-filter-q');
    // The words are asked for once typing settles; until the answer the list shows the rows it had (aria-busy).
    const filtered = anna.waitForResponse(
      (response) => response.url().includes('/api/tickets?') && response.url().includes(encodeURIComponent(TOKEN)),
    );
    await anna.keyboard.type(TOKEN);
    const rows = anna.locator('[data-testid="triage-inbox"] [data-testid="ticket-row"]');
    await filtered;
    await anna.locator('[data-testid="triage-inbox"][aria-busy="false"]').waitFor();
    expect(new URL(anna.url()).searchParams.get('q')).toBe(TOKEN);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    await anna.keyboard.press('Escape');
    const order = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-number')!));
    expect([...order].sort()).toEqual(tickets.map((t) => t.number).sort());
    expect(await focusedNumber(anna)).toBe(order[0]);

    // X chooses the row with the cursor, J and K move it.
    await anna.keyboard.press('x');
    await anna.keyboard.press('j');
    expect(await focusedNumber(anna)).toBe(order[1]);
    await anna.keyboard.press('x');
    await anna.locator('[data-testid="bulk-bar"][data-count="2"]').waitFor();
    await expect.poll(() => anna.getByTestId('triage-announcement').innerText()).toContain('Zaznaczone: 2');

    // J to the third, Enter opens it, C claims it.
    await anna.keyboard.press('j');
    expect(await focusedNumber(anna)).toBe(order[2]);
    await anna.keyboard.press('Enter');
    await anna.locator(`[data-testid="ticket-number"]:text("${order[2]}")`).waitFor();
    await anna.keyboard.press('c');
    await anna.getByTestId('claim-mine').waitFor();
    const third = tickets.find((t) => t.number === order[2])!;

    // A colleague opens the same ticket in a browser of his own: he sees the claim and that Anna is looking.
    const bartek = await stack.signIn(await newTriage('Bartek Drugi'), '/triage', { label: 'bartek' });
    await bartek.goto(`${stack.baseUrl}/triage?ticket=${third.id}&q=${encodeURIComponent(TOKEN)}`);
    await bartek.getByTestId('claim-other').waitFor();
    expect(await bartek.getByTestId('claim-other').innerText()).toContain('Zajęte przez Anna Klawiaturowa');
    await bartek.locator('[data-testid="ticket-viewers"][data-viewers="Anna Klawiaturowa"]').waitFor();
    await bartek
      .locator(`[data-testid="ticket-row"][data-number="${third.number}"][data-claimed-by="Anna Klawiaturowa"]`)
      .waitFor();
    await bartek
      .locator(`[data-testid="ticket-row"][data-number="${third.number}"][data-viewers="Anna Klawiaturowa"]`)
      .waitFor();
    await anna.locator('[data-testid="ticket-viewers"][data-viewers="Bartek Drugi"]').waitFor();
    await expectAccessible(bartek, 'colleague');

    // R goes to the bulk route (two tickets are chosen); a unit is typed, Tab, Enter.
    await anna.keyboard.press('r');
    expect(await focusedId(anna)).toBe('bulk-route-unit');
    await anna.keyboard.type('ZZM');
    const zzm = (await stack.db.query(`SELECT id FROM unit WHERE code = 'ZZM'`)).rows[0].id as string;
    expect(await anna.getByTestId('bulk-route-unit').inputValue()).toBe(zzm);
    await expectAccessible(anna, 'chosen-and-claimed');
    await anna.keyboard.press('Tab');
    expect(await anna.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`)).toBe(
      'bulk-route-submit',
    );
    await anna.keyboard.press('Enter');
    await expect
      .poll(() => anna.getByTestId('triage-announcement').innerText(), { timeout: 15_000 })
      .toContain('Przekazano 2 zgłoszenia do ZZM');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    for (const number of order.slice(0, 2)) {
      const ticket = tickets.find((t) => t.number === number)!;
      const routed = (await triageApi.get<TicketDetailDto>(`/api/tickets/${ticket.id}`)).body;
      expect(routed).toMatchObject({ status: 'routed', unitCode: 'ZZM' });
      expect(routed.events.at(-1)).toMatchObject({ kind: 'ticket.routed', actorName: 'Anna Klawiaturowa' });
    }

    // Bartek takes the ticket over; Anna's console says so at once.
    await bartek.getByTestId('claim-takeover').click();
    await bartek.getByTestId('claim-mine').waitFor();
    await anna.getByTestId('claim-other').waitFor();
    expect(await anna.getByTestId('claim-other').innerText()).toContain('Bartek Drugi');
    const history = (await triageApi.get<TicketDetailDto>(`/api/tickets/${third.id}`)).body.events;
    expect(history.at(-1)).toMatchObject({
      kind: 'ticket.claimed',
      actorName: 'Bartek Drugi',
      changes: { claimedBy: { from: 'Anna Klawiaturowa', to: 'Bartek Drugi' } },
    });

    // S rejects the open ticket as spam, after asking: the reason is offered, Tab to the confirmation, Enter.
    await bartek.keyboard.press('s');
    await bartek.getByTestId('bulk-reject-dialog').waitFor();
    expect(await bartek.getByTestId('bulk-reason').inputValue()).toContain('Spam');
    await expectAccessible(bartek, 'spam-confirmation');
    await bartek.keyboard.press('Tab');
    await bartek.keyboard.press('Tab');
    expect(await bartek.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`)).toBe(
      'bulk-reject-submit',
    );
    await bartek.keyboard.press('Enter');
    await expect
      .poll(() => bartek.getByTestId('triage-announcement').innerText(), { timeout: 15_000 })
      .toContain('Odrzucono 1 zgłoszenie jako spam');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(0);
    expect((await triageApi.get<TicketDetailDto>(`/api/tickets/${third.id}`)).body).toMatchObject({
      status: 'rejected',
      claimedBy: null,
    });

    // A filter is saved under a name, and picked again after clearing.
    await anna.getByTestId('triage-saved-save').click();
    await anna.getByTestId('saved-filter-name').fill('Moje z testu');
    await anna.getByTestId('saved-filter-submit').click();
    await anna.getByTestId('saved-filter-dialog').waitFor({ state: 'detached' });
    await anna.getByTestId('triage-filter-clear').click();
    await expect.poll(() => new URL(anna.url()).searchParams.get('q')).toBeNull();
    const saved = anna.locator('[data-testid="triage-saved-filter"] option', { hasText: 'Moje z testu' });
    await anna.getByTestId('triage-saved-filter').selectOption((await saved.getAttribute('value'))!);
    await expect.poll(() => new URL(anna.url()).searchParams.get('q')).toBe(TOKEN);

    // The shortcut help lists the inbox's keys for DK-03.
    await anna.keyboard.press('?');
    await anna.getByTestId('shortcuts-dialog').waitFor();
    await anna.locator('[data-shortcut="triage.toggle"]').waitFor();
    await expectAccessible(anna, 'shortcut-help');
    await anna.keyboard.press('Escape');
    // Two consoles, three tickets and four screens checked by axe: more than the stack's minute on a busy machine.
  }, 150_000);

  it('left no error in any browser console', () => {
    expect(stack.consoleErrors).toEqual([]);
  });
});
