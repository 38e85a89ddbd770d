// The e-mail intake process: the SMTP endpoint the city's relay delivers to, or the IMAP poller (EMAIL_INTAKE).
// A process of its own: it needs only PostgreSQL and the attachment store, so mail is taken in while Redis or
// the backend restarts, and a flood of mail never slows the consoles' API.
import { config, ConfigError } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { startEmailIntake } from './email-intake.ts';

async function main() {
  const cfg = config();
  const logger = createLogger('email-intake');
  if (cfg.EMAIL_INTAKE === 'off') {
    logger.info('EMAIL_INTAKE=off: no e-mail intake');
    return;
  }
  const intake = await startEmailIntake(cfg, logger);
  logger.info(
    cfg.EMAIL_INTAKE === 'smtp'
      ? { smtp: `${cfg.EMAIL_INTAKE_SMTP_HOST}:${intake.smtpPort}`, address: cfg.EMAIL_INTAKE_ADDRESS }
      : { mailbox: cfg.IMAP_MAILBOX, processed: cfg.IMAP_PROCESSED_MAILBOX || '(marked seen)' },
    `e-mail intake listening (${cfg.EMAIL_INTAKE})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'e-mail intake stopping');
    // The SMTP server finishes the sessions under way first: a mail being committed is answered.
    await intake.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(
    err instanceof ConfigError
      ? err.message
      : `e-mail intake failed to start: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
});
