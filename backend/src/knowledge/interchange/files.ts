// Reading and writing interchange files: a .jsonl file, or a folder of .md files (one article each).
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ArticleInterchangeRecord, InterchangeFormat } from '@kck/contracts';
import type { InterchangeEntry } from './entry.ts';
import { parseJsonl, writeJsonl } from './jsonl.ts';
import { markdownFileName, parseMarkdownArticle, writeMarkdownArticle } from './markdown.ts';

/** A .jsonl (or .ndjson) file, one .md file, or a folder whose .md files are read in name order. */
export async function readInterchangePath(path: string): Promise<InterchangeEntry[]> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.md')).sort();
    const entries: InterchangeEntry[] = [];
    for (const name of names) entries.push(parseMarkdownArticle(await readFile(join(path, name), 'utf8'), name));
    return entries;
  }
  const text = await readFile(path, 'utf8');
  if (path.toLowerCase().endsWith('.md')) return [parseMarkdownArticle(text, basename(path))];
  return parseJsonl(text, basename(path));
}

/** The format a path asks for when none is given: a .jsonl name is JSON Lines, anything else a folder. */
export const formatForPath = (path: string): InterchangeFormat =>
  /\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'markdown';

/** Writes the records; a folder gets one file per article (files of other articles in it are left alone). */
export async function writeInterchangePath(
  path: string,
  format: InterchangeFormat,
  records: ArticleInterchangeRecord[],
): Promise<void> {
  if (format === 'jsonl') {
    await writeFile(path, writeJsonl(records), 'utf8');
    return;
  }
  await mkdir(path, { recursive: true });
  for (const record of records) await writeFile(join(path, markdownFileName(record)), writeMarkdownArticle(record));
}
