// A folder of Markdown files, one article each: YAML front matter holds every field of the record but the body,
// and the Markdown below it is the body. Broken front matter rejects that file only, naming the line.
import { LineCounter, parseDocument, stringify, isMap } from 'yaml';
import type { ArticleInterchangeRecord } from '@kck/contracts';
import type { InterchangeEntry } from './entry.ts';
import { orderedRecord } from './jsonl.ts';

const DELIMITER = /^---\s*$/;

export function parseMarkdownArticle(text: string, source: string): InterchangeEntry {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!DELIMITER.test(lines[0] ?? '')) {
    return { source, line: 1, readError: 'the file does not start with front matter (a line "---")' };
  }
  const end = lines.findIndex((l, i) => i > 0 && (DELIMITER.test(l) || /^\.\.\.\s*$/.test(l)));
  if (end < 0) return { source, line: 1, readError: 'the front matter has no closing line "---"' };
  // Front matter starts on line 2 of the file.
  const toFileLine = (frontMatterLine: number) => frontMatterLine + 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, end).join('\n'), { lineCounter, prettyErrors: false });
  const [error] = doc.errors;
  if (error) {
    const line = toFileLine(lineCounter.linePos(error.pos[0]).line);
    return { source, line, readError: `invalid YAML in the front matter: ${error.message.split('\n')[0]}` };
  }
  if (!isMap(doc.contents)) return { source, line: 2, readError: 'the front matter is not a YAML mapping' };
  const front = doc.toJS() as Record<string, unknown>;
  if ('body' in front) {
    const line = lineOfNode(doc.getIn(['body'], true), lineCounter);
    return {
      source,
      line: line ? toFileLine(line) : 2,
      readError: 'body is the Markdown below the front matter, not a key in it',
    };
  }
  const body = lines.slice(end + 1).join('\n');
  return {
    source,
    line: 1,
    value: { ...front, body },
    lineOf: (path) => {
      if (path[0] === 'body') return end + 2;
      // The deepest node of the path that exists: a missing key is reported where its parent is.
      for (let depth = path.length; depth > 0; depth--) {
        const line = lineOfNode(doc.getIn(path.slice(0, depth) as unknown[], true), lineCounter);
        if (line) return toFileLine(line);
      }
      return undefined;
    },
  };
}

function lineOfNode(node: unknown, lineCounter: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

/** The file name of an article in the folder format. */
export const markdownFileName = (record: ArticleInterchangeRecord) => `${record.externalId}.md`;

export function writeMarkdownArticle(record: ArticleInterchangeRecord): string {
  const { body, ...front } = orderedRecord(record);
  // lineWidth 0: long lines stay as they are, so an export diffs line by line with the next one.
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${body}\n`;
}
