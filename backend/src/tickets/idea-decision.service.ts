// The end of an idea's path: the unit it was forwarded to accepts or rejects it, with a justification
// the resident reads (e-mailed through ticket.idea_decided). The lifecycle allows it only for ideas.
import type { DataSource } from 'typeorm';
import type { IdeaDecisionRequest, TicketDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { lockTicket, moveTicket } from './tickets.service.ts';
import { getTicket } from './tickets.queries.ts';

export async function decideIdea(
  db: DataSource,
  actor: Actor,
  id: string,
  input: IdeaDecisionRequest,
): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, id);
    // A reopened idea may be decided again; the history keeps the earlier decision.
    const [{ previous }] = (await em.query(`SELECT idea_decision AS previous FROM ticket WHERE id = $1`, [id])) as [
      { previous: string | null },
    ];
    await moveTicket(em, ticket, actor.role, actor.id, {
      to: 'resolved',
      kind: 'ticket.idea_decided',
      set: { resolution: input.justification },
      expectedVersion: input.version,
      extraChanges: { ideaDecision: { from: previous, to: input.decision } },
    });
    // After the move, which refuses anything but an idea the unit may decide on.
    await em.query(`UPDATE ticket SET idea_decision = $2 WHERE id = $1`, [id, input.decision]);
    return getTicket(em, null, id);
  });
}
