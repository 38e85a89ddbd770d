// The wrap-up form of a call as the screen holds it (strings, empty = not given): kept on the server as the
// call's draft while the agent types, turned into the WrapUpCallRequest on save and checked with the contracts'
// own zod schema first. localStorage keeps a copy only when the server cannot be reached (see storeLocalDraft).
import {
  CALL_OUTCOMES,
  TICKET_TYPES,
  wrapUpCallRequest,
  type CallOutcome,
  type FieldError,
  type KnowledgeHitDto,
  type LiveCallDto,
  type TicketType,
  type WrapUpCallRequest,
} from '@kck/contracts';
import { attributeAnswers, type AttributeDraft } from '../category-attributes/components/CategoryAttributeFields';
import { fieldErrorsFromIssues } from '../../components/field-errors';

export interface TicketDraft {
  key: string;
  type: TicketType;
  categoryId: string;
  districtId: string;
  address: string;
  title: string;
  description: string;
  reporterName: string;
  reporterPhone: string;
  reporterEmail: string;
  /** Answers to the category's own questions (street lighting: the lamp post number…). */
  attributes: AttributeDraft;
}

export type AttachedArticle = Pick<KnowledgeHitDto, 'id' | 'title'>;

export interface WrapUpForm {
  callerPhone: string;
  topicId: string;
  informationGiven: string;
  outcome: CallOutcome;
  notes: string;
  articles: AttachedArticle[];
  tickets: TicketDraft[];
}

export const MAX_TICKETS_PER_CALL = 10;
export const MAX_ARTICLES_PER_CALL = 20;
/** The shape of the form inside the server's draft; a newer console can tell an old draft by it. */
const DRAFT_FORMAT = 1;

export const emptyForm = (callerPhone = ''): WrapUpForm => ({
  callerPhone,
  topicId: '',
  informationGiven: '',
  outcome: 'information_given',
  notes: '',
  articles: [],
  tickets: [],
});

