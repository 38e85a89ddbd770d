// A resident's report from the web form (channel `web_form`): the ticket, its photos as the resident's attachments
// and the consent to the e-mail in one transaction, numbered after the commit like every ticket, and idempotent by
// the submission id the browser made, so a double click or a retry never makes two tickets.
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { PublicReportCreatedDto, publicReportRequest } from '@kck/contracts';
import type { z } from 'zod';
import { assertTicketAttributes } from '../category-attributes/category-attributes.validation.ts';
import { badField, conflict, isForeignKeyViolation, isUniqueViolation } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { insertTicket } from '../tickets/tickets.service.ts';
import { numberNewTicket } from '../tickets/ticket-number.ts';
import { claimPhotos } from './public-photos.ts';
import { publicCategoryLabel } from './public-form.queries.ts';
import { hashStatusToken, issueStatusLink, newStatusToken, statusUrl } from './status-links.ts';

export type PublicReport = z.output<typeof publicReportRequest>;

export interface ReportOptions {
  publicUrl: string;
  maxPhotos: number;
  /**
   * Runs in the report's transaction once its rows are written: "add my voice" (duplicates/voices.service.ts) files
   * the report under an open one there. What it throws rolls the whole report back.
   */
  attach?: (em: EntityManager, ticketId: string) => Promise<void>;
}

/** What identifies the content of a submission: the same id sent with other content is refused. */
export function submissionHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/**
 * The ticket's title, which the form does not ask for: the description's first line, cut at a word near 120
 * characters (staff lists show it; the description keeps every word).
 */
export function titleFromDescription(description: string, fallback: string): string {
  const first =
    description
      .split(/\r?\n/)
      .find((line) => line.trim().length > 0)
      ?.trim() ?? '';
  const sentence = first.split(/(?<=[.!?])\s/)[0] ?? first;
  let title = sentence.length <= 120 ? sentence : sentence.slice(0, 120).replace(/\s+\S*$/, '') + '…';
  if (title.length < 3) title = fallback;
  return title.slice(0, 200);
}

/** The submission id's row, when a request with this id got as far as a commit before. */
interface SubmissionRow {
  kind: string;
  request_hash: string;
  ticket_id: string;
}

async function existingReport(
  db: DataSource,
  row: SubmissionRow | undefined,
  hash: string,
  options: ReportOptions,
): Promise<PublicReportCreatedDto | null> {
  if (!row) return null;
  if (row.kind !== 'report' || row.request_hash !== hash)
    throw conflict('This submissionId was already used for different content; the form makes a new one per report');
  // A ticket whose request died before numbering is numbered now (or by the sweep a moment later).
  const ticket = { id: row.ticket_id, number: await numbered(db, row.ticket_id) };
  // Only hashes are stored, so the first answer's link cannot be given again: this answer gets a new one,
  // and both work (the first may have reached the resident after all).
  const link = await issueStatusLink(db.manager, ticket, 'resubmission', options.publicUrl);
  return { number: ticket.number, statusUrl: link.url, token: link.token };
}

const submissionRow = async (db: DataSource, submissionId: string): Promise<SubmissionRow | undefined> =>
  (
    (await db.query(`SELECT kind, request_hash, ticket_id FROM public_submission WHERE id = $1`, [
      submissionId,
    ])) as SubmissionRow[]
  )[0];

/** The number of a committed ticket, numbering it if nobody has yet. */
async function numbered(db: DataSource, id: string): Promise<string> {
  const number = await numberNewTicket(db, id);
  if (!number) throw new Error(`ticket ${id} has no number after numbering`);
  return number;
}

export async function submitReport(
  db: DataSource,
  logger: Logger,
  input: PublicReport,
  options: ReportOptions,
): Promise<PublicReportCreatedDto> {
  const { website: _honeypot, ...content } = input;
  const hash = submissionHash(content);
  // Nothing is read before the write (a round trip costs both sides a write and a read system call, the largest
  // item in the intake's profile): the category and its questions come from per-process caches, and the
  // submission id's earlier use and the consent text's version are checked by the insert's own constraints.
  const categoryLabel = await publicCategoryLabel(db, input.categoryId);
  if (categoryLabel === null) throw badField('categoryId', 'choose a category from the list');
  const attributes = await assertTicketAttributes(db, input.categoryId, input.attributes);

  const token = newStatusToken();
  const write = async (em: EntityManager) => {
    const { id } = await insertTicket(
      em,
      null,
      {
        type: input.type,
        channel: 'web_form',
        categoryId: input.categoryId,
        districtId: input.districtId,
        address: input.address,
        location: input.location,
        attributes,
        title: titleFromDescription(input.description, categoryLabel),
        description: input.description,
        reporter: input.email ? { email: input.email } : undefined,
      },
      {
        // The status link's hash goes in with the ticket (an update after it rewrote the row and its indexes).
        statusTokenHash: hashStatusToken(token),
        // The submission claims its id in the ticket's own statement: a second request with the same id waits
        // for the first to commit, then its insert fails on the id and writes nothing, ticket and all.
        withRow: {
          insert: `INSERT INTO public_submission (id, kind, ticket_id, request_hash, consent_version, consented_at, language)
                   SELECT $21, 'report', inserted.id, $22, $23, CASE WHEN $23::text IS NULL THEN NULL ELSE now() END, $24
                     FROM inserted`,
          values: [input.submissionId, hash, input.email ? (input.consentVersion ?? null) : null, input.language],
        },
      },
    );
    await claimPhotos(em, id, input.submissionId, input.photoIds ?? [], options.maxPhotos);
    await options.attach?.(em, id);
    return id;
  };
  let ticketId: string;
  try {
    // Photos and "add my voice" write more rows after the ticket: a transaction. Without them the one statement
    // commits alone (a round trip each for BEGIN and COMMIT saved).
    ticketId = input.photoIds?.length || options.attach ? await db.transaction(write) : await write(db.manager);
  } catch (err) {
    if (isUniqueViolation(err, 'public_submission_pkey')) {
      const answer = await existingReport(db, await submissionRow(db, input.submissionId), hash, options);
      if (answer) return answer;
    }
    if (isForeignKeyViolation(err, 'public_submission_consent_version_fkey'))
      throw badField('consentVersion', `no consent text has version ${input.consentVersion}; reload the form`);
    throw err;
  }
  const ticket = { id: ticketId, number: await numbered(db, ticketId) };
  logger.info(
    { ticketId, number: ticket.number, photos: input.photoIds?.length ?? 0, withEmail: Boolean(input.email) },
    'web-form report received',
  );
  return { number: ticket.number, statusUrl: statusUrl(options.publicUrl, ticket.number, token), token };
}
