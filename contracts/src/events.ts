// The domain event catalogue: every event written to the outbox, by name, with its payload schema.
// The worker parses payloads with these same schemas; a new event starts here.
import { z } from 'zod';

const ticketRef = z.object({ ticketId: z.uuid(), seq: z.number().int() });

export const DOMAIN_EVENTS = {
  /** A ticket was written (any channel); routing picks it up. */
  'ticket.created': ticketRef,
  /** Routing or a triage user gave the ticket a responsible unit. */
  'ticket.routed': ticketRef,
  /** No routing rule matched: the ticket waits in DK-03's triage inbox. */
  'ticket.sent_to_triage': ticketRef,
  'ticket.accepted': ticketRef,
  /** The unit started working on it. */
  'ticket.started': ticketRef,
  'ticket.resolved': ticketRef,
  /** The unit says it is not its matter; the ticket goes back to DK-03 triage with the unit's reason. */
  'ticket.returned': ticketRef,
  /** Not a city matter, or spam; closed with a reason the resident can read. */
  'ticket.rejected': ticketRef,
  /** The resident or DK-03 says the matter is not solved. */
  'ticket.reopened': ticketRef,
  'ticket.closed': ticketRef,
  /** A note on the ticket without a status change (a unit's system answering through the unit API). */
  'ticket.commented': ticketRef,
  /** An answer to the resident (a ticket_comment of kind `answer`), e-mailed to the reporter; no status change. */
  'ticket.answered': ticketRef,
  /** The resident wrote (an e-mail reply, the status page): a ticket_comment of kind `resident`; no status change. */
  'ticket.resident_message': ticketRef,
  /** The ticket's assignee changed (taken, given to a colleague, assigned automatically, or unassigned). */
  'ticket.assigned': ticketRef,
  /** The unit's own system never received the routed ticket after every retry: DK-03 must pass it on by hand. */
  'ticket.delivery_failed': ticketRef,
  /** DK-03 asked for one more delivery to the unit's system; the delivery queue posts the ticket again. */
  'ticket.redelivery_requested': ticketRef,
  /** DK-03 passed the ticket on another way (phone, e-mail) and says how; the warning goes away. */
  'ticket.delivery_cleared': ticketRef,
  /** DK-03 merged this ticket into its main ticket (status `duplicate`); its reporter hears the main number. */
  'ticket.merged': ticketRef,
  /** A relation was added on this ticket: a related ticket, a duplicate merged into it, or the report it was split from. */
  'ticket.linked': ticketRef,
  /** A link to a related ticket was removed. */
  'ticket.unlinked': ticketRef,
  /** DK-03 split this report into new tickets for different units and closed it; the reporter hears the new numbers. */
  'ticket.split': ticketRef,
  /** The unit decided on an idea (accepted or rejected) with a justification the resident reads. */
  'ticket.idea_decided': ticketRef,
  /** A file was attached to the ticket (stored with its SHA-256); the history names it. */
  'ticket.attachment_added': ticketRef,
  /** An attachment was taken off the ticket, with a reason; its file is deleted, its name stays in the history. */
  'ticket.attachment_removed': ticketRef,
  /** Unit staff asked the resident a question; the deadline's clock stands still until the answer. */
  'ticket.waiting_for_resident': ticketRef,
  /** The resident answered (or staff resumed): the clock runs again and the due date moved by the time waited. */
  'ticket.resumed': ticketRef,
  /** The resident rated the answer (1–5, once) on the status page. */
  'ticket.rated': ticketRef,
  /** The unit was reminded of the coming deadline (within office hours). */
  'ticket.deadline_reminded': ticketRef,
  /** The deadline passed: escalated to the unit's supervisor (parent unit, supervisors) and DK-03. */
  'ticket.escalated': ticketRef,
  /** A DK-03 person claimed the ticket in the triage inbox (or took it over from a colleague): others see who works on it. */
  'ticket.claimed': ticketRef,
  /** The holder let go of the claim; a claim also lapses after TRIAGE_CLAIM_MINUTES and ends when the ticket leaves the inbox. */
  'ticket.released': ticketRef,
  /** A resident's personal data was erased on request (RODO art. 17); an open ticket stays open without its contact. */
  'ticket.personal_data_erased': ticketRef,
  /** A call was recorded; the dashboard's figures change. */
  'interaction.recorded': z.object({ interactionId: z.uuid() }),
  /**
   * A live call changed: a telephony event, a manual start or end, its wrap-up or call-back (not draft saves).
   * `formerAgentId`: the agent a transfer took the call from, whose console lets it go.
   */
  'call.changed': z.object({ callId: z.uuid(), formerAgentId: z.uuid().optional() }),
  /** A knowledge-base article was created, edited, moved in its workflow or imported; the index follows it. */
  'article.changed': z.object({ articleId: z.uuid() }),
  /** Editors changed the synonym groups; both search engines take the new list. */
  'knowledge.synonyms_changed': z.object({}),
  /** A hotline agent's presence changed (by hand, by a call, at sign-out); the wallboard follows it. */
  'presence.changed': z.object({ userId: z.uuid() }),
  /** A city-wide matter was declared, edited or ended, or a call was linked to it. */
  'city_matter.changed': z.object({ cityMatterId: z.uuid() }),
  /** An incident (awaria) was opened, edited, given an action or a notice, or closed, by a person or the platform. */
  'incident.changed': z.object({ incidentId: z.uuid() }),
} as const;

export type DomainEventName = keyof typeof DOMAIN_EVENTS;
export type DomainEventPayload<N extends DomainEventName> = z.infer<(typeof DOMAIN_EVENTS)[N]>;
export const DOMAIN_EVENT_NAMES = Object.keys(DOMAIN_EVENTS) as DomainEventName[];

/** Ticket events recorded in `ticket_event.kind` (the history), named like domain events. */
export type TicketEventKind = Extract<DomainEventName, `ticket.${string}`>;
