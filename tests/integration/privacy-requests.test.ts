// RODO requests through the API: an admin finds a person by phone (any spelling) or e-mail across tickets, calls,
// e-mails and photos, exports it (JSON and a printable page), and erases it: a closed ticket is anonymised and its
// photo file deleted, an open one stays open without its contact and its unit sees why; the request is recorded,
// the statistics do not move, and bad input is refused with nothing written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DataSubjectRequestDto,
  ErrorBody,
  PrivacyEraseResult,
  PrivacySearchResult,
  TicketDetailDto,
  TicketDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { unitId } from '../../backend/src/test-support/builders.ts';
import { refreshRollups } from '../../backend/src/analytics/rollups.ts';
import type { PersonalDataExport } from '../../backend/src/privacy/export.ts';
import { SAMPLE, upload } from '../support/uploads.ts';

let backend: TestBackend;
let dir: string;
let agent: TestClient;
let triage: TestClient;
let roads: TestClient;
let admin: TestClient;
let categoryId: string;

const serial = randomBytes(4).toString('hex');
// A number no other test uses: nine random digits after 5 (no Polish mobile starts so in the seed).
const digits = `5${String(randomInt(10_000_000, 99_999_999))}`;
const phone = `+48 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
const email = `Jan.Prywatny.${serial}@Example.PL`;
const person = { name: 'Jan Prywatny', phone, email };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-privacy-'));
  backend = await startTestBackend({ relay: false, config: { ATTACHMENTS_DIR: dir } });
  [agent, triage, roads, admin] = await signedInAll(backend.url, 'agent', 'triage', 'drogi', 'admin');
  // A category of this file's own: its statistics are not moved by other files' tickets.
  const rows: { id: string }[] = await backend.ctx.db.query(
    `INSERT INTO dictionary_entry (dictionary, code, label_pl, label_en, parent_id, sort_order)
     SELECT 'category', $1, $2, $3, id, 99 FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads'
     RETURNING id`,
    [`roads.privacy_${serial}`, `Prywatność ${serial}`, `Privacy ${serial}`],
  );
  categoryId = rows[0]!.id;
});
afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function routedTicket(reporter: typeof person, title: string): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId,
    title,
    description: `${reporter.name} zgłasza: ${title}, ul. Prywatna 7 m. 3`,
    address: 'ul. Prywatna 7',
    reporter,
  });
  expect(created.status).toBe(201);
  const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, {
    unitId: await unitId(backend.ctx.db, 'ZDMK'),
  });
  expect(routed.body.status).toBe('routed');
  return routed.body;
}

interface World {
  closed: TicketDto;
  open: TicketDto;
  photoPath: string;
  callId: string;
  mailId: string;
}

async function buildWorld(): Promise<World> {
  const db = backend.ctx.db;
  const closed = await routedTicket(person, 'Dziura przed domem');
  expect((await roads.post(`/api/tickets/${closed.id}/accept`, {})).status).toBe(200);
  const photo = await upload(roads, closed.id, {
    name: 'dom-jana-prywatnego.png',
    bytes: SAMPLE.png,
    type: 'image/png',
  });
  expect(photo.status).toBe(201);
  const resolved = await roads.post(`/api/tickets/${closed.id}/resolve`, { answer: 'Panie Janie, dziura załatana.' });
  expect(resolved.status).toBe(200);
  const [reason] = await db.query(
    `SELECT id FROM dictionary_entry WHERE dictionary = 'closure_reason' AND active LIMIT 1`,
  );
  const closing = await triage.post<TicketDto>(`/api/tickets/${closed.id}/close`, { closureReasonId: reason.id });
  expect(closing.body.status).toBe('closed');

  // The same person, the number written another way and the e-mail in other letters' case: an open matter.
  const open = await routedTicket(
    { name: 'J. Prywatny', phone: `0048${digits}`, email: email.toLowerCase() },
    'Nieczynna latarnia',
  );

  // A call from the person that became no ticket (information given), with the agent's notes.
  const [topic] = await db.query(`SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND active LIMIT 1`);
  const [agentRow] = await db.query(`SELECT id FROM app_user WHERE login = 'agent'`);
  const [call] = await db.query(
    `INSERT INTO interaction (caller_phone, started_at, ended_at, recorded_at, agent_id, topic_id, outcome, notes,
                              information_given)
     VALUES ($1, now() - interval '1 hour', now() - interval '55 minutes', now() - interval '50 minutes', $2, $3,
             'information_given', 'Dzwonił Jan Prywatny z ul. Prywatnej', 'godziny otwarcia') RETURNING id`,
    [`+48${digits}`, agentRow.id, topic.id],
  );
  // An e-mail the person sent about the closed ticket.
  const [mail] = await db.query(
    `INSERT INTO email_message (message_key, source, from_address, envelope_from, subject, size_bytes, outcome, ticket_id)
     VALUES ($1, 'smtp', $2, $2, 'Dziura przed moim domem', 1234, 'ticket', $3) RETURNING id`,
    [`privacy-${serial}@example.test`, email, closed.id],
  );
  return {
    closed,
    open,
    photoPath: path.join(dir, 'tickets', closed.id, photo.body.id),
    callId: call.id,
    mailId: mail.id,
  };
}

let world: World;

const figures = async () => {
  await refreshRollups(backend.ctx.db);
  return backend.ctx.db.query(
    `SELECT channel, status, unit_id, sum(tickets)::int AS tickets, sum(routed)::int AS routed,
            sum(resolved)::int AS resolved, sum(route_seconds)::numeric AS route_seconds
       FROM rollup_ticket_day WHERE category_id = $1 GROUP BY channel, status, unit_id ORDER BY status`,
    [categoryId],
  );
};

describe('finding a person', () => {
  beforeAll(async () => {
    world = await buildWorld();
  });

  it('finds the tickets, the call, the e-mail and the photo by phone, however the number is written', async () => {
    const res = await admin.post<PrivacySearchResult>('/api/privacy/requests/search', { phone: `(0) ${digits}` });
    expect(res.status).toBe(200);
    expect(res.body.identifierKind).toBe('phone');
    expect(res.body.identifierMasked).toBe(`***-***-${digits.slice(-3)}`);
    expect(res.body.tickets.map((t) => t.id).sort()).toEqual([world.closed.id, world.open.id].sort());
    expect(res.body.tickets.find((t) => t.id === world.open.id)?.open).toBe(true);
    expect(res.body.calls.map((c) => c.id)).toEqual([world.callId]);
    expect(res.body.counts).toMatchObject({ tickets: 2, openTickets: 1, calls: 1, emails: 1, attachments: 1 });
  });

  it('finds the same by e-mail, in any letter case', async () => {
    const res = await admin.post<PrivacySearchResult>('/api/privacy/requests/search', { email: email.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.body.tickets.map((t) => t.id).sort()).toEqual([world.closed.id, world.open.id].sort());
    expect(res.body.counts).toMatchObject({ tickets: 2, openTickets: 1, emails: 1, attachments: 1 });
  });

  it('is for admins only', async () => {
    const res = await triage.post<ErrorBody>('/api/privacy/requests/search', { phone });
    expect(res.status).toBe(403);
  });
});

describe('an access request', () => {
  it('is recorded, exported as JSON with everything found and as a printable Polish page', async () => {
    const created = await admin.post<DataSubjectRequestDto>('/api/privacy/requests', {
      kind: 'access',
      phone,
      requestedVia: 'letter',
      receivedAt: '2026-11-20T09:00:00+01:00',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'access', outcome: 'pending', found: { tickets: 2, calls: 1 } });

    const json = await admin.get<PersonalDataExport>(`/api/privacy/requests/${created.body.id}/export.json`);
    expect(json.status).toBe(200);
    const group = (key: string) => json.body.groups.find((g) => g.key === key)?.rows ?? [];
    expect(group('ticket').map((r) => r.reporter_phone)).toEqual(expect.arrayContaining([phone, `0048${digits}`]));
    expect(group('ticket_attachment').map((r) => r.file_name)).toEqual(['dom-jana-prywatnego.png']);
    expect(group('interaction').map((r) => r.notes)).toEqual(['Dzwonił Jan Prywatny z ul. Prywatnej']);
    expect(group('email_message').map((r) => r.subject)).toEqual(['Dziura przed moim domem']);

    const html = await fetch(`${backend.url}/api/privacy/requests/${created.body.id}/export.html`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    const page = await html.text();
    expect(page).toContain('<html lang="pl">');
    expect(page).toContain('Informacja o przetwarzanych danych osobowych');
    expect(page).toContain('dom-jana-prywatnego.png');

    // Both exports are in the access log, under the request, without the person's number.
    const logged: { subject_label: string }[] = await backend.ctx.db.query(
      `SELECT subject_label FROM access_log_entry WHERE action = 'data_subject_export' AND subject_id = $1`,
      [created.body.id],
    );
    expect(logged.map((l) => l.subject_label)).toEqual([`***-***-${digits.slice(-3)}`, `***-***-${digits.slice(-3)}`]);

    const after = await admin.get<DataSubjectRequestDto>(`/api/privacy/requests/${created.body.id}`);
    expect(after.body).toMatchObject({ outcome: 'exported', handledBy: expect.stringMatching(/\w/) });
  });
});

describe('an erasure request', () => {
  it('anonymises closed tickets, deletes the photo, keeps the open ticket open without contact and tells its unit', async () => {
    const before = await figures();
    expect(before.length).toBeGreaterThan(0);
    expect(existsSync(world.photoPath)).toBe(true);

    const created = await admin.post<DataSubjectRequestDto>('/api/privacy/requests', {
      kind: 'erasure',
      email,
      requestedVia: 'email',
      note: 'Wniosek z e-maila',
    });
    expect(created.status).toBe(201);
    const erased = await admin.post<PrivacyEraseResult>(`/api/privacy/requests/${created.body.id}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body.openTicketNumbers).toEqual([world.open.number]);
    expect(erased.body.request).toMatchObject({ outcome: 'erased', identifierMasked: expect.stringContaining('***@') });
    expect(erased.body.erased).toMatchObject({ tickets: 1, openTicketsContactRemoved: 1, files: 1 });

    const db = backend.ctx.db;
    const [closed] = await db.query(`SELECT * FROM ticket WHERE id = $1`, [world.closed.id]);
    expect(closed).toMatchObject({
      status: 'closed',
      category_id: categoryId,
      reporter_name: null,
      reporter_phone: null,
      reporter_email: null,
      address: null,
      description: '[usunięto]',
    });
    expect(closed.anonymised_at).not.toBeNull();
    // The photo: its row and its file are gone; the history keeps that a file was there, not its name.
    expect(existsSync(world.photoPath)).toBe(false);
    expect(await db.query(`SELECT 1 FROM ticket_attachment WHERE ticket_id = $1`, [world.closed.id])).toEqual([]);
    const history: { kind: string; changes: Record<string, { from: unknown; to: unknown }> }[] = await db.query(
      `SELECT kind, changes FROM ticket_event WHERE ticket_id = $1 ORDER BY id`,
      [world.closed.id],
    );
    expect(JSON.stringify(history)).not.toContain('dom-jana-prywatnego');
    // The unit's answer named the resident: it goes too.
    expect(closed.resolution).toBe('[usunięto]');
    const [mail] = await db.query(`SELECT from_address, envelope_from, subject FROM email_message WHERE id = $1`, [
      world.mailId,
    ]);
    expect(mail).toEqual({ from_address: null, envelope_from: null, subject: null });

    // The open ticket: still open at its unit, the account of the matter kept, the contact gone.
    const [open] = await db.query(`SELECT * FROM ticket WHERE id = $1`, [world.open.id]);
    expect(open).toMatchObject({ status: 'routed', reporter_name: null, reporter_phone: null, reporter_email: null });
    expect(open.description).toContain('Nieczynna latarnia');
    expect(open.anonymised_at).toBeNull();
    const seen = await roads.get<TicketDetailDto>(`/api/tickets/${world.open.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.events.at(-1)).toMatchObject({
      kind: 'ticket.personal_data_erased',
      reason: expect.stringContaining('pozostaje otwarte'),
    });
    const outbox = await db.query(
      `SELECT 1 FROM outbox WHERE event = 'ticket.personal_data_erased' AND payload->>'ticketId' = $1`,
      [world.open.id],
    );
    expect(outbox).toHaveLength(1);

    // Found by phone (the call) as well as by e-mail: the call's number and notes are gone too.
    const [call] = await db.query(`SELECT caller_phone, notes, anonymised_at, outcome FROM interaction WHERE id = $1`, [
      world.callId,
    ]);
    expect(call).toMatchObject({ caller_phone: null, notes: '', outcome: 'information_given' });

    // Nothing left to find; the request keeps counts and a masked identifier only.
    const again = await admin.post<PrivacySearchResult>('/api/privacy/requests/search', { phone });
    expect(again.body.counts.tickets).toBe(0);
    const [stored] = await db.query(`SELECT identifier, found, erased FROM data_subject_request WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored.identifier).toBeNull();
    expect(stored.found).toMatchObject({ tickets: 2, openTickets: 1 });
    const list = await admin.get<DataSubjectRequestDto[]>('/api/privacy/requests');
    expect(list.body.find((r) => r.id === created.body.id)?.outcome).toBe('erased');

    // Statistics: the same tickets per category, status, channel and unit, the same times to route.
    expect(await figures()).toEqual(before);

    // Carried out once: a second erase, or an export of erased data, is refused.
    expect((await admin.post(`/api/privacy/requests/${created.body.id}/erase`)).status).toBe(409);
    expect((await admin.get(`/api/privacy/requests/${created.body.id}/export.json`)).status).toBe(409);
  });
});

