// The domain vocabulary shared by backend, worker and console: string unions from the glossary
// (../shared/design/domain.md). Each list is the single source; types are derived from it.

/**
 * `mayor_office`: KP-02 (Kancelaria Prezydenta), the matters residents address to the Mayor (channel `mayor`).
 * `auditor`: a security officer; reads and exports the access log, sees no resident's ticket.
 */
export const ROLES = [
  'agent',
  'triage',
  'unit_staff',
  'analyst',
  'kb_editor',
  'supervisor',
  'admin',
  'mayor_office',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const TICKET_TYPES = ['problem', 'idea', 'information'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** With type and category, picks the deadline policy (deadline_policy): urgent hazards are counted in hours. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_STATUSES = [
  'new',
  'triage',
  'routed',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'returned',
  'rejected',
  'duplicate',
  'reopened',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket still needs someone's work. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = [
  'new',
  'triage',
  'routed',
  'accepted',
  'in_progress',
  'returned',
  'reopened',
];

/** `mayor`: a matter addressed to the Mayor, registered by KP-02 (a letter, a meeting with residents, an e-mail). */
export const CHANNELS = ['phone', 'email', 'web_form', 'kpum', 'mayor', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

export const UNIT_KINDS = ['department', 'municipal_unit', 'city_company', 'office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const CALL_OUTCOMES = ['information_given', 'problem', 'idea', 'transferred', 'survey', 'dropped'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * A call exists from its first telephony event (or the agent's manual start): ringing → active (answered) →
 * wrap_up (hung up, the agent is filling in the form) → recorded. A call never answered ends as missed and
 * joins the call-back list.
 */
export const CALL_STATES = ['ringing', 'active', 'wrap_up', 'recorded', 'missed'] as const;
export type CallState = (typeof CALL_STATES)[number];

export const CALL_DIRECTIONS = ['in', 'out'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** A hotline agent's state; on_call and wrap_up follow the telephony (or the agent's manual start and end). */
export const PRESENCE_STATES = ['available', 'on_call', 'wrap_up', 'break', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export const BREAK_REASONS = ['rest', 'meal', 'training', 'meeting', 'technical', 'other'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/**
 * Central dictionaries; tickets and calls point at their entries by id. `street` lives in its own table (the
 * street register, with its own import) and is read through the same API; the others are dictionary_entry rows.
 */
export const DICTIONARY_CODES = [
  'category',
  'call_topic',
  'channel',
  'district',
  'closure_reason',
  'call_outcome',
  'street',
] as const;
export type DictionaryCode = (typeof DICTIONARY_CODES)[number];
/** The dictionaries kept as versioned dictionary_entry rows, which analysts edit entry by entry. */
export const ENTRY_DICTIONARY_CODES = [
  'category',
  'call_topic',
  'channel',
  'district',
  'closure_reason',
  'call_outcome',
] as const satisfies readonly DictionaryCode[];
export type EntryDictionaryCode = (typeof ENTRY_DICTIONARY_CODES)[number];
/** Dictionaries whose codes the platform's own logic uses (CHANNELS, CALL_OUTCOMES): labels change, codes do not. */
export const FIXED_CODE_DICTIONARIES: readonly DictionaryCode[] = ['channel', 'call_outcome'];

export const ARTICLE_TYPES = ['service_card', 'unit_scope', 'event', 'election', 'procedure'] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

/** Unit codes the platform itself relies on. */
export const TRIAGE_UNIT_CODE = 'DK-03';
export const HOTLINE_UNIT_CODE = 'DK-02';
