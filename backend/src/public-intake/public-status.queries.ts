// The status page's read: the ticket as its reporter may see it (their own report, where it stands, the public
// timeline, the unit's answers) and what they may do now. The link was checked before (status-links.ts).
import type { DataSource, EntityManager } from 'typeorm';
import {
  OPEN_TICKET_STATUSES,
  TRIAGE_UNIT_CODE,
  type PublicTicketStatusDto,
  type TicketStatus,
  type TicketType,
} from '@kck/contracts';
import type { Config } from '../platform/config.ts';
import { sharedMatter } from '../duplicates/duplicates.queries.ts';
import { publicState, publicTimeline, type HistoryRow } from './public-timeline.ts';

export type StatusConfig = Pick<Config, 'PUBLIC_REOPEN_DAYS' | 'PUBLIC_MAX_PHOTOS' | 'PUBLIC_PHOTO_MAX_BYTES'>;

/** The resident may write while the matter is open, and after the answer (it may not be solved). */
export const MESSAGE_STATUSES: readonly TicketStatus[] = [...OPEN_TICKET_STATUSES, 'resolved'];

interface TicketRow {
  number: string;
  type: TicketType;
  status: TicketStatus;
  description: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: Date;
  category_code: string;
  category_pl: string;
  category_en: string;
  district_label: string | null;
  unit_name: string | null;
  waiting_question: string | null;
  waiting_since: Date | null;
  /** The last answer (resolve or idea decision), which the reopening window counts from. */
  answered_at: Date | null;
  score: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
}

/** When the last answer (a resolve or an idea decision) was given. */
export async function lastAnswerAt(em: EntityManager | DataSource, ticketId: string): Promise<Date | null> {
  const rows: { at: Date | null }[] = await em.query(
    `SELECT max(at) AS at FROM ticket_event WHERE ticket_id = $1 AND kind IN ('ticket.resolved', 'ticket.idea_decided')`,
    [ticketId],
  );
  return rows[0]?.at ?? null;
}

export const reopenDeadline = (answeredAt: Date, days: number): Date =>
  new Date(answeredAt.getTime() + days * 86_400_000);

export async function publicTicketStatus(
  db: DataSource | EntityManager,
  ticketId: string,
  config: StatusConfig,
  now = new Date(),
): Promise<PublicTicketStatusDto> {
  const [ticket]: TicketRow[] = await db.query(
    `SELECT t.number, t.type, t.status, t.description, t.address, t.latitude, t.longitude, t.created_at,
            c.code AS category_code, c.label_pl AS category_pl, c.label_en AS category_en,
            d.label_pl AS district_label, u.name AS unit_name, t.waiting_question, t.waiting_since,
            (SELECT max(at) FROM ticket_event e
              WHERE e.ticket_id = t.id AND e.kind IN ('ticket.resolved', 'ticket.idea_decided')) AS answered_at,
            r.score, r.comment AS rating_comment, r.rated_at
       FROM ticket t
       JOIN dictionary_entry c ON c.id = t.category_id
       LEFT JOIN dictionary_entry d ON d.id = t.district_id
       LEFT JOIN unit u ON u.id = t.unit_id
       LEFT JOIN ticket_rating r ON r.ticket_id = t.id
      WHERE t.id = $1`,
    [ticketId],
  );
  if (!ticket) throw new Error(`ticket ${ticketId} vanished`);
  const rows: (Omit<HistoryRow, 'seq'> & { seq: string })[] = await db.query(
    `SELECT e.id AS seq, e.kind, e.at, e.changes, e.reason, e.actor_id IS NULL AS "noActor",
            c.kind AS "commentKind", c.body AS "commentBody"
       FROM ticket_event e LEFT JOIN ticket_comment c ON c.event_seq = e.id
      WHERE e.ticket_id = $1 ORDER BY e.id`,
    [ticketId],
  );
  const history: HistoryRow[] = rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  const codes = new Set<string>([TRIAGE_UNIT_CODE]);
  for (const row of history) if (typeof row.changes.unit?.to === 'string') codes.add(row.changes.unit.to);
  const units: { code: string; name: string }[] = await db.query(
    `SELECT code, name FROM unit WHERE code = ANY($1::text[])`,
    [[...codes]],
  );
  const names = new Map(units.map((u) => [u.code, u.name]));

  const waiting = ticket.waiting_since !== null && OPEN_TICKET_STATUSES.includes(ticket.status);
  const reopenUntil =
    ticket.status === 'resolved' && ticket.answered_at && ticket.type !== 'idea'
      ? reopenDeadline(ticket.answered_at, config.PUBLIC_REOPEN_DAYS)
      : null;
  const answered = ticket.answered_at !== null && (ticket.status === 'resolved' || ticket.status === 'closed');
  return {
    number: ticket.number,
    type: ticket.type,
    status: ticket.status,
    state: publicState(ticket.status, waiting),
    categoryCode: ticket.category_code,
    categoryLabelPl: ticket.category_pl,
    categoryLabelEn: ticket.category_en,
    description: ticket.description,
    address: ticket.address,
    districtLabel: ticket.district_label,
    location:
      ticket.latitude !== null && ticket.longitude !== null
        ? { latitude: ticket.latitude, longitude: ticket.longitude }
        : null,
    createdAt: ticket.created_at.toISOString(),
    // DK-03 is named too: "Krakowskie Centrum Kontaktu" is who has the matter while it is assessed.
    unitName: ticket.status === 'new' ? null : ticket.unit_name,
    question: waiting ? ticket.waiting_question : null,
    timeline: publicTimeline(history, names, names.get(TRIAGE_UNIT_CODE) ?? null),
    rating:
      ticket.score !== null && ticket.rated_at
        ? { score: ticket.score, comment: ticket.rating_comment, at: ticket.rated_at.toISOString() }
        : null,
    canMessage: MESSAGE_STATUSES.includes(ticket.status),
    canRate: answered && ticket.score === null,
    canReopen: reopenUntil !== null && now.getTime() <= reopenUntil.getTime(),
    reopenUntil: reopenUntil?.toISOString() ?? null,
    maxPhotos: config.PUBLIC_MAX_PHOTOS,
    photoMaxBytes: config.PUBLIC_PHOTO_MAX_BYTES,
    // How many residents reported the matter, and for a merged report (a voice) where its main report stands.
    ...(await sharedMatter(db, ticketId)),
  };
}
