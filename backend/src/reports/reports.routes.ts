// HTTP for DK-05's reports: the monthly and unit reports as JSON, CSV or streamed XLSX, the raw ticket export,
// analysts' saved tables and the e-mailed schedules. Unit staff (heads of units) read their own unit's report only.
import type { Response } from 'express';
import {
  reportKindParams,
  reportQuery,
  reportScheduleIdParams,
  reportScheduleRequest,
  reportTableCreateRequest,
  reportTableExportQuery,
  reportTableIdParams,
  reportTablePreviewRequest,
  reportTableUpdateRequest,
  ticketExportParams,
  ticketExportQuery,
  type ReportDto,
  type ReportFormat,
  type Role,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { defineRoute } from '../platform/http/route.ts';
import { recordAccess } from '../access-log/access-log.service.ts';
import { badField, forbidden } from '../platform/errors.ts';
import { analyticsLimits, checkPeriod } from '../analytics/figures.service.ts';
import { buildReport, loadUnit } from './report-definitions.ts';
import { resolveReportPeriod } from './report-periods.ts';
import { CSV_TYPE, reportCsv, reportFileName, writeReportXlsx, XLSX_TYPE } from './report-render.ts';
import {
  createReportTable,
  deleteReportTable,
  getReportTable,
  listReportTables,
  previewReportTable,
  tableReport,
  updateReportTable,
} from './report-tables.service.ts';
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listRuns,
  listSchedules,
  runScheduleNow,
  updateSchedule,
  type ScheduleDeps,
} from './report-schedules.service.ts';
import { streamTicketExport } from './ticket-export.ts';

const ANALYSTS = ['analyst', 'supervisor', 'admin'] as const satisfies readonly Role[];
const WITH_UNITS = [...ANALYSTS, 'unit_staff'] as const satisfies readonly Role[];

/** JSON for the console's page; CSV or XLSX as a download named with the period. */
async function answer(
  res: Response,
  report: ReportDto,
  format: ReportFormat,
  name?: string,
): Promise<ReportDto | void> {
  if (format === 'json') return report;
  res.attachment(reportFileName(report, format, name));
  res.set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
  if (format === 'csv') {
    res.type(CSV_TYPE).status(200).send(reportCsv(report));
    return;
  }
  res.type(XLSX_TYPE).status(200);
  // commit() ends the response once the workbook is written.
  await writeReportXlsx(report, res);
}

/** Unit staff get their own unit's report whatever they ask for, and no KCK-wide monthly report. */
function unitFor(actor: Actor, kind: 'monthly' | 'unit', unitId: string | undefined): string | undefined {
  if (actor.role !== 'unit_staff') return unitId;
  if (kind === 'monthly') throw forbidden('Unit staff read their own unit report (kind unit), not the KCK-wide one');
  if (!actor.unitId) throw badField('unitId', 'your account belongs to no unit');
  return actor.unitId;
}

