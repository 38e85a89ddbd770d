// Every BullMQ queue, its one job type, and which domain events feed it through the outbox relay.
// Backend (producer) and worker (consumer) both import from here.
import { z } from 'zod';
import { DOMAIN_EVENTS, type DomainEventName } from './events.ts';

export const QUEUES = {
  /** Decide the responsible unit of a new ticket from the routing rules. */
  routing: 'routing',
  /** Fan committed events out to consoles through Socket.IO. */
  realtime: 'realtime',
  /** E-mail the reporter: acknowledgement on intake, the unit's answer on resolution. */
  notifications: 'notifications',
  /** POST a routed ticket, signed, to the webhook of a unit with its own system. */
  delivery: 'delivery',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Every job carries the outbox row it came from, so consumers can be idempotent. */
export const outboxJob = z.object({
  outboxId: z.string().regex(/^\d+$/),
  event: z.enum(Object.keys(DOMAIN_EVENTS) as [DomainEventName, ...DomainEventName[]]),
  payload: z.record(z.string(), z.unknown()),
});
export type OutboxJob = z.infer<typeof outboxJob>;

export const JOB_NAMES: Record<QueueName, string> = {
  routing: 'route-ticket',
  realtime: 'fan-out',
  notifications: 'notify-resident',
  delivery: 'deliver-to-unit',
};

/** Which queues each event goes to. Events not listed here stay in the outbox as history only. */
export const EVENT_QUEUES: Record<DomainEventName, QueueName[]> = {
  // No fan-out of its own: routing follows at once, and its event tells the consoles.
  'ticket.created': ['routing', 'notifications'],
  'ticket.routed': ['realtime', 'delivery'],
  'ticket.sent_to_triage': ['realtime'],
  'ticket.accepted': ['realtime'],
  'ticket.started': ['realtime'],
  'ticket.resolved': ['realtime', 'notifications'],
  'ticket.returned': ['realtime'],
  'ticket.rejected': ['realtime'],
  'ticket.reopened': ['realtime'],
  'ticket.closed': ['realtime'],
  'ticket.commented': ['realtime'],
  'ticket.delivery_failed': ['realtime'],
  'interaction.recorded': ['realtime'],
};

/** BullMQ job ids must not be all digits nor contain `:`; one id per outbox row and queue. */
export const outboxJobId = (outboxId: string): string => `outbox-${outboxId}`;
