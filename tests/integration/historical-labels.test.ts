// Old tickets keep their historical labels: after an analyst relabels a category, a ticket written before shows
// today's label and, beside it, the one the dictionary gave when the ticket was written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DictionaryEntryDto, TicketDetailDto, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';

let backend: TestBackend;
let agent: TestClient;
let analyst: TestClient;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [agent, analyst] = await Promise.all([signedIn(backend.url, 'agent'), signedIn(backend.url, 'analityk')]);
});
afterAll(() => backend?.close());

it('shows the label a relabelled category had when the ticket was written', async () => {
  const [group] = (await backend.ctx.db.query(
    `SELECT id, label_pl FROM dictionary_entry WHERE dictionary = 'category' AND parent_id IS NULL AND active
      ORDER BY sort_order LIMIT 1`,
  )) as { id: string; label_pl: string }[];
  const tag = randomUUID().slice(0, 8);
  const created = await analyst.post<DictionaryEntryDto>('/api/dictionaries/category/entries', {
    code: `hist-${tag}`,
    labelPl: `Ławki w parku ${tag}`,
    labelEn: `Park benches ${tag}`,
    parentId: group!.id,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);

  const ticket = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: created.body.id,
    title: 'Złamana ławka',
    description: 'Ławka przy alejce ma złamane oparcie.',
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);

  const renamed = await analyst.request('PATCH', `/api/dictionaries/category/entries/${created.body.id}`, {
    labelPl: `Mała architektura ${tag}`,
    version: created.body.version,
    note: 'Szersza nazwa kategorii',
  });
  expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);

  const detail = await agent.get<TicketDetailDto>(`/api/tickets/${ticket.body.id}`);
  expect(detail.status).toBe(200);
  expect(detail.body.categoryLabel).toBe(`${group!.label_pl} › Mała architektura ${tag}`);
  expect(detail.body.labelsWhenWritten).toEqual({
    category: `${group!.label_pl} › Ławki w parku ${tag}`,
    district: null,
  });
});