describe('bad input', () => {
  const count = async (note: string) =>
    (await backend.ctx.db.query(`SELECT 1 FROM data_subject_request WHERE note = $1`, [note])).length;

  it.each([
    ['no identifier', { kind: 'erasure', requestedVia: 'letter' }, 'phone'],
    ['a malformed phone', { kind: 'erasure', phone: '12ab', requestedVia: 'letter' }, 'phone'],
    ['both identifiers', { kind: 'access', phone, email, requestedVia: 'letter' }, 'phone'],
    ['a malformed e-mail', { kind: 'access', email: 'nie-email', requestedVia: 'letter' }, 'email'],
    ['an unknown channel', { kind: 'access', phone, requestedVia: 'fax' }, 'requestedVia'],
  ])('refuses a request with %s, naming the field, and writes nothing', async (_, body, field) => {
    const note = `bad-${serial}-${field}-${Math.random()}`;
    const res = await admin.post<ErrorBody>('/api/privacy/requests', { ...body, note });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.map((f) => f.path)).toContain(field);
    expect(await count(note)).toBe(0);
  });

  it('refuses a search without an identifier, and an erase of an access request', async () => {
    expect((await admin.post<ErrorBody>('/api/privacy/requests/search', {})).status).toBe(400);
    const access = await admin.post<DataSubjectRequestDto>('/api/privacy/requests', {
      kind: 'access',
      phone: '+48 500 000 001',
      requestedVia: 'phone',
    });
    expect((await admin.post(`/api/privacy/requests/${access.body.id}/erase`)).status).toBe(409);
  });
});
