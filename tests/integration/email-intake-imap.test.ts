// The IMAP poller against a real IMAP server run in-process (hoodiecrow-imap): unseen messages become tickets
// and are moved (or marked seen) only after their commit; a database that is away leaves them for the next pass,
// and a message committed before a crash is not taken twice.
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { testConfig } from '../../backend/src/test-support/test-context.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startEmailIntake, type RunningEmailIntake } from '../../backend/src/email-intake/email-intake.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { SAMPLE } from '../support/uploads.ts';

/** hoodiecrow-imap: CommonJS, no types; `hoodiecrow(options)` is an IMAP4rev1 server over a JSON mailbox tree. */
type Hoodiecrow = (options: object) => {
  listen(port: number, done: () => void): void;
  server: Server;
  close(done: () => void): void;
};
const hoodiecrow = createRequire(import.meta.url)('hoodiecrow-imap') as Hoodiecrow;

const logger = createLogger('test-imap', 'silent');
let environment: IsolatedEnvironment;
let imapServer: ReturnType<Hoodiecrow>;
let imapUrl: string;
let intake: RunningEmailIntake;
let mailbox: ImapFlow;

describe('e-mail intake from an IMAP mailbox', () => {
  beforeAll(async () => {
    environment = await createIsolatedEnvironment('imap');
    imapServer = hoodiecrow({
      plugins: ['IDLE', 'UIDPLUS', 'MOVE'],
      storage: { INBOX: { messages: [] }, '': { separator: '/', folders: {} } },
    });
    await new Promise<void>((resolve) => imapServer.listen(0, resolve));
    const { port } = imapServer.server.address() as AddressInfo;
    imapUrl = `imap://testuser:testpass@127.0.0.1:${port}`;
    // The resident's side: mail arriving in the mailbox, and what we can read of it afterwards.
    mailbox = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: 'testuser', pass: 'testpass' },
      logger: false,
    });
    await mailbox.connect();
    intake = await startEmailIntake(
      testConfig({
        ...environment.env,
        EMAIL_INTAKE: 'imap',
        IMAP_URL: imapUrl,
        IMAP_PROCESSED_MAILBOX: 'Przetworzone',
        // Long: the test runs each pass itself, so it knows what each one found.
        IMAP_POLL_MS: '3600000',
      }),
      logger,
    );
  });

  afterAll(async () => {
    await intake?.close();
    await mailbox?.logout().catch(() => undefined);
    await new Promise<void>((resolve) => (imapServer ? imapServer.close(() => resolve()) : resolve()));
    await environment?.drop();
  });

  let sequence = 0;
  const message = (from: string, subject: string) => {
    const id = `imap-${Date.now()}-${++sequence}@poczta.example.org`;
    const raw = [
      `From: ${from}`,
      'To: kck@um.krakow.pl',
      `Subject: ${subject}`,
      `Message-ID: <${id}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `${subject}: szczegóły w załączniku.`,
      '--b',
      'Content-Type: image/png; name="foto.png"',
      'Content-Transfer-Encoding: base64',
      '',
      SAMPLE.png.toString('base64'),
      '--b--',
      '',
    ].join('\r\n');
    return { id, raw };
  };

  /** Waits until `done` holds (what the poller does is asynchronous to the test). */
  async function until(done: () => Promise<boolean>, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    // Until then the folder may not even exist yet (the poller makes it when it connects).
    while (!(await done().catch(() => false))) {
      if (Date.now() > deadline) throw new Error('the mailbox never reached the expected state');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const tickets = async (from: string) =>
    (await intake.db.query(
      `SELECT t.number, t.channel, t.title, (SELECT count(*)::int FROM ticket_attachment a WHERE a.ticket_id = t.id) AS files
         FROM ticket t WHERE t.reporter_email = $1`,
      [from],
    )) as { number: string | null; channel: string; title: string; files: number }[];

  /** Subjects in a folder, with whether each is seen (read with the same commands the poller uses). */
  async function folder(path: string) {
    const lock = await mailbox.getMailboxLock(path);
    try {
      const out: { subject: string; seen: boolean }[] = [];
      const uids = (await mailbox.search({ all: true }, { uid: true })) || [];
      for (const uid of uids) {
        const m = await mailbox.fetchOne(String(uid), { source: true, flags: true }, { uid: true });
        if (!m) continue;
        const subject =
          m.source
            ?.toString('utf8')
            .match(/^Subject: (.*)$/m)?.[1]
            ?.trim() ?? '';
        out.push({ subject, seen: m.flags?.has('\\Seen') ?? false });
      }
      return out;
    } finally {
      lock.release();
    }
  }

  it('makes each unseen message a ticket with its file as it arrives, then moves it to the processed folder', async () => {
    const first = message('jan@example.net', 'Zepsuta ławka');
    const second = message('ola@example.net', 'Nieczynna fontanna');
    await mailbox.append('INBOX', first.raw);
    await mailbox.append('INBOX', second.raw);

    // No pass asked for: the server's word (IDLE, EXISTS) that mail arrived starts one.
    await until(async () => (await folder('Przetworzone')).length === 2);
    expect(await tickets('jan@example.net')).toEqual([
      { number: expect.stringMatching(/^KCK\/\d{4}\/\d{6}$/), channel: 'email', title: 'Zepsuta ławka', files: 1 },
    ]);
    expect(await tickets('ola@example.net')).toHaveLength(1);
    expect(await folder('INBOX')).toEqual([]);
    expect((await folder('Przetworzone')).map((m) => m.subject)).toEqual(['Zepsuta ławka', 'Nieczynna fontanna']);
    // Nothing left: another pass finds nothing.
    expect(await intake.imap!.poll()).toEqual({ taken: 0, failed: 0 });
  });

  it('leaves a message unseen while the database is away, and takes it once it is back', async () => {
    const waiting = message('piotr@example.net', 'Brak wody');
    await mailbox.append('INBOX', waiting.raw);
    const name = new URL(environment.databaseUrl).pathname.slice(1);
    const admin = new pg.Client({
      connectionString: Object.assign(new URL(environment.databaseUrl), { pathname: '/postgres' }).href,
    });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'kck-email-intake'`,
        [name],
      );
      expect(await intake.imap!.poll()).toEqual({ taken: 0, failed: 1 });
      expect(await folder('INBOX')).toEqual([{ subject: 'Brak wody', seen: false }]);
    } finally {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await intake.imap!.poll();
    expect(await tickets('piotr@example.net')).toHaveLength(1);
    expect(await folder('INBOX')).toEqual([]);
  });

  it('does not take a message twice when it was committed but not yet moved (a crash in between)', async () => {
    const crashed = message('ewa@example.net', 'Przewrócone drzewo');
    // The poller committed it and died before moving it: the ticket exists, the message is still unseen.
    await intake.service.receive({ raw: Buffer.from(crashed.raw), source: 'imap' });
    expect(await tickets('ewa@example.net')).toHaveLength(1);
    await mailbox.append('INBOX', crashed.raw);

    await intake.imap!.poll();
    expect(await tickets('ewa@example.net')).toHaveLength(1);
    expect(await folder('INBOX')).toEqual([]);
    expect((await folder('Przetworzone')).map((m) => m.subject)).toContain('Przewrócone drzewo');
  });
});
