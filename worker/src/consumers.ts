// Which handler consumes each queue. The handlers live in the backend module that owns the rule;
// the worker only wires them to BullMQ.
import type { DataSource } from 'typeorm';
import type { QueueName, OutboxJob } from '@kck/contracts';
import { handleRouteTicketJob } from '@kck/backend/routing/route-ticket.job';
import { handleRealtimeJob } from '@kck/backend/platform/realtime/realtime.job';
import { handleNotifyResidentJob } from '@kck/backend/notifications/notify-resident.job';
import { handleDeliverTicketJob, type JobAttempt } from '@kck/backend/delivery/deliver-ticket.job';
import type { MailTransport } from '@kck/backend/notifications/mail-transport';
import type { RealtimeServer } from '@kck/backend/platform/realtime/socket-server';
import type { Logger } from '@kck/backend/platform/logger';

export interface ConsumerDeps {
  db: DataSource;
  emitter: RealtimeServer;
  logger: Logger;
  /** E-mail to residents; disabled when SMTP_URL is empty. */
  mail: MailTransport;
  /** How long a unit's webhook may take to answer. */
  deliveryTimeoutMs: number;
}

export const CONSUMERS: Record<QueueName, (deps: ConsumerDeps, job: OutboxJob, attempt: JobAttempt) => Promise<void>> =
  {
    routing: ({ db, logger }, job) => handleRouteTicketJob(db, logger, job),
    realtime: ({ db, emitter }, job) => handleRealtimeJob(db, emitter, job),
    notifications: async ({ db, mail, logger }, job) => {
      await handleNotifyResidentJob(db, mail, logger, job);
    },
    delivery: async ({ db, logger, deliveryTimeoutMs }, job, attempt) => {
      await handleDeliverTicketJob(db, logger, job, attempt, { timeoutMs: deliveryTimeoutMs });
    },
  };
