// Every BullMQ queue, its one job type, and which domain events feed it through the outbox relay.
// Backend (producer) and worker (consumer) both import from here.
import { z } from 'zod';
import { DOMAIN_EVENTS, type DomainEventName } from './events.ts';

export const QUEUES = {
  /** Decide the responsible unit of a new ticket from the routing rules. */
  routing: 'routing',
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
  /** Bring the search engines in line with an article (index it if published, else remove it) or the synonyms. */
  'knowledge-index': 'knowledge-index',
  /** Repeated by a job scheduler: delete stored attachment files that no attachment row points to. */
  'attachment-sweep': 'attachment-sweep',
  /** Repeated by a job scheduler: recompute the rollups behind DK-05's figures for the days that changed. */
  'analytics-rollups': 'analytics-rollups',
  /** Job schedulers, one per report schedule (and a job per "send now"): build the report and e-mail it as XLSX. */
  reports: 'reports',
  /** Repeated by a job scheduler: anonymise residents' personal data whose retention (retention_policy) ran out. */
  'privacy-retention': 'privacy-retention',
  /** Repeated by a job scheduler: publish again the ticket.created of tickets still `new` (a routing job lost). */
  'routing-sweep': 'routing-sweep',
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

/** A sweep run: started by the worker's job scheduler, so it carries nothing. */
export const attachmentSweepJob = z.object({}).strict();

/** A rollup refresh: started by the worker's job scheduler, so it carries nothing. */
export const analyticsRollupsJob = z.object({}).strict();

/** A retention run: started by the worker's job scheduler, so it carries nothing. */
export const privacyRetentionJob = z.object({}).strict();

/** A routing sweep: started by the worker's job scheduler, so it carries nothing. */
export const routingSweepJob = z.object({}).strict();

/** A scheduled report's run: the schedule it belongs to; the period follows from when it runs. */
export const reportScheduleJob = z.object({ scheduleId: z.uuid() }).strict();
export type ReportScheduleJob = z.infer<typeof reportScheduleJob>;

/** The one job type of each queue, by its payload schema; the worker parses every job with its queue's schema. */
export const QUEUE_JOB_SCHEMAS = {
  routing: outboxJob,
  notifications: outboxJob,
  delivery: outboxJob,
  assignment: outboxJob,
  deadlines: outboxJob,
  'deadline-alerts': deadlineAlertJob,
  'knowledge-index': outboxJob,
  'attachment-sweep': attachmentSweepJob,
  'analytics-rollups': analyticsRollupsJob,
  reports: reportScheduleJob,
  'privacy-retention': privacyRetentionJob,
  'routing-sweep': routingSweepJob,
} satisfies Record<QueueName, z.ZodType>;
export type QueueJob<Q extends QueueName> = z.infer<(typeof QUEUE_JOB_SCHEMAS)[Q]>;

/** One delayed job per ticket and kind, so a re-plan finds and replaces it. */
export const deadlineAlertJobId = (ticketId: string, kind: DeadlineAlertJob['kind']): string =>
  `deadline-${kind}-${ticketId}`;

export const JOB_NAMES: Record<QueueName, string> = {
  routing: 'route-ticket',
  notifications: 'notify-resident',
  delivery: 'deliver-to-unit',
  assignment: 'auto-assign',
  deadlines: 'plan-deadline-alerts',
  'deadline-alerts': 'deadline-alert',
  'knowledge-index': 'index-article',
  'attachment-sweep': 'sweep-attachments',
  'analytics-rollups': 'refresh-rollups',
  reports: 'send-report',
  'privacy-retention': 'anonymise-expired',
  'routing-sweep': 'republish-stuck-tickets',
};

/**
 * Where the outbox relay sends each event: BullMQ queues, and `consoles`, which is not a queue: the relay
 * fans the event out to the consoles through Socket.IO itself, in the backend process that holds the sockets.
 * A live message needs no retry schedule of its own (a console that missed one catches up through
 * GET /api/events), and a job per event cost two Redis scripts and a worker round trip for every change.
 * The relay also skips a queue for an event its consumer would ignore (see OutboxRelay's `skip`).
 */
export type EventTarget = QueueName | 'consoles';
export const EVENT_TARGETS: Record<DomainEventName, EventTarget[]> = {
  // Not to the consoles: routing follows at once, and its event tells them.
  'ticket.created': ['routing', 'notifications'],
  'ticket.routed': ['consoles', 'delivery', 'assignment', 'deadlines'],
  'ticket.sent_to_triage': ['consoles'],
  'ticket.accepted': ['consoles'],
  'ticket.started': ['consoles'],
  'ticket.resolved': ['consoles', 'notifications', 'deadlines'],
  'ticket.returned': ['consoles', 'deadlines'],
  'ticket.rejected': ['consoles', 'deadlines'],
  'ticket.reopened': ['consoles', 'deadlines'],
  'ticket.closed': ['consoles', 'deadlines'],
  'ticket.commented': ['consoles'],
  'ticket.answered': ['consoles', 'notifications'],
  'ticket.resident_message': ['consoles'],
  'ticket.assigned': ['consoles'],
  'ticket.delivery_failed': ['consoles'],
  'ticket.redelivery_requested': ['consoles', 'delivery'],
  'ticket.delivery_cleared': ['consoles'],
  'ticket.merged': ['consoles', 'notifications', 'deadlines'],
  'ticket.linked': ['consoles'],
  'ticket.unlinked': ['consoles'],
  'ticket.split': ['consoles', 'notifications', 'deadlines'],
  'ticket.idea_decided': ['consoles', 'notifications', 'deadlines'],
  'ticket.attachment_added': ['consoles'],
  'ticket.attachment_removed': ['consoles'],
  'ticket.waiting_for_resident': ['consoles', 'deadlines'],
  'ticket.resumed': ['consoles', 'deadlines'],
  'ticket.rated': ['consoles'],
  'ticket.deadline_reminded': ['consoles'],
  'ticket.escalated': ['consoles'],
  'ticket.claimed': ['consoles'],
  'ticket.released': ['consoles'],
  'ticket.personal_data_erased': ['consoles'],
  'interaction.recorded': ['consoles'],
  'call.changed': ['consoles'],
  'article.changed': ['knowledge-index'],
  'knowledge.synonyms_changed': ['knowledge-index'],
  'presence.changed': ['consoles'],
  'city_matter.changed': ['consoles'],
  'incident.changed': ['consoles'],
};

/** BullMQ job ids must not be all digits nor contain `:`; one id per outbox row and queue. */
export const outboxJobId = (outboxId: string): string => `outbox-${outboxId}`;
