// Scheduled reports: a report or saved table e-mailed as XLSX to listed recipients, monthly on a day or weekly.
// Each schedule has its own BullMQ job scheduler (kept in Redis, so one job per period however many workers run).
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  JOB_NAMES,
  type ReportCadence,
  type ReportRunDto,
  type ReportScheduleDto,
  type ReportScheduleSource,
  type reportScheduleRequest,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import type { Config } from '../platform/config.ts';
import { badField, notFound } from '../platform/errors.ts';
import { ANALYTICS_TIME_ZONE } from '../analytics/rollups.ts';
import { cadencePattern } from './report-periods.ts';

type ScheduleBody = z.output<typeof reportScheduleRequest>;

interface ScheduleRow {
  id: string;
  name: string;
  report_kind: 'monthly' | 'unit' | null;
  unit_id: string | null;
  table_id: string | null;
  cadence: ReportCadence;
  recipients: string[];
  active: boolean;
  owner_id: string;
  owner_name: string;
  created_at: Date;
}

interface RunRow {
  id: string;
  schedule_id: string;
  status: ReportRunDto['status'];
  period_from: string;
  period_to: string;
  attempts: number;
  error: string | null;
  sent_to: string[];
  started_at: Date;
  finished_at: Date | null;
}

const SELECT = `SELECT s.id, s.name, s.report_kind, s.unit_id, s.table_id, s.cadence, s.recipients, s.active,
                       s.owner_id, u.display_name AS owner_name, s.created_at
                  FROM report_schedule s JOIN app_user u ON u.id = s.owner_id`;

const RUN_COLUMNS = `r.id, r.schedule_id, r.status, to_char(r.period_from, 'YYYY-MM-DD') AS period_from,
                     to_char(r.period_to, 'YYYY-MM-DD') AS period_to, r.attempts, r.error, r.sent_to, r.started_at,
                     r.finished_at`;

export const presentRun = (row: RunRow): ReportRunDto => ({
  id: row.id,
  status: row.status,
  from: row.period_from,
  to: row.period_to,
  attempts: row.attempts,
  error: row.error,
  sentTo: row.sent_to,
  startedAt: new Date(row.started_at).toISOString(),
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
});

const sourceOf = (row: ScheduleRow): ReportScheduleSource =>
  row.table_id
    ? { kind: 'table', tableId: row.table_id }
    : { kind: 'report', report: row.report_kind!, ...(row.unit_id ? { unitId: row.unit_id } : {}) };

const present = (row: ScheduleRow, lastRun: RunRow | undefined): ReportScheduleDto => ({
  id: row.id,
  name: row.name,
  source: sourceOf(row),
  cadence: row.cadence,
  recipients: row.recipients,
  active: row.active,
  owner: { id: row.owner_id, displayName: row.owner_name },
  lastRun: lastRun ? presentRun(lastRun) : null,
  createdAt: new Date(row.created_at).toISOString(),
});

/** The job scheduler's id in Redis: one per schedule, so an edit replaces it rather than adding a second. */
export const schedulerId = (scheduleId: string) => `report-schedule-${scheduleId}`;

export interface ScheduleDeps {
  db: DataSource;
  queue: Queue;
  config: Pick<Config, 'REPORT_MAIL_ATTEMPTS' | 'REPORT_MAIL_BACKOFF_MS'>;
}

/** Retries with backoff for refused recipients; finished jobs are kept a while for the admins' queue view. */
const jobOptions = (config: ScheduleDeps['config']) => ({
  attempts: config.REPORT_MAIL_ATTEMPTS,
  backoff: { type: 'exponential' as const, delay: config.REPORT_MAIL_BACKOFF_MS },
  removeOnComplete: { age: 30 * 24 * 3600 },
  removeOnFail: { age: 60 * 24 * 3600 },
});

async function syncScheduler(
  { queue, config }: ScheduleDeps,
  row: { id: string; active: boolean; cadence: ReportCadence },
) {
  if (!row.active) {
    await queue.removeJobScheduler(schedulerId(row.id));
    return;
  }
  await queue.upsertJobScheduler(
    schedulerId(row.id),
    { pattern: cadencePattern(row.cadence), tz: ANALYTICS_TIME_ZONE },
    { name: JOB_NAMES.reports, data: { scheduleId: row.id }, opts: jobOptions(config) },
  );
}

