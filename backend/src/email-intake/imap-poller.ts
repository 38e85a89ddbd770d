// Reads an existing mailbox (imapflow) as the alternative to the SMTP endpoint: each unseen message goes through
// the same mail→ticket service and is marked seen (or moved) only after its commit, so none is lost or doubled.
import { ImapFlow } from 'imapflow';
import type { Logger } from '../platform/logger.ts';
import type { EmailIntakeService } from './email-intake.service.ts';

export interface ImapPollerOptions {
  /** imaps://user:password@host:993 or imap://… */
  url: string;
  mailbox: string;
  /** Where a processed message goes; empty: it stays, flagged \Seen. */
  processedMailbox: string;
  pollMs: number;
  /** Let tests accept a server's self-signed certificate. */
  tls?: { rejectUnauthorized: boolean };
}

export interface PollResult {
  /** Messages committed (tickets, messages on tickets, ignored ones) and then marked or moved. */
  taken: number;
  /** Messages left unseen for the next pass because they could not be committed now. */
  failed: number;
}

export interface ImapPoller {
  /** One pass over the unseen messages now (the timer and IDLE call the same). */
  poll(): Promise<PollResult>;
  close(): Promise<void>;
}

function clientFor(options: ImapPollerOptions): ImapFlow {
  const url = new URL(options.url);
  const secure = url.protocol === 'imaps:';
  return new ImapFlow({
    host: url.hostname,
    port: Number(url.port || (secure ? 993 : 143)),
    secure,
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    logger: false,
    ...(options.tls ? { tls: options.tls } : {}),
  });
}

/**
 * Starts polling: a pass at once, then every `pollMs`, and whenever the server says (in IDLE) that mail arrived.
 * A lost connection is opened again at the next pass. Passes never overlap.
 */
export async function startImapPoller(
  intake: EmailIntakeService,
  logger: Logger,
  options: ImapPollerOptions,
): Promise<ImapPoller> {
  let client: ImapFlow | undefined;
  let running: Promise<PollResult> | undefined;
  let again = false;
  let closed = false;

  const connect = async (): Promise<ImapFlow> => {
    if (client?.usable) return client;
    const fresh = clientFor(options);
    fresh.on('error', (err: Error) => logger.warn({ err: String(err) }, 'IMAP connection error'));
    // New mail while idling: take it now rather than at the next tick.
    fresh.on('exists', () => void trigger());
    await fresh.connect();
    if (options.processedMailbox) {
      const boxes = await fresh.list();
      if (!boxes.some((box) => box.path === options.processedMailbox))
        await fresh.mailboxCreate(options.processedMailbox);
    }
    client = fresh;
    return fresh;
  };

  const pass = async (): Promise<PollResult> => {
    const imap = await connect();
    const result: PollResult = { taken: 0, failed: 0 };
    const lock = await imap.getMailboxLock(options.mailbox);
    try {
      const uids = (await imap.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        if (closed) break;
        // BODY.PEEK: reading the message does not mark it seen; only our own STORE/MOVE after the commit does.
        const message = await imap.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        try {
          await intake.receive({ raw: message.source, source: 'imap' });
        } catch (err) {
          // Left unseen: the next pass tries it again (a committed one is recognised by its Message-ID).
          result.failed++;
          logger.error({ uid, err: String(err) }, 'mailbox message not taken in; left for the next pass');
          continue;
        }
        // A crash right here leaves it unseen though committed: the next pass finds its Message-ID and only
        // marks it. Never the other way round, so a message is never marked without its ticket.
        if (options.processedMailbox) await imap.messageMove(String(uid), options.processedMailbox, { uid: true });
        else await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        result.taken++;
      }
    } finally {
      lock.release();
    }
    return result;
  };

  const trigger = (): Promise<PollResult> => {
    if (closed) return Promise.resolve({ taken: 0, failed: 0 });
    if (running) {
      // Mail that arrived during a pass may have missed its search: one more pass after it.
      again = true;
      return running;
    }
    running = pass()
      .catch((err: unknown) => {
        logger.warn({ err: String(err) }, 'IMAP pass failed; trying again at the next one');
        return { taken: 0, failed: 0 };
      })
      .finally(() => {
        running = undefined;
        if (again && !closed) {
          again = false;
          void trigger();
        }
      });
    return running;
  };

  const timer = setInterval(() => void trigger(), options.pollMs);
  timer.unref();
  void trigger();

  return {
    async poll() {
      // Wait for a pass under way, then run one that starts after this call.
      if (running) await running;
      return trigger();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
      await client?.logout().catch(() => client?.close());
    },
  };
}
