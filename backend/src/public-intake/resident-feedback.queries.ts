// The staff side of the status page: on a ticket's detail, what its reporter wrote there (or by e-mail), how they
// rated the answer, and which consent text they ticked for their e-mail. Read within the ticket's visibility.
import type { DataSource } from 'typeorm';
import type { ResidentFeedbackDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { getTicket } from '../tickets/tickets.queries.ts';

export async function residentFeedback(db: DataSource, actor: Actor, ticketId: string): Promise<ResidentFeedbackDto> {
  await getTicket(db, actor, ticketId); // 404 outside the reader's scope
  const [messages, ratings, consents] = await Promise.all([
    db.query(
      `SELECT id, body, created_at FROM ticket_comment WHERE ticket_id = $1 AND kind = 'resident' ORDER BY event_seq`,
      [ticketId],
    ) as Promise<{ id: string; body: string; created_at: Date }[]>,
    db.query(`SELECT score, comment, rated_at FROM ticket_rating WHERE ticket_id = $1`, [ticketId]) as Promise<
      { score: number; comment: string | null; rated_at: Date }[]
    >,
    db.query(
      `SELECT consent_version, consented_at FROM public_submission
        WHERE ticket_id = $1 AND kind = 'report' AND consent_version IS NOT NULL`,
      [ticketId],
    ) as Promise<{ consent_version: string; consented_at: Date }[]>,
  ]);
  const rating = ratings[0];
  const consent = consents[0];
  return {
    messages: messages.map((m) => ({ id: m.id, body: m.body, createdAt: m.created_at.toISOString() })),
    rating: rating ? { score: rating.score, comment: rating.comment, at: rating.rated_at.toISOString() } : null,
    consent: consent ? { version: consent.consent_version, at: consent.consented_at.toISOString() } : null,
  };
}
