// Finds everything the platform holds about one person, by phone number (last nine digits, as the call and
// ticket indexes compare them) or e-mail (case-insensitive), through the data map's identifying columns.
import type { DataSource, EntityManager } from 'typeorm';
import {
  phoneKey,
  type PrivacyCounts,
  type PrivacyIdentifier,
  type PrivacySearchResult,
  type PrivacyTicketSummary,
} from '@kck/contracts';
import { badField } from '../platform/errors.ts';
import { PERSONAL_DATA, type Owner } from './data-map.ts';

/** Statuses after which a ticket is done with: its retention runs from then; any other status is open. */
export const CLOSED_STATUSES = ['closed', 'rejected', 'duplicate'] as const;

export interface Identifier {
  kind: 'phone' | 'email';
  /** The phone's last nine digits, or the e-mail lower-cased. */
  value: string;
}

export interface FoundPerson {
  tickets: string[];
  openTickets: string[];
  calls: string[];
  mails: string[];
}

export function identifierOf(input: PrivacyIdentifier): Identifier {
  if (input.phone) {
    const key = phoneKey(input.phone);
    if (!key) throw badField('phone', 'phone needs at least 9 digits');
    return { kind: 'phone', value: key };
  }
  return { kind: 'email', value: input.email!.trim().toLowerCase() };
}