export function reportRoutes({ db, config, queues, logger }: BackendContext) {
  const limits = analyticsLimits(config);
  // Read when a schedule is written, not when the routes are listed (the route table is built without queues).
  const schedules: ScheduleDeps = {
    db,
    config,
    get queue() {
      return queues.reports;
    },
  };
  /** A report leaving as a file is an export (issue 9): one access-log entry, with the reason asked for. */
  const logExport = (actor: Actor, report: ReportDto, format: ReportFormat, reason?: string, ip?: string) =>
    recordAccess(db, {
      actor,
      action: 'export',
      subject: { kind: 'report', id: `${report.from}_${report.to}`, label: report.title.slice(0, 200) },
      description: `Eksport raportu (${format.toUpperCase()}) za okres ${report.from} – ${report.to}`,
      reason,
      clientAddress: ip,
    });
  return [
    // Before /api/reports/:kind, which would read "tickets.xlsx" as a kind.
    defineRoute(
      {
        method: 'get',
        path: '/api/reports/tickets.:format',
        roles: ANALYSTS,
        params: ticketExportParams,
        query: ticketExportQuery,
      },
      async ({ actor, params, query, req, res }) => {
        checkPeriod(query, limits);
        if (query.unitId) await loadUnit(db, query.unitId);
        // Logged before the first byte: a download cut short was still an export (issue 9).
        await recordAccess(db, {
          actor,
          action: 'export',
          subject: { kind: 'report', id: `${query.from}_${query.to}`, label: `Zgłoszenia ${query.from} – ${query.to}` },
          description: `Eksport zgłoszeń (${params.format.toUpperCase()}) za okres ${query.from} – ${query.to}`,
          reason: query.reason,
          clientAddress: req.ip,
        });
        await streamTicketExport(db, logger, res, query, params.format);
      },
    ),
    defineRoute(
      { method: 'get', path: '/api/reports/:kind', roles: WITH_UNITS, params: reportKindParams, query: reportQuery },
      async ({ actor, params, query, req, res }) => {
        const period = resolveReportPeriod(query, limits);
        const unitId = unitFor(actor, params.kind, query.unitId);
        if (params.kind === 'unit' && !unitId) throw badField('unitId', 'unitId is required for the unit report');
        const unit = unitId ? await loadUnit(db, unitId) : null;
        const report = await buildReport(db, limits, params.kind, period, unit);
        if (query.format !== 'json') await logExport(actor, report, query.format, query.reason, req.ip);
        return answer(res, report, query.format);
      },
    ),

    defineRoute({ method: 'get', path: '/api/report-tables', roles: ANALYSTS }, ({ actor }) =>
      listReportTables(db, actor),
    ),
    defineRoute(
      { method: 'post', path: '/api/report-tables/preview', roles: ANALYSTS, body: reportTablePreviewRequest },
      ({ body }) => previewReportTable(db, limits, body.definition),
    ),
    defineRoute(
      { method: 'post', path: '/api/report-tables', roles: ANALYSTS, body: reportTableCreateRequest, status: 201 },
      ({ actor, body }) => createReportTable(db, limits, actor, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/report-tables/:id', roles: ANALYSTS, params: reportTableIdParams },
      ({ actor, params }) => getReportTable(db, actor, params.id),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/report-tables/:id',
        roles: ANALYSTS,
        params: reportTableIdParams,
        body: reportTableUpdateRequest,
      },
      ({ actor, params, body }) => updateReportTable(db, limits, actor, params.id, body),
    ),
    defineRoute(
      { method: 'delete', path: '/api/report-tables/:id', roles: ANALYSTS, params: reportTableIdParams },
      ({ actor, params }) => deleteReportTable(db, actor, params.id),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/report-tables/:id/export',
        roles: ANALYSTS,
        params: reportTableIdParams,
        query: reportTableExportQuery,
      },
      async ({ actor, params, query, req, res }) => {
        const table = await getReportTable(db, actor, params.id);
        const report = await tableReport(db, limits, table.definition, table.name);
        if (query.format !== 'json') await logExport(actor, report, query.format, query.reason, req.ip);
        return answer(res, report, query.format, table.name);
      },
    ),

    defineRoute({ method: 'get', path: '/api/report-schedules', roles: ANALYSTS }, () => listSchedules(db)),
    defineRoute(
      { method: 'post', path: '/api/report-schedules', roles: ANALYSTS, body: reportScheduleRequest, status: 201 },
      ({ actor, body }) => createSchedule(schedules, actor, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/report-schedules/:id', roles: ANALYSTS, params: reportScheduleIdParams },
      ({ params }) => getSchedule(db, params.id),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/report-schedules/:id',
        roles: ANALYSTS,
        params: reportScheduleIdParams,
        body: reportScheduleRequest,
      },
      ({ actor, params, body }) => updateSchedule(schedules, actor, params.id, body),
    ),
    defineRoute(
      { method: 'delete', path: '/api/report-schedules/:id', roles: ANALYSTS, params: reportScheduleIdParams },
      ({ params }) => deleteSchedule(schedules, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/report-schedules/:id/run',
        roles: ANALYSTS,
        params: reportScheduleIdParams,
        status: 202,
      },
      ({ params }) => runScheduleNow(schedules, params.id),
    ),
    defineRoute(
      { method: 'get', path: '/api/report-schedules/:id/runs', roles: ANALYSTS, params: reportScheduleIdParams },
      ({ params }) => listRuns(db, params.id),
    ),
  ];
}
