// The searches behind "similar reports": open tickets of a category near a place and in similar words, for staff
// (with titles and units) and for the residents' form (public fields only), and how many residents reported a matter.
import type { DataSource, EntityManager } from 'typeorm';
import {
  OPEN_TICKET_STATUSES,
  type PublicSimilarReportDto,
  type PublicState,
  type SimilarTicketDto,
  type TicketLocation,
  type TicketStatus,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import type { Config } from '../platform/config.ts';
import { publicState } from '../public-intake/public-timeline.ts';
import { getTicket } from '../tickets/tickets.queries.ts';
import { boundingBox, publicStreet, rankCandidates, streetOfAddress, type Candidate } from './duplicate-ranking.ts';

export type DuplicateConfig = Pick<Config, 'DUPLICATE_RADIUS_M' | 'DUPLICATE_MIN_SIMILARITY'>;

export interface Search {
  categoryId: string;
  latitude?: number;
  longitude?: number;
  districtId?: string;
  address?: string;
  text?: string;
  excludeId?: string;
  limit: number;
}

interface Row {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  waiting: boolean;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: Date;
  category_pl: string;
  category_en: string;
  district_label: string | null;
  unit_code: string | null;
  unit_name: string | null;
  similarity: number | null;
  place: 'street' | 'district' | null;
  reporters: number;
}

/** The database narrows (category, open, place, words) and counts; rankCandidates decides. */
const PRE_LIMIT = 50;

/**
 * Written into the statement, not passed as a parameter: the statement is prepared, and a generic plan can use the
 * partial index only when its predicate (the same list) is visible in the text.
 */
const OPEN = OPEN_TICKET_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * One statement. The partial index ticket_open_category_idx (migration 1763800000240) gives the open tickets of the
 * category; the pins' box, the street or the district and the words filter them. `place` is computed only where
 * the pins cannot decide (either side without one); the district counts only where streets cannot be compared
 * either, and only with words.
 */
const SEARCH_SQL = `
  WITH q AS (
    SELECT kb_fold(coalesce($2::text, '')) AS text, $3::float8 AS south, $4::float8 AS north,
           $5::float8 AS west, $6::float8 AS east, coalesce(street_fold($7::text), '') AS street, $8::uuid AS district
  )
  SELECT t.id, t.number, t.title, t.status, t.waiting_since IS NOT NULL AS waiting, t.address, t.latitude, t.longitude,
         t.created_at, c.label_pl AS category_pl, c.label_en AS category_en, d.label_pl AS district_label,
         u.code AS unit_code, u.name AS unit_name, s.similarity, p.place,
         1 + (SELECT count(*) FROM ticket m WHERE m.duplicate_of_id = t.id)::int AS reporters
    FROM q
    JOIN ticket t ON t.category_id = $1 AND t.status IN (${OPEN}) AND t.number IS NOT NULL
    JOIN dictionary_entry c ON c.id = t.category_id
    LEFT JOIN dictionary_entry d ON d.id = t.district_id
    LEFT JOIN unit u ON u.id = t.unit_id
    CROSS JOIN LATERAL (
      SELECT CASE WHEN length(q.text) >= 3 THEN
               greatest(word_similarity(q.text, ticket_duplicate_text(t.title, t.description)),
                        word_similarity(ticket_duplicate_text(t.title, t.description), q.text)) END AS similarity
    ) s
    CROSS JOIN LATERAL (
      SELECT CASE WHEN q.south IS NULL OR t.latitude IS NULL THEN
               CASE WHEN q.street <> '' AND t.address IS NOT NULL THEN
                      CASE WHEN ' ' || street_fold(t.address) || ' ' LIKE '% ' || q.street || ' %' THEN 'street' END
                    WHEN q.district IS NOT NULL AND t.district_id = q.district AND length(q.text) >= 3 THEN 'district'
               END
             END AS place
    ) p
   WHERE ($9::uuid IS NULL OR t.id <> $9)
     AND ((t.latitude BETWEEN q.south AND q.north AND t.longitude BETWEEN q.west AND q.east) OR p.place IS NOT NULL)
     AND (s.similarity IS NULL OR s.similarity >= $10)
   ORDER BY s.similarity DESC NULLS LAST, t.created_at
   LIMIT ${PRE_LIMIT}`;

interface Found {
  row: Row;
  distanceM: number | null;
  similarity: number | null;
  matchedBy: SimilarTicketDto['matchedBy'];
}

async function search(db: DataSource | EntityManager, input: Search, config: DuplicateConfig): Promise<Found[]> {
  const point: TicketLocation | null =
    input.latitude !== undefined && input.longitude !== undefined
      ? { latitude: input.latitude, longitude: input.longitude }
      : null;
  const box = point ? boundingBox(point, config.DUPLICATE_RADIUS_M) : null;
  const rows: Row[] = await db.query(SEARCH_SQL, [
    input.categoryId,
    input.text ?? null,
    box?.south ?? null,
    box?.north ?? null,
    box?.west ?? null,
    box?.east ?? null,
    streetOfAddress(input.address) || null,
    input.districtId ?? null,
    input.excludeId ?? null,
    config.DUPLICATE_MIN_SIMILARITY,
  ]);
  const candidates = rows.map((row): Candidate & { row: Row } => ({
    row,
    location:
      row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : null,
    similarity: row.similarity,
    place: row.place,
    createdAt: row.created_at,
  }));
  return rankCandidates(candidates, {
    point,
    radiusM: config.DUPLICATE_RADIUS_M,
    minSimilarity: config.DUPLICATE_MIN_SIMILARITY,
    limit: input.limit,
  }).map(({ candidate, matchedBy, distanceM }) => ({
    row: candidate.row,
    matchedBy,
    distanceM,
    similarity: candidate.similarity,
  }));
}

const round = (value: number, to: number) => Math.round(value / to) * to;

/** For staff: every open ticket that may be the same matter, with its title and unit (no reporter's data). */
export async function similarTickets(
  db: DataSource,
  input: Search,
  config: DuplicateConfig,
): Promise<SimilarTicketDto[]> {
  return (await search(db, input, config)).map(({ row, matchedBy, distanceM, similarity }) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    address: row.address,
    districtLabel: row.district_label,
    distanceM: distanceM === null ? null : Math.round(distanceM),
    similarity: similarity === null ? null : Math.round(similarity * 100) / 100,
    matchedBy,
    reporters: row.reporters,
    createdAt: row.created_at.toISOString(),
  }));
}