// Random, not a counter: drafts restored after a reload must not collide with new tickets' keys.
const newKey = () => `ticket-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const PHONE_FOR_REPORTER = /^\+?[0-9 ()-]{6,20}$/;

/** A new ticket of the call: the caller's number is the reporter's until the agent says otherwise. */
export const emptyTicket = (callerPhone = ''): TicketDraft => ({
  key: newKey(),
  type: 'problem',
  categoryId: '',
  districtId: '',
  address: '',
  title: '',
  description: '',
  reporterName: '',
  reporterPhone: PHONE_FOR_REPORTER.test(callerPhone.trim()) ? callerPhone.trim() : '',
  reporterEmail: '',
  attributes: {},
});

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function ticketFrom(value: unknown): TicketDraft | null {
  if (!value || typeof value !== 'object') return null;
  const t = value as Record<string, unknown>;
  const base = emptyTicket();
  return {
    key: text(t.key) || base.key,
    type: (TICKET_TYPES as readonly string[]).includes(text(t.type)) ? (t.type as TicketType) : base.type,
    categoryId: text(t.categoryId),
    districtId: text(t.districtId),
    address: text(t.address),
    title: text(t.title),
    description: text(t.description),
    reporterName: text(t.reporterName),
    reporterPhone: text(t.reporterPhone),
    reporterEmail: text(t.reporterEmail),
    attributes: attributesFrom(t.attributes),
  };
}

/** A draft's answers as the form holds them: text or lists of text; anything else is dropped. */
function attributesFrom(value: unknown): AttributeDraft {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, answer]) =>
        typeof answer === 'string' || (Array.isArray(answer) && answer.every((item) => typeof item === 'string')),
    ),
  ) as AttributeDraft;
}

/** The form a draft holds (anything missing or malformed is left empty), or null when there is none. */
export function formFromDraft(draft: Record<string, unknown> | null | undefined): WrapUpForm | null {
  const form = draft?.form;
  if (!form || typeof form !== 'object') return null;
  const f = form as Record<string, unknown>;
  const articles = Array.isArray(f.articles)
    ? f.articles
        .filter((a): a is AttachedArticle => Boolean(a) && typeof a === 'object' && typeof a.id === 'string')
        .map((a) => ({ id: a.id, title: text(a.title) }))
    : [];
  return {
    callerPhone: text(f.callerPhone),
    topicId: text(f.topicId),
    informationGiven: text(f.informationGiven),
    outcome: (CALL_OUTCOMES as readonly string[]).includes(text(f.outcome))
      ? (f.outcome as CallOutcome)
      : 'information_given',
    notes: text(f.notes),
    articles: articles.slice(0, MAX_ARTICLES_PER_CALL),
    tickets: (Array.isArray(f.tickets) ? f.tickets : [])
      .map(ticketFrom)
      .filter((t): t is TicketDraft => t !== null)
      .slice(0, MAX_TICKETS_PER_CALL),
  };
}

export const draftOf = (form: WrapUpForm): Record<string, unknown> => ({ format: DRAFT_FORMAT, form });

/** The form a call opens with: its draft if it has one, else empty with the number the telephony reported. */
export const initialForm = (call: LiveCallDto): WrapUpForm =>
  formFromDraft(call.draft) ?? emptyForm(call.callerPhone ?? '');

// Last resort only: the server keeps drafts (a crash or another computer loses nothing). This copy is written
// when a draft save cannot reach the server (and when the page closes with keystrokes not yet saved), read back
// if it is newer than what the server has, and dropped once the server has it or the call is no longer live
// (and at logout: it holds callers' numbers).
const LOCAL_KEY = (callId: string) => `kck.console.callDraft.${callId}`;

interface LocalDraft {
  savedAt: string;
  form: WrapUpForm;
}

export function storeLocalDraft(callId: string, form: WrapUpForm): void {
  try {
    window.localStorage.setItem(
      LOCAL_KEY(callId),
      JSON.stringify({ savedAt: new Date().toISOString(), form } satisfies LocalDraft),
    );
  } catch {
    // storage full or blocked: the debounced saves retry the server
  }
}

export function clearLocalDraft(callId: string): void {
  try {
    window.localStorage.removeItem(LOCAL_KEY(callId));
  } catch {
    // nothing stored
  }
}

/** The local copy when it is newer than the server's draft (saved at `serverSavedAt`). */
export function newerLocalDraft(callId: string, serverSavedAt: string | null): WrapUpForm | null {
  try {
    const stored = window.localStorage.getItem(LOCAL_KEY(callId));
    if (!stored) return null;
    const parsed = JSON.parse(stored) as Partial<LocalDraft>;
    if (!parsed.savedAt || (serverSavedAt && parsed.savedAt <= serverSavedAt)) return null;
    return formFromDraft({ form: parsed.form });
  } catch {
    return null;
  }
}

/** Drops local copies of calls that are no longer live (recorded from elsewhere, or long gone). */
export function pruneLocalDrafts(liveCallIds: readonly string[]): void {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(LOCAL_KEY('')) && !liveCallIds.includes(key.slice(LOCAL_KEY('').length)))
        window.localStorage.removeItem(key);
    }
  } catch {
    // storage blocked
  }
}

const optional = (value: string): string | undefined => value.trim() || undefined;

export function toWrapUpRequest(form: WrapUpForm): WrapUpCallRequest {
  return {
    callerPhone: optional(form.callerPhone),
    topicId: form.topicId,
    outcome: form.outcome,
    informationGiven: form.informationGiven.trim(),
    notes: form.notes.trim(),
    articleIds: form.articles.map((article) => article.id),
    tickets: form.tickets.map((ticket) => {
      const reporter = {
        name: optional(ticket.reporterName),
        phone: optional(ticket.reporterPhone),
        email: optional(ticket.reporterEmail),
      };
      return {
        type: ticket.type,
        categoryId: ticket.categoryId,
        districtId: optional(ticket.districtId),
        address: optional(ticket.address),
        title: ticket.title.trim(),
        description: ticket.description.trim(),
        reporter: reporter.name || reporter.phone || reporter.email ? reporter : undefined,
        attributes: attributeAnswers(ticket.attributes),
      };
    }),
  };
}

/** The same checks the server runs; an empty list means the call can be sent. */
export function validateWrapUp(body: WrapUpCallRequest): FieldError[] {
  const parsed = wrapUpCallRequest.safeParse(body);
  return parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues);
}

// A house number (and flat) at the end of an address: `17`, `17a`, `17/3`, `17 m. 3`.
const HOUSE_NUMBER = /\s+(\d+\s*[a-z]?(?:\s*(?:\/|m\.?)\s*\d+[a-z]?)?)\s*$/iu;

/** The address after a street was picked: the street's label and the number the agent had already typed. */
export function addressWithStreet(typed: string, streetLabel: string): string {
  const number = HOUSE_NUMBER.exec(typed)?.[1];
  return number ? `${streetLabel} ${number}` : `${streetLabel} `;
}
