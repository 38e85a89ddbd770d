// Filters a person saves under a name for a list (the triage inbox, so far) and picks again later: their own, never
// shared; a name is unique per person and list regardless of letter case, and the filter is checked before saving.
import type { DataSource } from 'typeorm';
import {
  MAX_SAVED_FILTERS,
  type CreateSavedFilterRequest,
  type SavedFilterDto,
  type SavedFilterView,
  type UpdateSavedFilterRequest,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { conflict, isUniqueViolation, notFound } from '../platform/errors.ts';

interface SavedFilterRow {
  id: string;
  view: SavedFilterDto['view'];
  name: string;
  query: SavedFilterDto['query'];
  created_at: Date;
  updated_at: Date;
}

const present = (row: SavedFilterRow): SavedFilterDto => ({
  id: row.id,
  view: row.view,
  name: row.name,
  query: row.query,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const COLUMNS = 'id, view, name, query, created_at, updated_at';

/** The unique index on (user, view, lower(name)) said no: name the clash instead of the constraint. */
function nameTaken(err: unknown, name: string): unknown {
  return isUniqueViolation(err) ? conflict(`You already have a saved filter named "${name}" for this list`) : err;
}

export async function listSavedFilters(db: DataSource, actor: Actor, view: SavedFilterView): Promise<SavedFilterDto[]> {
  const rows: SavedFilterRow[] = await db.query(
    `SELECT ${COLUMNS} FROM saved_filter WHERE user_id = $1 AND view = $2 ORDER BY lower(name), id`,
    [actor.id, view],
  );
  return rows.map(present);
}

export async function createSavedFilter(
  db: DataSource,
  actor: Actor,
  input: CreateSavedFilterRequest,
): Promise<SavedFilterDto> {
  // One statement: the limit and the insert cannot be split by a second tab saving at the same moment.
  const rows: SavedFilterRow[] = await db
    .query(
      `INSERT INTO saved_filter (user_id, view, name, query)
       SELECT $1, $2, $3, $4
        WHERE (SELECT count(*) FROM saved_filter WHERE user_id = $1 AND view = $2) < $5
       RETURNING ${COLUMNS}`,
      [actor.id, input.view, input.name, JSON.stringify(input.query), MAX_SAVED_FILTERS],
    )
    .catch((err: unknown) => {
      throw nameTaken(err, input.name);
    });
  if (!rows[0])
    throw conflict(`You have ${MAX_SAVED_FILTERS} saved filters for this list already; delete one to save another`);
  return present(rows[0]);
}

/** Renames a filter, replaces what it filters, or both; another person's filter is not found (404). */
export async function updateSavedFilter(
  db: DataSource,
  actor: Actor,
  id: string,
  input: UpdateSavedFilterRequest,
): Promise<SavedFilterDto> {
  const rows: SavedFilterRow[] = await db
    .query(
      `WITH changed AS (
         UPDATE saved_filter SET name = COALESCE($3, name), query = COALESCE($4::jsonb, query), updated_at = now()
          WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}
       ) SELECT * FROM changed`,
      [id, actor.id, input.name ?? null, input.query ? JSON.stringify(input.query) : null],
    )
    .catch((err: unknown) => {
      throw nameTaken(err, input.name ?? '');
    });
  if (!rows[0]) throw notFound('Saved filter');
  return present(rows[0]);
}

export async function deleteSavedFilter(db: DataSource, actor: Actor, id: string): Promise<void> {
  const rows: unknown[] = await db.query(
    `WITH removed AS (DELETE FROM saved_filter WHERE id = $1 AND user_id = $2 RETURNING id) SELECT id FROM removed`,
    [id, actor.id],
  );
  if (rows.length === 0) throw notFound('Saved filter');
}
