// The access log (issue 9) through the real stack: a ticket's contact data seen by triage, a recording listened to
// and a ticket export each write an entry (who, when, what, the reason); the auditor finds them by the resident's
// phone and exports them; other roles get 403; the database refuses UPDATE, DELETE and TRUNCATE; a row changed by
// someone with owner rights (the trigger switched off) is caught by the chain check; parallel inserts form one chain.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccessLogPageDto,
  AccessLogVerificationDto,
  CallDto,
  CallRecordingDto,
  ErrorBody,
  TicketDetailDto,
  TicketDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId, routedCategory } from '../../backend/src/test-support/builders.ts';
import { recordAccess, verifyChain } from '../../backend/src/access-log/access-log.service.ts';

let backend: TestBackend;
let agent: TestClient;
let triage: TestClient;
let supervisor: TestClient;
let analyst: TestClient;
let auditor: TestClient;
let admin: TestClient;

/** A number of this run's own (the last nine digits are what the search compares). */
const PHONE = `+48 5${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const EMAIL = `mieszkaniec.${randomUUID().slice(0, 8)}@example.org`;
let ticketId: string;
let ticketNumber: string;
let callId: string;
let startedAt: Date;

beforeAll(async () => {
  backend = await startTestBackend();
  [agent, triage, supervisor, analyst, auditor, admin] = await signedInAll(
    backend.url,
    'agent',
    'triage',
    'kierownik',
    'analityk',
    'audytor',
    'admin',
  );
  startedAt = new Date();
  const { db } = backend.ctx;
  const call = await agent.post<CallDto>('/api/calls', {
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    endedAt: new Date().toISOString(),
    callerPhone: PHONE,
    topicId: await entryId(db, 'call_topic', 'problem_report'),
    outcome: 'problem',
    tickets: [
      {
        type: 'problem',
        categoryId: await routedCategory(db, 'ZDMK'),
        title: 'Zapadnięta studzienka (rejestr dostępu)',
        description: 'Studzienka zapadła się na jezdni.',
        reporter: { name: 'Zofia Rejestrowa', email: EMAIL },
      },
    ],
  });
  expect(call.status).toBe(201);
  callId = call.body.id;
  ticketNumber = call.body.ticketNumbers[0]!;
  ticketId = ((await db.query(`SELECT id FROM ticket WHERE number = $1`, [ticketNumber])) as { id: string }[])[0]!.id;
  // What the PBX reports after the call (tests/integration/live-calls.test.ts goes through the CTI webhook for it).
  await db.query(`UPDATE interaction SET recording_url = 'https://pbx.example/rec/access-log.mp3' WHERE id = $1`, [
    callId,
  ]);
});

afterAll(async () => {
  await backend?.close();
});

const byPhone = async (query = '') =>
  (await auditor.get<AccessLogPageDto>(`/api/access-log?phone=${encodeURIComponent(PHONE)}${query}`)).body.entries;

describe('who saw this resident’s data and when', () => {
  it('logs triage viewing a ticket’s contact data: who, when, what', async () => {
    const detail = await triage.get<TicketDetailDto>(`/api/tickets/${ticketId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.reporter.phone).toBe(PHONE);

    const entries = await byPhone('&action=contact_viewed');
    const seen = entries.find((e) => e.user.login === 'triage' && e.subject.id === ticketId);
    expect(seen).toMatchObject({
      action: 'contact_viewed',
      user: { login: 'triage', displayName: 'Tomasz Triażysta (zgłoszenia)', role: 'triage' },
      subject: { kind: 'ticket', id: ticketId, label: ticketNumber },
      reason: null,
    });
    expect(seen!.description).toContain('telefon');
    expect(seen!.description).not.toContain(PHONE);
    expect(Date.parse(seen!.at)).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);
    expect(Date.parse(seen!.at)).toBeLessThanOrEqual(Date.now() + 1000);
    // Lists carry no contact data, so reading one needs no entry.
    const list = await triage.get<TicketDto[]>('/api/tickets?limit=200');
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body.every((t) => !t.reporter.name && !t.reporter.phone && !t.reporter.email)).toBe(true);
    // The same entry by the resident's e-mail, by the ticket number and by the user.
    const byEmail = (await auditor.get<AccessLogPageDto>(`/api/access-log?email=${encodeURIComponent(EMAIL)}`)).body;
    expect(byEmail.entries.map((e) => e.seq)).toContain(seen!.seq);
    const bySubject = (
      await auditor.get<AccessLogPageDto>(`/api/access-log?subject=${encodeURIComponent(ticketNumber)}&user=triage`)
    ).body;
    expect(bySubject.entries.map((e) => e.seq)).toContain(seen!.seq);
  });

  it('logs a listen to the recording with the reason given', async () => {
    const opened = await supervisor.get<CallRecordingDto>(
      `/api/calls/${callId}/recording?reason=${encodeURIComponent('Skarga mieszkanki na obsługę')}`,
    );
    expect(opened.status).toBe(200);
    const entries = await byPhone('&action=recording_listened');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      user: { login: 'kierownik', role: 'supervisor' },
      subject: { kind: 'call', id: callId },
      reason: 'Skarga mieszkanki na obsługę',
    });
  });

  it('logs an export with its reason, and the export of the log itself', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const reason = `Kontrola ${randomUUID().slice(0, 6)}`;
    const exported = await fetch(
      `${backend.url}/api/reports/tickets.csv?from=${day}&to=${day}&reason=${encodeURIComponent(reason)}`,
      { headers: { cookie: analyst.cookie! } },
    );
    expect(exported.status).toBe(200);
    await exported.text();
    const exports = (await auditor.get<AccessLogPageDto>('/api/access-log?action=export&user=analityk')).body.entries;
    expect(exports.find((e) => e.reason === reason)).toMatchObject({
      user: { login: 'analityk', role: 'analyst' },
      subject: { kind: 'report', id: `${day}_${day}` },
    });

    const csv = await fetch(`${backend.url}/api/access-log/export.csv?phone=${encodeURIComponent(PHONE)}`, {
      headers: { cookie: auditor.cookie! },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // The byte-order mark Excel needs to read UTF-8 (fetch's text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Nr;Czas \(UTC\);Login;/);
    expect(lines.some((l) => l.includes(';triage;') && l.includes(ticketNumber))).toBe(true);
    expect(lines.some((l) => l.includes(';kierownik;') && l.includes('Skarga mieszkanki na obsługę'))).toBe(true);
    const own = (await auditor.get<AccessLogPageDto>('/api/access-log?action=access_log_exported&user=audytor')).body;
    expect(own.entries[0]).toMatchObject({ user: { login: 'audytor', role: 'auditor' } });
    expect(own.entries[0]!.description).toContain('phone');
    expect(own.entries[0]!.description).not.toContain(PHONE.slice(-9));
  });

  it('pages newest first by seq', async () => {
    const first = (await auditor.get<AccessLogPageDto>(`/api/access-log?phone=${encodeURIComponent(PHONE)}&limit=1`))
      .body;
    expect(first.entries).toHaveLength(1);
    expect(first.nextBefore).toBe(first.entries[0]!.seq);
    const second = (
      await auditor.get<AccessLogPageDto>(
        `/api/access-log?phone=${encodeURIComponent(PHONE)}&limit=1&before=${first.nextBefore}`,
      )
    ).body;
    expect(second.entries[0]!.seq).toBeLessThan(first.entries[0]!.seq);
  });

  it('is read by auditor and admin only; the auditor sees no tickets', async () => {
    for (const client of [triage, supervisor, analyst, agent]) {
      expect((await client.get<ErrorBody>('/api/access-log')).status).toBe(403);
      expect((await client.get<ErrorBody>('/api/access-log/verify')).status).toBe(403);
      expect((await client.get<ErrorBody>('/api/access-log/export.csv')).status).toBe(403);
    }
    expect((await admin.get('/api/access-log?limit=1')).status).toBe(200);
    expect((await auditor.get<ErrorBody>(`/api/tickets/${ticketId}`)).status).toBe(403);
    expect((await auditor.get<ErrorBody>('/api/tickets')).status).toBe(403);
    const bad = await auditor.get<ErrorBody>('/api/access-log?phone=12&action=peeked');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/phone/);
    expect(bad.body.error.message).toMatch(/action/);
  });
});

