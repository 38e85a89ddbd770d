// An in-process SMTP server (smtp-server) that keeps every message it accepts, parsed with mailparser,
// for tests that read what residents were sent.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SmtpInbox {
  readonly arrivals: ParsedMail[] = [];
  /** Runs on each message before it is accepted, while the sender still waits for the 250: what a mail store sees first. */
  beforeAccept: ((mail: ParsedMail) => Promise<void>) | undefined;
  private server: SMTPServer | undefined;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            await this.beforeAccept?.(mail);
            this.arrivals.push(mail);
          })
          .then(
            () => callback(),
            (err: Error) => callback(err),
          );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Mail to one address. */
  to(address: string): ParsedMail[] {
    return this.arrivals.filter((mail) => this.isTo(mail, address));
  }

  isTo(mail: ParsedMail, address: string): boolean {
    return (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.value.some((v) => v.address === address));
  }

  /** Mail about one ticket (its number in the subject): other tickets of the run may be mailed too. */
  about(number: string): ParsedMail[] {
    return this.arrivals.filter((mail) => mail.subject?.includes(number));
  }

  /** Mail to one address, once at least `count` have arrived. */
  waitFor(address: string, count: number, timeoutMs = 15_000): Promise<ParsedMail[]> {
    return this.waitUntil(() => this.to(address), count, `to ${address}`, timeoutMs);
  }

  /** Mail about one ticket, once at least `count` have arrived. */
  waitForAbout(number: string, count: number, timeoutMs = 15_000): Promise<ParsedMail[]> {
    return this.waitUntil(() => this.about(number), count, `about ${number}`, timeoutMs);
  }

  private async waitUntil(select: () => ParsedMail[], count: number, what: string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const mails = select();
      if (mails.length >= count) return mails;
      await sleep(50);
    }
    throw new Error(`expected ${count} e-mail(s) ${what}, got ${select().length}`);
  }
}
