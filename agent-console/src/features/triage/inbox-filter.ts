// The inbox's filter: what the person chose, kept in the page address (a reload or a shared link keeps it), turned
// into the list query, and saved under a name as the contracts' InboxFilter. Claims are read here too, since a claim
// lapses on the clock without anyone being told.
import { inboxFilter, type InboxFilter, type TicketDto } from '@kck/contracts';
import type { TicketListParams } from '../../api/query-keys';

/** How many tickets the inbox shows at once; filters narrow it down rather than paging through it. */
export const INBOX_LIMIT = 100;

export const FILTER_KEYS = [
  'q',
  'statuses',
  'channel',
  'categoryId',
  'districtId',
  'olderThanDays',
  'overdue',
  'claim',
] as const satisfies readonly (keyof InboxFilter)[];

/** What the address says, as text, for one key. */
function fromText(key: (typeof FILTER_KEYS)[number], text: string): unknown {
  switch (key) {
    case 'statuses':
      return text.split(',').filter(Boolean);
    case 'olderThanDays':
      return Number(text);
    case 'overdue':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}

/** The filter in the address; a value that is not a valid filter (an old or edited link) is left out. */
export function filterFromParams(params: URLSearchParams): InboxFilter {
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const text = params.get(key);
    if (text === null || text === '') continue;
    const parsed = inboxFilter.shape[key].safeParse(fromText(key, text));
    if (parsed.success && parsed.data !== undefined) filter[key] = parsed.data;
  }
  return filter as InboxFilter;
}

/** The address with this filter in place of the old one; other parameters (the open ticket) stay. */
export function filterToParams(filter: InboxFilter, base: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(base);
  for (const key of FILTER_KEYS) next.delete(key);
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined || value === '') continue;
    next.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return next;
}

/** Only what is set, in one key order: two filters that mean the same compare equal. */
export function normalFilter(filter: InboxFilter): InboxFilter {
  const normal: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    normal[key] = Array.isArray(value) ? [...value].sort() : value;
  }
  return normal as InboxFilter;
}

export const sameFilter = (a: InboxFilter, b: InboxFilter) =>
  JSON.stringify(normalFilter(a)) === JSON.stringify(normalFilter(b));

export const isEmptyFilter = (filter: InboxFilter) => Object.keys(normalFilter(filter)).length === 0;

/** The list request for the inbox under this filter. */
export function listParamsOf(filter: InboxFilter): TicketListParams {
  const normal = normalFilter(filter);
  return { view: 'inbox', limit: INBOX_LIMIT, ...normal };
}

/** The claim on a ticket if it still holds now (the server leaves lapsed ones out, but a screen may be older). */
export function liveClaim(ticket: TicketDto, now: number = Date.now()): TicketDto['claimedBy'] {
  if (!ticket.claimedBy || !ticket.claimExpiresAt) return null;
  return Date.parse(ticket.claimExpiresAt) > now ? ticket.claimedBy : null;
}
