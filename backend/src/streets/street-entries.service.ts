// Streets as a versioned central dictionary: read now or as of a past day in the dictionaries' shape, edited one by
// one by analysts (rename, move district, validity, deactivate/reactivate, never delete), with their change history.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  DictionaryEntryActivationRequest,
  DictionaryEntryDto,
  DictionaryEntryStateDto,
  DictionaryVersionDto,
  StreetEntryUpdateRequest,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { assertEntry, setChangeContext } from '../dictionaries/dictionaries.service.ts';
import { AppError, badField, isUniqueViolation, notFound } from '../platform/errors.ts';
import { normalisePrefix, streetLabel } from './street-names.ts';

/** "Today" and day boundaries are the city's, whatever the server's zone. */
const TODAY = `(now() AT TIME ZONE 'Europe/Warsaw')::date`;

/** Active and valid today: what autocomplete and a new address may use. */
export const STREET_IN_USE = (alias: string) =>
  `${alias}.active AND coalesce(${alias}.valid_from <= ${TODAY}, true) AND coalesce(${alias}.valid_to >= ${TODAY}, true)`;

const STREET_COLUMNS = `s.id, s.prefix, s.name, s.district_id, s.active,
  to_char(s.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(s.valid_to, 'YYYY-MM-DD') AS valid_to, s.version`;

interface StreetEntryRow {
  id: string;
  prefix: string | null;
  name: string;
  district_id: string;
  active: boolean;
  valid_from: string | null;
  valid_to: string | null;
  version: number;
}

/** The state a street_version row keeps (street_state in migration 370). */
interface StreetState {
  prefix: string | null;
  name: string;
  districtId: string;
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
}

// The register has no codes of its own: the row id is the stable key, the district its parent, the label both
// languages (street names are not translated).
const entryState = (id: string, s: StreetState): DictionaryEntryStateDto => {
  const label = streetLabel(s.prefix, s.name);
  return {
    code: id,
    labelPl: label,
    labelEn: label,
    parentId: s.districtId,
    active: s.active,
    sortOrder: 0,
    validFrom: s.validFrom,
    validTo: s.validTo,
    street: { prefix: s.prefix, name: s.name },
  };
};

