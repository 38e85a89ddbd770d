// The ticket's history as the resident may see it: which steps are public and which words in them are meant for
// the resident. Pure, so the rule "never an internal note, never a staff name" is tested on its own.
import type {
  IdeaDecision,
  PublicState,
  PublicTimelineEntryDto,
  PublicTimelineKind,
  TicketStatus,
} from '@kck/contracts';

/** One history event with the comment it recorded, if any, as public-status.queries.ts reads it. */
export interface HistoryRow {
  seq: number;
  kind: string;
  at: Date;
  changes: Record<string, { from?: unknown; to?: unknown }>;
  reason: string | null;
  commentKind: string | null;
  commentBody: string | null;
  /** No staff member, unit system or routing made it: the resident did (status page, e-mail reply). */
  noActor: boolean;
}

/** Marks a change the resident made (status page): the event has no staff actor. */
export const RESIDENT_AUTHOR = { author: { from: null, to: 'resident' } } as const;

const byResident = (row: HistoryRow) => row.changes.author?.to === 'resident' || row.noActor;
const textOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/**
 * Maps the history to public steps. Staff reasons are never shown (a manual routing names its clerk, a return
 * says why the unit refused): only the unit's answers, a rejection's justification, a question to the resident
 * and the resident's own words are. Units are named by their public names, looked up by the codes the history keeps.
 */
export function publicTimeline(
  rows: readonly HistoryRow[],
  unitNameByCode: ReadonlyMap<string, string>,
  triageUnitName: string | null,
): PublicTimelineEntryDto[] {
  const entries: PublicTimelineEntryDto[] = [];
  let unitName: string | null = null;
  const push = (row: HistoryRow, kind: PublicTimelineKind, extra: Partial<PublicTimelineEntryDto> = {}) =>
    entries.push({
      seq: row.seq,
      at: row.at.toISOString(),
      kind,
      unitName,
      text: null,
      decision: null,
      numbers: [],
      fileName: null,
      score: null,
      ...extra,
    });

  for (const row of rows) {
    switch (row.kind) {
      case 'ticket.created':
        push(row, 'received', { unitName: null });
        break;
      case 'ticket.sent_to_triage':
      case 'ticket.returned':
        unitName = triageUnitName;
        push(row, 'assessing');
        break;
      case 'ticket.routed': {
        const code = row.changes.unit?.to;
        unitName = (typeof code === 'string' && unitNameByCode.get(code)) || unitName;
        push(row, 'routed');
        break;
      }
      case 'ticket.accepted':
        push(row, 'accepted');
        break;
      case 'ticket.started':
        push(row, 'in_progress');
        break;
      case 'ticket.waiting_for_resident':
        push(row, 'question', { text: textOf(row.reason) });
        break;
      case 'ticket.answered':
        if (row.commentKind === 'answer') push(row, 'answer', { text: textOf(row.commentBody) });
        break;
      case 'ticket.resident_message':
        push(row, 'your_message', {
          text: textOf(row.commentKind === 'resident' ? row.commentBody : row.reason),
          unitName: null,
        });
        break;
      case 'ticket.attachment_added':
        if (byResident(row)) push(row, 'your_photo', { fileName: textOf(row.changes.attachment?.to), unitName: null });
        break;
      case 'ticket.resolved':
        push(row, 'resolved', { text: textOf(row.changes.resolution?.to) });
        break;
      case 'ticket.idea_decided':
        push(row, 'idea_decided', {
          text: textOf(row.changes.resolution?.to),
          decision: (row.changes.ideaDecision?.to as IdeaDecision | undefined) ?? null,
        });
        break;
      case 'ticket.rejected':
        push(row, 'rejected', { text: textOf(row.changes.resolution?.to) ?? textOf(row.reason) });
        break;
      case 'ticket.merged': {
        const main = row.changes.duplicateOf?.to;
        push(row, 'merged', { numbers: typeof main === 'string' ? [main] : [] });
        break;
      }
      case 'ticket.split': {
        const parts = row.changes.parts?.to;
        push(row, 'split', { numbers: Array.isArray(parts) ? parts.filter((p) => typeof p === 'string') : [] });
        break;
      }
      case 'ticket.closed':
        push(row, 'closed');
        break;
      case 'ticket.reopened':
        push(row, 'reopened', { text: byResident(row) ? textOf(row.reason) : null });
        break;
      case 'ticket.rated': {
        const score = row.changes.rating?.to;
        push(row, 'rated', {
          score: typeof score === 'number' ? score : null,
          text: textOf(row.reason),
          unitName: null,
        });
        break;
      }
      default:
        // Assignment, internal notes, deliveries, reminders, escalations, links: the unit's own business.
        break;
    }
  }
  return entries;
}

/** Where the matter stands, as the resident reads it. */
export function publicState(status: TicketStatus, waitingForResident: boolean): PublicState {
  switch (status) {
    case 'new':
      return 'received';
    case 'triage':
    case 'returned':
      return 'assessing';
    case 'routed':
      return waitingForResident ? 'waiting_for_you' : 'routed';
    case 'accepted':
    case 'in_progress':
      return waitingForResident ? 'waiting_for_you' : 'in_progress';
    case 'resolved':
      return 'resolved';
    case 'closed':
      return 'closed';
    case 'rejected':
      return 'rejected';
    case 'duplicate':
      return 'merged';
    case 'reopened':
      return 'reopened';
  }
}
