// The street → district dictionary: autocomplete for a ticket's address (the district fills itself in) and the
// import of the city's street register, all or nothing, in one transaction, versioned (who, note) by the triggers.
import type { DataSource } from 'typeorm';
import type { StreetDto, StreetImportMode, StreetImportResultDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { setChangeContext } from '../dictionaries/dictionaries.service.ts';
import { badField, validationFailed } from '../platform/errors.ts';
import { STREET_IN_USE } from './street-entries.service.ts';
import { parseStreetsCsv, type DistrictRef } from './streets-csv.ts';
import { streetLabel, streetQueryText } from './street-names.ts';

interface StreetRow {
  id: string;
  prefix: string | null;
  name: string;
  district_id: string;
  district_code: string;
  label_pl: string;
  label_en: string;
}

const presentStreet = (r: StreetRow): StreetDto => ({
  id: r.id,
  prefix: r.prefix,
  name: r.name,
  label: streetLabel(r.prefix, r.name),
  districtId: r.district_id,
  districtCode: r.district_code,
  districtLabelPl: r.label_pl,
  districtLabelEn: r.label_en,
});

/**
 * Streets whose folded name starts with the query, then those with a word starting with it (`filipa` finds
 * „św. Filipa”); a street in two districts comes once per district, in the districts' order. Only streets in use
 * (active, valid today): a ticket keeps its address as text, so old tickets show what they showed.
 */
export async function searchStreets(db: DataSource, q: string, limit: number): Promise<StreetDto[]> {
  const rows: StreetRow[] = await db.query(
    `SELECT s.id, s.prefix, s.name, s.district_id, d.code AS district_code, d.label_pl, d.label_en
       FROM street s
       JOIN dictionary_entry d ON d.id = s.district_id
      CROSS JOIN (SELECT street_fold($1) AS f) q
      WHERE q.f <> '' AND (s.name_folded LIKE q.f || '%' OR s.name_folded LIKE '% ' || q.f || '%')
        AND ${STREET_IN_USE('s')}
      ORDER BY s.name_folded = q.f DESC, s.name_folded LIKE q.f || '%' DESC, s.name_folded, d.sort_order
      LIMIT $2`,
    [streetQueryText(q), limit],
  );
  return rows.map(presentStreet);
}

async function districtRefs(db: DataSource): Promise<DistrictRef[]> {
  const rows: { id: string; code: string; label_pl: string; label_en: string }[] = await db.query(
    `SELECT id, code, label_pl, label_en FROM dictionary_entry WHERE dictionary = 'district' AND active ORDER BY sort_order`,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, labelPl: r.label_pl, labelEn: r.label_en }));
}

/**
 * Loads a CSV street list. Any bad line rejects the whole file (400 with a field `csv.<line>` per line) and
 * nothing is written; a line naming a deactivated street reactivates it; `replace` also deactivates (never
 * deletes) the streets the file does not name. A new street is valid from today, so a past day's register lacks it.
 */
export async function importStreets(
  db: DataSource,
  actor: Actor,
  input: { csv: string; mode: StreetImportMode },
): Promise<StreetImportResultDto> {
  const parsed = parseStreetsCsv(input.csv, await districtRefs(db));
  if (parsed.problems.length > 0)
    throw validationFailed(
      parsed.problems.map((p) => ({ path: `csv.${p.line}`, message: `line ${p.line}: ${p.message}` })),
    );
  const prefixes = parsed.rows.map((r) => r.prefix);
  const names = parsed.rows.map((r) => r.name);
  const districtIds = parsed.rows.map((r) => r.districtId);
  try {
    return await db.transaction(async (em) => {
      // Two imports at once would each count (and replace) the other's rows; one waits for the other.
      await em.query(`LOCK TABLE street IN SHARE ROW EXCLUSIVE MODE`);
      await setChangeContext(em, actor, 'import CSV');
      const written: { inserted: boolean }[] = await em.query(
        `INSERT INTO street (prefix, name, district_id, valid_from)
         SELECT f.*, (now() AT TIME ZONE 'Europe/Warsaw')::date FROM unnest($1::text[], $2::text[], $3::uuid[]) AS f
         ON CONFLICT (name_folded, district_id) DO UPDATE
           SET prefix = EXCLUDED.prefix, name = EXCLUDED.name, active = true
           WHERE street.prefix IS DISTINCT FROM EXCLUDED.prefix OR street.name <> EXCLUDED.name OR NOT street.active
         RETURNING (xmax = 0) AS inserted`,
        [prefixes, names, districtIds],
      );
      const created = written.filter((w) => w.inserted).length;
      let removed = 0;
      if (input.mode === 'replace') {
        // Deactivated, not deleted: the street keeps its history and the register of a past day still shows it.
        const [deactivated]: { removed: number }[] = await em.query(
          `WITH gone AS (
             UPDATE street s SET active = false
              WHERE s.active
                AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::uuid[]) AS f(name, district_id)
                                 WHERE street_fold(f.name) = s.name_folded AND f.district_id = s.district_id)
             RETURNING 1)
           SELECT count(*)::int AS removed FROM gone`,
          [names, districtIds],
        );
        removed = deactivated?.removed ?? 0;
      }
      // Counted rather than summed: a line naming a deactivated street brings it back.
      const [after]: { total: number }[] = await em.query(`SELECT count(*)::int AS total FROM street WHERE active`);
      return {
        mode: input.mode,
        lines: parsed.lines,
        created,
        updated: written.length - created,
        unchanged: parsed.rows.length - written.length,
        removed,
        total: after?.total ?? 0,
      };
    });
  } catch (err) {
    // Two lines the checks above took for different streets that PostgreSQL's folding takes for one.
    if ((err as { driverError?: { code?: string } }).driverError?.code === '21000')
      throw badField('csv', 'two lines name the same street in the same district');
    throw err;
  }
}
