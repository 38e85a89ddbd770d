// Whether a ticket counts as escalated, by the server's rule (ESCALATED_CONDITION in deadline-conditions.ts):
// its missed deadline was escalated and it is still open. A resolved ticket keeps the date, in its history.
import { OPEN_TICKET_STATUSES, type TicketDto } from '@kck/contracts';

export const isEscalated = (ticket: Pick<TicketDto, 'status' | 'escalatedAt'>): boolean =>
  Boolean(ticket.escalatedAt) && OPEN_TICKET_STATUSES.includes(ticket.status);
