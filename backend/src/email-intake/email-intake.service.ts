// Mail → ticket: one received e-mail becomes a new ticket in triage, a resident's message on the ticket it
// answers, or nothing (an auto-reply, bounce or loop, recorded). Exactly once per Message-ID, all in one commit.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType, type TicketStatus } from '@kck/contracts';
import type { Logger } from '../platform/logger.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import { formatBytes, safeFileName } from '../attachments/attachment-upload.ts';
import { appendTicketEvent, insertTicket, lockTicket } from '../tickets/tickets.service.ts';
import { resumeOnResidentAnswer } from '../deadlines/deadlines.service.ts';
import { numberNewTicket } from '../tickets/ticket-number.ts';
import { insertResidentMessage } from '../public-intake/resident-actions.service.ts';
import { RESIDENT_AUTHOR } from '../public-intake/public-timeline.ts';
import { MESSAGE_STATUSES } from '../public-intake/public-status.queries.ts';
import { readInboundMail, type InboundFile, type InboundMail } from './inbound-mail.ts';
import { automatedReason, ticketIdInReferences, ticketNumberIn, type OwnMail } from './mail-classifier.ts';
import type { EmailOutcome } from './email-message.entity.ts';

export interface EmailIntakeSettings {
  /** Dictionary code of the category new tickets get (one no routing rule matches: DK-03 triage). */
  categoryCode: string;
  own: OwnMail;
  /** ATTACHMENTS_MAX_BYTES: a bigger file is left out and named in the ticket. */
  maxAttachmentBytes: number;
  /** Local folder files wait in before the store keeps them (ATTACHMENTS_DIR/.incoming). */
  incomingDir: string;
}

export interface ReceivedMail {
  raw: Buffer;
  source: 'smtp' | 'imap';
  /** SMTP's MAIL FROM (`''` for `<>`); undefined from a mailbox, where Return-Path stands in. */
  envelopeFrom?: string;
}

export interface IntakeResult {
  outcome: EmailOutcome;
  /** The ticket made or written to; null when ignored. */
  ticketId: string | null;
  /** Its number, once numbered (a new ticket is numbered right after its commit, or by the sweep). */
  number: string | null;
  /** Why it was ignored, or what could not be taken from it. */
  note: string | null;
  /** Received before (a relay's retry, a mailbox read twice): nothing was written this time. */
  duplicate: boolean;
}

/** The ticket's description and a message's body stop here (contracts: description ≤ 10,000 characters). */
const MAX_TEXT = 10_000;
/** Beyond the limit the whole text is kept as a file of its own. */
const FULL_TEXT_FILE = 'tresc-wiadomosci.txt';
/**
 * A ticket takes the resident's messages while the status page takes them (open or resolved); a reply to one
 * that has ended opens a new ticket, since nobody works on it any more. How the note names the end:
 */
const ENDED_AS: Record<string, string> = {
  closed: 'zamknięte',
  rejected: 'odrzucone',
  duplicate: 'scalone jako duplikat',
};
const ended = (status: TicketStatus) => !MESSAGE_STATUSES.includes(status);
const ALLOWED: ReadonlySet<string> = new Set(ATTACHMENT_CONTENT_TYPES);

/** Another delivery of a message already committed: the transaction found its key taken. */
class AlreadyReceived extends Error {}

interface PreparedFile {
  id: string;
  path: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  contentType: AttachmentContentType;
}

interface ThreadTicket {
  id: string;
  number: string;
  status: TicketStatus;
  reporterEmail: string | null;
}

