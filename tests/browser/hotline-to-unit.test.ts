// End to end in real browsers: backend and worker run as separate processes; an agent records a call
// with a problem ticket, the unit's browser shows it without reloading, accepts and resolves it;
// the analyst's dashboard counts the call live.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

const REPORTER_PHONE = '+48 512 345 678';
const REPORTER_EMAIL = 'mieszkanka.testowa@example.org';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
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

describe('a call recorded by the hotline', () => {
  it('reaches the unit live, is resolved there, and shows on the dashboard', async () => {
    const unit = await stack.signIn('drogi', '/unit');
    const analyst = await stack.signIn('analityk', '/dashboard');
    const agent = await stack.signIn(await stack.newAgent(), '/calls');
    const callsBefore = Number(await analyst.getByTestId('figure-calls').innerText());

    // The agent answers a call, looks up the knowledge base and records a pothole.
    await agent.getByTestId('call-start').click();
    await agent.getByTestId('call-phone').fill(REPORTER_PHONE);
    const topicId = await seededId(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' AND code = 'problem_report'`,
      [],
    );
    await agent.getByTestId('call-topic').selectOption(topicId);
    await agent.getByTestId('kb-search').fill('infolinia');
    await agent.getByTestId('kb-hit').first().waitFor();
    await agent.getByTestId('kb-hit-attach').first().click();
    await expect.poll(() => agent.getByTestId('call-articles').innerText()).not.toBe('');
    await agent.getByTestId('call-information').fill('Przyjęto zgłoszenie dziury w jezdni; przekazano do ZDMK.');
    await agent.getByTestId('call-add-ticket').click();
    const categoryId = await seededId(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`,
      [],
    );
    const districtId = await seededId(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'district' AND code = 'V'`,
      [],
    );
    await agent.getByTestId('ticket-form-type').first().selectOption('problem');
    await agent.getByTestId('ticket-form-category').first().selectOption(categoryId);
    await agent.getByTestId('ticket-form-district').first().selectOption(districtId);
    await agent.getByTestId('ticket-form-address').first().fill('ul. Królewska 20');
    await agent.getByTestId('ticket-form-title').first().fill('Dziura w jezdni przy przystanku');
    await agent.getByTestId('ticket-form-description').first().fill('Głęboka dziura przy krawężniku, auta ją omijają.');
    await agent.getByTestId('ticket-form-reporter-email').first().fill(REPORTER_EMAIL);
    await agent.screenshot({ path: path.join(screenshots, '1-agent-call-panel.png'), fullPage: true });
    await agent.getByTestId('call-save').click();
    const saved = agent.getByTestId('call-saved');
    await saved.waitFor();
    const number = (await saved.innerText()).match(/KCK\/\d{4}\/\d{6}/)?.[0];
    expect(number).toBeDefined();
    await agent.screenshot({ path: path.join(screenshots, '2-agent-call-saved.png'), fullPage: true });

    // The unit's browser shows the ticket without a reload.
    const unitUrl = unit.url();
    const row = unit.locator(`[data-testid="ticket-row"][data-number="${number}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(unit.url()).toBe(unitUrl);
    await unit.screenshot({ path: path.join(screenshots, '3-unit-queue-live.png'), fullPage: true });

    await row.click();
    await unit.getByTestId('ticket-accept').click();
    await unit.locator('[data-testid="ticket-status"][data-status="accepted"]').waitFor();
    await unit.getByTestId('ticket-answer').fill('Ubytek w jezdni załatano 23 listopada.');
    await unit.getByTestId('ticket-resolve').click();
    await unit.locator('[data-testid="ticket-status"][data-status="resolved"]').waitFor();
    await unit.screenshot({ path: path.join(screenshots, '4-unit-resolved.png'), fullPage: true });

    // The analyst's figures moved without a reload.
    await expect
      .poll(async () => Number(await analyst.getByTestId('figure-calls').innerText()), { timeout: 10_000 })
      .toBe(callsBefore + 1);
    await analyst.screenshot({ path: path.join(screenshots, '5-analyst-dashboard.png'), fullPage: true });

    // No personal data of the reporter in any log line of either process.
    const logs = [...stack.backend.output, ...(stack.worker?.output ?? [])].join('\n');
    expect(logs).not.toContain('512 345 678');
    expect(logs).not.toContain(REPORTER_EMAIL);
  });
  it('goes to the DK-03 triage inbox when no rule matches, and triage routes it by hand', async () => {
    const triage = await stack.signIn('triage', '/triage');
    const greenery = await stack.signIn('zielen', '/unit');
    const agent = await stack.signIn(await stack.newAgent(), '/calls');

    await agent.getByTestId('call-start').click();
    const topicId = await seededId(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' AND code = 'idea'`,
      [],
    );
    await agent.getByTestId('call-topic').selectOption(topicId);
    await agent.getByTestId('call-add-ticket').click();
    const categoryId = await seededId(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'other.other'`,
      [],
    );
    await agent.getByTestId('ticket-form-type').first().selectOption('idea');
    await agent.getByTestId('ticket-form-category').first().selectOption(categoryId);
    await agent.getByTestId('ticket-form-title').first().fill('Ławki w parku przy ul. Kalwaryjskiej');
    await agent.getByTestId('ticket-form-description').first().fill('Mieszkaniec proponuje więcej ławek w parku.');
    await agent.getByTestId('call-save').click();
    const number = (await agent.getByTestId('call-saved').innerText()).match(/KCK\/\d{4}\/\d{6}/)?.[0];
    expect(number).toBeDefined();

    // Triage sees it arrive without reloading, and routes it to the greenery board.
    const row = triage.locator(`[data-testid="ticket-row"][data-number="${number}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const zzm = await seededId(`SELECT id FROM unit WHERE code = 'ZZM'`, []);
    await triage.getByTestId('route-unit').selectOption(zzm);
    await triage.getByTestId('route-reason').fill('Zieleń miejska: sprawa ZZM');
    await triage.getByTestId('route-submit').click();
    await triage.getByTestId('route-success').waitFor();
    await triage.screenshot({ path: path.join(screenshots, '6-triage-routed.png'), fullPage: true });

    await greenery.locator(`[data-testid="ticket-row"][data-number="${number}"]`).waitFor({ timeout: 15_000 });
    await greenery.screenshot({ path: path.join(screenshots, '7-greenery-queue-live.png'), fullPage: true });
  });

  it('left no error in any browser console (CSP violations and React errors included)', () => {
    expect(stack.consoleErrors).toEqual([]);
  });
});
