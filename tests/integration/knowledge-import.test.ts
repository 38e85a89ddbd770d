// kb:import and kb:export against the run's database: a broken file imports its good records and names each bad
// one (line and reason) leaving nothing of it behind, re-imports change nothing, and export → import round-trips.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../backend/src/platform/db.ts';
import { testConfig } from '../../backend/src/test-support/test-context.ts';
import { exportArticleRecords } from '../../backend/src/knowledge/interchange/interchange.service.ts';
import { readInterchangePath, writeInterchangePath } from '../../backend/src/knowledge/interchange/files.ts';
import { writeMarkdownArticle } from '../../backend/src/knowledge/interchange/markdown.ts';
import { kbImport } from '../../scripts/src/kb-import.ts';
import { kbExport } from '../../scripts/src/kb-export.ts';
import { importArticleEntries } from '../../backend/src/knowledge/interchange/interchange.service.ts';
import { ARTICLES, ORDINANCE_UNITS } from '../../scripts/src/seed-data/index.ts';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
// Every article this file writes starts with it, so parallel test files never meet them.
const prefix = `imp-${Math.random().toString(36).slice(2, 8)}`;

let db: DataSource;
let dir: string;
beforeAll(async () => {
  db = createDataSource(testConfig().DATABASE_URL, 3);
  await db.initialize();
  dir = await mkdtemp(join(tmpdir(), 'kck-kb-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.destroy();
});

const card = (id: string, extra: Record<string, unknown> = {}) => ({
  externalId: `${prefix}-${id}`,
  type: 'service_card',
  title: `Karta ${id}`,
  responsibleUnit: 'ZDMK',
  tags: ['test'],
  fields: { purpose: 'Sprawdzenie importu', documents: ['wniosek'] },
  body: `Treść karty ${id}.`,
  ...extra,
});

const mine = async () =>
  (await db.query(
    `SELECT a.external_id, a.title, a.status, a.version, u.code AS unit,
              (SELECT count(*)::int FROM article_version v WHERE v.article_id = a.id) AS versions
         FROM article a LEFT JOIN unit u ON u.id = a.unit_id WHERE a.external_id LIKE $1 ORDER BY a.external_id`,
    [`${prefix}-%`],
  )) as { external_id: string; title: string; status: string; version: number; unit: string; versions: number }[];

describe('kb:import of a JSON Lines file', () => {
  it('imports the good records of a broken file and names each bad one with its line and reason', async () => {
    const path = join(dir, 'broken.jsonl');
    const lines = [
      JSON.stringify(card('a')),
      '{"externalId": "' + prefix + '-json", "type": ',
      JSON.stringify(card('type', { type: 'recipe' })),
      JSON.stringify({ ...card('title'), title: undefined }),
      JSON.stringify(card('field', { type: 'procedure', fields: { steps: 'jeden krok' } })),
      JSON.stringify(card('unit', { responsibleUnit: 'NOPE' })),
      '',
      JSON.stringify(card('b', { status: 'draft', responsibleUnit: null, validFrom: '2026-01-01' })),
      JSON.stringify(card('a', { title: 'Drugi raz ten sam' })),
    ];
    await writeFile(path, lines.join('\n'));
    const summary = await kbImport(db, path);
    expect(summary).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(summary.rejected.map((r) => [r.line, r.externalId, r.reason])).toEqual([
      [2, null, expect.stringMatching(/^invalid JSON/)],
      [3, `${prefix}-type`, expect.stringMatching(/^type: type is one of service_card/)],
      [4, `${prefix}-title`, 'title: title is required'],
      [5, `${prefix}-field`, expect.stringMatching(/^fields\.steps: /)],
      [6, `${prefix}-unit`, 'responsibleUnit NOPE is not a unit code'],
      [9, `${prefix}-a`, `externalId ${prefix}-a appears twice in this import (first at broken.jsonl:1)`],
    ]);
    for (const r of summary.rejected) expect(r.source).toBe('broken.jsonl');
    // Nothing of a rejected record is written; the good ones are whole, each with its first version.
    expect(await mine()).toEqual([
      { external_id: `${prefix}-a`, title: 'Karta a', status: 'published', version: 1, unit: 'ZDMK', versions: 1 },
      { external_id: `${prefix}-b`, title: 'Karta b', status: 'draft', version: 1, unit: null, versions: 1 },
    ]);
  });

  it('changes nothing when the same records come again, and makes a new version of the one that changed', async () => {
    const path = join(dir, 'again.jsonl');
    const records = [card('a'), card('b', { status: 'draft', responsibleUnit: null, validFrom: '2026-01-01' })];
    await writeFile(path, records.map((r) => JSON.stringify(r)).join('\n'));
    expect(await kbImport(db, path)).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: [] });

    records[0] = card('a', { fields: { purpose: 'Nowy cel', documents: ['wniosek'] } });
    await writeFile(path, records.map((r) => JSON.stringify(r)).join('\n'));
    expect(await kbImport(db, path)).toEqual({ created: 0, updated: 1, unchanged: 1, rejected: [] });
    const [a] = await mine();
    expect(a).toMatchObject({ version: 2, versions: 2 });
    const [{ fields, note }] = await db.query(
      `SELECT a.fields, v.change_note AS note FROM article a JOIN article_version v ON v.article_id = a.id AND v.version = 2
        WHERE a.external_id = $1`,
      [`${prefix}-a`],
    );
    expect(fields.purpose).toBe('Nowy cel');
    expect(note).toBe(`kb:import ${path}`);
  });

  it('as a command: prints each rejected record and the summary, and exits 1', async () => {
    const path = join(dir, 'cli.jsonl');
    await writeFile(path, [JSON.stringify(card('cli')), '{oops'].join('\n'));
    const failed = await run('npx', ['tsx', 'scripts/src/kb-import.ts', path], { cwd: ROOT, env: process.env }).then(
      () => null,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('rejected cli.jsonl:2: invalid JSON');
    expect(failed?.stdout).toContain('created 1, updated 0, unchanged 0, rejected 1');
  }, 60_000);
});

describe('kb:import of a folder of Markdown files', () => {
  it('imports the good files and names the file and line of each bad one', async () => {
    const folder = join(dir, 'md');
    await writeInterchangePath(folder, 'markdown', []);
    await writeFile(
      join(folder, 'good.md'),
      `---\nexternalId: ${prefix}-md\ntype: procedure\ntitle: Procedura z pliku\nresponsibleUnit: DK-03\ntags: [test]\n` +
        `fields:\n  appliesWhen: Zawsze\n  steps:\n    - pierwszy\n    - drugi\n---\n\n# Procedura\n\nTreść.\n`,
    );
    await writeFile(join(folder, 'no-front-matter.md'), '# Tylko tekst\n');
    await writeFile(join(folder, 'bad-yaml.md'), `---\nexternalId: ${prefix}-y\ntitle: [nie zamknięte\n---\nx`);
    await writeFile(
      join(folder, 'bad-field.md'),
      `---\nexternalId: ${prefix}-f\ntype: event\ntitle: Wydarzenie\nfields:\n  place: Rynek\n  startsAt: jutro\n---\nx`,
    );
    await writeFile(join(folder, 'notes.txt'), 'not an article');
    const summary = await kbImport(db, folder);
    expect(summary).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(summary.rejected.map((r) => [r.source, r.line, r.reason])).toEqual([
      ['bad-field.md', 7, expect.stringMatching(/^fields\.startsAt: startsAt must be an ISO-8601 timestamp/)],
      ['bad-yaml.md', expect.any(Number), expect.stringMatching(/^invalid YAML/)],
      ['no-front-matter.md', 1, expect.stringMatching(/does not start with front matter/)],
    ]);
    const [row] = await db.query(`SELECT type, body, fields FROM article WHERE external_id = $1`, [`${prefix}-md`]);
    expect(row).toMatchObject({ type: 'procedure', body: '# Procedura\n\nTreść.' });
    expect(row.fields.steps).toEqual(['pierwszy', 'drugi']);
  });
});

describe('kb:export', () => {
  const seeded = new Set(ARTICLES.map((a) => a.externalId));
  // Only this file's and the seed's articles: others are being edited by parallel test files meanwhile.
  const ours = (id: string) => id.startsWith(`${prefix}-`) || seeded.has(id);

  for (const format of ['jsonl', 'markdown'] as const) {
    it(`writes ${format} that imports back with no change`, async () => {
      const path = join(dir, format === 'jsonl' ? 'export.jsonl' : 'export-md');
      const records = (await exportArticleRecords(db)).filter((r) => ours(r.externalId));
      expect(records.length).toBeGreaterThanOrEqual(ARTICLES.length + 3);
      await writeInterchangePath(path, format, records);
      const entries = (await readInterchangePath(path)).filter((e) =>
        ours((e.value as { externalId: string }).externalId),
      );
      expect(entries).toHaveLength(records.length);
      const summary = await importArticleEntries(db, entries, { actorId: null });
      expect(summary).toEqual({ created: 0, updated: 0, unchanged: records.length, rejected: [] });
    });
  }

  it('as a command: writes one Markdown file per article, front matter first', async () => {
    const folder = join(dir, 'cmd-md');
    const n = await kbExport(db, { path: folder, format: 'markdown', statuses: ['published'] });
    const files = await readdir(folder);
    expect(files).toHaveLength(n);
    expect(files).toContain('zakres-dk-02.md');
    const text = await readFile(join(folder, 'zakres-dk-02.md'), 'utf8');
    expect(text).toMatch(/^---\nexternalId: zakres-dk-02\ntype: unit_scope\nstatus: published\n/);
    expect(text).toContain('responsibleUnit: DK-02');
    expect(text).toContain('poniedziałek–piątek: 07:00–20:00');
    expect(files).not.toContain(`${prefix}-b.md`);
    // What the seed wrote is what the seed data says.
    const seededScope = ARTICLES.find((a) => a.externalId === 'zakres-dk-02')!;
    expect(text).toBe(
      writeMarkdownArticle((await exportArticleRecords(db)).find((r) => r.externalId === 'zakres-dk-02')!),
    );
    expect(text).toContain(String(seededScope.title));
  });
});

describe('the seeded articles', () => {
  it('give every ordinance unit a published unit_scope article with every numbered point of its scope', async () => {
    const rows: { code: string; status: string; scope: string[]; hours: string; body: string }[] = await db.query(
      `SELECT u.code, a.status, ARRAY(SELECT jsonb_array_elements_text(a.fields->'scope')) AS scope,
              a.fields->>'openingHours' AS hours, a.body
         FROM article a JOIN unit u ON u.id = a.unit_id WHERE a.type = 'unit_scope' AND a.external_id LIKE 'zakres-%'`,
    );
    for (const unit of ORDINANCE_UNITS) {
      const row = rows.find((r) => r.code === unit.code);
      expect(row, unit.code).toBeDefined();
      expect(row!.status).toBe('published');
      expect(row!.body).toContain(unit.scope);
      const points = unit.scope.split('\n').filter((line) => /^\d+\.\s/.test(line)).length;
      if (points > 0) expect(row!.scope, unit.code).toHaveLength(points);
    }
    const hotline = rows.find((r) => r.code === 'DK-02')!;
    expect(hotline.hours).toBe('poniedziałek–piątek: 07:00–20:00');
    expect(hotline.scope[3]).toBe('telefoniczne przeprowadzanie ankiet zlecanych przez Kierowników pionów;');
  });
});
