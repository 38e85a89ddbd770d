// The `reports` queue's job: builds a schedule's report as XLSX and e-mails it to each recipient, recording the run.
// A recipient whose mailbox refuses is retried with backoff (the others are not sent twice), then the run is failed.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ReportCadence, ReportDto, ReportScheduleJob, ReportTableDefinition } from '@kck/contracts';
import type { JobAttempt } from '../delivery/deliver-ticket.job.ts';
import type { MailTransport } from '../notifications/mail-transport.ts';
import type { Logger } from '../platform/logger.ts';
import type { AnalyticsLimits } from '../analytics/figures.service.ts';
import { buildReport, loadUnit, type ReportPeriod } from './report-definitions.ts';
import { resolveTablePeriod, scheduledPeriod } from './report-periods.ts';
import { reportFileName, reportXlsxBuffer, XLSX_TYPE } from './report-render.ts';
import { tableReport } from './report-tables.service.ts';
import { recordAccess } from '../access-log/access-log.service.ts';

interface ScheduleRow {
  id: string;
  name: string;
  report_kind: 'monthly' | 'unit' | null;
  unit_id: string | null;
  table_id: string | null;
  table_name: string | null;
  table_definition: ReportTableDefinition | null;
  cadence: ReportCadence;
  recipients: string[];
  active: boolean;
  owner_id: string;
}

export type ReportJobOutcome = 'sent' | 'skipped';

class RecipientsRefused extends Error {}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A table reports on its own period (e.g. "last month"); a report on the period before the run. */
const periodOf = (schedule: ScheduleRow, limits: AnalyticsLimits): ReportPeriod =>
  schedule.table_definition
    ? resolveTablePeriod(schedule.table_definition.period, limits)
    : scheduledPeriod(schedule.cadence);

async function buildScheduled(
  db: DataSource,
  limits: AnalyticsLimits,
  schedule: ScheduleRow,
  period: ReportPeriod,
): Promise<ReportDto> {
  if (schedule.table_definition) return tableReport(db, limits, schedule.table_definition, schedule.table_name!);
  const unit = schedule.unit_id ? await loadUnit(db, schedule.unit_id) : null;
  return buildReport(db, limits, schedule.report_kind!, period, unit);
}

export async function handleReportScheduleJob(
  db: DataSource,
  mail: MailTransport,
  logger: Logger,
  limits: AnalyticsLimits,
  job: ReportScheduleJob,
  attempt: JobAttempt,
): Promise<ReportJobOutcome> {
  const [schedule] = (await db.query(
    `SELECT s.id, s.name, s.report_kind, s.unit_id, s.table_id, t.name AS table_name, t.definition AS table_definition,
            s.cadence, s.recipients, s.active, s.owner_id
       FROM report_schedule s LEFT JOIN report_table t ON t.id = s.table_id WHERE s.id = $1`,
    [job.scheduleId],
  )) as ScheduleRow[];
  // Deleted or paused after the job was queued: the scheduler is gone too, nothing to send.
  if (!schedule || !schedule.active) return 'skipped';

  const period = periodOf(schedule, limits);
  const jobId = attempt.jobId ?? `attempt-${Date.now()}`;
  const [run] = (await db.query(
    `INSERT INTO report_run (schedule_id, job_id, status, period_from, period_to, attempts)
     VALUES ($1, $2, 'sending', $3, $4, $5)
     ON CONFLICT (schedule_id, job_id) DO UPDATE SET attempts = $5, status = 'sending'
     RETURNING id, sent_to`,
    [schedule.id, jobId, period.from, period.to, attempt.attempt],
  )) as { id: string; sent_to: string[] }[];
  const final = attempt.attempt >= attempt.maxAttempts;

  let report: ReportDto;
  try {
    report = await buildScheduled(db, limits, schedule, period);
  } catch (err) {
    // Recorded like a refusal, so a report that cannot be made shows in the list rather than only in the logs.
    await db.query(
      `UPDATE report_run SET status = $2, error = $3, finished_at = CASE WHEN $2 = 'failed' THEN now() END
        WHERE id = $1`,
      [run!.id, final ? 'failed' : 'sending', `the report could not be made: ${(err as Error).message}`],
    );
    throw err;
  }
  const attachment = {
    filename: reportFileName(report, 'xlsx', schedule.table_name ?? undefined),
    content: await reportXlsxBuffer(report),
    contentType: XLSX_TYPE,
  };
  const text =
    `${report.title}\n\nW załączniku raport w formacie XLSX (okres ${period.from} – ${period.to}).\n` +
    `Wysłano automatycznie z platformy KCK według harmonogramu „${schedule.name}”.`;
  const refused: string[] = [];
  const sentTo = new Set(run!.sent_to);
  // One message per recipient: a refused mailbox is retried alone, and nobody sees the others' addresses.
  for (const to of schedule.recipients) {
    if (sentTo.has(to)) continue;
    try {
      await mail.send({
        to,
        subject: report.title,
        text,
        html: `<p>${escapeHtml(report.title)}</p><p>W załączniku raport w formacie XLSX (okres ${period.from} – ${period.to}).</p>`,
        messageId: `<report-${run!.id}-${createHash('sha256').update(to).digest('hex').slice(0, 16)}@kck.krakow.pl>`,
        attachments: [attachment],
      });
      sentTo.add(to);
      await db.query(`UPDATE report_run SET sent_to = array_append(sent_to, $2) WHERE id = $1`, [run!.id, to]);
    } catch (err) {
      const e = err as { responseCode?: number; response?: string; message: string };
      refused.push(`${to}: ${e.response ?? e.message}`);
    }
  }

  // An e-mailed report is an export: logged once per attempt that sent it to anyone, in the owner's name.
  const sentNow = sentTo.size - run!.sent_to.length;
  if (sentNow > 0)
    await recordAccess(db, {
      actor: { id: schedule.owner_id },
      action: 'export',
      subject: { kind: 'report', id: `${period.from}_${period.to}`, label: report.title.slice(0, 200) },
      description: `Raport wysłany e-mailem wg harmonogramu „${schedule.name}” (XLSX, okres ${period.from} – ${period.to}) do ${sentNow} odbiorców`,
    });

  if (refused.length === 0) {
    await db.query(`UPDATE report_run SET status = 'sent', error = NULL, finished_at = now() WHERE id = $1`, [run!.id]);
    logger.info({ scheduleId: schedule.id, runId: run!.id, recipients: sentTo.size }, 'scheduled report sent');
    return 'sent';
  }
  const error = refused.join('; ');
  await db.query(
    `UPDATE report_run SET status = $2, error = $3, finished_at = CASE WHEN $2 = 'failed' THEN now() END WHERE id = $1`,
    [run!.id, final ? 'failed' : 'sending', error],
  );
  logger.warn(
    { scheduleId: schedule.id, runId: run!.id, attempt: attempt.attempt, of: attempt.maxAttempts, error },
    final ? 'scheduled report failed for good' : 'scheduled report refused; BullMQ retries it with backoff',
  );
  // Thrown on the last attempt too, so the job shows as failed in the admins' queue view as well.
  throw new RecipientsRefused(`report not delivered to ${refused.length} recipient(s): ${error}`);
}
