// `npm run kb:export -- <path> [--format jsonl|markdown] [--status published,review]`: writes every article as
// interchange records, the format kb:import reads back. Default format: jsonl for a *.jsonl path, else markdown.
import { pathToFileURL } from 'node:url';
import type { DataSource } from 'typeorm';
import { ARTICLE_STATUSES, INTERCHANGE_FORMATS, type ArticleStatus, type InterchangeFormat } from '@kck/contracts';
import { config } from '@kck/backend/platform/config';
import { createDataSource } from '@kck/backend/platform/db';
import { exportArticleRecords } from '@kck/backend/knowledge/interchange/interchange.service';
import { formatForPath, writeInterchangePath } from '@kck/backend/knowledge/interchange/files';

export const KB_EXPORT_USAGE =
  'usage: npm run kb:export -- <file.jsonl | folder> [--format jsonl|markdown] [--status published,review,...]';

export interface KbExportArgs {
  path: string;
  format: InterchangeFormat;
  statuses?: ArticleStatus[];
}

/** The command line, or an error message naming what is wrong. */
export function parseExportArgs(argv: string[]): KbExportArgs | string {
  let path: string | undefined;
  let format: string | undefined;
  let statuses: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--format') format = argv[++i];
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--status') statuses = argv[++i]?.split(',');
    else if (arg.startsWith('--status=')) statuses = arg.slice('--status='.length).split(',');
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (path === undefined) path = arg;
    else return `one path only (got ${path} and ${arg})`;
  }
  if (!path) return 'a path is required';
  if (format !== undefined && !(INTERCHANGE_FORMATS as readonly string[]).includes(format))
    return `--format is one of ${INTERCHANGE_FORMATS.join(', ')}`;
  const unknown = statuses?.filter((s) => !(ARTICLE_STATUSES as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0) return `--status takes ${ARTICLE_STATUSES.join(', ')} (not ${unknown.join(', ')})`;
  return {
    path,
    format: (format as InterchangeFormat | undefined) ?? formatForPath(path),
    statuses: statuses as ArticleStatus[] | undefined,
  };
}

export async function kbExport(db: DataSource, args: KbExportArgs): Promise<number> {
  const records = await exportArticleRecords(db, args.statuses);
  await writeInterchangePath(args.path, args.format, records);
  return records.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseExportArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\n${KB_EXPORT_USAGE}`);
    process.exit(2);
  }
  const db = createDataSource(config().DATABASE_URL, 2);
  db.initialize()
    .then(() => kbExport(db, args))
    .then((n) => console.log(`exported ${n} articles to ${args.path} (${args.format})`))
    .catch((err) => {
      console.error('Export failed:', err instanceof Error ? err.message : err);
      process.exitCode = 2;
    })
    .finally(() => db.destroy());
}