/**
 * Where another resident's matter stands, as a stranger may read it: "waiting for you" is that resident's business,
 * so it reads as in progress here.
 */
const strangersState = (status: TicketStatus): PublicState => publicState(status, false);

/**
 * For the residents' form: the same search, public fields only. The title and description are another resident's
 * words (they may name people, a flat, a phone number); the street without its house number stands for the place.
 */
export async function publicSimilarReports(
  db: DataSource,
  input: Omit<Search, 'excludeId'>,
  config: DuplicateConfig,
): Promise<PublicSimilarReportDto[]> {
  return (await search(db, input, config)).map(({ row, distanceM }) => ({
    number: row.number,
    categoryLabelPl: row.category_pl,
    categoryLabelEn: row.category_en,
    street: publicStreet(row.address),
    districtLabel: row.district_label,
    state: strangersState(row.status),
    // A ticket still being routed has no unit yet; DK-03 assessing it is named, as on the status page.
    unitName: row.status === 'new' ? null : row.unit_name,
    distanceM: distanceM === null ? null : Math.max(10, round(distanceM, 10)),
    reporters: row.reporters,
    createdAt: row.created_at.toISOString(),
  }));
}

/** Residents who reported the matter of a ticket the actor may read (404 otherwise): it and its duplicates. */
export async function ticketReporters(db: DataSource, actor: Actor, id: string): Promise<{ reporters: number }> {
  await getTicket(db, actor, id);
  const rows: { n: number }[] = await db.query(
    `SELECT 1 + count(*)::int AS n FROM ticket WHERE duplicate_of_id = $1 AND number IS NOT NULL`,
    [id],
  );
  return { reporters: rows[0]!.n };
}

/**
 * For the status page: how many residents reported the matter and, for a report merged into another (a voice
 * included), where that main report stands. The main report is named by its number only, never its words.
 */
export async function sharedMatter(
  db: DataSource | EntityManager,
  ticketId: string,
): Promise<{
  reporters: number;
  handledUnder: { number: string; state: PublicState; unitName: string | null } | null;
}> {
  const rows: {
    main_number: string | null;
    main_status: TicketStatus | null;
    main_unit: string | null;
    reporters: number;
  }[] = await db.query(
    `SELECT m.number AS main_number, m.status AS main_status, CASE WHEN m.status <> 'new' THEN u.name END AS main_unit,
            1 + (SELECT count(*) FROM ticket d WHERE d.duplicate_of_id = coalesce(m.id, t.id) AND d.number IS NOT NULL)::int AS reporters
       FROM ticket t
       LEFT JOIN ticket m ON m.id = t.duplicate_of_id
       LEFT JOIN unit u ON u.id = m.unit_id
      WHERE t.id = $1`,
    [ticketId],
  );
  const row = rows[0];
  if (!row) return { reporters: 1, handledUnder: null };
  return {
    reporters: row.reporters,
    handledUnder:
      row.main_number && row.main_status
        ? { number: row.main_number, state: strangersState(row.main_status), unitName: row.main_unit }
        : null,
  };
}
