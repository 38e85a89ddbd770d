// The `notifications` queue's consumer: e-mails the reporter about their ticket, once per ticket and kind
// however often the job runs (BullMQ retries, a stalled job re-run after a worker died, a re-sent outbox row).
import type { DataSource } from 'typeorm';
import { DOMAIN_EVENTS, type OutboxJob } from '@kck/contracts';
import { config } from '../platform/config.ts';
import { resultRows, withPoolClient } from '../platform/db.ts';
import type { Logger } from '../platform/logger.ts';
import { hashStatusToken, newStatusToken, statusUrl } from '../public-intake/status-links.ts';
import { mailFailure, sendOnLockedRow } from './mail-ledger.ts';
import type { MailTransport } from './mail-transport.ts';
import type { NotificationKind, NotificationStatus } from './notification.entity.ts';
import { notificationKindFor, notificationMessageId } from './notifications.service.ts';
import { loadResidentNotices, type ResidentNotice } from './resident-notices.ts';

interface LockedNotification {
  id: string;
  status: NotificationStatus;
  recipient: string;
}

export type NotifyOutcome = 'not_notifying' | 'no_email' | 'sent' | 'skipped' | 'already_sent' | 'already_skipped';

/**
 * Idempotency rests on the row `notification (ticket_id, kind)`, unique. In one transaction:
 *  1. the row is inserted as 'pending' ON CONFLICT DO NOTHING; the insert holds the new row until the commit, so a
 *     second delivery running at the same moment waits on its own insert and then finds the row; a row that was
 *     already there is locked FOR UPDATE instead;
 *  2. 'sent' or 'skipped' ends the job; 'pending' or 'failed' is sent, then marked 'sent'; a failed send is
 *     recorded ('failed', attempts, last_error) and rethrown for BullMQ's retry.
 * A worker killed at any point before the commit leaves nothing behind (PostgreSQL rolls back and releases the
 * lock when the connection drops), and BullMQ runs the stalled job again.
 *
 * What remains is at-least-once, not exactly-once: if the process dies, or the database refuses the commit,
 * after the SMTP server accepted the message but before 'sent' is committed, the rerun sends it again.
 * SMTP has no way to ask "did you already get this?", so the window cannot be closed from here; the
 * second copy carries the same deterministic Message-ID (`<ticket-<id>-<kind>@kck>`), by which mail
 * stores and clients that deduplicate drop it or thread it as the same message. (Each copy's status link works:
 * a link is committed before its mail is sent.)
 */
export async function handleNotifyResidentJob(
  db: DataSource,
  mail: MailTransport,
  logger: Logger,
  job: OutboxJob,
): Promise<NotifyOutcome> {
  const kind = notificationKindFor(job.event);
  if (!kind) return 'not_notifying';
  const { ticketId, seq } = DOMAIN_EVENTS[job.event as 'ticket.created' | 'ticket.resolved'].parse(job.payload);
  // Usually the reporter alone; an answer also goes to the reporters of the tickets merged into this one.
  const notices = await loadResidentNotices(db.manager, kind, ticketId, seq);
  if (notices.length === 0) return 'no_email';
  const outcomes: NotifyOutcome[] = [];
  // One at a time, each deduplicated by its own row: a retry after a failure skips those already sent.
  for (const notice of notices) outcomes.push(await notifyOnce(db, mail, logger, kind, notice));
  return outcomes[0]!;
}

/** Sends one e-mail at most once, whatever the job's retries: see the steps above. */
async function notifyOnce(
  db: DataSource,
  mail: MailTransport,
  logger: Logger,
  kind: NotificationKind,
  notice: ResidentNotice,
): Promise<NotifyOutcome> {
  if (!mail.enabled) return recordSkipped(db, logger, kind, notice);
  const { ticketId } = notice;
  const messageId = notificationMessageId(ticketId, kind);
  const result = await withPoolClient(db, async (client): Promise<NotifyOutcome | { failed: unknown }> => {
    const literal = (value: string) => client.escapeLiteral(value);
    // A mail that will carry a status link gets it committed first: the transaction below commits only after the
    // SMTP server took the mail, and the link must work the moment the mail arrives. None is issued when the
    // ledger already says sent or skipped (a rerun); two deliveries at the same moment may leave one unused.
    const link = notice.statusLinkFor ? { token: newStatusToken(), ...notice.statusLinkFor } : null;
    if (link)
      await client.query(
        `INSERT INTO ticket_status_link (token_hash, ticket_id, issued_for)
         SELECT $1, $2, 'email' WHERE NOT EXISTS (
           SELECT 1 FROM notification WHERE ticket_id = $2 AND kind = $3 AND status IN ('sent', 'skipped'))`,
        [hashStatusToken(link.token), ticketId, kind],
      );
    const opened = await client.query(
      `BEGIN;
       INSERT INTO notification (ticket_id, kind, recipient, status)
       VALUES (${literal(ticketId)}, ${literal(kind)}, ${literal(notice.recipient)}, 'pending')
       ON CONFLICT (ticket_id, kind) DO NOTHING RETURNING id, status, recipient`,
    );
    const row =
      resultRows<LockedNotification>(opened, 1)[0] ??
      (
        await client.query<LockedNotification>(
          `SELECT id, status, recipient FROM notification WHERE ticket_id = $1 AND kind = $2 FOR UPDATE`,
          [ticketId, kind],
        )
      ).rows[0]!;
    // The address as first recorded: every retry mails the same person.
    const outcome = await sendOnLockedRow(
      client,
      mail,
      { table: 'notification', keyColumn: 'id', key: row.id, status: row.status, keepsMessageId: true },
      {
        to: row.recipient,
        messageId,
        ...notice.render(link && statusUrl(config().PUBLIC_URL, link.number, link.token)),
      },
    );
    // Nothing written when it had been done before.
    await client.query(outcome === 'already_sent' || outcome === 'already_skipped' ? 'ROLLBACK' : 'COMMIT');
    return outcome;
  });

  if (typeof result === 'object') {
    const { error, permanent } = mailFailure(result.failed);
    logger.warn({ ticketId, kind, permanent, err: String(result.failed) }, 'e-mail to resident not sent');
    throw error;
  }
  logger.info({ ticketId, kind, outcome: result, messageId }, 'resident notification handled');
  return result;
}

/**
 * With e-mail switched off nothing goes out, so there is no send to hold a row locked across: one statement records
 * the notice as skipped, or leaves a row that says sent or skipped as it is. A row left pending or failed by an
 * earlier try (before e-mail was switched off) becomes skipped, as the locked path would make it.
 */
async function recordSkipped(
  db: DataSource,
  logger: Logger,
  kind: NotificationKind,
  notice: ResidentNotice,
): Promise<NotifyOutcome> {
  const [row]: { before: NotificationStatus | null }[] = await db.query(
    `WITH before AS (SELECT status FROM notification WHERE ticket_id = $1 AND kind = $2),
          recorded AS (
            INSERT INTO notification (ticket_id, kind, recipient, status) VALUES ($1, $2, $3, 'skipped')
            ON CONFLICT (ticket_id, kind) DO UPDATE SET status = 'skipped'
             WHERE notification.status IN ('pending', 'failed'))
     SELECT (SELECT status FROM before) AS before`,
    [notice.ticketId, kind, notice.recipient],
  );
  const outcome: NotifyOutcome =
    row?.before === 'sent' ? 'already_sent' : row?.before === 'skipped' ? 'already_skipped' : 'skipped';
  logger.info({ ticketId: notice.ticketId, kind, outcome }, 'resident notification handled (e-mail is switched off)');
  return outcome;
}