describe('the log cannot be changed', () => {
  it('refuses UPDATE, DELETE and TRUNCATE at the database, as the app’s own database user', async () => {
    const { db } = backend.ctx;
    const [row] = (await db.query(`SELECT max(seq) AS seq FROM access_log_entry`)) as { seq: string }[];
    await expect(
      db.query(`UPDATE access_log_entry SET description = 'nic' WHERE seq = $1`, [row!.seq]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query(`DELETE FROM access_log_entry WHERE seq = $1`, [row!.seq])).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(db.query(`TRUNCATE access_log_entry`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    // A forged hash on insert is replaced: the chain is the trigger's, not the caller's.
    await db.query(
      `INSERT INTO access_log_entry (action, subject_kind, description, prev_hash, hash)
       VALUES ('export', 'report', 'test: podrobiony skrót', 'x', 'y')`,
    );
    const [forged] = (await db.query(
      `SELECT hash, prev_hash FROM access_log_entry WHERE description = 'test: podrobiony skrót' ORDER BY seq DESC LIMIT 1`,
    )) as { hash: string; prev_hash: string }[];
    expect(forged!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(forged!.prev_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows a row changed by someone with owner rights as the first broken link', async () => {
    const { db } = backend.ctx;
    expect((await auditor.get<AccessLogVerificationDto>('/api/access-log/verify')).body).toMatchObject({
      ok: true,
      brokenAt: null,
    });
    const seq = (await byPhone('&action=contact_viewed'))[0]!.seq;
    const [original] = (await db.query(`SELECT description FROM access_log_entry WHERE seq = $1`, [seq])) as {
      description: string;
    }[];
    // An attacker with the table owner's rights can switch the trigger off; the chain still tells.
    await db.query(`ALTER TABLE access_log_entry DISABLE TRIGGER access_log_entry_append_only`);
    try {
      await db.query(`UPDATE access_log_entry SET description = 'nic ciekawego' WHERE seq = $1`, [seq]);
      const broken = (await auditor.get<AccessLogVerificationDto>('/api/access-log/verify')).body;
      expect(broken).toMatchObject({ ok: false, brokenAt: { seq, problem: 'hash' } });
      await db.query(`UPDATE access_log_entry SET description = $2 WHERE seq = $1`, [seq, original!.description]);
    } finally {
      await db.query(`ALTER TABLE access_log_entry ENABLE TRIGGER access_log_entry_append_only`);
    }
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it('chains 50 parallel inserts into one valid chain', async () => {
    const { db } = backend.ctx;
    const marker = `test: równoległe ${randomUUID()}`;
    const triageId = triage.session!.user.id;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        recordAccess(db, {
          actor: { id: triageId },
          action: 'contact_viewed',
          subject: { kind: 'ticket', id: ticketId, label: ticketNumber },
          description: `${marker} ${i}`,
        }),
      ),
    );
    const rows = (await db.query(
      `SELECT seq, prev_hash, hash, role FROM access_log_entry WHERE description LIKE $1 ORDER BY seq`,
      [`${marker}%`],
    )) as { seq: string; prev_hash: string; hash: string; role: string }[];
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(50);
    expect(rows.every((r) => r.role === 'triage')).toBe(true);
    const verified = await verifyChain(db);
    expect(verified).toMatchObject({ ok: true, brokenAt: null });
    expect(verified.checked).toBeGreaterThanOrEqual(50);
  });
});
