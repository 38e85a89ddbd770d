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
  /** The unit's own system never received the routed ticket after every retry: DK-03 must pass it on by hand. */
  'ticket.delivery_failed': ticketRef,
  /** A call was recorded; the dashboard's figures change. */
  'interaction.recorded': z.object({ interactionId: z.uuid() }),
} as const;

export type DomainEventName = keyof typeof DOMAIN_EVENTS;
export type DomainEventPayload<N extends DomainEventName> = z.infer<(typeof DOMAIN_EVENTS)[N]>;
export const DOMAIN_EVENT_NAMES = Object.keys(DOMAIN_EVENTS) as DomainEventName[];

/** Ticket events recorded in `ticket_event.kind` (the history), named like domain events. */
export type TicketEventKind = Extract<DomainEventName, `ticket.${string}`>;
