// The access log's rules: recordAccess (one INSERT per logged access, chained by the table's trigger), the
// auditor's search by user, action, subject or resident contact, and verifyChain, which recomputes every hash.
import type { DataSource, EntityManager } from 'typeorm';
import {
  phoneKey,
  type AccessAction,
  type AccessLogEntryDto,
  type AccessLogPageDto,
  type AccessLogQuery,
  type AccessLogVerificationDto,
  type AccessSubjectKind,
  type Role,
} from '@kck/contracts';
import { badField } from '../platform/errors.ts';

/** One access as other modules report it; the user's login, name (and role, if not given) are copied from app_user. */
export interface AccessEntry {
  /** Who: a signed-in staff member, or a schedule's owner for a scheduled report; null for the system itself. */
  actor: { id: string; role?: Role } | null;
  action: AccessAction;
  subject: { kind: AccessSubjectKind; id?: string | null; label?: string | null };
  /** What was seen or exported, in a few words, without the personal data itself. */
  description: string;
  reason?: string | null;
  /** The request's address (req.ip); none for a job. */
  clientAddress?: string | null;
}

const clip = (text: string | null | undefined, max: number) => (text == null ? null : text.slice(0, max));

/**
 * Writes one entry in the caller's transaction when given an EntityManager (so it goes or stays with the access),
 * or on its own. The trigger draws seq, stamps the time and hashes it under the chain's lock, which it keeps until
 * the transaction ends: call this last in a transaction, so the lock is held for as short as possible.
 */
export async function recordAccess(db: DataSource | EntityManager, entry: AccessEntry): Promise<void> {
  await db.query(
    `INSERT INTO access_log_entry (user_id, user_login, user_name, role, action, subject_kind, subject_id,
                                   subject_label, description, reason, client_address, prev_hash, hash)
     SELECT u.id, u.login, u.display_name, coalesce($2, u.role), $3, $4, $5, $6, $7, $8, $9, '', ''
       FROM (SELECT 1) one LEFT JOIN app_user u ON u.id = $1`,
    [
      entry.actor?.id ?? null,
      entry.actor?.role ?? null,
      entry.action,
      entry.subject.kind,
      clip(entry.subject.id, 200),
      clip(entry.subject.label, 200),
      entry.description.slice(0, 500),
      clip(entry.reason?.trim() || null, 500),
      clip(entry.clientAddress, 100),
    ],
  );
}

interface EntryRow {
  seq: string;
  at: Date;
  user_id: string | null;
  user_login: string | null;
  user_name: string | null;
  role: Role | null;
  action: AccessAction;
  subject_kind: AccessSubjectKind;
  subject_id: string | null;
  subject_label: string | null;
  description: string;
  reason: string | null;
  client_address: string | null;
  prev_hash: string;
  hash: string;
}

const present = (r: EntryRow): AccessLogEntryDto => ({
  seq: Number(r.seq),
  at: r.at.toISOString(),
  user: { id: r.user_id, login: r.user_login, displayName: r.user_name, role: r.role },
  action: r.action,
  subject: { kind: r.subject_kind, id: r.subject_id, label: r.subject_label },
  description: r.description,
  reason: r.reason,
  clientAddress: r.client_address,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The WHERE of a search (entries `a`), shared by the page and the CSV export. */
function searchCondition(query: Omit<AccessLogQuery, 'limit' | 'before'>): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const filters: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    filters.push(sql(`$${params.length}`));
  };
  if (query.user) {
    if (UUID.test(query.user)) add((n) => `a.user_id = ${n}::uuid`, query.user);
    else add((n) => `lower(a.user_login) = lower(${n})`, query.user);
  }
  if (query.action) add((n) => `a.action = ${n}`, query.action);
  if (query.subject) {
    // A ticket number names its ticket; an id names a ticket or a call (subject_id holds either).
    add(
      (n) => `(a.subject_id = ${n} OR (a.subject_kind = 'ticket' AND a.subject_id IN
                (SELECT t.id::text FROM ticket t WHERE t.number = ${n})))`,
      query.subject,
    );
  }
  // The resident's contact: the tickets and calls that carry it now (the same match as the RODO finder).
  if (query.phone) {
    const key = phoneKey(query.phone);
    if (!key) throw badField('phone', 'phone needs at least 9 digits');
    add(
      (n) => `((a.subject_kind = 'ticket' AND a.subject_id IN (SELECT t.id::text FROM ticket t
                 WHERE right(regexp_replace(t.reporter_phone, '[^0-9]', '', 'g'), 9) = ${n}))
            OR (a.subject_kind = 'call' AND a.subject_id IN (SELECT i.id::text FROM interaction i
                 WHERE right(regexp_replace(i.caller_phone, '[^0-9]', '', 'g'), 9) = ${n})))`,
      key,
    );
  }
  if (query.email) {
    add(
      (n) => `(a.subject_kind = 'ticket' AND a.subject_id IN (SELECT t.id::text FROM ticket t
                 WHERE lower(t.reporter_email) = ${n}))`,
      query.email.trim().toLowerCase(),
    );
  }
  // Days are Kraków's, as everywhere in the console.
  if (query.from) add((n) => `a.at >= (${n}::date::timestamp AT TIME ZONE 'Europe/Warsaw')`, query.from);
  if (query.to) add((n) => `a.at < ((${n}::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw')`, query.to);
  return { where: filters.length ? filters.join(' AND ') : 'true', params };
}