/** Shown in lists and kept after an erasure: enough to tell requests apart, not enough to find the person. */
export function maskIdentifier(id: Identifier): string {
  if (id.kind === 'phone') return `***-***-${id.value.slice(-3)}`;
  const [local = '', domain = ''] = id.value.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

function matchSql(kind: Identifier['kind'], column: string): string {
  return kind === 'phone' ? `right(regexp_replace(${column}, '[^0-9]', '', 'g'), 9) = $1` : `lower(${column}) = $1`;
}

/** Owner ids per owner kind whose rows match the identifier in any identifying column of the map. */
async function directMatches(em: EntityManager | DataSource, id: Identifier): Promise<Record<Owner, Set<string>>> {
  const found: Record<Owner, Set<string>> = { ticket: new Set(), call: new Set(), mail: new Set() };
  for (const entry of PERSONAL_DATA) {
    const columns = entry.fields.filter((f) => f.identifies === id.kind).map((f) => f.column);
    if (columns.length === 0) continue;
    const match = columns.map((c) => matchSql(id.kind, c)).join(' OR ');
    const filter = entry.findFilter ? ` AND ${entry.findFilter}` : '';
    const rows: { owner: string | null }[] = await em.query(
      `SELECT DISTINCT ${entry.ownerId} AS owner FROM ${entry.table} WHERE (${match})${filter}`,
      [id.value],
    );
    for (const row of rows) if (row.owner) found[entry.owner].add(row.owner);
  }
  return found;
}

export async function findPerson(em: EntityManager | DataSource, id: Identifier): Promise<FoundPerson> {
  const direct = await directMatches(em, id);
  // The person's own tickets give their other contact (the phone beside the e-mail they were found by): one step
  // further, so an erasure asked for by e-mail also reaches the calls from their number. Not further: a number
  // shared in a family must not pull in a relative's matters through the relative's e-mail.
  const others: { phone: string | null; email: string | null }[] = await em.query(
    `SELECT DISTINCT right(regexp_replace(reporter_phone, '[^0-9]', '', 'g'), 9) AS phone, lower(reporter_email) AS email
       FROM ticket WHERE id = ANY($1::uuid[])`,
    [[...direct.ticket]],
  );
  const seen = new Set([`${id.kind}:${id.value}`]);
  for (const other of others)
    for (const next of [
      { kind: 'phone' as const, value: other.phone },
      { kind: 'email' as const, value: other.email },
    ]) {
      if (!next.value || (next.kind === 'phone' && next.value.length < 9) || seen.has(`${next.kind}:${next.value}`))
        continue;
      seen.add(`${next.kind}:${next.value}`);
      const more = await directMatches(em, { kind: next.kind, value: next.value });
      for (const owner of ['ticket', 'call', 'mail'] as const) for (const x of more[owner]) direct[owner].add(x);
    }
  // A call's ticket is the caller's report, and a ticket's call is the reporter's: both belong to the person.
  const linked: { ticket_id: string; call_id: string | null }[] = await em.query(
    `SELECT id AS ticket_id, interaction_id AS call_id FROM ticket
      WHERE id = ANY($1::uuid[]) OR interaction_id = ANY($2::uuid[])`,
    [[...direct.ticket], [...direct.call]],
  );
  for (const row of linked) {
    direct.ticket.add(row.ticket_id);
    if (row.call_id) direct.call.add(row.call_id);
  }
  const tickets = [...direct.ticket];
  const open: { id: string }[] = await em.query(
    `SELECT id FROM ticket WHERE id = ANY($1::uuid[]) AND status <> ALL($2::text[])`,
    [tickets, CLOSED_STATUSES],
  );
  return { tickets, openTickets: open.map((r) => r.id), calls: [...direct.call], mails: [...direct.mail] };
}

/** How many records of each kind the person has (what the console shows and the request keeps). */
export async function countFound(em: EntityManager | DataSource, found: FoundPerson): Promise<PrivacyCounts> {
  const rows: Record<string, string>[] = await em.query(
    `SELECT
       (SELECT count(*) FROM email_message WHERE ticket_id = ANY($1::uuid[]) OR id = ANY($3::uuid[])) AS emails,
       (SELECT count(*) FROM ticket_attachment WHERE ticket_id = ANY($1::uuid[]) AND removed_at IS NULL) AS attachments,
       (SELECT count(*) FROM ticket_comment WHERE ticket_id = ANY($1::uuid[]) AND kind = 'resident') AS resident_messages,
       (SELECT count(*) FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
         WHERE r.interaction_id = ANY($2::uuid[])) AS survey_answers,
       (SELECT count(*) FROM notification WHERE ticket_id = ANY($1::uuid[]))
         + (SELECT count(*) FROM answer_mail m JOIN ticket_comment c ON c.id = m.comment_id
             WHERE c.ticket_id = ANY($1::uuid[])) AS notifications,
       (SELECT count(*) FROM open311_request WHERE ticket_id = ANY($1::uuid[])) AS open311,
       (SELECT count(*) FROM ticket_rating WHERE ticket_id = ANY($1::uuid[])) AS ratings`,
    [found.tickets, found.calls, found.mails],
  );
  const r = rows[0]!;
  return {
    tickets: found.tickets.length,
    openTickets: found.openTickets.length,
    calls: found.calls.length,
    emails: Number(r.emails),
    attachments: Number(r.attachments),
    residentMessages: Number(r.resident_messages),
    surveyAnswers: Number(r.survey_answers),
    notifications: Number(r.notifications),
    open311Requests: Number(r.open311),
    ratings: Number(r.ratings),
  };
}

export async function ticketSummaries(
  em: EntityManager | DataSource,
  found: FoundPerson,
): Promise<PrivacyTicketSummary[]> {
  const rows: (Omit<PrivacyTicketSummary, 'createdAt' | 'anonymisedAt'> & {
    createdAt: Date;
    anonymisedAt: Date | null;
  })[] = await em.query(
    `SELECT t.id, t.number, t.status, t.status <> ALL($2::text[]) AS open, t.channel,
            c.label_pl AS "categoryLabel", u.name AS "unitName", t.created_at AS "createdAt",
            t.anonymised_at AS "anonymisedAt"
       FROM ticket t JOIN dictionary_entry c ON c.id = t.category_id LEFT JOIN unit u ON u.id = t.unit_id
      WHERE t.id = ANY($1::uuid[]) ORDER BY t.created_at`,
    [found.tickets, CLOSED_STATUSES],
  );
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    anonymisedAt: r.anonymisedAt?.toISOString() ?? null,
  }));
}

export async function searchPerson(db: DataSource, input: PrivacyIdentifier): Promise<PrivacySearchResult> {
  const id = identifierOf(input);
  const found = await findPerson(db, id);
  const [counts, tickets, calls] = await Promise.all([
    countFound(db, found),
    ticketSummaries(db, found),
    db.query(
      `SELECT i.id, i.started_at AS "startedAt", i.direction,
              coalesce(array_agg(t.number ORDER BY t.number) FILTER (WHERE t.number IS NOT NULL), '{}') AS "ticketNumbers"
         FROM interaction i LEFT JOIN ticket t ON t.interaction_id = i.id
        WHERE i.id = ANY($1::uuid[]) GROUP BY i.id ORDER BY i.started_at`,
      [found.calls],
    ) as Promise<{ id: string; startedAt: Date; direction: string; ticketNumbers: string[] }[]>,
  ]);
  return {
    identifierKind: id.kind,
    identifierMasked: maskIdentifier(id),
    counts,
    tickets,
    calls: calls.map((c) => ({ ...c, startedAt: c.startedAt.toISOString() })),
  };
}
