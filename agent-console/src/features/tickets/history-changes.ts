// How the history reads one change of a ticket event, for every key the backend writes: the status and the unit
// (moves), the due date and the waiting flag (deadlines), the assignee, an undelivered ticket, relations, an
// idea's decision, an attachment, who was reminded or escalated to. Values are translated, dates local.
import type { TFunction } from 'i18next';
import type { TicketEventDto } from '@kck/contracts';
import { formatDateTime } from '../../components/format';

type Change = TicketEventDto['changes'][string];

/** Ids (unitId, assigneeId, commentId…) mean nothing to a person; the server writes readable twins beside them. */
export const shownChanges = (changes: TicketEventDto['changes']): [string, Change][] =>
  Object.entries(changes).filter(([field]) => !/Ids?$/.test(field));

/** Values with a translated name, by the key they are filed under. */
const TRANSLATED: Record<string, string> = {
  status: 'status',
  channel: 'channel',
  type: 'ticketType',
  priority: 'priority',
  ideaDecision: 'ideas.stage',
};

/** Yes/no flags read as what happened ("clock paused"), not as "false → true". */
const FLAGS = new Set(['waitingForResident', 'deliveryFailed']);

function formatValue(value: unknown, field: string, t: TFunction, language: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(v, field, t, language)).join(', ') : '—';
  if (typeof value === 'string' && TRANSLATED[field])
    return t(`${TRANSLATED[field]}.${value}`, { defaultValue: value });
  if (field === 'dueAt' && typeof value === 'string') return formatDateTime(value, language);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One line of the history's "what changed" column. */
export function describeChange(field: string, change: Change, t: TFunction, language: string): string {
  if (FLAGS.has(field)) return t(`ticket.changes.${field}.${change.to ? 'on' : 'off'}`);
  const label = t(`ticket.fields.${field}`, { defaultValue: field });
  const to = formatValue(change.to, field, t, language);
  // Something that came to be (a ticket's first status, a link, a part, an attachment, who was told): just what.
  if (change.from === null || change.from === undefined) return `${label}: ${to}`;
  return `${label}: ${formatValue(change.from, field, t, language)} → ${to}`;
}