export class EmailIntakeService {
  private categoryId: string | undefined;
  private incomingReady: Promise<unknown> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly store: AttachmentStore,
    private readonly logger: Logger,
    private readonly settings: EmailIntakeSettings,
  ) {}

  /** The configured category's id; a missing one is a configuration error that retries (451) until fixed. */
  async resolveCategory(): Promise<string> {
    if (this.categoryId) return this.categoryId;
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = $1 AND active`,
      [this.settings.categoryCode],
    );
    if (!rows[0]) throw new Error(`EMAIL_INTAKE_CATEGORY ${this.settings.categoryCode} is not an active category`);
    this.categoryId = rows[0].id;
    return this.categoryId;
  }

  /**
   * Takes one message. Resolves only once what it became is committed; rejects (the caller answers a
   * temporary failure, so the sender retries) when that cannot be done now. A retry of a committed message
   * resolves with `duplicate` and writes nothing.
   */
  async receive(received: ReceivedMail): Promise<IntakeResult> {
    const mail = await readInboundMail(received.raw, received.envelopeFrom);
    // No look-up first: a message received before is rare (a relay's retry), and its key is checked where it
    // counts, inside the transaction, which then writes nothing.
    const automated = automatedReason(mail.headers, this.settings.own);
    if (automated) return this.recordIgnored(mail, received, automated);

    const thread = await this.findThread(mail);
    const categoryId = await this.resolveCategory();
    const notes: string[] = [];
    if (mail.unreadable)
      notes.push(`Wiadomość nie jest poprawnym MIME (${mail.unreadable}); poniżej to, co dało się z niej odczytać.`);
    const files = await this.prepareFiles(mail.files, notes);
    try {
      // Only the reporter's own address may write to a ticket: anyone who saw a number could otherwise write
      // into a stranger's matter (and would never get its answers). Anyone else starts a ticket of their own.
      const isReply =
        thread !== null &&
        mail.fromAddress !== null &&
        !ended(thread.status) &&
        thread.reporterEmail === mail.fromAddress;
      if (thread && !isReply)
        notes.push(
          ended(thread.status)
            ? `Dotyczy zgłoszenia ${thread.number}, które jest już ${ENDED_AS[thread.status] ?? 'zakończone'}.`
            : `Dotyczy zgłoszenia ${thread.number}, ale nadawca nie jest jego zgłaszającym: nie dołączono do tamtego zgłoszenia.`,
        );
      const body = await this.composeText(mail.text, notes, files);
      const note = notes.length ? notes.join('\n') : null;
      const result = isReply
        ? await this.addResidentMessage(mail, received, thread, body, note, files)
        : await this.createTicket(mail, received, categoryId, body, note, files);
      this.logger.info(
        { messageKey: mail.messageKey, outcome: result.outcome, ticketId: result.ticketId, files: files.length },
        'e-mail taken in',
      );
      return result;
    } catch (err) {
      if (err instanceof AlreadyReceived) return (await this.findReceived(mail.messageKey))!;
      throw err;
    } finally {
      await Promise.all(files.map((file) => rm(file.path, { force: true })));
    }
  }

  private async findReceived(messageKey: string): Promise<IntakeResult | null> {
    const rows: { outcome: EmailOutcome; ticket_id: string | null; number: string | null; note: string | null }[] =
      await this.db.query(
        `SELECT m.outcome, m.ticket_id, t.number, m.note
           FROM email_message m LEFT JOIN ticket t ON t.id = m.ticket_id WHERE m.message_key = $1`,
        [messageKey],
      );
    const row = rows[0];
    if (!row) return null;
    return { outcome: row.outcome, ticketId: row.ticket_id, number: row.number, note: row.note, duplicate: true };
  }

  private async recordIgnored(mail: InboundMail, received: ReceivedMail, reason: string): Promise<IntakeResult> {
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO email_message (message_key, source, envelope_from, from_address, subject, size_bytes, outcome, note)
       VALUES ($1, $2, $3, $4, $5, $6, 'ignored', $7) ON CONFLICT (message_key) DO NOTHING RETURNING id`,
      [...this.messageColumns(mail, received), reason],
    );
    if (inserted.length === 0) return (await this.findReceived(mail.messageKey))!;
    // Never a ticket, never an answer (that is how loops start), but never silently either.
    this.logger.info({ messageKey: mail.messageKey, reason }, 'automatic e-mail ignored');
    return { outcome: 'ignored', ticketId: null, number: null, note: reason, duplicate: false };
  }

  private messageColumns(mail: InboundMail, received: ReceivedMail) {
    const envelope = received.envelopeFrom ?? mail.headers.envelopeFrom;
    return [
      mail.messageKey,
      received.source,
      envelope ? envelope.slice(0, 998) : null,
      mail.fromAddress,
      mail.subject.slice(0, 998) || null,
      mail.sizeBytes,
    ];
  }

  /** The ticket a reply is about: a number in the subject, else our Message-ID in In-Reply-To/References. */
  private async findThread(mail: InboundMail): Promise<ThreadTicket | null> {
    const number = ticketNumberIn(mail.subject);
    const id = number ? null : ticketIdInReferences(mail.references, this.settings.own.messageIdDomain);
    if (!number && !id) return null;
    const rows: ThreadTicket[] = await this.db.query(
      `SELECT id, number, status, lower(reporter_email) AS "reporterEmail" FROM ticket
        WHERE ${number ? 'number = $1' : 'id = $1'} AND number IS NOT NULL`,
      [number ?? id],
    );
    return rows[0] ?? null;
  }

  /**
   * Checks each file as the upload route does (size limit, type by content, never by name) and leaves the
   * accepted ones on local disk; a refused file is named in `notes` and the rest of the mail goes on.
   */
  private async prepareFiles(files: InboundFile[], notes: string[]): Promise<PreparedFile[]> {
    const prepared: PreparedFile[] = [];
    if (files.length > 0) await (this.incomingReady ??= mkdir(this.settings.incomingDir, { recursive: true }));
    try {
      for (const file of files) {
        const fileName = safeFileName(file.fileName);
        const refused = (why: string) =>
          notes.push(`Pominięto załącznik „${fileName}” (${formatBytes(file.content.length)}): ${why}.`);
        if (file.content.length === 0) {
          refused('plik jest pusty');
          continue;
        }
        if (file.content.length > this.settings.maxAttachmentBytes) {
          refused(`większy niż limit ${formatBytes(this.settings.maxAttachmentBytes)}`);
          continue;
        }
        const detected = await detectContentType(file.content);
        if ('refused' in detected) {
          refused(detected.refused);
          continue;
        }
        prepared.push(await this.keepLocally(file.content, fileName, detected.contentType, file.sha256));
      }
    } catch (err) {
      await Promise.all(prepared.map((file) => rm(file.path, { force: true })));
      throw err;
    }
    return prepared;
  }

  private async keepLocally(
    content: Buffer,
    fileName: string,
    contentType: AttachmentContentType,
    sha256 = createHash('sha256').update(content).digest('hex'),
  ) {
    const id = randomUUID();
    const file = path.join(this.settings.incomingDir, id);
    await writeFile(file, content, { flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
      // The folder is made once per process; if someone removed it since, make it again.
      if (err.code !== 'ENOENT') throw err;
      await mkdir(this.settings.incomingDir, { recursive: true });
      await writeFile(file, content, { flag: 'wx' });
    });
    return {
      id,
      path: file,
      fileName,
      sizeBytes: content.length,
      sha256,
      contentType,
    };
  }

  /**
   * The text with the notes below it. Over the limit, the text is cut for reading and kept whole in a file
   * added to `files`, so nothing the resident wrote is lost.
   */
  private async composeText(text: string, notes: string[], files: PreparedFile[]): Promise<string> {
    const body = text || '(wiadomość bez treści)';
    const tail = () => (notes.length ? `\n\n---\n${notes.join('\n')}` : '');
    if (body.length + tail().length <= MAX_TEXT) return body + tail();
    files.push(await this.keepLocally(Buffer.from(text, 'utf8'), FULL_TEXT_FILE, 'text/plain'));
    notes.push(`Treść jest dłuższa niż ${MAX_TEXT} znaków: całość w załączniku ${FULL_TEXT_FILE}.`);
    return `${body.slice(0, Math.max(0, MAX_TEXT - tail().length - 1))}…${tail()}`;
  }

  private async createTicket(
    mail: InboundMail,
    received: ReceivedMail,
    categoryId: string,
    description: string,
    note: string | null,
    files: PreparedFile[],
  ): Promise<IntakeResult> {
    const ticketId = await this.withStoredFiles(files, async (em, store) => {
      const { id } = await insertTicket(em, null, {
        type: 'problem',
        channel: 'email',
        categoryId,
        title: titleOf(mail),
        description,
        reporter: {
          ...(mail.fromName ? { name: mail.fromName.slice(0, 200) } : {}),
          ...(mail.fromAddress ? { email: mail.fromAddress } : {}),
        },
      });
      // Files that came with the report are part of its creation: its `ticket.created` event covers them. Their
      // rows go in with the message's row, in one round trip.
      const stored: { key: string; file: PreparedFile }[] = [];
      for (const file of files) stored.push({ key: await store(id, file), file });
      await this.insertReceived(em, mail, received, 'ticket', id, null, note, stored);
      return id;
    });
    const number = await numberNewTicket(this.db, ticketId).catch((err: unknown) => {
      // Committed is what counts; the backend's numbering sweep numbers it if this run could not.
      this.logger.warn({ ticketId, err: String(err) }, 'e-mail ticket committed, numbering left to the sweep');
      return null;
    });
    return { outcome: 'ticket', ticketId, number, note, duplicate: false };
  }

  private async addResidentMessage(
    mail: InboundMail,
    received: ReceivedMail,
    thread: ThreadTicket,
    body: string,
    note: string | null,
    files: PreparedFile[],
  ): Promise<IntakeResult> {
    await this.withStoredFiles(files, async (em, store) => {
      // Locked like any change to the ticket, so the message takes its place in the history in order.
      const ticket = await lockTicket(em, null, thread.id);
      // The same writer as the status page's messages: one kind of resident message, however it came.
      const commentId = await insertResidentMessage(em, ticket.id, body);
      for (const file of files) {
        await this.insertAttachment(em, ticket.id, await store(ticket.id, file), file);
        await appendTicketEvent(em, ticket.id, 'ticket.attachment_added', null, {
          attachment: { from: null, to: file.fileName },
          ...RESIDENT_AUTHOR,
        });
      }
      // A reply to the unit's question is the resident's answer: the ticket's clock runs again.
      await resumeOnResidentAnswer(em, ticket, RESIDENT_AUTHOR);
      await this.insertReceived(em, mail, received, 'message', ticket.id, commentId, note);
    });
    return { outcome: 'message', ticketId: thread.id, number: thread.number, note, duplicate: false };
  }

  /**
   * Runs `write` in one transaction, giving it a way to put a prepared file in the store under the ticket's
   * key. Objects go in before the rows that point to them; if the transaction does not commit they are
   * removed again (and whatever a crash leaves behind, no row points to it: the attachment sweep's case).
   */
  private async withStoredFiles<T>(
    files: PreparedFile[],
    write: (em: EntityManager, store: (ticketId: string, file: PreparedFile) => Promise<string>) => Promise<T>,
  ): Promise<T> {
    const stored: string[] = [];
    try {
      return await this.db.transaction((em) =>
        write(em, async (ticketId, file) => {
          const key = `tickets/${ticketId}/${file.id}`;
          await this.store.put(key, file);
          stored.push(key);
          return key;
        }),
      );
    } catch (err) {
      await Promise.all(stored.map((key) => this.store.remove(key).catch(() => undefined)));
      throw err;
    }
  }

  private async insertAttachment(em: EntityManager, ticketId: string, key: string, file: PreparedFile) {
    // uploaded_by NULL: the resident sent it. The clock's time, not the transaction's, keeps the files of one
    // mail in the order they were attached.
    await em.query(
      `INSERT INTO ticket_attachment (id, ticket_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by,
                                      created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, clock_timestamp())`,
      [file.id, ticketId, key, file.fileName, file.contentType, file.sizeBytes, file.sha256],
    );
  }

  /**
   * The message's row, last in the transaction: a concurrent delivery of the same message waits here, then loses.
   * With `attachments`, the same statement inserts their rows first (as insertAttachment does, in their order).
   */
  private async insertReceived(
    em: EntityManager,
    mail: InboundMail,
    received: ReceivedMail,
    outcome: EmailOutcome,
    ticketId: string,
    commentId: string | null,
    note: string | null,
    attachments: { key: string; file: PreparedFile }[] = [],
  ) {
    const columns = [...this.messageColumns(mail, received), outcome, ticketId, commentId, note];
    const insertMessage = `INSERT INTO email_message (message_key, source, envelope_from, from_address, subject, size_bytes,
                                                  outcome, ticket_id, comment_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (message_key) DO NOTHING RETURNING id`;
    const files = attachments.map((a) => a.file);
    const inserted: unknown[] =
      attachments.length === 0
        ? await em.query(insertMessage, columns)
        : await em.query(
            // A microsecond apart on the clock, in the order they were attached (see insertAttachment).
            `WITH files AS (
               INSERT INTO ticket_attachment (id, ticket_id, storage_key, file_name, content_type, size_bytes, sha256,
                                              uploaded_by, created_at)
               SELECT f.id, $8, f.storage_key, f.file_name, f.content_type, f.size_bytes, f.sha256, NULL,
                      clock_timestamp() + f.n * interval '1 microsecond'
                 FROM unnest($11::uuid[], $12::text[], $13::text[], $14::text[], $15::bigint[], $16::text[])
                      WITH ORDINALITY AS f(id, storage_key, file_name, content_type, size_bytes, sha256, n)
             )
             ${insertMessage}`,
            [
              ...columns,
              files.map((f) => f.id),
              attachments.map((a) => a.key),
              files.map((f) => f.fileName),
              files.map((f) => f.contentType),
              files.map((f) => f.sizeBytes),
              files.map((f) => f.sha256),
            ],
          );
    if (inserted.length === 0) throw new AlreadyReceived();
  }
}

