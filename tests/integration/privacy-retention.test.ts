// The retention run: the most specific policy (channel and category, category, channel, default) decides when a
// closed ticket is anonymised; open tickets and young ones are left alone; calls and e-mails without a ticket
// follow their own policies; the figures of DK-05's rollups do not change, and a second run changes nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionPolicyDto, RetentionPolicyInput, ErrorBody } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { refreshRollups } from '../../backend/src/analytics/rollups.ts';
import { DiskAttachmentStore } from '../../backend/src/attachments/disk-attachment-store.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { runRetention } from '../../backend/src/privacy/retention.ts';

let backend: TestBackend;
let admin: TestClient;
let dir: string;
let original: RetentionPolicyDto[];
const serial = randomBytes(4).toString('hex');
const categories: string[] = [];

const monthsAgo = (months: number) => {
  const at = new Date();
  at.setMonth(at.getMonth() - months);
  return at;
};

const asInput = (p: RetentionPolicyDto): RetentionPolicyInput => ({
  subject: p.subject,
  channel: p.channel,
  categoryId: p.categoryId,
  months: p.months,
  active: p.active,
  note: p.note ?? null,
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-retention-'));
  backend = await startTestBackend({ relay: false, config: { ATTACHMENTS_DIR: dir } });
  admin = await signedIn(backend.url, 'admin');
  for (const n of [1, 2]) {
    const rows: { id: string }[] = await backend.ctx.db.query(
      `INSERT INTO dictionary_entry (dictionary, code, label_pl, label_en, parent_id, sort_order)
       SELECT 'category', $1, $2, $2, id, 99 FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads'
       RETURNING id`,
      [`roads.retention_${serial}_${n}`, `Retencja ${serial} ${n}`],
    );
    categories.push(rows[0]!.id);
  }
  original = (await admin.get<RetentionPolicyDto[]>('/api/privacy/retention-policies')).body;
});
afterAll(async () => {
  if (original) await admin.request('PUT', '/api/privacy/retention-policies', { policies: original.map(asInput) });
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Old {
  id: string;
  label: string;
}

/** A ticket written and closed long ago (straight into the tables: the API writes only today's). */
async function oldTicket(
  label: string,
  channel: string,
  categoryId: string,
  closedMonthsAgo: number,
  status = 'closed',
): Promise<Old> {
  const db = backend.ctx.db;
  const created = monthsAgo(closedMonthsAgo + 1);
  const closed = monthsAgo(closedMonthsAgo);
  const [unit] = await db.query(`SELECT id FROM unit WHERE code = 'ZDMK'`);
  const [row] = await db.query(
    `INSERT INTO ticket (number, type, channel, status, title, description, category_id, unit_id, address,
                         reporter_name, reporter_phone, reporter_email, created_at, updated_at, resolution)
     VALUES ($1, 'problem', $2, $3, $4, 'Opis z nazwiskiem Anny Retencyjnej', $5, $6, 'ul. Długa 1',
             'Anna Retencyjna', '+48 511 222 333', 'anna@example.test', $7, $8, 'Odpowiedź dla Pani Anny')
     RETURNING id`,
    [
      `KCK/2016/${String(randomInt(0, 999_999)).padStart(6, '0')}`,
      channel,
      status,
      `${label} ${serial}`,
      categoryId,
      unit.id,
      created,
      closed,
    ],
  );
  await db.query(
    `INSERT INTO ticket_event (ticket_id, kind, at, changes) VALUES
       ($1, 'ticket.routed', $2, '{"status": {"from": "new", "to": "routed"}}'),
       ($1, 'ticket.resolved', $3, '{"status": {"from": "accepted", "to": "resolved"}}')`,
    [row.id, new Date(created.getTime() + 3_600_000), new Date(closed.getTime() - 3_600_000)],
  );
  if (status === 'closed')
    await db.query(
      `INSERT INTO ticket_event (ticket_id, kind, at, changes)
       VALUES ($1, 'ticket.closed', $2, '{"status": {"from": "resolved", "to": "closed"}}')`,
      [row.id, closed],
    );
  return { id: row.id, label };
}

const reporterOf = async (id: string) =>
  (await backend.ctx.db.query(`SELECT reporter_phone, anonymised_at FROM ticket WHERE id = $1`, [id]))[0] as {
    reporter_phone: string | null;
    anonymised_at: Date | null;
  };

const figures = async () => {
  await refreshRollups(backend.ctx.db);
  return backend.ctx.db.query(
    `SELECT day, channel, status, category_id, unit_id, tickets, routed, route_seconds, resolved, resolve_seconds
       FROM rollup_ticket_day WHERE category_id = ANY($1::uuid[]) ORDER BY day, channel, status, category_id`,
    [categories],
  );
};

describe('retention policies', () => {
  it('are edited as one table, and refused without the defaults or with a duplicate scope', async () => {
    const [c1] = categories;
    const policies: RetentionPolicyInput[] = [
      ...original.map(asInput),
      { subject: 'ticket', channel: null, categoryId: c1!, months: 12, active: true, note: 'kategoria' },
      { subject: 'ticket', channel: 'phone', categoryId: c1!, months: 24, active: true, note: null },
      { subject: 'ticket', channel: 'kpum', categoryId: null, months: 6, active: true, note: null },
    ];
    const res = await admin.request<RetentionPolicyDto[]>('PUT', '/api/privacy/retention-policies', { policies });
    expect(res.status).toBe(200);
    expect(res.body.filter((p) => p.categoryId === c1).map((p) => [p.channel, p.months])).toEqual(
      expect.arrayContaining([
        [null, 12],
        ['phone', 24],
      ]),
    );

    const withoutDefault = policies.filter((p) => p.subject !== 'call');
    const bad = await admin.request<ErrorBody>('PUT', '/api/privacy/retention-policies', { policies: withoutDefault });
    expect(bad.status).toBe(400);
    const twice = await admin.request<ErrorBody>('PUT', '/api/privacy/retention-policies', {
      policies: [...policies, { ...policies.at(-1)!, months: 7 }],
    });
    expect(twice.status).toBe(400);
    const unknownCategory = await admin.request<ErrorBody>('PUT', '/api/privacy/retention-policies', {
      policies: [...policies, { subject: 'ticket', channel: null, categoryId: randomUUID(), months: 5, active: true }],
    });
    expect(unknownCategory.status).toBe(400);
    // None of the refused tables was written.
    const now = (await admin.get<RetentionPolicyDto[]>('/api/privacy/retention-policies')).body;
    expect(now.filter((p) => p.categoryId === c1 || p.channel === 'kpum')).toHaveLength(3);
  });
});

describe('the retention run', () => {
  it('anonymises exactly the closed tickets whose policy ran out, keeps the figures, and runs idempotently', async () => {
    const [c1, c2] = categories as [string, string];
    const db = backend.ctx.db;
    const expired = [
      await oldTicket('phone+category 24 mies., zamknięte 25 mies. temu', 'phone', c1, 25),
      await oldTicket('category 12 mies., e-mail zamknięte 13 mies. temu', 'email', c1, 13),
      await oldTicket('channel kpum 6 mies., zamknięte 7 mies. temu', 'kpum', c2, 7),
      await oldTicket('default 60 mies., odrzucone 61 mies. temu', 'phone', c2, 61, 'rejected'),
    ];
    const kept = [
      await oldTicket('phone+category 24 mies., zamknięte 23 mies. temu', 'phone', c1, 23),
      await oldTicket('channel kpum 6 mies., zamknięte 5 mies. temu', 'kpum', c2, 5),
      await oldTicket('default 60 mies., zamknięte 59 mies. temu', 'phone', c2, 59),
      await oldTicket('otwarte od 10 lat', 'phone', c2, 120, 'routed'),
    ];
    // A photo on an expired ticket, in the store.
    const store = new DiskAttachmentStore(dir);
    const attachmentId = randomUUID();
    const key = `tickets/${expired[0]!.id}/${attachmentId}`;
    mkdirSync(path.join(dir, 'tickets', expired[0]!.id), { recursive: true });
    writeFileSync(path.join(dir, key), 'photo');
    await db.query(
      `INSERT INTO ticket_attachment (id, ticket_id, storage_key, file_name, content_type, size_bytes, sha256)
       VALUES ($1, $2, $3, 'anna.jpg', 'image/jpeg', 5, $4)`,
      [attachmentId, expired[0]!.id, key, 'a'.repeat(64)],
    );
    // Calls and e-mails that never became a ticket: the `call` (24 months) and `mail` (12 months) defaults.
    const [agent] = await db.query(`SELECT id FROM app_user WHERE login = 'agent'`);
    const call = async (months: number) =>
      (
        await db.query(
          `INSERT INTO interaction (caller_phone, started_at, ended_at, recorded_at, agent_id, topic_id, outcome, notes)
           VALUES ('+48 511 222 333', $1, $1, $1, $2, $3, 'information_given', 'Pani Anna pytała') RETURNING id`,
          [monthsAgo(months), agent.id, c1],
        )
      )[0].id as string;
    const mail = async (months: number) =>
      (
        await db.query(
          `INSERT INTO email_message (message_key, source, received_at, from_address, subject, size_bytes, outcome)
           VALUES ($1, 'smtp', $2, 'anna@example.test', 'Autoodpowiedź', 10, 'ignored') RETURNING id`,
          [`retention-${serial}-${months}@example.test`, monthsAgo(months)],
        )
      )[0].id as string;
    const [oldCall, youngCall, oldMail, youngMail] = [await call(25), await call(23), await mail(13), await mail(11)];

    const before = await figures();
    expect(before.length).toBeGreaterThan(0);
    const only = { categoryIds: [c1, c2], callIds: [oldCall, youngCall], mailIds: [oldMail, youngMail] };
    const logger = createLogger('retention-test', 'silent');
    const result = await runRetention(db, store, logger, { only, batchSize: 2 });
    expect(result).toEqual({ tickets: 4, calls: 1, mails: 1, files: 1 });

    for (const t of expired) {
      const row = await reporterOf(t.id);
      expect(row.reporter_phone, t.label).toBeNull();
      expect(row.anonymised_at, t.label).not.toBeNull();
    }
    for (const t of kept) expect((await reporterOf(t.id)).reporter_phone, t.label).toBe('+48 511 222 333');
    const [gone] = await db.query(`SELECT description, resolution, address, status FROM ticket WHERE id = $1`, [
      expired[3]!.id,
    ]);
    expect(gone).toEqual({ description: '[usunięto]', resolution: '[usunięto]', address: null, status: 'rejected' });
    expect(existsSync(path.join(dir, key))).toBe(false);
    const calls = await db.query(`SELECT id, caller_phone FROM interaction WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      [oldCall, youngCall],
    ]);
    expect(Object.fromEntries(calls.map((c: { id: string; caller_phone: string }) => [c.id, c.caller_phone]))).toEqual({
      [oldCall]: null,
      [youngCall]: '+48 511 222 333',
    });
    const mails = await db.query(`SELECT id, from_address FROM email_message WHERE id = ANY($1::uuid[])`, [
      [oldMail, youngMail],
    ]);
    expect(Object.fromEntries(mails.map((m: { id: string; from_address: string }) => [m.id, m.from_address]))).toEqual({
      [oldMail]: null,
      [youngMail]: 'anna@example.test',
    });

    // DK-05's figures for these categories are what they were.
    expect(await figures()).toEqual(before);

    // A second run finds nothing more and changes nothing.
    const snapshot = await db.query(`SELECT * FROM ticket WHERE category_id = ANY($1::uuid[]) ORDER BY id`, [
      categories,
    ]);
    expect(await runRetention(db, store, logger, { only })).toEqual({ tickets: 0, calls: 0, mails: 0, files: 0 });
    expect(
      await db.query(`SELECT * FROM ticket WHERE category_id = ANY($1::uuid[]) ORDER BY id`, [categories]),
    ).toEqual(snapshot);
  });
});
