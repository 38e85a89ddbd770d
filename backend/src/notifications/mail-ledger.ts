// Sending an e-mail at most once through a ledger row (resident notices, answers, deadline alerts): the caller
// holds its row in a transaction (locked FOR UPDATE, or just inserted); this sends unless the row says it was done
// and records the outcome.
import { UnrecoverableError } from 'bullmq';
import type { MailTransport, OutgoingMail } from './mail-transport.ts';

/** A ledger row: its table, the column and value that find it, and whether it keeps the Message-ID. */
export interface LedgerRow {
  table: 'notification' | 'answer_mail' | 'deadline_alert';
  keyColumn: 'id' | 'comment_id';
  key: string;
  /** As locked by the caller. */
  status: string;
  keepsMessageId: boolean;
}

export type LedgerOutcome = 'sent' | 'already_sent' | 'already_skipped' | 'skipped';

/** The caller's open transaction, through TypeORM's EntityManager or a pooled pg client. */
export interface LedgerTransaction {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/**
 * Runs inside the caller's transaction, with the row held: a second delivery of the job waits for it and then
 * finds `sent`. `canSend` false (no transport, no recipient) records `skipped`. A failed send is recorded
 * and thrown after the commit by `mailFailure`.
 */
export async function sendOnLockedRow(
  em: LedgerTransaction,
  mail: MailTransport,
  row: LedgerRow,
  message: OutgoingMail,
  canSend = true,
): Promise<LedgerOutcome | { failed: unknown }> {
  const where = `WHERE ${row.keyColumn} = $1`;
  if (row.status === 'sent') return 'already_sent';
  if (row.status === 'skipped') return 'already_skipped';
  if (!mail.enabled || !canSend) {
    await em.query(`UPDATE ${row.table} SET status = 'skipped' ${where}`, [row.key]);
    return 'skipped';
  }
  try {
    await mail.send(message);
  } catch (err) {
    await em.query(`UPDATE ${row.table} SET status = 'failed', attempts = attempts + 1, last_error = $2 ${where}`, [
      row.key,
      String(err).slice(0, 1000),
    ]);
    return { failed: err };
  }
  const messageId = row.keepsMessageId ? ', message_id = $2' : '';
  await em.query(
    `UPDATE ${row.table} SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL${messageId}
     ${where}`,
    row.keepsMessageId ? [row.key, message.messageId] : [row.key],
  );
  return 'sent';
}

/** What a job throws after a failed send: a 5xx is the server's final word, so BullMQ must not retry it. */
export function mailFailure(failed: unknown): { error: unknown; permanent: boolean } {
  const code = (failed as { responseCode?: unknown }).responseCode;
  const permanent = typeof code === 'number' && code >= 500 && code < 600;
  return { error: permanent ? new UnrecoverableError(String(failed)) : failed, permanent };
}
