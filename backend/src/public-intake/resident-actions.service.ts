// What the resident does on the status page: adds information or photos (a resident message the unit sees live,
// which restarts the clock of a ticket waiting for the resident), rates the answer once, or says within
// PUBLIC_REOPEN_DAYS that the matter is not solved, which reopens it.
// There is no account behind these: each change is recorded with no actor and `author: resident` in its changes,
// and the reopening passes the lifecycle as the actor `resident` (contracts/lifecycle.ts), its reason their words.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { PublicNotSolvedRequest, PublicRatingRequest, PublicTicketStatusDto } from '@kck/contracts';
import { resumeOnResidentAnswer } from '../deadlines/deadlines.service.ts';
import { conflict, invalidTransition } from '../platform/errors.ts';
import { appendTicketEvent, lockTicket, moveTicket } from '../tickets/tickets.service.ts';
import { claimPhotos } from './public-photos.ts';
import { submissionHash } from './public-reports.service.ts';
import {
  lastAnswerAt,
  MESSAGE_STATUSES,
  publicTicketStatus,
  reopenDeadline,
  type StatusConfig,
} from './public-status.queries.ts';
import { RESIDENT_AUTHOR } from './public-timeline.ts';
import type { LinkedTicket } from './status-links.ts';

type Message = { submissionId: string; text: string; photoIds: string[] };

/**
 * A resident's message on a ticket the caller has locked: a ticket_comment of kind `resident` and its
 * `ticket.resident_message` event (the text as the reason, so the staff history reads on its own).
 */
export async function insertResidentMessage(em: EntityManager, ticketId: string, body: string): Promise<string> {
  const id = randomUUID();
  const seq = await appendTicketEvent(
    em,
    ticketId,
    'ticket.resident_message',
    null,
    { commentId: { from: null, to: id }, ...RESIDENT_AUTHOR },
    body,
  );
  await em.query(
    `INSERT INTO ticket_comment (id, ticket_id, kind, author_id, body, event_seq) VALUES ($1, $2, 'resident', NULL, $3, $4)`,
    [id, ticketId, body, seq],
  );
  return id;
}

const notNow = (message: string, ticket: { status: string; version: number }) =>
  invalidTransition(message, { status: ticket.status, version: ticket.version });

/** Idempotent by the message's submission id: sent again, nothing more is written and the page is answered. */
export async function addResidentMessage(
  db: DataSource,
  link: LinkedTicket,
  input: Message,
  config: StatusConfig,
): Promise<PublicTicketStatusDto> {
  const hash = submissionHash({ ticket: link.id, text: input.text, photoIds: input.photoIds });
  const seen: { ticket_id: string; request_hash: string }[] = await db.query(
    `SELECT ticket_id, request_hash FROM public_submission WHERE id = $1`,
    [input.submissionId],
  );
  if (seen[0]) {
    if (seen[0].ticket_id !== link.id || seen[0].request_hash !== hash)
      throw conflict(
        'This submissionId was already used for a different message; the page makes a new one per message',
      );
    return publicTicketStatus(db, link.id, config);
  }
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, null, link.id);
    if (!MESSAGE_STATUSES.includes(ticket.status))
      throw notNow(`A ${ticket.status} matter takes no more messages: send a new report`, ticket);
    const claimed: unknown[] = await em.query(
      `INSERT INTO public_submission (id, kind, ticket_id, request_hash, language)
       VALUES ($1, 'message', $2, $3, 'pl') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [input.submissionId, ticket.id, hash],
    );
    // The same message a moment ago, under the same lock: already written.
    if (claimed.length === 0) return publicTicketStatus(em, ticket.id, config);
    if (input.text) {
      const commentId = await insertResidentMessage(em, ticket.id, input.text);
      await em.query(`UPDATE public_submission SET comment_id = $2 WHERE id = $1`, [input.submissionId, commentId]);
    }
    const photos = await claimPhotos(em, ticket.id, input.submissionId, input.photoIds, config.PUBLIC_MAX_PHOTOS);
    for (const photo of photos) {
      await appendTicketEvent(em, ticket.id, 'ticket.attachment_added', null, {
        attachment: { from: null, to: photo.fileName },
        ...RESIDENT_AUTHOR,
      });
    }
    // The unit asked the resident something: whatever they send now is their answer.
    await resumeOnResidentAnswer(em, ticket, RESIDENT_AUTHOR);
    return publicTicketStatus(em, ticket.id, config);
  });
}

/** Once per ticket, after the answer: a second rating answers 409. */
export async function rateAnswer(
  db: DataSource,
  link: LinkedTicket,
  input: Required<Pick<PublicRatingRequest, 'score'>> & { comment?: string },
  config: StatusConfig,
): Promise<PublicTicketStatusDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, null, link.id);
    if ((ticket.status !== 'resolved' && ticket.status !== 'closed') || !(await lastAnswerAt(em, ticket.id)))
      throw notNow('There is no answer to rate yet', ticket);
    const rated: unknown[] = await em.query(
      `INSERT INTO ticket_rating (ticket_id, score, comment) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id`,
      [ticket.id, input.score, input.comment || null],
    );
    if (rated.length === 0) throw conflict('The answer has already been rated: a rating is given once');
    await appendTicketEvent(
      em,
      ticket.id,
      'ticket.rated',
      null,
      { rating: { from: null, to: input.score }, ...RESIDENT_AUTHOR },
      input.comment || null,
    );
    return publicTicketStatus(em, ticket.id, config);
  });
}

/**
 * "Not solved": reopens a resolved problem within PUBLIC_REOPEN_DAYS of the answer. Later, or for an idea's
 * decision, the resident is told to contact KCK (409), and nothing changes.
 */
export async function reportNotSolved(
  db: DataSource,
  link: LinkedTicket,
  input: Required<PublicNotSolvedRequest>,
  config: StatusConfig,
  now = new Date(),
): Promise<PublicTicketStatusDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, null, link.id);
    if (ticket.type === 'idea')
      throw notNow('A decision on an idea is not reopened here: contact the Kraków Contact Centre', ticket);
    if (ticket.status !== 'resolved') throw notNow(`A ${ticket.status} matter cannot be reopened here`, ticket);
    const answeredAt = await lastAnswerAt(em, ticket.id);
    const until = answeredAt ? reopenDeadline(answeredAt, config.PUBLIC_REOPEN_DAYS) : null;
    if (!until || now.getTime() > until.getTime())
      throw notNow(
        `The ${config.PUBLIC_REOPEN_DAYS} days to say the matter is not solved have passed: contact the Kraków Contact Centre`,
        ticket,
      );
    await moveTicket(em, ticket, 'resident', null, {
      to: 'reopened',
      kind: 'ticket.reopened',
      reason: input.reason,
      extraChanges: { ...RESIDENT_AUTHOR },
    });
    return publicTicketStatus(em, ticket.id, config);
  });
}
