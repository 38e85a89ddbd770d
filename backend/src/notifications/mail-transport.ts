// The SMTP transport for e-mail to residents, built once per worker process from SMTP_URL: every mail the platform
// sends goes through it, marked as automatic. Without SMTP_URL there is no transport, and nothing is sent.
import nodemailer from 'nodemailer';
import type { Config } from '../platform/config.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Chosen by the caller, so a resend carries the same Message-ID as the first try. */
  messageId: string;
  /** Files sent with it (scheduled reports attach their XLSX). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
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

/**
 * Every mail we send is written by a program (RFC 3834 §5), so out-of-office and other auto-responders do not answer
 * it (Exchange heeds its own X-Auto-Response-Suppress): no reply loops between them and our intake.
 */
export const AUTOMATIC_MAIL_HEADERS = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };

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
      const info = await transporter.sendMail({ ...mail, headers: AUTOMATIC_MAIL_HEADERS });
      return { messageId: info.messageId, response: info.response };
    },
    close: () => transporter.close(),
  };
}
