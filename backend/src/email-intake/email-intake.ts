// Wires e-mail intake: its own PostgreSQL pool, the attachment store, the mail→ticket service, and either the
// SMTP endpoint or the IMAP poller (EMAIL_INTAKE). Used by main.ts, the tests and the benchmark.
import type { DataSource } from 'typeorm';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { createDataSource } from '../platform/db.ts';
import { createAttachmentStore, incomingDir } from '../attachments/attachments.storage.ts';
import { EmailIntakeService } from './email-intake.service.ts';
import { recipientMatcher } from './mail-classifier.ts';
import { startSmtpEndpoint } from './smtp-endpoint.ts';
import { startImapPoller, type ImapPoller } from './imap-poller.ts';

export interface RunningEmailIntake {
  service: EmailIntakeService;
  db: DataSource;
  /** The SMTP endpoint's port (EMAIL_INTAKE=smtp). */
  smtpPort?: number;
  imap?: ImapPoller;
  close(): Promise<void>;
}

/** The address inside MAIL_FROM (`Name <kck@um.krakow.pl>`): replies to our mail come back to it. */
export function addressOf(mailbox: string): string {
  return (mailbox.match(/<([^<>]+)>\s*$/)?.[1] ?? mailbox).trim().toLowerCase();
}

/** Our own addresses, our Message-IDs' domain and the size limits, as the service reads them. */
export function intakeSettings(config: Config) {
  return {
    categoryCode: config.EMAIL_INTAKE_CATEGORY,
    own: {
      addresses: [...new Set([config.EMAIL_INTAKE_ADDRESS, addressOf(config.MAIL_FROM)])],
      // Our outgoing Message-IDs end in @kck (notifications, answers, deadline alerts).
      messageIdDomain: 'kck',
    },
    maxAttachmentBytes: config.ATTACHMENTS_MAX_BYTES,
    incomingDir: incomingDir(config),
  };
}

export async function startEmailIntake(
  config: Config,
  logger: Logger,
  options: { imapTls?: { rejectUnauthorized: boolean } } = {},
): Promise<RunningEmailIntake> {
  const db = createDataSource(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  // A database that does not answer should cost a relay a quick 451, not a hanging session.
  // Named in pg_stat_activity, apart from the backend's and the worker's connections.
  db.setOptions({
    connectTimeoutMS: 5_000,
    extra: { ...(db.options.extra as object), application_name: 'kck-email-intake' },
  });
  await db.initialize();
  const service = new EmailIntakeService(
    db,
    createAttachmentStore(config),
    logger.child({ component: 'email-intake' }),
    intakeSettings(config),
  );
  try {
    // A wrong EMAIL_INTAKE_CATEGORY should stop the start, not every mail.
    await service.resolveCategory();
    if (config.EMAIL_INTAKE === 'imap') {
      const imap = await startImapPoller(service, logger.child({ component: 'imap-poller' }), {
        url: config.IMAP_URL,
        mailbox: config.IMAP_MAILBOX,
        processedMailbox: config.IMAP_PROCESSED_MAILBOX,
        pollMs: config.IMAP_POLL_MS,
        tls: options.imapTls,
      });
      return { service, db, imap, close: async () => (await imap.close(), await db.destroy()) };
    }
    if (config.EMAIL_INTAKE === 'smtp') {
      const accepted = [
        config.EMAIL_INTAKE_ADDRESS,
        ...config.EMAIL_INTAKE_RECIPIENTS.split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      ];
      const smtp = await startSmtpEndpoint(service, logger.child({ component: 'smtp-endpoint' }), {
        host: config.EMAIL_INTAKE_SMTP_HOST,
        port: config.EMAIL_INTAKE_SMTP_PORT,
        maxMessageBytes: config.EMAIL_INTAKE_MAX_MESSAGE_BYTES,
        acceptsRecipient: recipientMatcher(accepted),
        allowedClients: config.EMAIL_INTAKE_SMTP_CLIENTS.split(',')
          .map((a) => a.trim())
          .filter(Boolean),
        timeoutMs: config.EMAIL_INTAKE_TIMEOUT_MS,
      });
      return { service, db, smtpPort: smtp.port, close: async () => (await smtp.close(), await db.destroy()) };
    }
    return { service, db, close: () => db.destroy() };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
