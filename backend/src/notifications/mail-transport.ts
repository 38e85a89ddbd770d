// The SMTP transport for e-mail to residents, built once per worker process from SMTP_URL.
// Without SMTP_URL there is no transport, and the consumer records each notification as skipped.
import nodemailer from 'nodemailer';
import type { Config } from '../platform/config.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Chosen by the caller, so a resend carries the same Message-ID as the first try. */
  messageId: string;
}

export interface MailTransport {
  /** False when SMTP_URL is empty: e-mail is switched off. */
  readonly enabled: boolean;
  /** Resolves once the SMTP server accepted the message; rejects with the server's or the network's error. */
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
  close(): void;
}

/**
 * A job holds its notification row locked while it talks to the server, so a hung server must not hold it
 * for nodemailer's default minutes; BullMQ retries a timed-out send with backoff.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

export function createMailTransport(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): MailTransport {
  if (!config.SMTP_URL) {
    return {
      enabled: false,
      send: () => Promise.reject(new Error('e-mail is disabled (SMTP_URL is empty)')),
      close: () => undefined,
    };
  }
  // One connection per message rather than a pool: a few thousand mails a day, and nothing to go stale.
  const transporter = nodemailer.createTransport({ url: config.SMTP_URL, ...TIMEOUTS }, { from: config.MAIL_FROM });
  return {
    enabled: true,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      return { messageId: info.messageId, response: info.response };
    },
    close: () => transporter.close(),
  };
}
