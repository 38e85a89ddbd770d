// E-mail intake through the real path: nodemailer → our SMTP endpoint → ticket committed → outbox → worker →
// DK-03's triage; the acknowledgement e-mailed back to an in-process SMTP server, and the resident's reply to it
// threaded onto the ticket. Auto-replies, bounces, loops, duplicates, bad MIME, big and disguised files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type Transporter } from 'nodemailer';
import pg from 'pg';
import type Mail from 'nodemailer/lib/mailer';
import type { TicketAttachmentsDto, TicketCommentDto, TicketDetailDto } from '@kck/contracts';
import { startTestBackend, testConfig, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startEmailIntake, type RunningEmailIntake } from '../../backend/src/email-intake/email-intake.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { nextTicketMessage, socketFor } from '../support/sockets.ts';
import { download, SAMPLE } from '../support/uploads.ts';
import { waitForStatus } from '../support/waiting.ts';

const logger = createLogger('test-email-intake', 'silent');
const KCK = 'kck@um.krakow.pl';
const RESIDENT = 'anna.nowak@example.org';
/** Small enough to send quickly, so a file over it is easy to make; the 30 MB mail is over the message limit. */
const ATTACHMENT_LIMIT = 1024 * 1024;

/*
 * A database and Redis prefix of this file's own: the worker here mails acknowledgements to the in-process SMTP
 * server (workers of other files, started without SMTP_URL, would record them as skipped), and the outage test
 * takes this database away from the intake.
 */
let environment: IsolatedEnvironment;
let inbox: SmtpInbox;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let intake: RunningEmailIntake;
let triage: TestClient;
let roads: TestClient;
let smtp: Transporter;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('email');
  inbox = new SmtpInbox(await freePort());
  await inbox.start();
  const env = {
    ...environment.env,
    SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
    ATTACHMENTS_MAX_BYTES: String(ATTACHMENT_LIMIT),
    DATABASE_POOL_SIZE: '10',
  };
  backend = await startTestBackend({ config: env });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, logger);
  intake = await startEmailIntake(
    testConfig({ ...env, EMAIL_INTAKE: 'smtp', EMAIL_INTAKE_SMTP_PORT: '0', EMAIL_INTAKE_TIMEOUT_MS: '10000' }),
    logger,
  );
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: intake.smtpPort, secure: false, ignoreTLS: true });
  [triage, roads] = await signedInAll(backend.url, 'triage', 'drogi');
});

afterAll(async () => {
  smtp?.close();
  await intake?.close();
  await worker?.close();
  await backend?.close();
  await inbox?.stop();
  await environment?.drop();
});

let sequence = 0;
const uniqueId = (what: string) => `<${what}-${Date.now()}-${++sequence}@poczta.example.org>`;

/** Sends through our endpoint as the relay would; resolves with the server's 250 text. */
async function send(mail: Mail.Options): Promise<string> {
  const info = await smtp.sendMail({ to: KCK, ...mail });
  return String(info.response);
}

/** The SMTP error a refused mail got (nodemailer rejects with the server's code). */
async function refusal(mail: Mail.Options): Promise<{ responseCode: number; response: string }> {
  try {
    await smtp.sendMail({ to: KCK, ...mail });
  } catch (err) {
    return err as { responseCode: number; response: string };
  }
  throw new Error('the mail was accepted');
}

/** What became of a message, from the intake's own table. */
async function received(messageId: string) {
  const rows: { outcome: string; ticket_id: string | null; note: string | null }[] = await backend.ctx.db.query(
    `SELECT outcome, ticket_id, note FROM email_message WHERE message_key = $1`,
    [messageId.replace(/^<|>$/g, '')],
  );
  return rows;
}

async function ticketOf(messageId: string): Promise<TicketDetailDto> {
  const [row] = await received(messageId);
  if (!row?.ticket_id) throw new Error(`no ticket for ${messageId}`);
  return waitForStatus(triage, row.ticket_id, 'triage');
}

const ticketsFrom = async (address: string) =>
  Number(
    (
      (await backend.ctx.db.query(`SELECT count(*)::int AS n FROM ticket WHERE reporter_email = $1`, [address])) as {
        n: number;
      }[]
    )[0]!.n,
  );

