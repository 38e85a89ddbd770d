// The SMTP endpoint the city's relay delivers KCK's mail to (smtp-server). It answers 250 only once the mail's
// ticket is committed, 451 when that cannot be done now (the relay keeps the mail and retries), 550/552 never.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../platform/logger.ts';
import type { EmailIntakeService, IntakeResult } from './email-intake.service.ts';

export interface SmtpEndpointOptions {
  host: string;
  port: number;
  /** Largest message taken, as sent; bigger ones get 552 (the SMTP `size` extension). */
  maxMessageBytes: number;
  /** Recipients we take mail for; anyone else gets 550 at RCPT TO. */
  acceptsRecipient: (address: string) => boolean;
  /** Clients allowed to connect (the relay); empty: any. */
  allowedClients: readonly string[];
  /** A mail not committed by then is answered 451; its retry is recognised by its Message-ID. */
  timeoutMs: number;
}

export interface SmtpEndpoint {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply carried by an error: smtp-server sends `responseCode` and the message. */
const reply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** IPv4 clients may show up as `::ffff:10.0.0.1` on a dual-stack socket. */
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

function acceptedText(result: IntakeResult): string {
  const ticket = result.number ?? result.ticketId;
  switch (result.outcome) {
    case 'ticket':
      return `2.0.0 Accepted: ticket ${ticket}${result.duplicate ? ' (already received)' : ''}`;
    case 'message':
      return `2.0.0 Accepted: message added to ticket ${ticket}${result.duplicate ? ' (already received)' : ''}`;
    case 'ignored':
      // Accepted and dropped on purpose: refusing an auto-reply would only make the relay bounce it back to us.
      return `2.0.0 Accepted, not a ticket (${result.note ?? 'automatic message'})`;
  }
}

/** Reads the DATA stream into memory, stopping to keep bytes once it is over the limit (the server says 552). */
function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('end', () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not committed within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function startSmtpEndpoint(
  intake: EmailIntakeService,
  logger: Logger,
  options: SmtpEndpointOptions,
): Promise<SmtpEndpoint> {
  const allowed = new Set(options.allowedClients.map(plainAddress));
  const server = new SMTPServer({
    banner: 'KCK e-mail intake',
    size: options.maxMessageBytes,
    // 552 once a message passes the limit, whatever onData says (a client that did not announce SIZE).
    rejectOversized: true,
    // Behind the city's relay, on the internal network: no login, and TLS is the relay's business.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onConnect(session, callback) {
      if (allowed.size > 0 && !allowed.has(plainAddress(session.remoteAddress))) {
        logger.warn({ client: session.remoteAddress }, 'SMTP client not in EMAIL_INTAKE_SMTP_CLIENTS refused');
        return callback(reply(554, '5.7.1 This server takes mail only from the city relay'));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (options.acceptsRecipient(address.address)) return callback();
      callback(reply(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream, session: SMTPServerSession, callback) {
      void (async () => {
        const raw = await readMessage(stream);
        // Over the size limit: the server answers 552 whatever we say; nothing was kept.
        if (!raw) return callback(reply(552, '5.3.4 Message too big'));
        const mailFrom = session.envelope.mailFrom;
        try {
          const result = await withTimeout(
            intake.receive({ raw, source: 'smtp', envelopeFrom: mailFrom ? mailFrom.address : '' }),
            options.timeoutMs,
          );
          callback(null, acceptedText(result));
        } catch (err) {
          // Whatever went wrong (the database is away, a lock waited too long, a bug) the mail is not lost:
          // the relay keeps it and tries again, and a committed retry is recognised by its Message-ID.
          logger.error({ err: String(err), client: session.remoteAddress }, 'e-mail not taken in; answered 451');
          callback(reply(451, '4.3.0 Temporary failure, please try again later'));
        }
      })().catch((err: unknown) => callback(err as Error));
    },
  });
  server.on('error', (err) => logger.warn({ err: String(err) }, 'SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