/** The subject as the ticket's title (3–200 characters), or a title naming the sender when there is none. */
export function titleOf(mail: Pick<InboundMail, 'subject' | 'fromName' | 'fromAddress'>): string {
  const subject = mail.subject.trim();
  const title =
    subject.length >= 3
      ? subject
      : `Wiadomość e-mail${subject ? ` „${subject}”` : ''} od ${mail.fromName ?? mail.fromAddress ?? 'nieznanego nadawcy'}`;
  return title.length <= 200 ? title : `${title.slice(0, 199)}…`;
}

/** Plain text has no magic bytes: UTF-8 without NUL bytes, judged on the first 64 KB (as the upload route does). */
function looksLikeText(content: Buffer): boolean {
  const head = content.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The type from the content (magic bytes), never from the name or the declared type. */
export async function detectContentType(
  content: Buffer,
): Promise<{ contentType: AttachmentContentType } | { refused: string }> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) {
    if (ALLOWED.has(detected.mime)) return { contentType: detected.mime as AttachmentContentType };
    return { refused: `ten rodzaj pliku nie jest przyjmowany (rozpoznany po zawartości: ${detected.mime})` };
  }
  if (looksLikeText(content)) return { contentType: 'text/plain' };
  return { refused: 'nierozpoznany rodzaj pliku (przyjmujemy zdjęcia, PDF, dokumenty biurowe i tekst)' };
}