const deliveryReport = (messageId: string) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@poczta.example.org>',
    `To: ${KCK}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; poczta.example.org',
    '',
    'Final-Recipient: rfc822; nikt@example.org',
    'Action: failed',
    'Status: 5.1.1',
    '--b1--',
    '',
  ].join('\r\n');

describe('e-mail intake over SMTP', () => {
  let firstTicket: TicketDetailDto;

  it('makes a new mail a ticket in triage with its files, text, reporter and channel, and acknowledges it', async () => {
    const messageId = uniqueId('report');
    const response = await send({
      from: '"Anna Nowak" <Anna.Nowak@example.org>',
      subject: 'Dziura w chodniku na ul. Łobzowskiej',
      messageId,
      text: 'Przy Łobzowskiej 20 brakuje płyty chodnikowej.\nProszę o naprawę.',
      html: '<p>Przy Łobzowskiej 20 brakuje płyty chodnikowej.</p>',
      attachments: [
        { filename: 'chodnik.png', content: SAMPLE.png },
        { filename: 'pismo.pdf', content: SAMPLE.pdf, contentType: 'application/pdf' },
      ],
    });

    const ticket = await ticketOf(messageId);
    expect(response).toMatch(new RegExp(`^250 2\\.0\\.0 Accepted: ticket ${ticket.number.replace(/\//g, '\\/')}`));
    expect(ticket).toMatchObject({
      channel: 'email',
      type: 'problem',
      status: 'triage',
      title: 'Dziura w chodniku na ul. Łobzowskiej',
      // The text part, never the HTML.
      description: 'Przy Łobzowskiej 20 brakuje płyty chodnikowej.\nProszę o naprawę.',
      reporter: { name: 'Anna Nowak', email: RESIDENT, phone: null },
    });
    expect(ticket.events.map((e) => e.kind)).toEqual(['ticket.created', 'ticket.sent_to_triage']);

    const files = (await triage.get<TicketAttachmentsDto>(`/api/tickets/${ticket.id}/attachments`)).body.attachments;
    expect(files.map((f) => [f.fileName, f.contentType, f.sizeBytes, f.uploadedBy])).toEqual([
      ['chodnik.png', 'image/png', SAMPLE.png.length, null],
      ['pismo.pdf', 'application/pdf', SAMPLE.pdf.length, null],
    ]);
    expect((await download(triage, files[0]!.downloadUrl)).bytes.equals(SAMPLE.png)).toBe(true);

    const [ack] = await inbox.waitForAbout(ticket.number, 1);
    expect(ack!.to).toMatchObject({ value: [{ address: RESIDENT }] });
    firstTicket = ticket;
  });

  it("adds the reporter's reply to the ticket as the resident's message, with its file, heard live by the unit", async () => {
    const [ack] = await inbox.waitForAbout(firstTicket.number, 1);
    // DK-03 gives it to the roads unit, whose console is open when the reply comes.
    const moved = await triage.post(`/api/tickets/${firstTicket.id}/route`, {
      unitId: await unitId(backend.ctx.db, 'ZDMK'),
    });
    expect(moved.status).toBe(200);
    const socket = await socketFor(backend.url, roads);
    const heard = nextTicketMessage(
      socket,
      (m) => m.ticket.id === firstTicket.id && m.kind === 'ticket.resident_message',
    );

    const reply = uniqueId('reply');
    const response = await send({
      from: `Anna Nowak <${RESIDENT}>`,
      subject: `Re: ${ack!.subject}`,
      messageId: reply,
      inReplyTo: ack!.messageId,
      references: ack!.messageId,
      text: 'Dosyłam jeszcze jedno zdjęcie z drugiej strony.',
      attachments: [{ filename: 'z-drugiej-strony.png', content: SAMPLE.png }],
    });
    expect(response).toContain(`message added to ticket ${firstTicket.number}`);
    expect((await heard).ticket.id).toBe(firstTicket.id);
    socket.disconnect();

    // No second ticket: the reply is on the first one.
    expect(await ticketsFrom(RESIDENT)).toBe(1);
    const detail = (await roads.get<TicketDetailDto>(`/api/tickets/${firstTicket.id}`)).body;
    const message = detail.events.find((e) => e.kind === 'ticket.resident_message')!;
    expect(message).toMatchObject({ actorId: null, reason: 'Dosyłam jeszcze jedno zdjęcie z drugiej strony.' });
    expect(detail.events.filter((e) => e.kind === 'ticket.attachment_added').map((e) => e.changes)).toEqual([
      { attachment: { from: null, to: 'z-drugiej-strony.png' }, author: { from: null, to: 'resident' } },
    ]);
    const comments = (await roads.get<TicketCommentDto[]>(`/api/tickets/${firstTicket.id}/comments`)).body;
    expect(comments).toEqual([
      expect.objectContaining({ kind: 'resident', authorId: null, body: message.reason, seq: message.seq }),
    ]);
    const files = (await roads.get<TicketAttachmentsDto>(`/api/tickets/${firstTicket.id}/attachments`)).body;
    expect(files.attachments.map((f) => f.fileName)).toEqual(['chodnik.png', 'pismo.pdf', 'z-drugiej-strony.png']);
  });

  it('makes a mail naming a ticket from another address a new ticket that refers to it', async () => {
    const messageId = uniqueId('neighbour');
    await send({
      from: 'sasiad@example.net',
      subject: `Re: [${firstTicket.number}] chodnik`,
      messageId,
      text: 'U mnie pod 22 jest to samo.',
    });
    const ticket = await ticketOf(messageId);
    expect(ticket.id).not.toBe(firstTicket.id);
    expect(ticket.reporter.email).toBe('sasiad@example.net');
    expect(ticket.description).toBe(
      `U mnie pod 22 jest to samo.\n\n---\nDotyczy zgłoszenia ${firstTicket.number}, ale nadawca nie jest jego zgłaszającym: nie dołączono do tamtego zgłoszenia.`,
    );
    const first = (await triage.get<TicketDetailDto>(`/api/tickets/${firstTicket.id}`)).body;
    expect(first.events.filter((e) => e.kind === 'ticket.resident_message')).toHaveLength(1);
  });

  it("makes the reporter's reply to a ticket that has ended a new ticket that refers to it", async () => {
    const first = uniqueId('spam');
    await send({ from: 'kasia@example.net', subject: 'Pytanie o rower miejski', messageId: first, text: 'Gdzie?' });
    const ended = await ticketOf(first);
    const rejected = await triage.post(`/api/tickets/${ended.id}/reject`, { reason: 'Nie jest to sprawa miasta.' });
    expect(rejected.status).toBe(200);

    const reply = uniqueId('after-end');
    await send({
      from: 'kasia@example.net',
      subject: `Re: ${ended.number}`,
      messageId: reply,
      text: 'Ale to jednak sprawa miasta.',
    });
    const next = await ticketOf(reply);
    expect(next.id).not.toBe(ended.id);
    expect(next.description).toBe(
      `Ale to jednak sprawa miasta.\n\n---\nDotyczy zgłoszenia ${ended.number}, które jest już odrzucone.`,
    );
  });

  it('takes auto-replies, bounces and loops with 250 and records why, but never makes them tickets', async () => {
    const automatic: [Omit<Mail.Options, 'raw'> & { raw?: (id: string) => string }, RegExp][] = [
      [
        { from: RESIDENT, headers: { 'Auto-Submitted': 'auto-replied' }, subject: `Re: ${firstTicket.number}` },
        /^auto-reply: Auto-Submitted: auto-replied$/,
      ],
      [{ from: 'newsletter@example.com', headers: { Precedence: 'bulk' } }, /^bulk: Precedence: bulk$/],
      [
        { from: 'biuro@example.com', headers: { 'X-Auto-Response-Suppress': 'All' } },
        /^auto-reply: X-Auto-Response-Suppress/,
      ],
      [{ from: 'Krakowskie Centrum Kontaktu <kck@um.krakow.pl>' }, /^loop: From is our own address kck@um.krakow.pl$/],
      // A delivery status notification: the null sender <> and a multipart/report.
      [{ envelope: { from: '', to: [KCK] }, raw: deliveryReport }, /^bounce: a delivery or read report/],
      // A null sender alone is no person either (RFC 5321 §4.5.5: notifications only).
      [{ envelope: { from: '', to: [KCK] }, from: 'powiadomienia@example.com' }, /^bounce: null envelope sender/],
    ];
    const before = await ticketsFrom(RESIDENT);
    for (const [{ raw, ...mail }, reason] of automatic) {
      const messageId = uniqueId('auto');
      const response = await send(
        raw
          ? { ...mail, raw: raw(messageId) }
          : { subject: 'Automatyczna odpowiedź', text: 'Jestem na urlopie.', ...mail, messageId },
      );
      expect(response).toMatch(/^250 2\.0\.0 Accepted, not a ticket/);
      const [row] = await received(messageId);
      expect(row).toMatchObject({ outcome: 'ignored', ticket_id: null });
      expect(row!.note).toMatch(reason);
    }
    expect(await ticketsFrom(RESIDENT)).toBe(before);
    const first = (await triage.get<TicketDetailDto>(`/api/tickets/${firstTicket.id}`)).body;
    expect(first.events.filter((e) => e.kind === 'ticket.resident_message')).toHaveLength(1);
  });

  it('makes one ticket of the same Message-ID delivered again and several times at once', async () => {
    const messageId = uniqueId('twice');
    const mail = { from: 'jan@example.net', subject: 'Nie świeci latarnia', messageId, text: 'Ul. Długa 5.' };
    const first = await send(mail);
    const again = await Promise.all([send(mail), send(mail), send(mail)]);
    const rows: { id: string; number: string }[] = await backend.ctx.db.query(
      `SELECT t.id, t.number FROM ticket t WHERE t.reporter_email = 'jan@example.net'`,
    );
    expect(rows).toHaveLength(1);
    expect(first).toContain(`ticket ${rows[0]!.number}`);
    for (const response of again) expect(response).toContain(`ticket ${rows[0]!.number} (already received)`);
  });

  it('makes a ticket of what could be read from malformed MIME', async () => {
    const messageId = uniqueId('broken');
    // A multipart whose closing boundary never comes, an attachment that is not base64, a header line broken.
    const raw = [
      'From: Zofia <zofia@example.net>',
      `To: ${KCK}`,
      'Subject: Zepsuta =?UTF-8?Q?wiadomo=C5=9B?= ć',
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="granica"',
      'this line is not a header',
      '',
      '--granica',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Śmieci nie wywiezione od dwóch tygodni.',
      '--granica',
      'Content-Type: image/jpeg; name="foto.jpg"',
      'Content-Transfer-Encoding: base64',
      '',
      '@@@ to nie jest base64 @@@',
      '',
    ].join('\r\n');
    const response = await send({ envelope: { from: 'zofia@example.net', to: [KCK] }, raw });
    expect(response).toMatch(/^250 2\.0\.0 Accepted: ticket KCK\//);
    const ticket = await ticketOf(messageId);
    expect(ticket.reporter.email).toBe('zofia@example.net');
    expect(ticket.description.split('\n---\n')[0]).toBe('Śmieci nie wywiezione od dwóch tygodni.\n');
    // The broken "photo" decodes to bytes that are no image: named, not stored.
    expect(ticket.description).toMatch(/Pominięto załącznik „foto\.jpg”/);
    const files = (await triage.get<TicketAttachmentsDto>(`/api/tickets/${ticket.id}/attachments`)).body.attachments;
    expect(files).toEqual([]);
  });

  it('refuses a mail with a 30 MB attachment with 552 and keeps nothing of it', async () => {
    const messageId = uniqueId('huge');
    const err = await refusal({
      from: 'duzy@example.net',
      subject: 'Film z nagraniem',
      messageId,
      text: 'W załączniku nagranie.',
      attachments: [{ filename: 'nagranie.mp4', content: Buffer.alloc(30 * 1024 * 1024, 7) }],
    });
    expect(err.responseCode).toBe(552);
    expect(await received(messageId)).toEqual([]);
    expect(await ticketsFrom('duzy@example.net')).toBe(0);
  });

  it('leaves out a file over the attachment limit and a .exe named .jpg, naming both, and keeps the rest', async () => {
    const messageId = uniqueId('files');
    await send({
      from: 'piotr@example.net',
      subject: 'Zdjęcia z placu zabaw',
      messageId,
      text: 'Zepsuta huśtawka.',
      attachments: [
        { filename: 'hustawka.jpg', content: SAMPLE.exe, contentType: 'image/jpeg' },
        { filename: 'plac.pdf', content: Buffer.concat([SAMPLE.pdf, Buffer.alloc(ATTACHMENT_LIMIT, 0x20)]) },
        { filename: 'plac.png', content: SAMPLE.png },
      ],
    });
    const ticket = await ticketOf(messageId);
    expect(ticket.description).toBe(
      [
        'Zepsuta huśtawka.',
        '',
        '---',
        'Pominięto załącznik „hustawka.jpg” (512 B): ten rodzaj pliku nie jest przyjmowany (rozpoznany po zawartości: application/x-msdownload).',
        `Pominięto załącznik „plac.pdf” (1 MB): większy niż limit 1 MB.`,
      ].join('\n'),
    );
    const files = (await triage.get<TicketAttachmentsDto>(`/api/tickets/${ticket.id}/attachments`)).body.attachments;
    expect(files.map((f) => [f.fileName, f.contentType])).toEqual([['plac.png', 'image/png']]);
  });

  it('stores an HTML-only mail with scripts as plain text', async () => {
    const messageId = uniqueId('html');
    await send({
      from: 'ewa@example.net',
      subject: '<b>Pilne</b> <script>alert(1)</script>',
      messageId,
      html:
        '<html><head><style>p{color:red}</style><script>document.title="x"</script></head>' +
        '<body><p>Drzewo <b>przewróciło się</b> na ul. Kasztanową.</p>' +
        '<img src="x" onerror="alert(document.cookie)"><script>fetch("/api/tickets")</script>' +
        '<p>Pisząc &lt;script&gt; mam na myśli tylko tekst.</p></body></html>',
    });
    const ticket = await ticketOf(messageId);
    expect(ticket.description).toBe(
      'Drzewo przewróciło się na ul. Kasztanową.\n\n[x]\n\nPisząc <script> mam na myśli tylko tekst.',
    );
    expect(ticket.description).not.toMatch(/alert|document\.|onerror|<p>|<b>|fetch/);
    // A subject is text too: what looks like tags stays as characters, shown as such by the console.
    expect(ticket.title).toBe('<b>Pilne</b> <script>alert(1)</script>');
  });

  it('refuses recipients that are not ours with 550, and takes the mail for the ones that are', async () => {
    const err = await refusal({ from: 'x@example.net', to: 'ktos@gmail.example', subject: 'Test', text: 'x' });
    expect(err.responseCode).toBe(550);
    expect(err.response).toMatch(/^550 5\.1\.1 <ktos@gmail\.example>: no such mailbox here/);

    const messageId = uniqueId('mixed');
    const info = await smtp.sendMail({
      from: 'mieszane@example.net',
      to: [KCK, 'ktos@gmail.example'],
      subject: 'Do KCK i do kogoś jeszcze',
      messageId,
      text: 'Treść.',
    });
    expect(info.accepted).toEqual([KCK]);
    expect(info.rejected).toEqual(['ktos@gmail.example']);
    expect((await ticketOf(messageId)).title).toBe('Do KCK i do kogoś jeszcze');
  });
});