const ENTRY_COLUMNS = `a.seq, a.at, a.user_id, a.user_login, a.user_name, a.role, a.action, a.subject_kind,
  a.subject_id, a.subject_label, a.description, a.reason, a.client_address, a.prev_hash, a.hash`;

/** Newest first, in keyset pages by seq. */
export async function searchAccessLog(db: DataSource, query: AccessLogQuery): Promise<AccessLogPageDto> {
  const { where, params } = searchCondition(query);
  if (query.before) params.push(query.before);
  const before = query.before ? ` AND a.seq < $${params.length}` : '';
  params.push(query.limit + 1);
  const rows: EntryRow[] = await db.query(
    `SELECT ${ENTRY_COLUMNS} FROM access_log_entry a WHERE ${where}${before} ORDER BY a.seq DESC LIMIT $${params.length}`,
    params,
  );
  const more = rows.length > query.limit;
  const entries = rows.slice(0, query.limit).map(present);
  return { entries, nextBefore: more ? entries[entries.length - 1]!.seq : null };
}

export const EXPORT_PAGE = 1000;

/** Every entry of a search, oldest first, in pages (for the CSV export). */
export async function* accessLogPages(
  db: DataSource,
  query: Omit<AccessLogQuery, 'limit' | 'before'>,
): AsyncGenerator<AccessLogEntryDto[]> {
  const { where, params } = searchCondition(query);
  let after = 0;
  for (;;) {
    const rows: EntryRow[] = await db.query(
      `SELECT ${ENTRY_COLUMNS} FROM access_log_entry a WHERE ${where} AND a.seq > $${params.length + 1}
        ORDER BY a.seq LIMIT ${EXPORT_PAGE}`,
      [...params, after],
    );
    if (rows.length === 0) return;
    yield rows.map(present);
    after = Number(rows[rows.length - 1]!.seq);
    if (rows.length < EXPORT_PAGE) return;
  }
}

const VERIFY_PAGE = 5000;

/**
 * Walks the chain from the first entry in seq order, in pages: each entry must name the previous entry's hash,
 * and its own hash must be what the canonical text (access_log_entry_hash, the trigger's function) gives now.
 * Reports the first entry that fails, or ok.
 */
export async function verifyChain(db: DataSource | EntityManager): Promise<AccessLogVerificationDto> {
  let previous = '0'.repeat(64);
  let after = 0;
  let checked = 0;
  let lastSeq: number | null = null;
  for (;;) {
    const rows: { seq: string; prev_hash: string; hash: string; expected: string }[] = await db.query(
      `SELECT a.seq, a.prev_hash, a.hash, access_log_entry_hash(a) AS expected
         FROM access_log_entry a WHERE a.seq > $1 ORDER BY a.seq LIMIT ${VERIFY_PAGE}`,
      [after],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (row.prev_hash !== previous) return { ok: false, checked, brokenAt: { seq, problem: 'prev_hash' }, lastSeq };
      if (row.hash !== row.expected) return { ok: false, checked, brokenAt: { seq, problem: 'hash' }, lastSeq };
      previous = row.hash;
      checked += 1;
      lastSeq = seq;
    }
    if (rows.length < VERIFY_PAGE) return { ok: true, checked, brokenAt: null, lastSeq };
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** A staff member saw a ticket's reporter contact (name, phone, e-mail): one entry, none when the ticket has none. */
export async function recordContactView(
  db: DataSource | EntityManager,
  actor: { id: string; role: Role },
  ticket: { id: string; number: string; reporter: { name: string | null; phone: string | null; email: string | null } },
  clientAddress: string | null | undefined,
): Promise<void> {
  const fields = [
    ticket.reporter.name ? 'imię i nazwisko' : null,
    ticket.reporter.phone ? 'telefon' : null,
    ticket.reporter.email ? 'e-mail' : null,
  ].filter(Boolean);
  if (fields.length === 0) return;
  await recordAccess(db, {
    actor,
    action: 'contact_viewed',
    subject: { kind: 'ticket', id: ticket.id, label: ticket.number },
    description: `Dane zgłaszającego w szczegółach zgłoszenia: ${fields.join(', ')}`,
    clientAddress,
  });
}
