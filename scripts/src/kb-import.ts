// `npm run kb:import -- <path>`: loads knowledge-base articles from a .jsonl file or a folder of Markdown files,
// upserting by externalId. Prints each rejected record (where and why) and a summary; exits 1 if any was rejected.
import { pathToFileURL } from 'node:url';
import type { DataSource } from 'typeorm';
import type { InterchangeImportSummary } from '@kck/contracts';
import { config } from '@kck/backend/platform/config';
import { createDataSource } from '@kck/backend/platform/db';
import { importArticleEntries } from '@kck/backend/knowledge/interchange/interchange.service';
import { readInterchangePath } from '@kck/backend/knowledge/interchange/files';

export const KB_IMPORT_USAGE =
  'usage: npm run kb:import -- <file.jsonl | folder of .md files>\n' +
  '  Upserts articles by externalId; the search indexes follow through the outbox when the worker runs.';

/** Reads `path` and imports it; the summary says what happened to every record. */
export async function kbImport(db: DataSource, path: string): Promise<InterchangeImportSummary> {
  const entries = await readInterchangePath(path);
  return importArticleEntries(db, entries, { actorId: null, changeNote: `kb:import ${path}` });
}

/** The report a person reads: one line per rejected record, then the counts. */
export function formatImportReport(summary: InterchangeImportSummary): string {
  const lines = summary.rejected.map(
    (r) =>
      `rejected ${r.source}${r.line !== null ? `:${r.line}` : ''}${r.externalId ? ` (${r.externalId})` : ''}: ${r.reason}`,
  );
  lines.push(
    `created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length}`,
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = process.argv[2];
  if (!path || path === '--help' || path === '-h') {
    console.error(KB_IMPORT_USAGE);
    process.exit(2);
  }
  const db = createDataSource(config().DATABASE_URL, 2);
  db.initialize()
    .then(() => kbImport(db, path))
    .then((summary) => {
      console.log(formatImportReport(summary));
      if (summary.rejected.length > 0) process.exitCode = 1;
    })
    .catch((err) => {
      console.error('Import failed:', err instanceof Error ? err.message : err);
      process.exitCode = 2;
    })
    .finally(() => db.destroy());
}
