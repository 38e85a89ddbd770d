// JSON Lines: one article record per line. A line that is not JSON is one rejected record, never the whole file.
import type { ArticleInterchangeRecord } from '@kck/contracts';
import type { InterchangeEntry } from './entry.ts';

/** Every non-blank line is one entry; blank lines are skipped but still counted for line numbers. */
export function parseJsonl(text: string, source: string): InterchangeEntry[] {
  const entries: InterchangeEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        entries.push({ source, line, readError: 'the line is not a JSON object' });
      } else {
        entries.push({ source, line, value });
      }
    } catch (err) {
      entries.push({ source, line, readError: `invalid JSON (${(err as Error).message})` });
    }
  });
  return entries;
}

/** One line per record, keys in the record schema's order, ending with a newline. */
export function writeJsonl(records: ArticleInterchangeRecord[]): string {
  return records.map((record) => JSON.stringify(orderedRecord(record))).join('\n') + (records.length ? '\n' : '');
}

/** The record with its keys in a fixed order, so exports diff cleanly between runs. */
export function orderedRecord(record: ArticleInterchangeRecord): ArticleInterchangeRecord {
  return {
    externalId: record.externalId,
    type: record.type,
    status: record.status,
    title: record.title,
    responsibleUnit: record.responsibleUnit,
    tags: record.tags,
    validFrom: record.validFrom,
    validTo: record.validTo,
    fields: record.fields,
    body: record.body,
  };
}