const stateOfRow = (r: StreetEntryRow): StreetState => ({
  prefix: r.prefix,
  name: r.name,
  districtId: r.district_id,
  active: r.active,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

const presentStreetEntry = (r: StreetEntryRow): DictionaryEntryDto => ({
  id: r.id,
  dictionary: 'street',
  ...entryState(r.id, stateOfRow(r)),
  version: r.version,
});

const byLabel = (a: DictionaryEntryDto, b: DictionaryEntryDto) =>
  a.labelPl.localeCompare(b.labelPl, 'pl') || a.id.localeCompare(b.id);

/**
 * Without `includeInactive`, the streets in use: active and valid today (or on `asOf`). With `asOf`, each street as
 * its last version before the end of that day left it (street_as_of); a street changed only later shows its first.
 */
export async function listStreetEntries(
  db: DataSource | EntityManager,
  options: { includeInactive?: boolean; asOf?: string } = {},
): Promise<DictionaryEntryDto[]> {
  if (!options.asOf) {
    const rows: StreetEntryRow[] = await db.query(
      `SELECT ${STREET_COLUMNS}
         FROM street s JOIN dictionary_entry d ON d.id = s.district_id
        WHERE $1 OR (${STREET_IN_USE('s')})
        ORDER BY s.name_folded, d.sort_order, s.id`,
      [options.includeInactive === true],
    );
    return rows.map(presentStreetEntry);
  }
  const rows: { id: string; state: StreetState & { version: number } }[] = await db.query(
    `SELECT s.id, street_as_of(s.id, ($1::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw') AS state FROM street s`,
    [options.asOf],
  );
  const day = options.asOf;
  return rows
    .filter((r) => r.state !== null)
    .map((r): DictionaryEntryDto => ({
      id: r.id,
      dictionary: 'street',
      ...entryState(r.id, r.state),
      version: r.state.version,
    }))
    .filter(
      (e) =>
        options.includeInactive === true ||
        (e.active && (!e.validFrom || e.validFrom <= day) && (!e.validTo || e.validTo >= day)),
    )
    .sort(byLabel);
}

async function lockStreet(em: EntityManager, id: string): Promise<StreetEntryRow> {
  const rows: StreetEntryRow[] = await em.query(`SELECT ${STREET_COLUMNS} FROM street s WHERE s.id = $1 FOR UPDATE`, [
    id,
  ]);
  if (!rows[0]) throw notFound(`Street ${id}`);
  return rows[0];
}

/** 409 for a stale version, naming the street and both versions (no `current` field, as for entries). */
const staleStreet = (street: StreetEntryRow, sent: number) =>
  new AppError(
    409,
    'conflict',
    `street "${streetLabel(street.prefix, street.name)}" changed since you read it (your version ${sent}, now ${street.version}); reload and try again`,
  );

async function districtLabel(em: EntityManager, id: string): Promise<{ label: string; active: boolean } | null> {
  const rows: { label_pl: string; active: boolean }[] = await em.query(
    `SELECT label_pl, active FROM dictionary_entry WHERE id = $1 AND dictionary = 'district'`,
    [id],
  );
  return rows[0] ? { label: rows[0].label_pl, active: rows[0].active } : null;
}

/** Writes a street's new state; the triggers bump its version and write the version row. */
async function writeStreet(em: EntityManager, id: string, s: StreetState): Promise<DictionaryEntryDto> {
  try {
    const result: [StreetEntryRow[], number] = await em.query(
      `UPDATE street s SET prefix = $2, name = $3, district_id = $4, active = $5, valid_from = $6, valid_to = $7
        WHERE s.id = $1 RETURNING ${STREET_COLUMNS}`,
      [id, s.prefix, s.name, s.districtId, s.active, s.validFrom, s.validTo],
    );
    // UPDATE … RETURNING answers [rows, count] through TypeORM's query runner.
    return presentStreetEntry(result[0][0]!);
  } catch (err) {
    // The register holds one street of a (folded) name per district, inactive ones included.
    if (isUniqueViolation(err))
      throw badField('name', `the district already has a street named "${s.name}" (if inactive: reactivate it)`);
    throw err;
  }
}

export async function updateStreet(
  db: DataSource,
  actor: Actor,
  id: string,
  input: StreetEntryUpdateRequest,
): Promise<DictionaryEntryDto> {
  return db.transaction(async (em) => {
    const before = await lockStreet(em, id);
    if (before.version !== input.version) throw staleStreet(before, input.version);
    const state: StreetState = {
      ...stateOfRow(before),
      ...(input.prefix !== undefined && { prefix: input.prefix === null ? null : normalisePrefix(input.prefix) }),
      ...(input.name !== undefined && { name: input.name.replace(/\s+/g, ' ') }),
      ...(input.districtId !== undefined && { districtId: input.districtId }),
      ...(input.validFrom !== undefined && { validFrom: input.validFrom }),
      ...(input.validTo !== undefined && { validTo: input.validTo }),
    };
    if (state.validFrom && state.validTo && state.validTo < state.validFrom)
      throw badField('validTo', 'validTo must not be before validFrom');
    if (state.districtId !== before.district_id) await assertEntry(em, 'district', state.districtId, 'districtId');
    await setChangeContext(em, actor, input.note);
    return writeStreet(em, id, state);
  });
}

export async function setStreetActive(
  db: DataSource,
  actor: Actor,
  id: string,
  active: boolean,
  input: DictionaryEntryActivationRequest,
): Promise<DictionaryEntryDto> {
  return db.transaction(async (em) => {
    const before = await lockStreet(em, id);
    if (before.version !== input.version) throw staleStreet(before, input.version);
    if (before.active === active) return presentStreetEntry(before);
    if (active) {
      const district = await districtLabel(em, before.district_id);
      if (district && !district.active)
        throw new AppError(
          409,
          'conflict',
          `street "${streetLabel(before.prefix, before.name)}" lies in ${district.label}, which is not in use; move it or reactivate the district first`,
        );
    }
    await setChangeContext(em, actor, input.note);
    return writeStreet(em, id, { ...stateOfRow(before), active });
  });
}

interface StreetVersionRow {
  id: string;
  street_id: string;
  version: number;
  action: DictionaryVersionDto['action'];
  changed_at: Date;
  changed_by: string | null;
  display_name: string | null;
  note: string | null;
  before: StreetState | null;
  after: StreetState;
}

/** Newest first: one street's versions, or the whole register's; in the dictionaries' history shape. */
export async function listStreetVersions(
  db: DataSource,
  streetId: string | null,
  limit: number,
): Promise<DictionaryVersionDto[]> {
  if (streetId) {
    const exists: unknown[] = await db.query(`SELECT 1 FROM street WHERE id = $1`, [streetId]);
    if (exists.length === 0) throw notFound(`Street ${streetId}`);
  }
  const rows: StreetVersionRow[] = await db.query(
    `SELECT v.id::text AS id, v.street_id, v.version, v.action, v.changed_at, v.changed_by, u.display_name,
            v.note, v.before, v.after
       FROM street_version v
       LEFT JOIN app_user u ON u.id = v.changed_by
      WHERE $1::uuid IS NULL OR v.street_id = $1
      ORDER BY v.changed_at DESC, v.id DESC
      LIMIT $2`,
    [streetId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    entryId: r.street_id,
    dictionary: 'street',
    code: r.street_id,
    version: r.version,
    action: r.action,
    changedAt: r.changed_at.toISOString(),
    changedBy: r.changed_by ? { id: r.changed_by, displayName: r.display_name ?? '' } : null,
    note: r.note,
    before: r.before ? entryState(r.street_id, r.before) : null,
    after: entryState(r.street_id, r.after),
  }));
}