describe('e-mail intake while PostgreSQL refuses connections', () => {
  /** Sends like a relay: a temporary 4xx is tried again after a pause, until the mail is taken. */
  async function relay(mail: Mail.Options, attempts: number[]): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await send(mail);
        attempts.push(attempt);
        return response;
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode ?? 0;
        if (code < 400 || code >= 500) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  it('answers 451 while the database is away, and makes every retried mail one ticket once it is back', async () => {
    const database = new URL(environment.databaseUrl);
    const name = database.pathname.slice(1);
    const admin = new pg.Client({ connectionString: Object.assign(new URL(database), { pathname: '/postgres' }).href });
    await admin.connect();
    const mails = Array.from({ length: 8 }, (_, i) => ({
      from: `awaria${i}@example.net`,
      subject: `Zgłoszenie w czasie awarii ${i}`,
      messageId: uniqueId('outage'),
      text: `Treść ${i}.`,
      attachments: [{ filename: `zdjecie-${i}.png`, content: SAMPLE.png }],
    }));
    const attempts: number[] = [];
    try {
      // PostgreSQL itself refuses: no new connections to the database, and the intake's are ended.
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'kck-email-intake'`,
        [name],
      );
      for (const mail of mails.slice(0, 3)) {
        const err = await refusal(mail);
        expect(err.responseCode).toBe(451);
        expect(err.response).toMatch(/^451 4\.3\.0 Temporary failure/);
      }
      // The relay keeps trying every mail, four at a time, while the database comes back.
      const delivering = (async () => {
        const queue = [...mails];
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            for (let mail = queue.shift(); mail; mail = queue.shift()) await relay(mail, attempts);
          }),
        );
      })();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS true`);
      await delivering;
    } finally {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(attempts).toHaveLength(mails.length);
    expect(Math.max(...attempts)).toBeGreaterThan(1);

    // A retry after the commit (the 250 lost on its way) is taken again without a second ticket.
    expect(await send(mails[0]!)).toContain('(already received)');
    for (const mail of mails) {
      expect(await ticketsFrom(mail.from)).toBe(1);
      const ticket = await ticketOf(mail.messageId);
      expect(ticket.title).toBe(mail.subject);
      const files = (await triage.get<TicketAttachmentsDto>(`/api/tickets/${ticket.id}/attachments`)).body;
      expect(files.attachments.map((f) => f.fileName)).toEqual([`zdjecie-${mails.indexOf(mail)}.png`]);
    }
  });
});
