// The kb:import / kb:export command lines: arguments checked with a message naming the problem, and the report.
import { describe, expect, it } from 'vitest';
import { parseExportArgs } from './kb-export.ts';
import { formatImportReport } from './kb-import.ts';

describe('kb:export arguments', () => {
  it('take the format from the path unless given, and statuses as a list', () => {
    expect(parseExportArgs(['out.jsonl'])).toEqual({ path: 'out.jsonl', format: 'jsonl', statuses: undefined });
    expect(parseExportArgs(['out'])).toMatchObject({ format: 'markdown' });
    expect(parseExportArgs(['out', '--format', 'jsonl', '--status=published,review'])).toEqual({
      path: 'out',
      format: 'jsonl',
      statuses: ['published', 'review'],
    });
  });

  it('name what is wrong', () => {
    expect(parseExportArgs([])).toBe('a path is required');
    expect(parseExportArgs(['a', '--format', 'csv'])).toBe('--format is one of jsonl, markdown');
    expect(parseExportArgs(['a', '--status', 'gone'])).toMatch(/^--status takes draft, review, published, archived/);
    expect(parseExportArgs(['a', 'b'])).toBe('one path only (got a and b)');
    expect(parseExportArgs(['a', '--force'])).toBe('unknown option --force');
  });
});

describe('kb:import report', () => {
  it('lists each rejected record with its place, then the counts', () => {
    expect(
      formatImportReport({
        created: 2,
        updated: 1,
        unchanged: 0,
        rejected: [
          { source: 'a.jsonl', line: 3, externalId: 'x', reason: 'title: title is required' },
          { source: 'b.md', line: 1, externalId: null, reason: 'no front matter' },
        ],
      }),
    ).toBe(
      'rejected a.jsonl:3 (x): title: title is required\n' +
        'rejected b.md:1: no front matter\n' +
        'created 2, updated 1, unchanged 0, rejected 2',
    );
  });
});
