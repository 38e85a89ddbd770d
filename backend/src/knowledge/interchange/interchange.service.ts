// Import and export of knowledge-base articles as interchange records (kb:import, kb:export and the seed).
// Import upserts by externalId, each record in a transaction of its own: a bad record is reported and leaves nothing.
import type { DataSource } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import {
  articleInterchangeRecord,
  type ArticleInterchangeRecord,
  type ArticleStatus,
  type ArticleType,
  type InterchangeImportSummary,
} from '@kck/contracts';
import { AppError } from '../../platform/errors.ts';
import { upsertArticleByExternalId } from '../articles.service.ts';
import type { InterchangeEntry } from './entry.ts';

export interface ImportOptions {
  /** Who the versions are saved as (null: the system, e.g. the seed). */
  actorId: string | null;
  /** The version note of every article the import changes. */
  changeNote?: string;
}

export async function importArticleEntries(
  db: DataSource,
  entries: InterchangeEntry[],
  options: ImportOptions,
): Promise<InterchangeImportSummary> {
  const summary: InterchangeImportSummary = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const unitRows: { code: string; id: string }[] = await db.query(`SELECT code, id FROM unit`);
  const units = new Map(unitRows.map((row) => [row.code, row.id]));
  const seen = new Map<string, string>();

  for (const entry of entries) {
    const rawId = (entry.value as { externalId?: unknown } | undefined)?.externalId;
    const reject = (reason: string, line: number | undefined = entry.line) =>
      summary.rejected.push({
        source: entry.source,
        line: line ?? entry.line,
        externalId: typeof rawId === 'string' ? rawId : null,
        reason,
      });

    if (entry.readError !== undefined) {
      reject(entry.readError);
      continue;
    }
    const parsed = articleInterchangeRecord.safeParse(entry.value);
    if (!parsed.success) {
      const [first] = parsed.error.issues;
      reject(
        parsed.error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; '),
        first ? entry.lineOf?.(first.path) : undefined,
      );
      continue;
    }
    const record = parsed.data;
    const where = `${entry.source}:${entry.line}`;
    const earlier = seen.get(record.externalId);
    if (earlier) {
      reject(`externalId ${record.externalId} appears twice in this import (first at ${earlier})`);
      continue;
    }
    seen.set(record.externalId, where);
    const unitId = record.responsibleUnit === null ? null : units.get(record.responsibleUnit);
    if (unitId === undefined) {
      reject(`responsibleUnit ${record.responsibleUnit} is not a unit code`, entry.lineOf?.(['responsibleUnit']));
      continue;
    }

    try {
      const result = await db.transaction((em) =>
        upsertArticleByExternalId(
          em,
          {
            externalId: record.externalId,
            type: record.type,
            status: record.status,
            title: record.title,
            body: record.body,
            fields: record.fields,
            responsibleUnitId: unitId,
            tags: record.tags,
            validFrom: record.validFrom,
            validTo: record.validTo,
            changeNote: options.changeNote,
          },
          options.actorId,
        ),
      );
      if (result.created) summary.created++;
      else if (result.changed) summary.updated++;
      else summary.unchanged++;
    } catch (err) {
      // Bad input the service or the database refused; anything else (connection lost) stops the import.
      if (!(err instanceof AppError) && !(err instanceof QueryFailedError)) throw err;
      reject(err.message);
    }
  }
  return summary;
}

interface ExportRow {
  external_id: string;
  type: ArticleType;
  status: ArticleStatus;
  title: string;
  body: string;
  fields: Record<string, unknown> | null;
  unit_code: string | null;
  tags: string[];
  valid_from: string | null;
  valid_to: string | null;
}

/** Every article (of the given statuses, default all) as interchange records, ordered by externalId. */
export async function exportArticleRecords(
  db: DataSource,
  statuses?: readonly ArticleStatus[],
): Promise<ArticleInterchangeRecord[]> {
  const rows: ExportRow[] = await db.query(
    `SELECT a.external_id, a.type, a.status, a.title, a.body, a.fields, u.code AS unit_code, a.tags,
            to_char(a.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(a.valid_to, 'YYYY-MM-DD') AS valid_to
       FROM article a LEFT JOIN unit u ON u.id = a.unit_id
      WHERE $1::text[] IS NULL OR a.status = ANY($1)
      ORDER BY a.external_id`,
    [statuses ?? null],
  );
  return rows.map((row) => {
    const record = {
      externalId: row.external_id,
      type: row.type,
      status: row.status,
      title: row.title,
      body: row.body,
      fields: row.fields ?? {},
      responsibleUnit: row.unit_code,
      tags: row.tags,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    };
    // Parsed like an imported record, so an export is exactly what an import writes back. A row that does not
    // pass (fields saved before they were checked) is written as it is: the import then names what is wrong.
    const parsed = articleInterchangeRecord.safeParse(record);
    return parsed.success ? parsed.data : (record as ArticleInterchangeRecord);
  });
}
