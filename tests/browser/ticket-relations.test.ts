// DK-03 in a real browser: merges a second report of the same pothole into the first (picking the main ticket by
// its number) and splits a report of two matters into parts for two units; both tickets show their relations.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TicketDetailDto, TicketDto, TicketRelationsDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { waitForStatus } from '../support/waiting.ts';

let stack: BrowserStack;
let agentApi: TestClient;
let triageApi: TestClient;

beforeAll(async () => {
  stack = await startBrowserStack();
  [agentApi, triageApi] = await Promise.all([signedIn(stack.baseUrl, 'agent'), signedIn(stack.baseUrl, 'triage')]);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const seededId = async (sql: string): Promise<string> => (await stack.db.query(sql)).rows[0].id;

const potholeCategory = () =>
  seededId(`SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`);

async function report(title: string, description: string): Promise<TicketDto> {
  const res = await agentApi.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await potholeCategory(),
    address: 'ul. Grzegórzecka 5',
    title,
    description,
    reporter: { name: 'Maria Wiśniewska', email: 'maria.w@example.org' },
  });
  expect(res.status).toBe(201);
  return res.body;
}

const statusIs = (page: Page, value: string) =>
  page.locator(`[data-testid="ticket-status"][data-status="${value}"]`).waitFor();
const related = (page: Page, section: string, number: string) =>
  page.locator(`[data-testid="relation-${section}"] [data-testid="relation-item"][data-number="${number}"]`);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `ticket-relations-${name}.png`), fullPage: true });

describe('DK-03 in the console', () => {
  it('merges a duplicate into its main ticket picked by number, and both show the link', async () => {
    const main = await report('Dziura w jezdni na Grzegórzeckiej', 'Głęboka dziura przy przejściu.');
    const duplicate = await report('Dziura przy przejściu na Grzegórzeckiej', 'Ta sama dziura, inny mieszkaniec.');
    await waitForStatus(triageApi, duplicate.id, 'routed');

    const triage = await stack.signIn('triage', '/triage');
    await triage.goto(`${stack.baseUrl}/tickets/${duplicate.id}`);
    await statusIs(triage, 'routed');
    await triage.getByTestId('ticket-merge').click();
    await triage.getByTestId('merge-into').fill(main.number);
    await triage.getByTestId('merge-reason').fill('To samo miejsce i ta sama dziura');
    await shot(triage, '1-merge-dialog');
    await triage.getByTestId('merge-submit').click();
    await statusIs(triage, 'duplicate');
    await related(triage, 'duplicateOf', main.number).waitFor();
    await shot(triage, '2-duplicate');

    await triage.goto(`${stack.baseUrl}/tickets/${main.id}`);
    await related(triage, 'duplicates', duplicate.number).waitFor();
    await shot(triage, '3-main-lists-duplicate');
  });

  it('splits a report into two parts, one routed by hand and one by the rules, and closes the original', async () => {
    const original = await report(
      'Dziura w jezdni i połamane drzewo',
      'Na Grzegórzeckiej dziura w jezdni, a w parku obok połamane drzewo.',
    );
    await waitForStatus(triageApi, original.id, 'routed');

    const triage = await stack.signIn('triage', '/triage', { label: 'triage-split' });
    await triage.goto(`${stack.baseUrl}/tickets/${original.id}`);
    await statusIs(triage, 'routed');
    await triage.getByTestId('ticket-split').click();
    const parts = triage.getByTestId('split-part');
    await parts.nth(0).getByTestId('split-part-title').fill('Połamane drzewo w parku');
    await parts.nth(0).getByTestId('split-part-description').fill('Połamane drzewo przy alejce.');
    const zzm = await seededId(`SELECT id FROM unit WHERE code = 'ZZM'`);
    await parts.nth(0).getByTestId('split-part-unit').selectOption(zzm);
    await parts.nth(1).getByTestId('split-part-title').fill('Dziura w jezdni na Grzegórzeckiej');
    await parts.nth(1).getByTestId('split-part-description').fill('Dziura przy krawężniku.');
    await triage.getByTestId('split-reason').fill('Dwie sprawy dla dwóch jednostek');
    await shot(triage, '4-split-dialog');
    await triage.getByTestId('split-submit').click();
    await statusIs(triage, 'closed');
    await triage.locator('[data-testid="relation-parts"] [data-testid="relation-item"]').nth(1).waitFor();
    await shot(triage, '5-split-original');

    const relations = (await triageApi.get<TicketRelationsDto>(`/api/tickets/${original.id}/relations`)).body;
    expect(relations.parts).toHaveLength(2);
    const tree = relations.parts.find((p) => p.title === 'Połamane drzewo w parku')!;
    const pothole = relations.parts.find((p) => p.title === 'Dziura w jezdni na Grzegórzeckiej')!;
    expect(tree.unitCode).toBe('ZZM');
    // The part without a unit: the worker routes it by the category's rule, as any new ticket.
    expect((await waitForStatus(triageApi, pothole.id, 'routed')).unitCode).toBe('ZDMK');
    const history = (await triageApi.get<TicketDetailDto>(`/api/tickets/${original.id}`)).body.events.at(-1)!;
    expect(history.kind).toBe('ticket.split');
    expect(history.reason).toContain(`Podzielone na: ${[tree.number, pothole.number].sort().join(', ')}`);

    await triage.goto(`${stack.baseUrl}/tickets/${tree.id}`);
    await related(triage, 'splitFrom', original.number).waitFor();
  });

  it('left no error in any browser console', () => {
    expect(stack.consoleErrors).toEqual([]);
  });
});
