// "Add my voice": a resident who finds their matter already reported files their report under that open report,
// in the web form's own transaction: their own number and status link, and the main report's answer by e-mail.
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  OPEN_TICKET_STATUSES,
  ticketNumberOf,
  type PublicVoiceCreatedDto,
  type publicVoiceRequest,
  type TicketStatus,
} from '@kck/contracts';
import { badField, conflict, notFound } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { submitReport, type PublicReport, type ReportOptions } from '../public-intake/public-reports.service.ts';
import { RESIDENT_AUTHOR } from '../public-intake/public-timeline.ts';
import { numberPendingTicketsIn } from '../tickets/ticket-number.ts';
import { appendTicketEvent, lockTicket, moveTicket } from '../tickets/tickets.service.ts';

export type PublicVoice = z.output<typeof publicVoiceRequest>;

/** In both tickets' history (staff read it; the resident's timeline shows the merge without it). */
const REASON = 'Mieszkaniec dodał swój głos w formularzu: ta sama sprawa';

/** What the ticket a voice joins may be: still open, so its answer is still to come. */
const isOpen = (status: TicketStatus) => OPEN_TICKET_STATUSES.includes(status);

/**
 * Inside the report's transaction, once its rows are written: finds the open report the resident chose (a report
 * merged meanwhile is followed to its main report), numbers the new report, and files it there as a duplicate
 * whose reporter the resident is. Anything refused here rolls the whole report back.
 */
async function joinMatter(em: EntityManager, chosenNumber: string, categoryId: string, voiceId: string) {
  const chosen: { id: string; main_id: string | null }[] = await em.query(
    `SELECT id, duplicate_of_id AS main_id FROM ticket WHERE number = $1`,
    [chosenNumber],
  );
  if (!chosen[0]) throw notFound('Report');
  // Locked before the numbering lock below, in the order a split takes them: no deadlock with one.
  const main = await lockTicket(em, null, chosen[0].main_id ?? chosen[0].id);
  const [{ number: mainNumber }] = (await em.query(`SELECT number FROM ticket WHERE id = $1`, [main.id])) as [
    { number: string },
  ];
  if (!isOpen(main.status))
    throw conflict(
      `${mainNumber} is no longer open (${main.status}): it cannot take another voice; send your report on its own`,
    );
  if (main.categoryId !== categoryId)
    throw badField(
      'categoryId',
      `${mainNumber} is in another category: choose its category or send your report on its own`,
    );

  // The voice needs its number before its history can say what it joined (a split numbers its parts the same way).
  await numberPendingTicketsIn(em);
  const voice = await lockTicket(em, null, voiceId);
  const [{ number: voiceNumber }] = (await em.query(`SELECT number FROM ticket WHERE id = $1`, [voiceId])) as [
    { number: string },
  ];
  await moveTicket(em, voice, 'resident', null, {
    to: 'duplicate',
    kind: 'ticket.merged',
    reason: REASON,
    extraChanges: { duplicateOf: { from: null, to: mainNumber }, ...RESIDENT_AUTHOR },
  });
  await em.query(`UPDATE ticket SET duplicate_of_id = $2 WHERE id = $1`, [voiceId, main.id]);
  await appendTicketEvent(
    em,
    main.id,
    'ticket.linked',
    null,
    { duplicates: { from: null, to: voiceNumber }, ...RESIDENT_AUTHOR },
    REASON,
  );
}

/**
 * Files the resident's report as a voice on report `ref`. It is a web-form report like any other (consent, photos,
 * honeypot and idempotency by submissionId are submitReport's), whose content includes the report it joins: the
 * same submissionId sent again joins nothing twice, and sent for another report (or as a plain one) is refused.
 */
export async function addVoice(
  db: DataSource,
  logger: Logger,
  ref: string,
  input: PublicVoice,
  options: ReportOptions,
): Promise<PublicVoiceCreatedDto> {
  const chosenNumber = ticketNumberOf(ref);
  // The form lets the resident add a voice without words of their own: staff still read what happened.
  const description = input.description || `Mieszkaniec zgłasza to samo co ${chosenNumber}.`;
  // submitReport hashes everything it is given except the honeypot, so `joins` makes this content differ from a
  // plain report's (tests/integration/duplicates.test.ts holds it to that).
  const report: PublicReport & { joins: string } = { ...input, description, joins: chosenNumber };
  const created = await submitReport(db, logger, report, {
    ...options,
    attach: (em, ticketId) => joinMatter(em, chosenNumber, input.categoryId, ticketId),
  });
  const rows: { main_number: string | null; reporters: number }[] = await db.query(
    `SELECT m.number AS main_number,
            1 + (SELECT count(*) FROM ticket d WHERE d.duplicate_of_id = m.id AND d.number IS NOT NULL)::int AS reporters
       FROM ticket t LEFT JOIN ticket m ON m.id = t.duplicate_of_id WHERE t.number = $1`,
    [created.number],
  );
  logger.info({ number: created.number, joined: rows[0]?.main_number }, 'web-form voice added to an open report');
  return { ...created, mainNumber: rows[0]?.main_number ?? chosenNumber, reporters: rows[0]?.reporters ?? 1 };
}
