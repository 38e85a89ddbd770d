// The `deadline-alerts` queue's consumer: a reminder before a ticket's deadline, an escalation after it.
// It re-checks the ticket when it runs and records each alert once per due date, however often BullMQ delivers it.
import type { DataSource, EntityManager } from 'typeorm';
import { TRIAGE_UNIT_CODE, type DeadlineAlertJob, type TicketStatus, type UnitContactDto } from '@kck/contracts';
import type { Logger } from '../platform/logger.ts';
import { mailFailure, sendOnLockedRow } from '../notifications/mail-ledger.ts';
import type { MailTransport } from '../notifications/mail-transport.ts';
import { appendTicketEvent } from '../tickets/tickets.service.ts';
import { ALERTING_STATUSES } from './plan-deadline-alerts.job.ts';
import { renderDeadlineAlert, type DeadlineAlertFacts } from './deadline-alert.mail.ts';

export type DeadlineAlertOutcome = 'stale' | 'recorded_and_sent' | 'recorded' | 'already_recorded';

interface AlertTicket {
  number: string;
  title: string;
  status: TicketStatus;
  due_at: Date | null;
  waiting_since: Date | null;
  unit_id: string | null;
  unit_code: string | null;
  unit_name: string | null;
  unit_contacts: UnitContactDto[] | null;
  parent_id: string | null;
  parent_code: string | null;
  parent_contacts: UnitContactDto[] | null;
}

const emails = (contacts: UnitContactDto[] | null | undefined) =>
  (contacts ?? []).map((c) => c.email).filter((e): e is string => Boolean(e));

/**
 * Two steps, each safe to repeat:
 *  1. under the ticket's row lock: is the alert still due (open, same due date, not paused)? If so and no
 *     `deadline_alert` row exists for (ticket, kind, due date), write the history event, the row and, for an
 *     escalation, `escalated_at`, in one transaction;
 *  2. e-mail the row's recipients unless it is already sent or skipped, as the resident notifications do.
 */
export async function handleDeadlineAlertJob(
  db: DataSource,
  mail: MailTransport,
  logger: Logger,
  job: DeadlineAlertJob,
): Promise<DeadlineAlertOutcome> {
  const recorded = await db.transaction((em) => recordAlert(em, job));
  if (recorded === 'stale') return 'stale';
  const sent = await sendAlert(db, mail, logger, job);
  if (recorded === 'already_recorded') return 'already_recorded';
  return sent ? 'recorded_and_sent' : 'recorded';
}

async function recordAlert(
  em: EntityManager,
  job: DeadlineAlertJob,
): Promise<'stale' | 'recorded' | 'already_recorded'> {
  const rows: AlertTicket[] = await em.query(
    `SELECT t.number, t.title, t.status, t.due_at, t.waiting_since, t.unit_id, u.code AS unit_code,
            u.name AS unit_name, u.contacts AS unit_contacts, p.id AS parent_id, p.code AS parent_code,
            p.contacts AS parent_contacts
       FROM ticket t LEFT JOIN unit u ON u.id = t.unit_id LEFT JOIN unit p ON p.id = u.parent_id
      WHERE t.id = $1 FOR UPDATE OF t`,
    [job.ticketId],
  );
  const t = rows[0];
  const stillDue =
    t &&
    ALERTING_STATUSES.includes(t.status) &&
    t.unit_id &&
    !t.waiting_since &&
    t.due_at?.toISOString() === job.dueAt &&
    (job.kind === 'reminder' || t.due_at <= new Date());
  if (!stillDue) return 'stale';
  const existing: unknown[] = await em.query(
    `SELECT 1 FROM deadline_alert WHERE ticket_id = $1 AND kind = $2 AND due_at = $3`,
    [job.ticketId, job.kind, job.dueAt],
  );
  if (existing.length > 0) return 'already_recorded';

  let recipients = emails(t.unit_contacts);
  let seq: number;
  if (job.kind === 'reminder') {
    seq = await appendTicketEvent(
      em,
      job.ticketId,
      'ticket.deadline_reminded',
      null,
      { reminded: { from: null, to: t.unit_code } },
      `Przypomnienie o terminie ${job.dueAt}`,
    );
  } else {
    // Above the unit: its parent unit and its supervisors, and DK-03, which monitors every deadline.
    const above: { code: string; contacts: UnitContactDto[] }[] = await em.query(
      `SELECT code, contacts FROM unit WHERE id = $1 OR code = $2`,
      [t.parent_id, TRIAGE_UNIT_CODE],
    );
    const supervisors: { display_name: string; email: string | null }[] = await em.query(
      `SELECT display_name, email FROM app_user WHERE role = 'supervisor' AND active AND unit_id = ANY($1::uuid[])
        ORDER BY display_name`,
      [[t.unit_id, t.parent_id].filter(Boolean)],
    );
    recipients = [
      ...new Set([
        ...above.flatMap((u) => emails(u.contacts)),
        ...supervisors.flatMap((s) => (s.email ? [s.email] : [])),
      ]),
    ];
    seq = await appendTicketEvent(
      em,
      job.ticketId,
      'ticket.escalated',
      null,
      {
        escalatedTo: { from: null, to: [t.parent_code, TRIAGE_UNIT_CODE].filter(Boolean) },
        supervisors: { from: null, to: supervisors.map((s) => s.display_name) },
      },
      `Termin minął ${job.dueAt}`,
    );
    await em.query(`UPDATE ticket SET escalated_at = now() WHERE id = $1`, [job.ticketId]);
  }
  await em.query(
    `INSERT INTO deadline_alert (ticket_id, kind, due_at, event_seq, recipients) VALUES ($1, $2, $3, $4, $5)`,
    [job.ticketId, job.kind, job.dueAt, seq, recipients],
  );
  return 'recorded';
}

/** Returns true when this run sent the e-mail. */
async function sendAlert(db: DataSource, mail: MailTransport, logger: Logger, job: DeadlineAlertJob): Promise<boolean> {
  const result = await db.transaction(async (em): Promise<boolean | { failed: unknown }> => {
    const rows: { id: string; status: string; recipients: string[]; facts: DeadlineAlertFacts }[] = await em.query(
      `SELECT a.id, a.status, a.recipients,
              json_build_object('number', t.number, 'title', t.title, 'unitName', u.name, 'dueAt', a.due_at) AS facts
         FROM deadline_alert a JOIN ticket t ON t.id = a.ticket_id LEFT JOIN unit u ON u.id = t.unit_id
        WHERE a.ticket_id = $1 AND a.kind = $2 AND a.due_at = $3 FOR UPDATE OF a`,
      [job.ticketId, job.kind, job.dueAt],
    );
    const row = rows[0]!;
    const outcome = await sendOnLockedRow(
      em,
      mail,
      { table: 'deadline_alert', keyColumn: 'id', key: row.id, status: row.status, keepsMessageId: false },
      {
        to: row.recipients.join(', '),
        messageId: `<deadline-${row.id}@kck>`,
        ...renderDeadlineAlert(job.kind, row.facts),
      },
      row.recipients.length > 0,
    );
    return typeof outcome === 'object' ? outcome : outcome === 'sent';
  });
  if (typeof result === 'object') {
    const { error, permanent } = mailFailure(result.failed);
    logger.warn(
      { ticketId: job.ticketId, kind: job.kind, permanent, err: String(result.failed) },
      'deadline alert e-mail not sent',
    );
    throw error;
  }
  return result;
}
