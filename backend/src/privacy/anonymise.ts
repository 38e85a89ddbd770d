// Anonymises the personal fields of the data map for given tickets, calls and e-mails, inside the caller's
// transaction: what statistics read (category, unit, channel, district, dates, status) is never touched.
import type { EntityManager } from 'typeorm';
import { PERSONAL_DATA, REDACTED, type Owner, type PersonalField, type PersonalTable } from './data-map.ts';

export interface AnonymiseTargets {
  /** Closed tickets: every personal field, their files too. */
  tickets: string[];
  /** Open tickets: the contact only (fields marked `contact`); what the unit needs to act stays. */
  contactOnly: string[];
  calls: string[];
  mails: string[];
}

export interface AnonymiseResult {
  /** Rows changed per data-map entry (`table` or `table.kind`), files deleted under `files`. */
  counts: Record<string, number>;
  /** Storage keys of deleted attachment rows: the caller removes the objects after the commit. */
  storageKeys: string[];
}

const redactedLiteral = `'${REDACTED.replace(/'/g, "''")}'`;

function target(field: PersonalField): string {
  if (field.set) return field.set.replace(/:redacted/g, redactedLiteral);
  switch (field.erasure) {
    case 'null':
      return 'NULL';
    case 'redact':
      // What was empty stays empty: a redaction must not invent text where there was none.
      return `CASE WHEN ${field.column} IS NULL THEN NULL ELSE ${redactedLiteral} END`;
    case 'empty':
      return `'{}'`;
    default:
      throw new Error(`erasure ${field.erasure} is not a column update`);
  }
}

/** Whether the column still holds something to erase: makes a second run change nothing (and count nothing). */
function stillPersonal(field: PersonalField): string {
  const column = field.column;
  switch (field.erasure) {
    case 'null':
      return `${column} IS NOT NULL`;
    case 'empty':
      return `${column}::text <> '{}'`;
    default:
      return `${column} IS NOT NULL AND ${column} IS DISTINCT FROM (${target(field)})`;
  }
}

async function count(em: EntityManager, sql: string, ids: string[]): Promise<number> {
  const rows: { n: string }[] = await em.query(
    `WITH changed AS (${sql} RETURNING 1) SELECT count(*) AS n FROM changed`,
    [ids],
  );
  return Number(rows[0]!.n);
}

async function eraseEntry(
  em: EntityManager,
  entry: PersonalTable,
  fields: PersonalField[],
  ids: string[],
  result: AnonymiseResult,
): Promise<void> {
  if (ids.length === 0 || fields.length === 0) return;
  let n: number;
  if (fields.some((f) => f.erasure === 'file')) {
    const rows: { storage_key: string }[] = await em.query(
      `WITH gone AS (DELETE FROM ${entry.table} WHERE ${entry.where} RETURNING storage_key) SELECT storage_key FROM gone`,
      [ids],
    );
    // A staged web-form photo points at its attachment: it goes first, with its own object.
    result.storageKeys.push(...rows.map((r) => r.storage_key));
    n = rows.length;
    if (n > 0) result.counts.files = (result.counts.files ?? 0) + n;
  } else if (fields.some((f) => f.erasure === 'delete')) {
    n = await count(em, `DELETE FROM ${entry.table} WHERE ${entry.where}`, ids);
  } else {
    const sets = fields.map((f) => `${f.column} = ${target(f)}`).join(', ');
    const pending = fields.map(stillPersonal).join(' OR ');
    n = await count(em, `UPDATE ${entry.table} SET ${sets} WHERE (${entry.where}) AND (${pending})`, ids);
  }
  if (n > 0) result.counts[entry.key] = (result.counts[entry.key] ?? 0) + n;
}

function idsOf(owner: Owner, targets: AnonymiseTargets, contact: boolean): string[] {
  if (owner === 'ticket') return contact ? targets.contactOnly : targets.tickets;
  if (contact) return [];
  return owner === 'call' ? targets.calls : targets.mails;
}

/**
 * Runs every entry of the data map over its owners' rows. The history's scrub is allowed for this transaction
 * only (the migration's trigger reads kck.personal_data_scrub); anonymised_at marks what was done.
 */
export async function anonymise(em: EntityManager, targets: AnonymiseTargets): Promise<AnonymiseResult> {
  const result: AnonymiseResult = { counts: {}, storageKeys: [] };
  await em.query(`SELECT set_config('kck.personal_data_scrub', 'on', true)`);
  // A notice still to go (or to retry) would be sent to an address that is about to be erased: it is not sent.
  const allTickets = [...targets.tickets, ...targets.contactOnly];
  if (allTickets.length > 0) {
    await em.query(
      `UPDATE notification SET status = 'skipped' WHERE ticket_id = ANY($1::uuid[]) AND status IN ('pending', 'failed')`,
      [allTickets],
    );
    await em.query(
      `UPDATE answer_mail SET status = 'skipped'
        WHERE status IN ('pending', 'failed') AND comment_id IN (SELECT id FROM ticket_comment WHERE ticket_id = ANY($1::uuid[]))`,
      [allTickets],
    );
  }
  for (const entry of PERSONAL_DATA) {
    await eraseEntry(em, entry, entry.fields, idsOf(entry.owner, targets, false), result);
    await eraseEntry(
      em,
      entry,
      entry.fields.filter((f) => f.contact),
      idsOf(entry.owner, targets, true),
      result,
    );
  }
  if (targets.tickets.length > 0)
    await em.query(`UPDATE ticket SET anonymised_at = now() WHERE id = ANY($1::uuid[]) AND anonymised_at IS NULL`, [
      targets.tickets,
    ]);
  if (targets.calls.length > 0)
    await em.query(
      `UPDATE interaction SET anonymised_at = now() WHERE id = ANY($1::uuid[]) AND anonymised_at IS NULL`,
      [targets.calls],
    );
  if (targets.mails.length > 0)
    await em.query(
      `UPDATE email_message SET anonymised_at = now() WHERE id = ANY($1::uuid[]) AND anonymised_at IS NULL`,
      [targets.mails],
    );
  await em.query(`SELECT set_config('kck.personal_data_scrub', 'off', true)`);
  return result;
}
