// The triage inbox's filters as SQL conditions on the ticket list (tickets.queries.ts listTickets): channel,
// category (a parent takes its children), district, age, DK-03's claims and words typed into the filter box.
import type { TicketListQuery } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';

/** A claim holds while it has not lapsed; the columns are on the ticket (`t`). */
export const LIVE_CLAIM = 't.claimed_by IS NOT NULL AND t.claim_expires_at > now()';

/** `%`, `_` and `\` typed by a person are meant literally in ILIKE. */
const literalLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Conditions for the filters set in `query`, whose values are appended to `params` (the list's placeholders
 * continue from there).
 */
export function inboxFilterConditions(query: TicketListQuery, actor: Actor, params: unknown[]): string[] {
  const conditions: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (query.channel) conditions.push(`t.channel = ${param(query.channel)}`);
  if (query.categoryId) {
    const category = param(query.categoryId);
    conditions.push(
      `(t.category_id = ${category} OR t.category_id IN (SELECT id FROM dictionary_entry WHERE parent_id = ${category}))`,
    );
  }
  if (query.districtId) conditions.push(`t.district_id = ${param(query.districtId)}`);
  if (query.olderThanDays)
    conditions.push(`t.created_at < now() - make_interval(days => ${param(query.olderThanDays)}::int)`);
  if (query.claim === 'me') conditions.push(`(${LIVE_CLAIM} AND t.claimed_by = ${param(actor.id)})`);
  else if (query.claim === 'others') conditions.push(`(${LIVE_CLAIM} AND t.claimed_by <> ${param(actor.id)})`);
  else if (query.claim === 'unclaimed') conditions.push(`NOT (${LIVE_CLAIM})`);
  if (query.q) {
    const words = param(literalLike(query.q));
    conditions.push(
      `(t.number ILIKE ${words} OR t.title ILIKE ${words} OR t.description ILIKE ${words} OR t.address ILIKE ${words})`,
    );
  }
  return conditions;
}
