// What "open", "overdue" and "not picked up" mean, as SQL on the ticket aliased `t`: one definition
// shared by the monitoring figures and the ticket list behind them, so a number and its list agree.
import { NOT_PICKED_UP_AFTER_HOURS, OPEN_TICKET_STATUSES } from '@kck/contracts';

// Inlined rather than bound: they are our own constants, and inlining lets the planner use the status index.
export const OPEN_CONDITION = `t.status IN (${OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ')})`;

// A ticket waiting for the resident is not overdue: its clock stands still and its due date moves on resume.
export const OVERDUE_CONDITION = `(${OPEN_CONDITION} AND t.waiting_since IS NULL AND t.due_at < now())`;

// Every move sets updated_at, so for a `routed` ticket it is the moment it was routed.
export const NOT_PICKED_UP_CONDITION = `((${OPEN_CONDITION} AND t.unit_id IS NULL)
  OR (t.status = 'routed' AND t.updated_at < now() - interval '${NOT_PICKED_UP_AFTER_HOURS} hours'))`;
