// Every TanStack Query key in one place, so realtime updates and mutations hit exactly the cached data.
// Keys are hierarchical: invalidating a prefix (e.g. ticketKeys.lists()) reaches every variant under it.
import type { DictionaryCode, MayorMatterListParams, TicketListQuery } from '@kck/contracts';

export type TicketListParams = Pick<TicketListQuery, 'view'> &
  Partial<
    Pick<
      TicketListQuery,
      | 'status'
      | 'limit'
      | 'unitId'
      | 'statuses'
      | 'overdue'
      | 'notPickedUp'
      | 'deliveryFailed'
      | 'sort'
      | 'assignee'
      | 'dueSoon'
      | 'escalated'
      | 'channel'
      | 'categoryId'
      | 'districtId'
      | 'olderThanDays'
      | 'claim'
      | 'q'
      | 'createdFrom'
      | 'createdTo'
      | 'type'
    >
  >;

export const sessionKey = ['session'] as const;

export const unitKeys = {
  all: () => ['units'] as const,
};

export const routingRuleKeys = {
  all: () => ['routing-rules'] as const,
};

export const deadlinePolicyKeys = {
  all: () => ['deadline-policies'] as const,
};

/** A category's questions; `all` covers every category and both views (with and without deactivated ones). */
export const categoryAttributeKeys = {
  all: () => ['category-attributes'] as const,
  ofCategory: (categoryId: string, includeInactive: boolean) =>
    ['category-attributes', categoryId, includeInactive] as const,
};

export const open311ClientKeys = {
  all: () => ['open311-clients'] as const,
};

export const dictionaryKeys = {
  byCode: (code: DictionaryCode) => ['dictionaries', code] as const,
};

export const ticketKeys = {
  all: () => ['tickets'] as const,
  lists: () => ['tickets', 'list'] as const,
  list: (params: TicketListParams) => ['tickets', 'list', params] as const,
  details: () => ['tickets', 'detail'] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  /** Under the detail: whatever refreshes a ticket (a socket message, a move) refreshes its attachments too. */
  attachments: (id: string) => ['tickets', 'detail', id, 'attachments'] as const,
  /** A GoneTicket once a ticket left the user's sight (e.g. returned by the unit): its detail must not be fetched. */
  gone: (id: string) => ['tickets', 'gone', id] as const,
};

/** The unit workspace; a ticket's templates sit under its detail key, so its live updates refresh them. */
export const workspaceKeys = {
  ticketTemplates: (ticketId: string) => ['tickets', 'detail', ticketId, 'answer-templates'] as const,
  assignments: () => ['unit-assignment'] as const,
  assignment: (unitId: string) => ['unit-assignment', unitId] as const,
  presence: () => ['presence'] as const,
  unitTemplates: (unitId: string) => ['answer-templates', unitId] as const,
};

export const callKeys = {
  all: () => ['calls'] as const,
  mine: (limit: number) => ['calls', 'mine', limit] as const,
  /** The agent's live calls (ringing, active, wrap-up) with their drafts; the socket patches it. */
  current: () => ['calls', 'current'] as const,
  callerHistory: (callId: string) => ['calls', 'caller-history', callId] as const,
  callbacks: () => ['calls', 'callbacks'] as const,
};

/**
 * KP-02's matters: the list under the ticket lists and a matter under its ticket's detail, so every live ticket
 * update and reconnect refreshes them (their rows have no `id`, so applyTicketUpdate's row patching passes them by).
 */
export const mayorMatterKeys = {
  list: (params: MayorMatterListParams) => ['tickets', 'list', 'mayor-matters', params] as const,
  detail: (ticketId: string) => ['tickets', 'detail', ticketId, 'mayor-matter'] as const,
};

export const streetKeys = {
  search: (q: string) => ['streets', q] as const,
};

export interface KnowledgeSearchParams {
  limit: number;
  types: readonly string[];
  units: readonly string[];
  includeExpired: boolean;
}

export const knowledgeKeys = {
  all: () => ['knowledge'] as const,
  search: (q: string, params: KnowledgeSearchParams) => ['knowledge', 'search', q, params] as const,
  article: (id: string) => ['knowledge', 'article', id] as const,
  articles: (params: object) => ['knowledge', 'articles', params] as const,
  versions: (id: string) => ['knowledge', 'article', id, 'versions'] as const,
  diff: (id: string, from: number, to: number) => ['knowledge', 'article', id, 'diff', from, to] as const,
  articleFeedback: (id: string) => ['knowledge', 'article', id, 'feedback'] as const,
  worklist: () => ['knowledge', 'worklist'] as const,
  synonyms: () => ['knowledge', 'synonyms'] as const,
  gaps: (from: string, to: string) => ['knowledge', 'gaps', from, to] as const,
};

/** DK-03's inbox: each person's saved filters, and who is looking at which ticket (filled by the socket). */
export const triageKeys = {
  savedFilters: (view: string) => ['saved-filters', view] as const,
  viewers: () => ['triage', 'viewers'] as const,
};

export const analyticsKeys = {
  today: () => ['analytics', 'today'] as const,
  /** Figures over a period (tickets, calls, knowledge base) and the backlog; 'dashboard.changed' refreshes them. */
  figures: () => ['analytics', 'figures'] as const,
  figure: (kind: string, params: Record<string, string | undefined>) => ['analytics', 'figures', kind, params] as const,
  /** The recorded calls behind a call figure (DK-05's drill-down). */
  calls: (params: Record<string, string | undefined>) => ['analytics', 'calls', params] as const,
};

export const monitoringKeys = {
  units: () => ['monitoring', 'units'] as const,
};

export const adminQueueKeys = {
  all: () => ['admin-queues'] as const,
  counts: () => ['admin-queues', 'counts'] as const,
  failed: (queue: string) => ['admin-queues', 'failed', queue] as const,
};

export const userKeys = {
  all: () => ['users'] as const,
  list: (filter: object) => ['users', 'list', filter] as const,
};
