// The unit workspace: who works on a ticket (assignment, presence, automatic round-robin), internal comments
// vs answers to the resident, and the unit's answer templates with the one function that fills them.
import { z } from 'zod';
import type { TicketStatus } from '../domain.ts';
import type { TicketDto } from './tickets.ts';

const expectedVersion = z.number().int().min(1, 'version is the ticket version you last saw').optional();

// --- Assignment -------------------------------------------------------------------------------------------

/** A ticket is someone's work while it sits in its unit's queue; only then does it have an assignee. */
export const ASSIGNABLE_STATUSES: readonly TicketStatus[] = ['routed', 'accepted', 'in_progress', 'reopened'];

/** `null` unassigns; the caller's own id is "take it". */
export const assignTicketRequest = z
  .object({
    assigneeId: z.uuid('assigneeId must be a user id, or null to unassign').nullable(),
    version: expectedVersion,
  })
  .strict();
export type AssignTicketRequest = z.infer<typeof assignTicketRequest>;

/** `off`: tickets wait in the queue for someone to take them; `round_robin`: each routed ticket goes to the next colleague present. */
export const ASSIGNMENT_MODES = ['off', 'round_robin'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const unitAssignmentRequest = z.object({ mode: z.enum(ASSIGNMENT_MODES) }).strict();
export type UnitAssignmentRequest = z.infer<typeof unitAssignmentRequest>;

export interface UnitColleagueDto {
  id: string;
  displayName: string;
  /** Marked themselves available. */
  available: boolean;
  /** Available and signed in (a live session): round-robin picks only these. */
  present: boolean;
}

export interface UnitAssignmentDto {
  unitId: string;
  mode: AssignmentMode;
  /** The unit's staff, in the order round-robin goes through them. */
  staff: UnitColleagueDto[];
  /** Whether the caller may change `mode` (admin, or a supervisor of this unit). */
  canEdit: boolean;
}

export const presenceRequest = z.object({ available: z.boolean() }).strict();
export type PresenceRequest = z.infer<typeof presenceRequest>;

export interface PresenceDto {
  available: boolean;
}

// --- Comments and answers ---------------------------------------------------------------------------------

/** `internal`: staff only, never shown or sent to the resident; `answer`: e-mailed to the reporter. */
export const COMMENT_KINDS = ['internal', 'answer'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];
/**
 * A comment as listed: staff write the kinds above; `resident` is what the resident wrote (a status-page message, an
 * e-mail reply), with no staff author, shown as the resident's.
 */
export const TICKET_COMMENT_KINDS = [...COMMENT_KINDS, 'resident'] as const;
export type TicketCommentKind = (typeof TICKET_COMMENT_KINDS)[number];

export const addCommentRequest = z
  .object({
    kind: z.enum(COMMENT_KINDS),
    body: z.string().trim().min(1, 'body is required').max(10_000),
    version: expectedVersion,
  })
  .strict();
export type AddCommentRequest = z.infer<typeof addCommentRequest>;

export interface TicketCommentDto {
  id: string;
  ticketId: string;
  kind: TicketCommentKind;
  /** Null for the resident's messages. */
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: string;
  /** The history event that recorded it. */
  seq: number;
}

// --- Answer templates -------------------------------------------------------------------------------------

/**
 * Placeholders a template may use, written `{{name}}` (spaces inside the braces allowed). Polish names,
 * without diacritics, because unit staff write the templates in Polish.
 */
export const TEMPLATE_PLACEHOLDERS = ['numer', 'tytul', 'adres', 'zglaszajacy', 'jednostka', 'termin'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateFields = Record<TemplatePlaceholder, string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Names used in a template body that are not placeholders we know; saving such a template is refused. */
export function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(TEMPLATE_PLACEHOLDERS);
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !known.has(name)))];
}

const EMPTY = '—';
const dateOnly = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** The values the placeholders stand for, from the ticket as the API presents it. */
export function templateFieldsOf(
  ticket: Pick<TicketDto, 'number' | 'title' | 'address' | 'reporter' | 'unitName' | 'dueAt'>,
): TemplateFields {
  return {
    numer: ticket.number,
    tytul: ticket.title,
    adres: ticket.address || EMPTY,
    zglaszajacy: ticket.reporter.name || EMPTY,
    jednostka: ticket.unitName || EMPTY,
    termin: ticket.dueAt ? dateOnly.format(new Date(ticket.dueAt)) : EMPTY,
  };
}

/**
 * The one way a template is filled, in the console's preview and on the server alike. An unknown
 * placeholder is left as written, so a mistake shows instead of silently vanishing.
 */
export function fillAnswerTemplate(body: string, fields: TemplateFields): string {
  return body.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(fields, name) ? fields[name as TemplatePlaceholder] : whole,
  );
}

export const answerTemplateRequest = z
  .object({
    name: z.string().trim().min(2, 'name needs at least 2 characters').max(120),
    body: z
      .string()
      .trim()
      .min(3, 'body needs at least 3 characters')
      .max(10_000)
      .refine((body) => unknownPlaceholders(body).length === 0, {
        error: (issue) =>
          `unknown placeholder(s) ${unknownPlaceholders(String(issue.input))
            .map((n) => `{{${n}}}`)
            .join(', ')}; use ${TEMPLATE_PLACEHOLDERS.map((n) => `{{${n}}}`).join(', ')}`,
      }),
  })
  .strict();
export type AnswerTemplateRequest = z.infer<typeof answerTemplateRequest>;

export interface AnswerTemplateDto {
  id: string;
  unitId: string;
  name: string;
  body: string;
  updatedAt: string;
}

/** A template of the ticket's unit with the body filled for that ticket (`fillAnswerTemplate`). */
export interface FilledAnswerTemplateDto extends AnswerTemplateDto {
  filled: string;
}
