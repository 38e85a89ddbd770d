// The `notifications` queue's share for answers: e-mails a unit's answer (`ticket.answered`) to the reporter,
// once per answer however often the job runs. Internal comments never get here (they are another event).
import type { DataSource } from 'typeorm';
import { DOMAIN_EVENTS, type OutboxJob } from '@kck/contracts';
import type { Logger } from '../platform/logger.ts';
import { mailFailure, sendOnLockedRow } from '../notifications/mail-ledger.ts';
import type { MailTransport } from '../notifications/mail-transport.ts';
import { renderResidentMail, type RenderedMail } from '../notifications/notifications.service.ts';

export type AnswerMailOutcome = 'not_an_answer' | 'no_email' | 'sent' | 'skipped' | 'already_sent' | 'already_skipped';

export const answerMessageId = (commentId: string) => `<answer-${commentId}@kck>`;

interface AnswerFacts {
  commentId: string;
  number: string;
  title: string;
  unitName: string | null;
  body: string;
}

/** Only what a resident may read: the ticket's number and title, the unit's name, the answer; no staff names. */
export function renderAnswerMail(f: AnswerFacts): RenderedMail {
  const unit = f.unitName ? ` (${f.unitName})` : '';
  return renderResidentMail({
    subject: `Informacja w sprawie zgłoszenia ${f.number} / Update on your report ${f.number}`,
    polish: ['Dzień dobry,', `w sprawie zgłoszenia ${f.number} „${f.title}” przekazujemy odpowiedź.`],
    quote: { heading: `Odpowiedź${unit}:`, body: f.body },
    polishAfter: ['Prosimy podawać numer zgłoszenia w kontakcie z Krakowskim Centrum Kontaktu.'],
    english:
      `English: an update on your report ${f.number}` +
      (f.unitName ? ` from ${f.unitName}` : '') +
      ' is quoted above. Please quote the number when you contact us.',
  });
}

/**
 * Idempotent in the same way as the resident notifications (see notify-resident.job.ts): the row
 * `answer_mail (comment_id)` is created once, locked while the mail goes out and marked `sent` in the same
 * transaction. The same window remains (dies after the SMTP server accepted, before the commit): the resend
 * carries the same Message-ID.
 */
export async function handleAnswerMailJob(
  db: DataSource,
  mail: MailTransport,
  logger: Logger,
  job: OutboxJob,
): Promise<AnswerMailOutcome> {
  if (job.event !== 'ticket.answered') return 'not_an_answer';
  const { ticketId, seq } = DOMAIN_EVENTS['ticket.answered'].parse(job.payload);
  const rows: (AnswerFacts & { recipient: string | null })[] = await db.query(
    `SELECT c.id AS "commentId", t.number, t.title, u.name AS "unitName", c.body, t.reporter_email AS recipient
       FROM ticket_comment c JOIN ticket t ON t.id = c.ticket_id LEFT JOIN unit u ON u.id = t.unit_id
      WHERE c.event_seq = $1 AND c.ticket_id = $2 AND c.kind = 'answer'`,
    [seq, ticketId],
  );
  const facts = rows[0];
  // The event and the comment commit together, so a missing comment is a bug worth a retry and a log line.
  if (!facts) throw new Error(`no answer recorded for event ${seq} of ticket ${ticketId}`);
  if (!facts.recipient) return 'no_email';

  await db.query(
    `INSERT INTO answer_mail (comment_id, recipient) VALUES ($1, $2) ON CONFLICT (comment_id) DO NOTHING`,
    [facts.commentId, facts.recipient],
  );
  const messageId = answerMessageId(facts.commentId);
  const result = await db.transaction(async (em): Promise<AnswerMailOutcome | { failed: unknown }> => {
    const [row]: { status: string; recipient: string }[] = await em.query(
      `SELECT status, recipient FROM answer_mail WHERE comment_id = $1 FOR UPDATE`,
      [facts.commentId],
    );
    return sendOnLockedRow(
      em,
      mail,
      {
        table: 'answer_mail',
        keyColumn: 'comment_id',
        key: facts.commentId,
        status: row!.status,
        keepsMessageId: true,
      },
      { to: row!.recipient, messageId, ...renderAnswerMail(facts) },
    );
  });

  if (typeof result === 'object') {
    const { error, permanent } = mailFailure(result.failed);
    logger.warn({ ticketId, permanent, err: String(result.failed) }, 'answer e-mail to resident not sent');
    throw error;
  }
  logger.info({ ticketId, outcome: result, messageId }, 'answer e-mail handled');
  return result;
}
