// Knowledge-base import/export: the formats (JSON Lines, Markdown folder) and the importer/exporter.
// The scripts (kb:import, kb:export) and the seed use these; nothing here is an HTTP route.
export type { InterchangeEntry } from './entry.ts';
export { parseJsonl, writeJsonl } from './jsonl.ts';
export { parseMarkdownArticle, writeMarkdownArticle, markdownFileName } from './markdown.ts';
export { importArticleEntries, exportArticleRecords, type ImportOptions } from './interchange.service.ts';
export { readInterchangePath, writeInterchangePath, formatForPath } from './files.ts';
