// Comments on a ticket: internal notes for staff (`ticket.commented`) and answers to the resident
// (`ticket.answered`, e-mailed to the reporter by answer-mail.job.ts). Neither changes the ticket's status.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AddCommentRequest, CommentKind, TicketCommentDto, TicketCommentKind } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { staleVersion } from '../platform/errors.ts';
import { appendTicketEvent, lockTicket } from '../tickets/tickets.service.ts';
import { getTicket } from '../tickets/tickets.queries.ts';
import { canReadInternalComments } from './comments.policy.ts';

const EVENT_OF: Record<CommentKind, 'ticket.commented' | 'ticket.answered'> = {
  internal: 'ticket.commented',
  answer: 'ticket.answered',
};

interface CommentRow {
  id: string;
  ticket_id: string;
  kind: TicketCommentKind;
  author_id: string | null;
  author_name: string | null;
  body: string;
  created_at: Date;
  event_seq: string;
}

const presentComment = (r: CommentRow): TicketCommentDto => ({
  id: r.id,
  ticketId: r.ticket_id,
  kind: r.kind,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  createdAt: r.created_at.toISOString(),
  seq: Number(r.event_seq),
});

const COMMENT_SELECT = `
  SELECT c.id, c.ticket_id, c.kind, c.author_id, a.display_name AS author_name, c.body, c.created_at, c.event_seq
    FROM ticket_comment c LEFT JOIN app_user a ON a.id = c.author_id`;

/**
 * Writes a comment and its history event (the text is the event's reason, so the history reads on its own)
 * in the caller's transaction, on a ticket the caller has locked. The unit API's comments come here too.
 */
export async function insertComment(
  em: EntityManager,
  ticketId: string,
  kind: CommentKind,
  authorId: string | null,
  body: string,
): Promise<string> {
  const id = randomUUID();
  const seq = await appendTicketEvent(
    em,
    ticketId,
    EVENT_OF[kind],
    authorId,
    { commentId: { from: null, to: id } },
    body,
  );
  await em.query(
    `INSERT INTO ticket_comment (id, ticket_id, kind, author_id, body, event_seq) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, ticketId, kind, authorId, body, seq],
  );
  return id;
}

/**
 * A comment by a person who may act on the ticket (404 otherwise). A comment does not change the ticket, so
 * its version stays; a client that sends the version it saw still gets 409 if the ticket moved meanwhile.
 */
export async function addComment(
  db: DataSource,
  actor: Actor,
  ticketId: string,
  input: AddCommentRequest,
): Promise<TicketCommentDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, ticketId);
    if (input.version !== undefined && input.version !== ticket.version) {
      throw staleVersion({ status: ticket.status, version: ticket.version }, input.version);
    }
    const id = await insertComment(em, ticket.id, input.kind, actor.id, input.body);
    const rows: CommentRow[] = await em.query(`${COMMENT_SELECT} WHERE c.id = $1`, [id]);
    return presentComment(rows[0]!);
  });
}

/** The comments the actor may read on a ticket they may read (404 otherwise), oldest first. */
export async function listComments(db: DataSource, actor: Actor, ticketId: string): Promise<TicketCommentDto[]> {
  const ticket = await getTicket(db, actor, ticketId);
  const internal = canReadInternalComments(actor, ticket.unitId);
  const rows: CommentRow[] = await db.query(
    `${COMMENT_SELECT} WHERE c.ticket_id = $1 AND ($2 OR c.kind = 'answer') ORDER BY c.event_seq`,
    [ticketId, internal],
  );
  return rows.map(presentComment);
}
