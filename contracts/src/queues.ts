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
  /** Give a routed ticket to the next colleague present, in units with automatic (round-robin) assignment. */
  assignment: 'assignment',
  /** Plan a ticket's deadline reminder and escalation (delayed jobs in `deadline-alerts`) after each change. */
  deadlines: 'deadlines',
  /** Delayed jobs: remind the unit before the deadline, escalate after it; each re-checks the ticket when due. */
  'deadline-alerts': 'deadline-alerts',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Every job carries the outbox row it came from, so consumers can be idempotent. */
export const outboxJob = z.object({
  outboxId: z.string().regex(/^\d+$/),
  event: z.enum(Object.keys(DOMAIN_EVENTS) as [DomainEventName, ...DomainEventName[]]),
  payload: z.record(z.string(), z.unknown()),
});
export type OutboxJob = z.infer<typeof outboxJob>;

/** A planned deadline alert: not from the outbox, so it names the ticket and the due date it was planned for. */
export const deadlineAlertJob = z.object({
  ticketId: z.uuid(),
  kind: z.enum(['reminder', 'escalation']),
  dueAt: z.iso.datetime(),
});
export type DeadlineAlertJob = z.infer<typeof deadlineAlertJob>;

/** The one job type of each queue, by its payload schema; the worker parses every job with its queue's schema. */
export const QUEUE_JOB_SCHEMAS = {
  routing: outboxJob,
  realtime: outboxJob,
  notifications: outboxJob,
  delivery: outboxJob,
  assignment: outboxJob,
  deadlines: outboxJob,
  'deadline-alerts': deadlineAlertJob,
} satisfies Record<QueueName, z.ZodType>;
export type QueueJob<Q extends QueueName> = z.infer<(typeof QUEUE_JOB_SCHEMAS)[Q]>;

/** One delayed job per ticket and kind, so a re-plan finds and replaces it. */
export const deadlineAlertJobId = (ticketId: string, kind: DeadlineAlertJob['kind']): string =>
  `deadline-${kind}-${ticketId}`;

export const JOB_NAMES: Record<QueueName, string> = {
  routing: 'route-ticket',
  realtime: 'fan-out',
  notifications: 'notify-resident',
  delivery: 'deliver-to-unit',
  assignment: 'auto-assign',
  deadlines: 'plan-deadline-alerts',
  'deadline-alerts': 'deadline-alert',
};

/** Which queues each event goes to. Events not listed here stay in the outbox as history only. */
export const EVENT_QUEUES: Record<DomainEventName, QueueName[]> = {
  // No fan-out of its own: routing follows at once, and its event tells the consoles.
  'ticket.created': ['routing', 'notifications'],
  'ticket.routed': ['realtime', 'delivery', 'assignment', 'deadlines'],
  'ticket.sent_to_triage': ['realtime'],
  'ticket.accepted': ['realtime'],
  'ticket.started': ['realtime'],
  'ticket.resolved': ['realtime', 'notifications', 'deadlines'],
  'ticket.returned': ['realtime', 'deadlines'],
  'ticket.rejected': ['realtime', 'deadlines'],
  'ticket.reopened': ['realtime', 'deadlines'],
  'ticket.closed': ['realtime', 'deadlines'],
  'ticket.commented': ['realtime'],
  'ticket.answered': ['realtime', 'notifications'],
  'ticket.assigned': ['realtime'],
  'ticket.delivery_failed': ['realtime'],
  'ticket.redelivery_requested': ['realtime', 'delivery'],
  'ticket.delivery_cleared': ['realtime'],
  'ticket.merged': ['realtime', 'notifications', 'deadlines'],
  'ticket.linked': ['realtime'],
  'ticket.unlinked': ['realtime'],
  'ticket.split': ['realtime', 'notifications', 'deadlines'],
  'ticket.idea_decided': ['realtime', 'notifications', 'deadlines'],
  'ticket.attachment_added': ['realtime'],
  'ticket.waiting_for_resident': ['realtime', 'deadlines'],
  'ticket.resumed': ['realtime', 'deadlines'],
  'ticket.deadline_reminded': ['realtime'],
  'ticket.escalated': ['realtime'],
  'interaction.recorded': ['realtime'],
};

/** BullMQ job ids must not be all digits nor contain `:`; one id per outbox row and queue. */
export const outboxJobId = (outboxId: string): string => `outbox-${outboxId}`;
