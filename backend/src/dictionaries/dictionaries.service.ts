// Central dictionaries: reading entries (now or as of a past day), checking that an id a request sends belongs to
// the right dictionary, and the analysts' edits: create, update, deactivate/reactivate (never delete), history.
import type { DataSource, EntityManager } from 'typeorm';
import {
  FIXED_CODE_DICTIONARIES,
  type DictionaryCode,
  type DictionaryEntryActivationRequest,
  type DictionaryEntryCreateRequest,
  type DictionaryEntryDto,
  type DictionaryEntryStateDto,
  type DictionaryEntryUpdateRequest,
  type DictionaryTreeNodeDto,
  type DictionaryVersionDto,
  type EntryDictionaryCode,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { AppError, badField, notFound } from '../platform/errors.ts';
import { forgetPublicCategoryLabels } from '../public-intake/public-form.queries.ts';

/** "Today" and day boundaries are the city's, whatever the server's zone. */
const TODAY = `(now() AT TIME ZONE 'Europe/Warsaw')::date`;

export const ENTRY_COLUMNS = `id, dictionary, code, label_pl, label_en, parent_id, active, sort_order,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, version`;

export interface EntryRow {
  id: string;
  dictionary: EntryDictionaryCode;
  code: string;
  label_pl: string;
  label_en: string;
  parent_id: string | null;
  active: boolean;
  sort_order: number;
  valid_from: string | null;
  valid_to: string | null;
  version: number;
}

export const presentEntry = (r: EntryRow): DictionaryEntryDto => ({
  id: r.id,
  dictionary: r.dictionary,
  code: r.code,
  labelPl: r.label_pl,
  labelEn: r.label_en,
  parentId: r.parent_id,
  active: r.active,
  sortOrder: r.sort_order,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  version: r.version,
});

const stateOf = (e: DictionaryEntryDto): DictionaryEntryStateDto => ({
  code: e.code,
  labelPl: e.labelPl,
  labelEn: e.labelEn,
  parentId: e.parentId,
  active: e.active,
  sortOrder: e.sortOrder,
  validFrom: e.validFrom,
  validTo: e.validTo,
});

const validOn = (e: { validFrom: string | null; validTo: string | null }, day: string) =>
  (!e.validFrom || e.validFrom <= day) && (!e.validTo || e.validTo >= day);

const byOrder = (a: DictionaryEntryDto, b: DictionaryEntryDto) =>
  a.sortOrder - b.sortOrder || a.labelPl.localeCompare(b.labelPl, 'pl') || a.code.localeCompare(b.code);

export const isEntryDictionary = (code: DictionaryCode): code is EntryDictionaryCode => code !== 'street';

export interface ListOptions {
  includeInactive?: boolean;
  /** YYYY-MM-DD: the entries' state at the end of that day (Europe/Warsaw). */
  asOf?: string;
}

/**
 * Without `includeInactive`, the entries in use: active and valid today (or on `asOf`). With `asOf`, each entry
 * as its last version before the end of that day left it; an entry changed only later shows its first version.
 * Streets (their own table) are listed by listStreetEntries in backend/src/streets.
 */
export async function listDictionary(
  db: DataSource | EntityManager,
  dictionary: EntryDictionaryCode,
  options: ListOptions = {},
): Promise<DictionaryEntryDto[]> {
  if (!options.asOf) {
    const rows: EntryRow[] = await db.query(
      `SELECT ${ENTRY_COLUMNS} FROM dictionary_entry
        WHERE dictionary = $1
          AND ($2 OR (active AND coalesce(valid_from <= ${TODAY}, true) AND coalesce(valid_to >= ${TODAY}, true)))
        ORDER BY sort_order, label_pl, code`,
      [dictionary, options.includeInactive === true],
    );
    return rows.map(presentEntry);
  }
  const rows: { id: string; state: DictionaryEntryStateDto & { version: number } }[] = await db.query(
    `SELECT e.id, dictionary_entry_as_of(e.id, ($2::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw') AS state
       FROM dictionary_entry e
      WHERE e.dictionary = $1`,
    [dictionary, options.asOf],
  );
  const asOf = options.asOf;
  return rows
    .map((r): DictionaryEntryDto => ({ id: r.id, dictionary, ...r.state }))
    .filter((e) => options.includeInactive === true || (e.active && validOn(e, asOf)))
    .sort(byOrder);
}

/** Entries nested under their parents; an entry whose parent is not in the list stands at the top. */
export function toTree(entries: readonly DictionaryEntryDto[]): DictionaryTreeNodeDto[] {
  const nodes = new Map(entries.map((e) => [e.id, { ...e, children: [] as DictionaryTreeNodeDto[] }]));
  const roots: DictionaryTreeNodeDto[] = [];
  for (const entry of entries) {
    const node = nodes.get(entry.id)!;
    const parent = entry.parentId ? nodes.get(entry.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Throws 400 naming `field` unless `id` is an active entry of `dictionary`, valid today. */
export async function assertEntry(
  em: EntityManager | DataSource,
  dictionary: EntryDictionaryCode,
  id: string,
  field: string,
): Promise<void> {
  const rows: { active: boolean; valid: boolean }[] = await em.query(
    `SELECT active, coalesce(valid_from <= ${TODAY}, true) AND coalesce(valid_to >= ${TODAY}, true) AS valid
       FROM dictionary_entry WHERE id = $1 AND dictionary = $2`,
    [id, dictionary],
  );
  if (!rows[0]) throw badField(field, `no ${dictionary} with id ${id}`);
  if (!rows[0].active) throw badField(field, `${dictionary} ${id} is no longer in use`);
  if (!rows[0].valid) throw badField(field, `${dictionary} ${id} is not valid today`);
}

// ---- Editing -------------------------------------------------------------------------------------------------

/** Who changes the dictionary and why, for the version rows the triggers write in this transaction. */
export async function setChangeContext(em: EntityManager, actor: Actor, note: string | undefined): Promise<void> {
  await em.query(`SELECT set_config('kck.dictionary_actor', $1, true), set_config('kck.dictionary_note', $2, true)`, [
    actor.id,
    note ?? '',
  ]);
}

const describe = (e: { dictionary: string; code: string; labelPl: string }) =>
  `${e.dictionary} "${e.code}" (${e.labelPl})`;

/**
 * 409 for a stale version, naming the entry and both versions. No `current` field: the console reads that one as
 * a ticket's status.
 */
const staleEntry = (entry: DictionaryEntryDto, sent: number) =>
  new AppError(
    409,
    'conflict',
    `${describe(entry)} changed since you read it (your version ${sent}, now ${entry.version}); reload and try again`,
  );
const stateConflict = (message: string) => new AppError(409, 'conflict', message);

async function lockEntry(em: EntityManager, dictionary: EntryDictionaryCode, id: string): Promise<DictionaryEntryDto> {
  const rows: EntryRow[] = await em.query(
    `SELECT ${ENTRY_COLUMNS} FROM dictionary_entry WHERE id = $1 AND dictionary = $2 FOR UPDATE`,
    [id, dictionary],
  );
  if (!rows[0]) throw notFound(`Entry ${id} of dictionary ${dictionary}`);
  return presentEntry(rows[0]);
}

export interface CheckOptions {
  /** Children the same import deactivates too, so a group and its leaves can go in one file. */
  leavingChildren?: ReadonlySet<string>;
}

/**
 * The rules every write keeps, whether from the console or a CSV line: fixed codes stay, categories form a
 * two-level tree (groups and their leaves, as routing and the public form read them), validity is ordered,
 * and a group is deactivated only after its leaves.
 */
export async function checkEntryState(
  em: EntityManager,
  dictionary: EntryDictionaryCode,
  before: DictionaryEntryDto | null,
  state: DictionaryEntryStateDto,
  options: CheckOptions = {},
): Promise<void> {
  const fixed = FIXED_CODE_DICTIONARIES.includes(dictionary);
  if (fixed && !before)
    throw badField('code', `${dictionary} codes are fixed by the platform; only labels, order and validity change`);
  if (fixed && before?.active && !state.active)
    throw badField('active', `${dictionary} entries are used by the platform itself and cannot be deactivated`);
  if (state.validFrom && state.validTo && state.validTo < state.validFrom)
    throw badField('validTo', 'validTo must not be before validFrom');
  if (state.parentId && state.parentId !== before?.parentId) {
    if (dictionary !== 'category') throw badField('parentId', `only categories form a tree, not ${dictionary}`);
    if (before && state.parentId === before.id) throw badField('parentId', 'an entry cannot be its own parent');
    const parents: { parent_id: string | null; active: boolean; code: string }[] = await em.query(
      `SELECT parent_id, active, code FROM dictionary_entry WHERE id = $1 AND dictionary = $2`,
      [state.parentId, dictionary],
    );
    const parent = parents[0];
    if (!parent) throw badField('parentId', `no ${dictionary} with id ${state.parentId}`);
    if (parent.parent_id)
      throw badField('parentId', `${parent.code} is itself under a group; categories have two levels`);
    if (!parent.active && state.active) throw badField('parentId', `${parent.code} is no longer in use`);
    if (before) {
      const children: unknown[] = await em.query(`SELECT 1 FROM dictionary_entry WHERE parent_id = $1 LIMIT 1`, [
        before.id,
      ]);
      if (children.length > 0)
        throw badField('parentId', `${before.code} is a group with its own categories and cannot move under another`);
    }
  }
  if (before?.active && !state.active) {
    const children: { id: string; code: string }[] = await em.query(
      `SELECT id, code FROM dictionary_entry WHERE parent_id = $1 AND active ORDER BY code`,
      [before.id],
    );
    const staying = children.filter((c) => !options.leavingChildren?.has(c.id));
    if (staying.length > 0)
      throw stateConflict(
        `${describe(before)} still has ${staying.length} active entr${staying.length === 1 ? 'y' : 'ies'} under it (${staying
          .slice(0, 5)
          .map((c) => c.code)
          .join(', ')}); deactivate them first`,
      );
  }
  if (before && !before.active && state.active && state.parentId) {
    const parents: { active: boolean; code: string }[] = await em.query(
      `SELECT active, code FROM dictionary_entry WHERE id = $1`,
      [state.parentId],
    );
    if (parents[0] && !parents[0].active)
      throw stateConflict(`${describe(before)} is under ${parents[0].code}, which is not in use; reactivate it first`);
  }
}

/** Inserts or updates one entry; the triggers bump its version and write the version row. */
export async function writeEntry(
  em: EntityManager,
  dictionary: EntryDictionaryCode,
  id: string | null,
  s: DictionaryEntryStateDto,
): Promise<DictionaryEntryDto> {
  const values = [s.labelPl, s.labelEn, s.parentId, s.active, s.sortOrder, s.validFrom, s.validTo];
  const rows: EntryRow[] = id
    ? await em.query(
        `UPDATE dictionary_entry SET label_pl = $3, label_en = $4, parent_id = $5, active = $6, sort_order = $7,
           valid_from = $8, valid_to = $9
         WHERE id = $1 AND dictionary = $2 RETURNING ${ENTRY_COLUMNS}`,
        [id, dictionary, ...values],
      )
    : await em.query(
        `INSERT INTO dictionary_entry (dictionary, code, label_pl, label_en, parent_id, active, sort_order, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${ENTRY_COLUMNS}`,
        [dictionary, s.code, ...values],
      );
  // UPDATE … RETURNING answers [rows, count] through TypeORM's query runner.
  const row = (Array.isArray(rows[0]) ? (rows[0] as EntryRow[])[0] : rows[0]) as EntryRow;
  return presentEntry(row);
}

async function todayInWarsaw(em: EntityManager): Promise<string> {
  const [row]: { today: string }[] = await em.query(`SELECT to_char(${TODAY}, 'YYYY-MM-DD') AS today`);
  return row!.today;
}

/**
 * Runs a change of entries in one transaction; once it is committed, a change of categories makes this process
 * read again which of them residents may choose (public-intake/public-form.queries.ts keeps that list).
 */
export async function changeEntries<T>(
  db: DataSource,
  dictionary: EntryDictionaryCode,
  change: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const result = await db.transaction(change);
  if (dictionary === 'category') forgetPublicCategoryLabels(db);
  return result;
}

export async function createEntry(
  db: DataSource,
  actor: Actor,
  dictionary: EntryDictionaryCode,
  input: DictionaryEntryCreateRequest,
): Promise<DictionaryEntryDto> {
  return changeEntries(db, dictionary, async (em) => {
    const existing: { active: boolean }[] = await em.query(
      `SELECT active FROM dictionary_entry WHERE dictionary = $1 AND code = $2`,
      [dictionary, input.code],
    );
    if (existing[0])
      throw stateConflict(
        `${dictionary} already has an entry with code ${input.code}${existing[0].active ? '' : ' (inactive: reactivate it instead)'}`,
      );
    // A new entry is valid from the day it is made unless the analyst says otherwise, so a past day's
    // dictionary (asOf) does not show it.
    const validFrom = input.validFrom === undefined ? await todayInWarsaw(em) : input.validFrom;
    const state: DictionaryEntryStateDto = {
      code: input.code,
      labelPl: input.labelPl,
      labelEn: input.labelEn,
      parentId: input.parentId ?? null,
      active: true,
      sortOrder: input.sortOrder ?? 0,
      validFrom,
      validTo: input.validTo ?? null,
    };
    await checkEntryState(em, dictionary, null, state);
    await setChangeContext(em, actor, input.note);
    return writeEntry(em, dictionary, null, state);
  });
}

export async function updateEntry(
  db: DataSource,
  actor: Actor,
  dictionary: EntryDictionaryCode,
  id: string,
  input: DictionaryEntryUpdateRequest,
): Promise<DictionaryEntryDto> {
  return changeEntries(db, dictionary, async (em) => {
    const before = await lockEntry(em, dictionary, id);
    if (before.version !== input.version) throw staleEntry(before, input.version);
    const state: DictionaryEntryStateDto = {
      ...stateOf(before),
      ...(input.labelPl !== undefined && { labelPl: input.labelPl }),
      ...(input.labelEn !== undefined && { labelEn: input.labelEn }),
      ...(input.parentId !== undefined && { parentId: input.parentId }),
      ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
      ...(input.validFrom !== undefined && { validFrom: input.validFrom }),
      ...(input.validTo !== undefined && { validTo: input.validTo }),
    };
    await checkEntryState(em, dictionary, before, state);
    await setChangeContext(em, actor, input.note);
    return writeEntry(em, dictionary, id, state);
  });
}

export async function setEntryActive(
  db: DataSource,
  actor: Actor,
  dictionary: EntryDictionaryCode,
  id: string,
  active: boolean,
  input: DictionaryEntryActivationRequest,
): Promise<DictionaryEntryDto> {
  return changeEntries(db, dictionary, async (em) => {
    const before = await lockEntry(em, dictionary, id);
    if (before.version !== input.version) throw staleEntry(before, input.version);
    if (before.active === active) return before;
    const state = { ...stateOf(before), active };
    await checkEntryState(em, dictionary, before, state);
    await setChangeContext(em, actor, input.note);
    return writeEntry(em, dictionary, id, state);
  });
}

interface VersionRow {
  id: string;
  entry_id: string;
  dictionary: EntryDictionaryCode;
  code: string;
  version: number;
  action: DictionaryVersionDto['action'];
  changed_at: Date;
  changed_by: string | null;
  display_name: string | null;
  note: string | null;
  before: DictionaryEntryStateDto | null;
  after: DictionaryEntryStateDto;
}

/** Newest first: one entry's versions, or a whole dictionary's. */
export async function listVersions(
  db: DataSource,
  dictionary: EntryDictionaryCode,
  entryId: string | null,
  limit: number,
): Promise<DictionaryVersionDto[]> {
  if (entryId) {
    const exists: unknown[] = await db.query(`SELECT 1 FROM dictionary_entry WHERE id = $1 AND dictionary = $2`, [
      entryId,
      dictionary,
    ]);
    if (exists.length === 0) throw notFound(`Entry ${entryId} of dictionary ${dictionary}`);
  }
  const rows: VersionRow[] = await db.query(
    `SELECT v.id::text AS id, v.entry_id, v.dictionary, e.code, v.version, v.action, v.changed_at, v.changed_by,
            u.display_name, v.note, v.before, v.after
       FROM dictionary_entry_version v
       JOIN dictionary_entry e ON e.id = v.entry_id
       LEFT JOIN app_user u ON u.id = v.changed_by
      WHERE v.dictionary = $1 AND ($2::uuid IS NULL OR v.entry_id = $2)
      ORDER BY v.changed_at DESC, v.id DESC
      LIMIT $3`,
    [dictionary, entryId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    entryId: r.entry_id,
    dictionary: r.dictionary,
    code: r.code,
    version: r.version,
    action: r.action,
    changedAt: r.changed_at.toISOString(),
    changedBy: r.changed_by ? { id: r.changed_by, displayName: r.display_name ?? '' } : null,
    note: r.note,
    before: r.before,
    after: r.after,
  }));
}
