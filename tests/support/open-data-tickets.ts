// Tickets written in a past month straight into the tables (ticket and its history), as the generator writes them:
// the open-data tests need months that have ended, which the API cannot write. Each carries a reporter's name,
// phone, e-mail, an address and free text, so a test can check that none of it is published.
import { randomInt } from 'node:crypto';

/** A TypeORM DataSource's or a pg Pool's query: rows come back as an array or in `rows`. */
export type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

export const PERSONAL = {
  name: 'Zofia Prywatna-Testowa',
  phone: '+48 600 123 457',
  email: 'zofia.prywatna@example.org',
  address: 'ul. Sekretna 13/7',
  title: 'Tajny tytuł zgłoszenia',
  description: 'Opis z danymi osobowymi: mieszkam pod trzynastką.',
};

export interface MonthTickets {
  /** `YYYY-MM` */
  month: string;
  count: number;
  categoryId: string;
  districtId: string | null;
  unitId: string | null;
  /** How many are resolved (2 days after writing; the due date is 3 days after), and of those how many late (4 days). */
  resolved?: number;
  late?: number;
}

/** Numbers of a year no other test writes in (the year in a number is the year of writing only by convention). */
const numberBase = randomInt(0, 900_000);
let written = 0;

export async function writeTicketsInMonth(query: Query, spec: MonthTickets): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < spec.count; i++) {
    const resolved = i < (spec.resolved ?? 0);
    const late = resolved && i < (spec.late ?? 0);
    // Mid-month, at noon Kraków time: the same local month whatever the time zone.
    const createdAt = `${spec.month}-14T12:${String(i % 60).padStart(2, '0')}:00+01:00`;
    const number = `KCK/1999/${String(numberBase + ++written).padStart(6, '0')}`;
    const [ticket] = rowsOf<{ id: string }>(
      await query(
        `INSERT INTO ticket (number, type, channel, status, title, description, category_id, district_id, address,
                             reporter_name, reporter_phone, reporter_email, unit_id, due_at, resolution,
                             created_at, updated_at)
         VALUES ($1, 'problem', 'phone', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                 $12::timestamptz + interval '3 days', $13, $12::timestamptz, $12::timestamptz)
         RETURNING id`,
        [
          number,
          resolved ? 'resolved' : 'routed',
          PERSONAL.title,
          PERSONAL.description,
          spec.categoryId,
          spec.districtId,
          PERSONAL.address,
          PERSONAL.name,
          PERSONAL.phone,
          PERSONAL.email,
          spec.unitId,
          createdAt,
          resolved ? 'Naprawione przy ul. Sekretnej 13.' : null,
        ],
      ),
    );
    const id = ticket!.id;
    ids.push(id);
    await query(
      `INSERT INTO ticket_event (ticket_id, kind, at, changes) VALUES
         ($1, 'ticket.created', $2::timestamptz, '{}'),
         ($1, 'ticket.routed', $2::timestamptz + interval '1 hour', '{}')`,
      [id, createdAt],
    );
    if (resolved)
      await query(
        `INSERT INTO ticket_event (ticket_id, kind, at, changes)
         VALUES ($1, 'ticket.resolved', $2::timestamptz + $3::interval, '{}')`,
        [id, createdAt, late ? '4 days' : '2 days'],
      );
  }
  return ids;
}

/** Two leaf categories under one top-level category, and three districts of the seed. */
export async function seededPlaces(query: Query): Promise<{
  parent: { code: string };
  leaves: [string, string];
  districts: { id: string; code: string; label: string }[];
}> {
  const [parent] = rowsOf<{ id: string; code: string }>(
    await query(
      `SELECT p.id, p.code FROM dictionary_entry p
        WHERE p.dictionary = 'category' AND p.parent_id IS NULL
          AND (SELECT count(*) FROM dictionary_entry c WHERE c.parent_id = p.id) >= 2
        ORDER BY p.sort_order, p.code LIMIT 1`,
    ),
  );
  const leaves = rowsOf<{ id: string }>(
    await query(`SELECT id FROM dictionary_entry WHERE parent_id = $1 ORDER BY sort_order, code LIMIT 2`, [parent!.id]),
  );
  const districts = rowsOf<{ id: string; code: string; label: string }>(
    await query(
      `SELECT id, code, label_pl AS label FROM dictionary_entry WHERE dictionary = 'district' AND active
        ORDER BY sort_order, code LIMIT 3`,
    ),
  );
  return { parent: { code: parent!.code }, leaves: [leaves[0]!.id, leaves[1]!.id], districts };
}
