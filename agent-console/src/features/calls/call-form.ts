// The call being recorded, as the form holds it (strings, empty = not given), and its conversion to
// the RecordCallRequest the API takes — validated with the contracts' own zod schema before sending.
import {
  recordCallRequest,
  type CallOutcome,
  type FieldError,
  type KnowledgeHitDto,
  type RecordCallRequest,
  type TicketType,
} from '@kck/contracts';
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
}

export type AttachedArticle = Pick<KnowledgeHitDto, 'id' | 'title'>;

export interface CallDraft {
  startedAt: string | null;
  /** When the agent first typed, in case they forgot to press "start": the call began no later. */
  firstEditAt: string | null;
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

export const emptyCall = (): CallDraft => ({
  startedAt: null,
  firstEditAt: null,
  callerPhone: '',
  topicId: '',
  informationGiven: '',
  outcome: 'information_given',
  notes: '',
  articles: [],
  tickets: [],
});

// Random, not a counter: drafts restored after a reload must not collide with new tickets' keys.
const newKey = () => `ticket-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export const emptyTicket = (reporterPhone = ''): TicketDraft => ({
  key: newKey(),
  type: 'problem',
  categoryId: '',
  districtId: '',
  address: '',
  title: '',
  description: '',
  reporterName: '',
  reporterPhone,
  reporterEmail: '',
});

// The call in progress survives a reload or a look at another tab (per browser tab, never shared).
const DRAFT_KEY = 'kck.console.callDraft';

export function loadDraft(): CallDraft {
  try {
    const stored = window.sessionStorage.getItem(DRAFT_KEY);
    if (!stored) return emptyCall();
    const parsed = JSON.parse(stored) as Partial<CallDraft>;
    return { ...emptyCall(), ...parsed, articles: parsed.articles ?? [], tickets: parsed.tickets ?? [] };
  } catch {
    return emptyCall();
  }
}

export function storeDraft(draft: CallDraft): void {
  try {
    const untouched = !draft.startedAt && !draft.firstEditAt;
    if (untouched) window.sessionStorage.removeItem(DRAFT_KEY);
    else window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // storage full or blocked: the draft just does not survive a reload
  }
}

const optional = (value: string): string | undefined => value.trim() || undefined;

export function toRecordCallRequest(draft: CallDraft, endedAt: Date): RecordCallRequest {
  const started = draft.startedAt ?? draft.firstEditAt ?? endedAt.toISOString();
  return {
    startedAt: started,
    endedAt: endedAt.toISOString(),
    callerPhone: optional(draft.callerPhone),
    topicId: draft.topicId,
    outcome: draft.outcome,
    informationGiven: draft.informationGiven.trim(),
    notes: draft.notes.trim(),
    articleIds: draft.articles.map((article) => article.id),
    tickets: draft.tickets.map((ticket) => {
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
      };
    }),
  };
}

/** The same checks the server runs; an empty list means the call can be sent. */
export function validateCall(body: RecordCallRequest): FieldError[] {
  const parsed = recordCallRequest.safeParse(body);
  return parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues);
}
