// Which handler consumes each queue. The handlers live in the backend module that owns the rule;
// the worker only wires them to BullMQ.
import type { DataSource } from 'typeorm';
import type { Queue } from 'bullmq';
import type { QueueJob, QueueName } from '@kck/contracts';
import { handleRouteTicketJob } from '@kck/backend/routing/route-ticket.job';
import { handleNotifyResidentJob } from '@kck/backend/notifications/notify-resident.job';
import { handleDeliverTicketJob, type JobAttempt } from '@kck/backend/delivery/deliver-ticket.job';
import { handleAutoAssignJob } from '@kck/backend/workspace/auto-assign.job';
import { handleAnswerMailJob } from '@kck/backend/workspace/answer-mail.job';
import { handlePlanDeadlineAlertsJob } from '@kck/backend/deadlines/plan-deadline-alerts.job';
import { handleDeadlineAlertJob } from '@kck/backend/deadlines/deadline-alert.job';
import { handleKnowledgeIndexJob } from '@kck/backend/knowledge/knowledge-index.job';
import { handleAttachmentSweepJob, type SweepOptions } from '@kck/backend/attachments/attachment-sweep.job';
import type { AttachmentStore } from '@kck/backend/attachments/attachment-store';
import type { SearchEngine } from '@kck/knowledge-base';
import type { MailTransport } from '@kck/backend/notifications/mail-transport';
import type { SessionLimits } from '@kck/backend/auth/sessions';
import type { Logger } from '@kck/backend/platform/logger';
import { handleReportScheduleJob } from '@kck/backend/reports/report-schedule.job';
import type { AnalyticsLimits } from '@kck/backend/analytics/figures.service';
import { handleRefreshRollupsJob } from '@kck/backend/analytics/refresh-rollups.job';
import { handlePrivacyRetentionJob } from '@kck/backend/privacy/privacy-retention.job';
import { republishStuckTickets } from '@kck/backend/routing/routing-sweep.job';
import { DASHBOARD_ROOMS } from '@kck/contracts';
import type { WorkerEmitter } from './emitter.ts';

export interface ConsumerDeps {
  db: DataSource;
  logger: Logger;
  /** E-mail to residents; disabled when SMTP_URL is empty. */
  mail: MailTransport;
  /** How long a unit's webhook may take to answer. */
  deliveryTimeoutMs: number;
  /** Sessions' limits: a colleague counts as present for automatic assignment only while signed in. */
  sessionLimits: SessionLimits;
  /** The delayed reminders and escalations, which the deadline planner adds, moves and removes. */
  deadlineAlerts: Queue;
  /** Both knowledge-base search engines (writes go to each), which the knowledge-index job keeps in line. */
  search: SearchEngine;
  /** Where attachment files are kept, and how the sweep treats them. */
  attachments: { store: AttachmentStore; sweep: SweepOptions };
  /** The longest period a scheduled report may cover (ANALYTICS_MAX_PERIOD_DAYS). */
  reportLimits: AnalyticsLimits;
  /** How long a ticket may stay `new` before the routing sweep publishes it again (ROUTING_SWEEP_AFTER_MS). */
  routingSweepAfterMs: number;
  /** The way to the consoles: failed jobs to admins, changed figures to dashboards. */
  emitter?: WorkerEmitter;
}

/** Each queue's handler takes that queue's own job type (QUEUE_JOB_SCHEMAS). */
export type Consumers = {
  [Q in QueueName]: (deps: ConsumerDeps, job: QueueJob<Q>, attempt: JobAttempt) => Promise<void>;
};

export const CONSUMERS: Consumers = {
  routing: ({ db, deadlineAlerts, logger }, job) => handleRouteTicketJob(db, deadlineAlerts, logger, job),
  notifications: async ({ db, mail, logger }, job) => {
    await handleNotifyResidentJob(db, mail, logger, job);
    await handleAnswerMailJob(db, mail, logger, job);
  },
  assignment: ({ db, logger, sessionLimits }, job) => handleAutoAssignJob(db, logger, sessionLimits, job),
  delivery: async ({ db, logger, deliveryTimeoutMs }, job, attempt) => {
    await handleDeliverTicketJob(db, logger, job, attempt, { timeoutMs: deliveryTimeoutMs });
  },
  deadlines: async ({ db, deadlineAlerts }, job) => {
    await handlePlanDeadlineAlertsJob(db, deadlineAlerts, job);
  },
  'deadline-alerts': async ({ db, mail, logger }, job) => {
    await handleDeadlineAlertJob(db, mail, logger, job);
  },
  'knowledge-index': ({ db, search, logger }, job) => handleKnowledgeIndexJob(db, search, logger, job),
  'attachment-sweep': async ({ db, attachments, logger }) => {
    await handleAttachmentSweepJob(db, attachments.store, logger, attachments.sweep);
  },
  'analytics-rollups': async ({ db, logger, emitter }) => {
    const result = await handleRefreshRollupsJob(db, logger);
    if (result.changed) emitter?.to(DASHBOARD_ROOMS).emit('dashboard.changed', { at: result.refreshedAt });
  },
  reports: async ({ db, mail, logger, reportLimits }, job, attempt) => {
    await handleReportScheduleJob(db, mail, logger, reportLimits, job, attempt);
  },
  'privacy-retention': async ({ db, attachments, logger }) => {
    await handlePrivacyRetentionJob(db, attachments.store, logger);
  },
  'routing-sweep': async ({ db, logger, routingSweepAfterMs }) => {
    await republishStuckTickets(db, logger, routingSweepAfterMs);
  },
};
