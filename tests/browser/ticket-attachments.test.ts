// Attachments in real browsers: ZDMK staff add a photo to a routed ticket (a too-large file is stopped
// in the browser, an .exe named .pdf is refused by the server and the error shown), the agent who wrote the
// ticket sees the file appear live on the ticket's page and downloads it under its own name.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import pg from 'pg';
import type { TicketDto } from '@kck/contracts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { SAMPLE } from '../support/uploads.ts';

const LIMIT = 256 * 1024;
let stack: BrowserStack;
let agentApi: TestClient;
let dir: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-browser-attachments-'));
  // The backend process inherits these: its own folder, and a limit small enough to cross in a test.
  for (const [key, value] of Object.entries({ ATTACHMENTS_DIR: dir, ATTACHMENTS_MAX_BYTES: String(LIMIT) })) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  stack = await startBrowserStack();
  agentApi = await signedIn(stack.baseUrl, 'agent');
}, 180_000);

afterAll(async () => {
  await stack?.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function reportPothole(title: string): Promise<TicketDto> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const categoryId = (
    await client.query(`SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`)
  ).rows[0].id as string;
  await client.end();
  const res = await agentApi.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId,
    address: 'ul. Wielicka 40',
    title,
    description: 'Głęboka dziura przy przystanku, mieszkanka przyśle zdjęcie.',
  });
  expect(res.status).toBe(201);
  return res.body;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `ticket-attachments-${name}.png`), fullPage: true });

describe('attachments on the ticket detail', () => {
  it('uploads a photo, shows errors clearly, and the agent sees and downloads it live', async () => {
    const unit = await stack.signIn('drogi', '/unit', {
      // The 415 below is provoked on purpose; the browser logs every failed response.
      isExpectedError: (text, url) => url.endsWith('/attachments') && /415/.test(text),
    });
    const created = await reportPothole('Dziura przy przystanku Wielicka');
    // The worker routes it by the rules; then ZDMK opens the ticket's own page.
    await expect
      .poll(async () => (await agentApi.get<TicketDto>(`/api/tickets/${created.id}`)).body.status, { timeout: 15_000 })
      .toBe('routed');
    await unit.goto(`${stack.baseUrl}/tickets/${created.id}`);
    const panel = unit.getByTestId('ticket-attachments');
    await panel.getByTestId('attachments-empty').waitFor();
    expect(await panel.getByTestId('attachment-limit').innerText()).toContain('256 KB');

    const agent = await stack.signIn('agent');
    await agent.goto(`${stack.baseUrl}/tickets/${created.id}`);
    await agent.getByTestId('ticket-attachments').getByTestId('attachments-empty').waitFor();
    // The agent who wrote the ticket may add files too.
    await agent.getByTestId('attachment-upload-button').waitFor();

    // Too large: stopped in the browser, nothing sent.
    let uploads = 0;
    unit.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/tickets/${created.id}/attachments`)) uploads++;
    });
    const input = panel.getByTestId('attachment-input');
    await input.setInputFiles({ name: 'wielki.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(LIMIT + 1, 1) });
    const tooLarge = unit.getByTestId('attachment-too-large');
    await tooLarge.waitFor();
    expect(await tooLarge.innerText()).toContain('256 KB');
    expect(uploads).toBe(0);

    // An executable named .pdf: the server reads its content and refuses it; the console says why.
    await input.setInputFiles({ name: 'faktura.pdf', mimeType: 'application/pdf', buffer: SAMPLE.exe });
    const refusedAlert = unit.getByTestId('attachment-upload-error');
    await refusedAlert.waitFor();
    expect(await refusedAlert.innerText()).toContain('Nieobsługiwany rodzaj pliku');
    expect(await refusedAlert.innerText()).toContain('application/x-msdownload');
    expect(await tooLarge.count()).toBe(0);
    await shot(unit, '1-refused');

    // A photo: listed at once with its size, type, who and when.
    await input.setInputFiles({ name: 'zdjęcie dziury.png', mimeType: 'image/png', buffer: SAMPLE.png });
    await unit.getByTestId('attachment-uploaded').waitFor();
    const row = panel.getByTestId('attachment-row');
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('zdjęcie dziury.png');
    expect(rowText).toContain('PNG');
    expect(rowText).toContain(`${SAMPLE.png.length} B`);
    expect(await refusedAlert.count()).toBe(0);
    await unit.locator('[data-testid="ticket-event"][data-kind="ticket.attachment_added"]').waitFor();
    await shot(unit, '2-uploaded');

    // The agent's page gains the file without a reload (outbox → relay → Socket.IO), then downloads it.
    const agentRow = agent.getByTestId('ticket-attachments').getByTestId('attachment-row');
    await agentRow.waitFor({ timeout: 15_000 });
    await agent.locator('[data-testid="ticket-event"][data-kind="ticket.attachment_added"]').waitFor();
    const [download] = await Promise.all([
      agent.waitForEvent('download'),
      agentRow.getByTestId('attachment-link').click(),
    ]);
    expect(download.suggestedFilename()).toBe('zdjęcie dziury.png');
    const file = await download.path();
    expect(readFileSync(file).equals(SAMPLE.png)).toBe(true);
    await shot(agent, '3-agent-live');

    // The unit removes it with a reason; the agent's list empties live and both histories keep the name.
    await row.getByTestId('attachment-remove').click();
    const dialog = unit.getByTestId('attachment-remove-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('attachment-remove-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('attachment-remove-reason').fill('Zdjęcie innego przystanku');
    await shot(unit, '4-remove-dialog');
    await dialog.getByTestId('attachment-remove-confirm').click();
    await unit.getByTestId('attachment-removed').waitFor();
    await panel.getByTestId('attachments-empty').waitFor();
    const removedEvent = unit.locator('[data-testid="ticket-event"][data-kind="ticket.attachment_removed"]');
    await removedEvent.waitFor();
    expect(await removedEvent.innerText()).toContain('Zdjęcie innego przystanku');
    await agent.getByTestId('ticket-attachments').getByTestId('attachments-empty').waitFor({ timeout: 15_000 });
    await shot(unit, '5-removed');

    expect(stack.consoleErrors).toEqual([]);
  });
});