/** The unit or table a schedule names must exist (and the table be visible to its author): 400 naming the field. */
async function checkSource(db: DataSource, actor: Actor, source: ReportScheduleSource): Promise<void> {
  if (source.kind === 'report' && source.unitId) {
    const [unit] = await db.query(`SELECT 1 FROM unit WHERE id = $1`, [source.unitId]);
    if (!unit) throw badField('source.unitId', `source.unitId ${source.unitId} is not a known unit`);
  }
  if (source.kind === 'table') {
    const [table] = await db.query(`SELECT 1 FROM report_table WHERE id = $1 AND (shared OR owner_id = $2)`, [
      source.tableId,
      actor.id,
    ]);
    if (!table) throw badField('source.tableId', `source.tableId is not a saved table you can read`);
  }
}

const lastRuns = async (db: DataSource, ids: string[]): Promise<Map<string, RunRow>> => {
  if (ids.length === 0) return new Map();
  const rows = (await db.query(
    `SELECT DISTINCT ON (r.schedule_id) ${RUN_COLUMNS} FROM report_run r
      WHERE r.schedule_id = ANY($1) ORDER BY r.schedule_id, r.started_at DESC, r.id`,
    [ids],
  )) as RunRow[];
  return new Map(rows.map((r) => [r.schedule_id, r]));
};

export async function listSchedules(db: DataSource): Promise<ReportScheduleDto[]> {
  const rows = (await db.query(`${SELECT} ORDER BY lower(s.name), s.id`)) as ScheduleRow[];
  const runs = await lastRuns(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => present(row, runs.get(row.id)));
}

export async function getSchedule(db: DataSource, id: string): Promise<ReportScheduleDto> {
  const [row] = (await db.query(`${SELECT} WHERE s.id = $1`, [id])) as ScheduleRow[];
  if (!row) throw notFound('Report schedule');
  return present(row, (await lastRuns(db, [id])).get(id));
}

const columns = (body: ScheduleBody) => [
  body.name,
  body.source.kind === 'report' ? body.source.report : null,
  body.source.kind === 'report' ? (body.source.unitId ?? null) : null,
  body.source.kind === 'table' ? body.source.tableId : null,
  JSON.stringify(body.cadence),
  [...new Set(body.recipients.map((r) => r.toLowerCase()))],
  body.active,
];

export async function createSchedule(deps: ScheduleDeps, actor: Actor, body: ScheduleBody): Promise<ReportScheduleDto> {
  await checkSource(deps.db, actor, body.source);
  const [row] = (await deps.db.query(
    `INSERT INTO report_schedule (name, report_kind, unit_id, table_id, cadence, recipients, active, owner_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [...columns(body), actor.id],
  )) as { id: string }[];
  await syncScheduler(deps, { id: row!.id, active: body.active, cadence: body.cadence });
  return getSchedule(deps.db, row!.id);
}

export async function updateSchedule(
  deps: ScheduleDeps,
  actor: Actor,
  id: string,
  body: ScheduleBody,
): Promise<ReportScheduleDto> {
  await getSchedule(deps.db, id);
  await checkSource(deps.db, actor, body.source);
  await deps.db.query(
    `UPDATE report_schedule SET name = $2, report_kind = $3, unit_id = $4, table_id = $5, cadence = $6,
            recipients = $7, active = $8, updated_at = now() WHERE id = $1`,
    [id, ...columns(body)],
  );
  await syncScheduler(deps, { id, active: body.active, cadence: body.cadence });
  return getSchedule(deps.db, id);
}

export async function deleteSchedule(deps: ScheduleDeps, id: string): Promise<void> {
  await getSchedule(deps.db, id);
  await deps.queue.removeJobScheduler(schedulerId(id));
  await deps.db.query(`DELETE FROM report_schedule WHERE id = $1`, [id]);
}

/** "Send now": one job outside the cadence, with the same retries; the run appears in the list when it starts. */
export async function runScheduleNow(deps: ScheduleDeps, id: string): Promise<{ jobId: string }> {
  await getSchedule(deps.db, id);
  const job = await deps.queue.add(
    JOB_NAMES.reports,
    { scheduleId: id },
    { ...jobOptions(deps.config), jobId: `report-now-${id}-${Date.now()}` },
  );
  return { jobId: job.id! };
}

export async function listRuns(db: DataSource, id: string): Promise<ReportRunDto[]> {
  await getSchedule(db, id);
  const rows = (await db.query(
    `SELECT ${RUN_COLUMNS} FROM report_run r WHERE r.schedule_id = $1 ORDER BY r.started_at DESC, r.id LIMIT 50`,
    [id],
  )) as RunRow[];
  return rows.map(presentRun);
}
