// The interchange formats alone: JSON Lines and Markdown with front matter read what they write, and a broken
// line or file becomes one entry with its line and reason, never a failure of the whole file.
import { describe, expect, it } from 'vitest';
import { articleInterchangeRecord, type ArticleInterchangeRecord } from '@kck/contracts';
import { parseJsonl, writeJsonl } from './jsonl.ts';
import { markdownFileName, parseMarkdownArticle, writeMarkdownArticle } from './markdown.ts';

const CARD: ArticleInterchangeRecord = articleInterchangeRecord.parse({
  externalId: 'herb-logo',
  type: 'service_card',
  title: 'Posługiwanie się herbem: „zgoda”',
  responsibleUnit: 'KP-04',
  tags: ['herb', 'logo'],
  validFrom: '2026-01-01',
  fields: {
    purpose: 'Zgoda na herb.\nDruga linia: z dwukropkiem',
    documents: ['Wniosek', '123'],
    links: [{ label: 'BIP', url: 'https://www.bip.krakow.pl/' }],
  },
  body: '# Nagłówek\n\n---\n\nTekst po linii poziomej; "cudzysłów" i #hash.',
});

const SCOPE: ArticleInterchangeRecord = articleInterchangeRecord.parse({
  externalId: 'zakres-dk-02',
  type: 'unit_scope',
  status: 'review',
  title: 'Infolinia – zakres działania',
  responsibleUnit: null,
  fields: { scope: ['udzielanie informacji', 'ankiety'], openingHours: 'poniedziałek–piątek: 07:00–20:00' },
});

describe('the interchange record', () => {
  it('fills defaults: published, empty body and tags, no unit, the type’s field defaults', () => {
    const record = articleInterchangeRecord.parse({ externalId: 'a-1', type: 'procedure', title: 'Krok po kroku' });
    expect(record).toMatchObject({ status: 'published', body: '', tags: [], responsibleUnit: null, validTo: null });
    expect(record.fields).toEqual({ appliesWhen: '', steps: [] });
  });

  it('rejects an unknown type, a missing title, bad fields and an inverted validity, naming the field', () => {
    const issues = (value: unknown) =>
      articleInterchangeRecord.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ externalId: 'a', type: 'recipe', title: 'Tytuł' })).toEqual([
      'type: type is one of service_card, unit_scope, event, election, procedure',
    ]);
    expect(issues({ externalId: 'a', type: 'procedure' })).toEqual(['title: title is required']);
    expect(issues({ externalId: 'a', type: 'procedure', title: 'Tytuł', fields: { steps: 'jeden' } })?.[0]).toMatch(
      /^fields\.steps: /,
    );
    expect(issues({ externalId: 'a', type: 'event', title: 'Tytuł', fields: {} })?.[0]).toMatch(/^fields\.startsAt/);
    expect(
      issues({ externalId: 'a', type: 'procedure', title: 'Tytuł', validFrom: '2026-02-01', validTo: '2026-01-01' }),
    ).toEqual(['validTo: validTo must not be before validFrom']);
    expect(issues({ externalId: 'Zła Nazwa', type: 'procedure', title: 'Tytuł' })?.[0]).toMatch(/^externalId: /);
    expect(issues({ externalId: 'a', type: 'procedure', title: 'Tytuł', author: 'x' })?.[0]).toMatch(/author/);
  });
});

describe('JSON Lines', () => {
  it('reads back what it writes', () => {
    const entries = parseJsonl(writeJsonl([CARD, SCOPE]), 'a.jsonl');
    expect(entries.map((e) => e.line)).toEqual([1, 2]);
    expect(entries.map((e) => articleInterchangeRecord.parse(e.value))).toEqual([CARD, SCOPE]);
  });

  it('turns a line that is not a JSON object into an entry with its line number, and skips blank lines', () => {
    const text = `${JSON.stringify(SCOPE)}\n\n{"externalId": "x", oops}\n[1,2]\n${JSON.stringify(CARD)}\n`;
    const entries = parseJsonl(text, 'broken.jsonl');
    expect(entries.map((e) => [e.line, e.readError ?? 'ok'])).toEqual([
      [1, 'ok'],
      [3, expect.stringMatching(/^invalid JSON/)],
      [4, 'the line is not a JSON object'],
      [5, 'ok'],
    ]);
  });
});

describe('Markdown with front matter', () => {
  it('reads back what it writes: the body below, everything else in the front matter', () => {
    const text = writeMarkdownArticle(CARD);
    expect(markdownFileName(CARD)).toBe('herb-logo.md');
    expect(text).toMatch(/^---\nexternalId: herb-logo\ntype: service_card\n/);
    expect(text).not.toMatch(/^body:/m);
    const entry = parseMarkdownArticle(text, 'herb-logo.md');
    expect(entry.readError).toBeUndefined();
    expect(articleInterchangeRecord.parse(entry.value)).toEqual(CARD);
    expect(articleInterchangeRecord.parse(parseMarkdownArticle(writeMarkdownArticle(SCOPE), 's.md').value)).toEqual(
      SCOPE,
    );
  });

  it('reads a hand-written file with defaults left out', () => {
    const entry = parseMarkdownArticle(
      '---\nexternalId: dowod\ntype: service_card\ntitle: Dowód osobisty\nresponsibleUnit: WSO\ntags: [dowód]\n---\nTreść.\n',
      'dowod.md',
    );
    expect(articleInterchangeRecord.parse(entry.value)).toMatchObject({
      externalId: 'dowod',
      status: 'published',
      body: 'Treść.',
      responsibleUnit: 'WSO',
    });
  });

  it('names the file line of broken YAML, of a missing front matter, and of a bad field', () => {
    expect(parseMarkdownArticle('# Bez nagłówka\n', 'a.md')).toMatchObject({
      line: 1,
      readError: expect.stringMatching(/does not start with front matter/),
    });
    expect(parseMarkdownArticle('---\ntitle: x\n', 'b.md').readError).toMatch(/no closing line/);
    const broken = parseMarkdownArticle('---\nexternalId: c\ntype: procedure\ntitle: [oops\n---\nbody', 'c.md');
    expect(broken.readError).toMatch(/^invalid YAML/);
    expect(broken.line).toBeGreaterThanOrEqual(4);
    const bad = parseMarkdownArticle(
      '---\nexternalId: d\ntype: procedure\ntitle: Procedura\nfields:\n  steps: jeden krok\n---\nbody',
      'd.md',
    );
    const issue = articleInterchangeRecord.safeParse(bad.value).error!.issues[0]!;
    expect(issue.path).toEqual(['fields', 'steps']);
    expect(bad.lineOf?.(issue.path)).toBe(6);
    expect(bad.lineOf?.(['responsibleUnit'])).toBeUndefined();
    expect(parseMarkdownArticle('---\nbody: x\n---\n', 'e.md')).toMatchObject({ line: 2, readError: /body/ });
  });
});
