// Residents' access and erasure requests (RODO art. 15 and 17): recorded with what was found, exported, or
// carried out in one transaction that anonymises the person's data, tells the units of open tickets, and records it.
import type { DataSource } from 'typeorm';
import type { DataSubjectRequestDto, PrivacyEraseResult, PrivacyRequestCreate } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import type { Logger } from '../platform/logger.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { appendTicketEvent } from '../tickets/tickets.service.ts';
import { anonymise } from './anonymise.ts';
import { buildExport, type PersonalDataExport } from './export.ts';
import { countFound, findPerson, identifierOf, maskIdentifier, type Identifier } from './finder.ts';

/** The history line: says what happened and why, and holds no personal data. */
export const ERASURE_REASON = 'Dane osobowe usunięte na wniosek (art. 17 RODO)';
const OPEN_TICKET_REASON = `${ERASURE_REASON}; zgłoszenie pozostaje otwarte, bez danych kontaktowych zgłaszającego`;

interface RequestRow {
  id: string;
  kind: DataSubjectRequestDto['kind'];
  identifier_kind: Identifier['kind'];
  identifier: string | null;
  identifier_masked: string;
  requested_via: DataSubjectRequestDto['requestedVia'];
  received_at: Date;
  recorded_by: string;
  recorded_at: Date;
  handled_by: string | null;
  handled_at: Date | null;
  outcome: DataSubjectRequestDto['outcome'];
  found: DataSubjectRequestDto['found'];
  erased: Record<string, number> | null;
  note: string | null;
}

const SELECT = `SELECT r.*, rb.display_name AS recorded_by_name, hb.display_name AS handled_by_name
                  FROM data_subject_request r
                  JOIN app_user rb ON rb.id = r.recorded_by
                  LEFT JOIN app_user hb ON hb.id = r.handled_by`;

function present(
  row: RequestRow & { recorded_by_name: string; handled_by_name: string | null },
): DataSubjectRequestDto {
  return {
    id: row.id,
    kind: row.kind,
    identifierKind: row.identifier_kind,
    identifierMasked: row.identifier_masked,
    requestedVia: row.requested_via,
    receivedAt: row.received_at.toISOString(),
    recordedBy: row.recorded_by_name,
    recordedAt: row.recorded_at.toISOString(),
    handledBy: row.handled_by_name,
    handledAt: row.handled_at?.toISOString() ?? null,
    outcome: row.outcome,
    found: row.found,
    erased: row.erased,
    note: row.note,
  };
}

