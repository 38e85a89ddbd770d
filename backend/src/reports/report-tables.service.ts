// Analysts' own tables: dimensions × measures over a period, previewed, saved with a name, shared with every
// analyst or kept private, and exported like a report. Only the owner edits (version-checked, 409 when stale).
import type { DataSource } from 'typeorm';
import {
  callFiguresQuery,
  ticketFiguresQuery,
  type ReportDto,
  type ReportTableDefinition,
  type ReportTableDto,
} from '@kck/contracts';
import type { z } from 'zod';
import type { reportTableCreateRequest, reportTableUpdateRequest } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { callFigures, ticketFigures, type AnalyticsLimits } from '../analytics/figures.service.ts';
import { rollupsRefreshedAt } from '../analytics/rollups.ts';
import { AppError, badField, conflict, forbidden, notFound } from '../platform/errors.ts';
import { callSection, ticketSection, type ReportPeriod } from './report-definitions.ts';
import { resolveTablePeriod } from './report-periods.ts';

type CreateBody = z.output<typeof reportTableCreateRequest>;
type UpdateBody = z.output<typeof reportTableUpdateRequest>;

interface TableRow {
  id: string;
  name: string;
  shared: boolean;
  owner_id: string;
  owner_name: string;
  definition: ReportTableDefinition;
  version: number;
  updated_at: Date;
}

const SELECT = `SELECT t.id, t.name, t.shared, t.owner_id, u.display_name AS owner_name, t.definition, t.version,
                       t.updated_at
                  FROM report_table t JOIN app_user u ON u.id = t.owner_id`;

const present = (row: TableRow, actor: Actor): ReportTableDto => ({
  id: row.id,
  name: row.name,
  shared: row.shared,
  owner: { id: row.owner_id, displayName: row.owner_name },
  mine: row.owner_id === actor.id,
  definition: row.definition,
  version: row.version,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** A fixed period is checked when saved, so a table that cannot be read is never stored; 400 names the field. */
function checkTablePeriod(definition: ReportTableDefinition, limits: AnalyticsLimits): ReportPeriod {
  try {
    return resolveTablePeriod(definition.period, limits);
  } catch (err) {
    if (err instanceof AppError && err.fields?.length)
      throw badField(`definition.period.${err.fields[0]!.path}`, err.fields[0]!.message);
    throw err;
  }
}

/** Filters name dictionary entries and units; an unknown one would silently give an empty table, so it is a 400. */
async function checkFilters(db: DataSource, definition: ReportTableDefinition): Promise<void> {
  const f = definition.filters as Record<string, string | undefined>;
  if (f.unitId) {
    const [unit] = await db.query(`SELECT 1 FROM unit WHERE id = $1`, [f.unitId]);
    if (!unit) throw badField('definition.filters.unitId', `definition.filters.unitId ${f.unitId} is not a known unit`);
  }
  for (const field of ['categoryId', 'districtId', 'topicId'] as const) {
    if (!f[field]) continue;
    const [entry] = await db.query(`SELECT 1 FROM dictionary_entry WHERE id = $1`, [f[field]]);
    if (!entry) throw badField(`definition.filters.${field}`, `definition.filters.${field} is not a dictionary entry`);
  }
}

async function readable(db: DataSource, actor: Actor, id: string): Promise<TableRow> {
  const [row] = (await db.query(`${SELECT} WHERE t.id = $1`, [id])) as TableRow[];
  if (!row || (!row.shared && row.owner_id !== actor.id)) throw notFound('Saved table');
  return row;
}

export async function listReportTables(db: DataSource, actor: Actor): Promise<ReportTableDto[]> {
  const rows = (await db.query(`${SELECT} WHERE t.shared OR t.owner_id = $1 ORDER BY lower(t.name), t.id`, [
    actor.id,
  ])) as TableRow[];
  return rows.map((row) => present(row, actor));
}

export const getReportTable = async (db: DataSource, actor: Actor, id: string) =>
  present(await readable(db, actor, id), actor);

export async function createReportTable(
  db: DataSource,
  limits: AnalyticsLimits,
  actor: Actor,
  body: CreateBody,
): Promise<ReportTableDto> {
  checkTablePeriod(body.definition, limits);
  await checkFilters(db, body.definition);
  const [row] = (await db.query(
    `INSERT INTO report_table (name, owner_id, shared, definition) VALUES ($1, $2, $3, $4) RETURNING id`,
    [body.name, actor.id, body.shared, JSON.stringify(body.definition)],
  )) as { id: string }[];
  return getReportTable(db, actor, row!.id);
}

export async function updateReportTable(
  db: DataSource,
  limits: AnalyticsLimits,
  actor: Actor,
  id: string,
  body: UpdateBody,
): Promise<ReportTableDto> {
  checkTablePeriod(body.definition, limits);
  await checkFilters(db, body.definition);
  const current = await readable(db, actor, id);
  if (current.owner_id !== actor.id) throw forbidden('Only the analyst who saved the table may change it');
  const updated = (await db.query(
    `UPDATE report_table SET name = $2, shared = $3, definition = $4, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $5 RETURNING id`,
    [id, body.name, body.shared, JSON.stringify(body.definition), body.version],
  )) as [{ id: string }[], number];
  if (updated[1] === 0) {
    const [now] = (await db.query(`SELECT version FROM report_table WHERE id = $1`, [id])) as { version: number }[];
    throw conflict(
      `The table changed since you read it (your version ${body.version}, now ${now?.version ?? '?'}); reload and try again`,
    );
  }
  return getReportTable(db, actor, id);
}

export async function deleteReportTable(db: DataSource, actor: Actor, id: string): Promise<void> {
  const current = await readable(db, actor, id);
  if (current.owner_id !== actor.id) throw forbidden('Only the analyst who saved the table may delete it');
  await db.query(`DELETE FROM report_table WHERE id = $1`, [id]);
}

/** The table read now, as a one-section report (the same writers export it as CSV or XLSX). */
export async function tableReport(
  db: DataSource,
  limits: AnalyticsLimits,
  definition: ReportTableDefinition,
  name: string,
): Promise<ReportDto> {
  const period = checkTablePeriod(definition, limits);
  const common = { ...period, groupBy: definition.dimensions.join(','), measures: definition.measures.join(',') };
  const section =
    definition.subject === 'tickets'
      ? ticketSection(
          'table',
          name,
          await ticketFigures(db, ticketFiguresQuery.parse({ ...common, ...definition.filters }), limits),
        )
      : callSection(
          'table',
          name,
          await callFigures(db, callFiguresQuery.parse({ ...common, ...definition.filters }), limits),
        );
  return {
    kind: 'table',
    title: `${name}: ${period.from} – ${period.to}`,
    from: period.from,
    to: period.to,
    unit: null,
    sections: [section],
    generatedAt: new Date().toISOString(),
    refreshedAt: await rollupsRefreshedAt(db),
  };
}

export async function previewReportTable(
  db: DataSource,
  limits: AnalyticsLimits,
  definition: ReportTableDefinition,
): Promise<ReportDto> {
  await checkFilters(db, definition);
  return tableReport(db, limits, definition, 'Podgląd tabeli');
}
