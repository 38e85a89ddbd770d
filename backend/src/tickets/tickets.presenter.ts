// The API shape of a ticket and of its history, from the rows tickets.queries reads.
// Used by REST answers and socket payloads alike.
import type { TicketDto, TicketEventDto } from '@kck/contracts';
import { dueStateOf } from '../deadlines/deadline-conditions.ts';

export interface TicketRow {
  id: string;
  number: string;
  type: TicketDto['type'];
  channel: TicketDto['channel'];
  status: TicketDto['status'];
  title: string;
  description: string;
  category_id: string;
  category_label: string;
  district_id: string | null;
  district_label: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  attributes: TicketDto['attributes'];
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_email: string | null;
  unit_id: string | null;
  unit_code: string | null;
  unit_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  informed_unit_ids: string[];
  delivery_failed: boolean;
  due_at: Date | null;
  priority: TicketDto['priority'];
  waiting_since: Date | null;
  waiting_question: string | null;
  escalated_at: Date | null;
  resolution: string | null;
  closure_reason_id: string | null;
  closure_reason_label: string | null;
  idea_decision: TicketDto['ideaDecision'];
  interaction_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  /** DK-03's claim, only while it holds (tickets.queries.ts TICKET_SELECT). */
  claimed_by_id: string | null;
  claimed_by_name: string | null;
  claimed_at: Date | null;
  claim_expires_at: Date | null;
}

export const presentTicket = (r: TicketRow): TicketDto => ({
  id: r.id,
  number: r.number,
  type: r.type,
  channel: r.channel,
  status: r.status,
  title: r.title,
  description: r.description,
  categoryId: r.category_id,
  categoryLabel: r.category_label,
  districtId: r.district_id,
  districtLabel: r.district_label,
  address: r.address,
  location: r.latitude === null || r.longitude === null ? null : { latitude: r.latitude, longitude: r.longitude },
  attributes: r.attributes,
  reporter: { name: r.reporter_name, phone: r.reporter_phone, email: r.reporter_email },
  unitId: r.unit_id,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  informedUnitIds: r.informed_unit_ids,
  deliveryFailed: r.delivery_failed,
  dueAt: r.due_at?.toISOString() ?? null,
  priority: r.priority,
  waitingForResident: r.waiting_since
    ? { since: r.waiting_since.toISOString(), question: r.waiting_question ?? '' }
    : null,
  escalatedAt: r.escalated_at?.toISOString() ?? null,
  dueState: dueStateOf({ status: r.status, dueAt: r.due_at, waitingSince: r.waiting_since }),
  resolution: r.resolution,
  closureReason: r.closure_reason_id ? { id: r.closure_reason_id, label: r.closure_reason_label ?? '' } : null,
  ideaDecision: r.idea_decision,
  interactionId: r.interaction_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: r.version,
  claimedBy: r.claimed_by_id ? { id: r.claimed_by_id, displayName: r.claimed_by_name ?? '' } : null,
  claimedAt: r.claimed_at?.toISOString() ?? null,
  claimExpiresAt: r.claim_expires_at?.toISOString() ?? null,
});

/** A reporter with no contact: what every answer but a ticket's own detail carries. */
const NO_CONTACT: TicketDto['reporter'] = { name: null, phone: null, email: null };

/**
 * The ticket without its reporter's contact. The contact is personal data whose every read goes to the access log
 * (issue 9), so it leaves the server only in a ticket's detail, which logs it; lists, command answers and socket
 * messages carry none of it.
 */
export const withoutContact = (ticket: TicketDto): TicketDto => ({ ...ticket, reporter: NO_CONTACT });

export interface TicketEventRow {
  id: string;
  ticket_id: string;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
  changes: TicketEventDto['changes'];
  reason: string | null;
}

export const presentTicketEvent = (r: TicketEventRow): TicketEventDto => ({
  seq: Number(r.id),
  ticketId: r.ticket_id,
  kind: r.kind,
  actorId: r.actor_id,
  actorName: r.actor_name,
  at: r.at.toISOString(),
  changes: r.changes,
  reason: r.reason,
});