export async function getRequest(db: DataSource, id: string): Promise<DataSubjectRequestDto> {
  const rows = await db.query(`${SELECT} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw notFound('Request');
  return present(rows[0]);
}

export async function listRequests(db: DataSource): Promise<DataSubjectRequestDto[]> {
  const rows = await db.query(`${SELECT} ORDER BY r.recorded_at DESC LIMIT 200`);
  return rows.map(present);
}

/** Records the request with what the search finds now; the identifier is kept until the request is carried out. */
export async function createRequest(
  db: DataSource,
  actor: Actor,
  input: PrivacyRequestCreate,
): Promise<DataSubjectRequestDto> {
  const id = identifierOf(input);
  const counts = await countFound(db, await findPerson(db, id));
  const rows: { id: string }[] = await db.query(
    `INSERT INTO data_subject_request (kind, identifier_kind, identifier, identifier_masked, requested_via, received_at,
                                       recorded_by, found, note)
     VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()), $7, $8, $9) RETURNING id`,
    [
      input.kind,
      id.kind,
      id.value,
      maskIdentifier(id),
      input.requestedVia,
      input.receivedAt ?? null,
      actor.id,
      JSON.stringify(counts),
      input.note ?? null,
    ],
  );
  return getRequest(db, rows[0]!.id);
}

async function openRequest(db: DataSource, requestId: string): Promise<RequestRow & { identifierOf: Identifier }> {
  const rows: RequestRow[] = await db.query(`SELECT * FROM data_subject_request WHERE id = $1`, [requestId]);
  const row = rows[0];
  if (!row) throw notFound('Request');
  if (row.outcome === 'erased' || !row.identifier)
    throw conflict('the data of this request was erased: nothing is left to export or erase');
  return { ...row, identifierOf: { kind: row.identifier_kind, value: row.identifier } };
}

/** The export of an access (or a pending erasure) request; an access request is then marked as answered. */
export async function exportRequest(db: DataSource, actor: Actor, requestId: string): Promise<PersonalDataExport> {
  const request = await openRequest(db, requestId);
  const found = await findPerson(db, request.identifierOf);
  const counts = await countFound(db, found);
  const data = await buildExport(db, found, counts, {
    id: request.id,
    kind: request.kind,
    receivedAt: request.received_at.toISOString(),
    identifierMasked: request.identifier_masked,
  });
  if (request.kind === 'access')
    await db.query(
      `UPDATE data_subject_request SET outcome = 'exported', handled_by = $2, handled_at = now(), found = $3
        WHERE id = $1 AND outcome = 'pending'`,
      [request.id, actor.id, JSON.stringify(counts)],
    );
  return data;
}

/**
 * Carries out an erasure request. Closed tickets lose every personal field, their photos and files; open ones
 * stay open and keep what the unit needs to act, but lose the reporter's contact, and their unit is told through
 * a history event on the ticket (the unit's queue and consoles show it). All in one transaction with the request's
 * record; stored files go after the commit (the attachment sweep retries a failed delete).
 */
export async function eraseRequest(
  db: DataSource,
  store: AttachmentStore,
  logger: Logger,
  actor: Actor,
  requestId: string,
): Promise<PrivacyEraseResult> {
  const outcome = await db.transaction(async (em) => {
    const rows: RequestRow[] = await em.query(`SELECT * FROM data_subject_request WHERE id = $1 FOR UPDATE`, [
      requestId,
    ]);
    const request = rows[0];
    if (!request) throw notFound('Request');
    if (request.kind !== 'erasure') throw conflict('this is an access request: record an erasure request to erase');
    if (request.outcome !== 'pending' || !request.identifier) throw conflict('this request was already carried out');
    const found = await findPerson(em, { kind: request.identifier_kind, value: request.identifier });
    const counts = await countFound(em, found);
    // Lock the tickets in a fixed order so a unit's move on one of them waits for (or goes before) the erasure.
    await em.query(`SELECT id FROM ticket WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [found.tickets]);
    const open = new Set(found.openTickets);
    const closed = found.tickets.filter((id) => !open.has(id));
    const mails: { id: string }[] = await em.query(
      `SELECT id FROM email_message WHERE ticket_id = ANY($1::uuid[]) AND ticket_id <> ALL($2::uuid[])`,
      [closed, found.openTickets],
    );
    const result = await anonymise(em, {
      tickets: closed,
      contactOnly: found.openTickets,
      calls: found.calls,
      mails: [...found.mails, ...mails.map((m) => m.id)],
    });
    if (found.openTickets.length > 0)
      await em.query(`UPDATE ticket SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [
        found.openTickets,
      ]);
    for (const ticketId of found.tickets) {
      const isOpen = open.has(ticketId);
      await appendTicketEvent(
        em,
        ticketId,
        'ticket.personal_data_erased',
        actor.id,
        { personalData: { from: null, to: isOpen ? 'contact_removed' : 'anonymised' } },
        isOpen ? OPEN_TICKET_REASON : ERASURE_REASON,
      );
    }
    const erased = { ...result.counts, tickets: closed.length, openTicketsContactRemoved: found.openTickets.length };
    await em.query(
      `UPDATE data_subject_request
          SET outcome = 'erased', identifier = NULL, handled_by = $2, handled_at = now(), found = $3, erased = $4
        WHERE id = $1`,
      [requestId, actor.id, JSON.stringify(counts), JSON.stringify(erased)],
    );
    const numbers: { number: string | null }[] = await em.query(
      `SELECT number FROM ticket WHERE id = ANY($1::uuid[]) ORDER BY number`,
      [found.openTickets],
    );
    return { erased, keys: result.storageKeys, openTicketNumbers: numbers.map((n) => n.number ?? '') };
  });
  for (const key of outcome.keys)
    await store.remove(key).catch((err: unknown) => {
      logger.warn({ err: String(err) }, 'erased attachment not deleted; the attachment sweep will retry');
    });
  return {
    request: await getRequest(db, requestId),
    erased: outcome.erased,
    openTicketNumbers: outcome.openTicketNumbers,
  };
}
