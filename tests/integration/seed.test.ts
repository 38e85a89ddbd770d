// `npm run seed` is idempotent (a second run changes no counts and keeps existing passwords), gives the units the
// demo workspace settings, and the demo tickets of `npm start` are written once in their states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from '@kck/contracts';
import { seed } from '../../scripts/src/seed.ts';
import { seedDemoTickets } from '../../scripts/src/seed-demo-tickets.ts';
import { ANSWER_TEMPLATES, ARTICLES, DEMO_TICKETS, UNITS } from '../../scripts/src/seed-data/index.ts';
import { createDataSource } from '../../backend/src/platform/db.ts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { createIsolatedEnvironment } from '../support/isolated-environment.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
});
afterAll(() => backend?.close());

const counts = async () =>
  // Only what the seed writes: other test files add their own units and rules meanwhile.
  (
    await backend.ctx.db.query(
      `SELECT
      (SELECT count(*) FROM unit WHERE code = ANY($1))::int AS units,
      (SELECT count(*) FROM dictionary_entry)::int AS entries,
      -- The seed writes only rules for every district; routing-rules.test.ts adds district rules meanwhile.
      (SELECT count(*) FROM routing_rule WHERE district_id IS NULL)::int AS rules,
      (SELECT count(*) FROM article WHERE external_id = ANY($3))::int AS articles,
      (SELECT count(*) FROM app_user WHERE login IN ('agent','triage','drogi','zielen','analityk','redaktor','kierownik','admin'))::int AS demo_users,
      (SELECT count(*) FROM answer_template WHERE name = ANY($2))::int AS templates,
      (SELECT count(*) FROM unit_assignment)::int AS assignment_settings`,
      [
        UNITS.map((unit) => unit.code),
        ANSWER_TEMPLATES.map((template) => template.name),
        ARTICLES.map((article) => article.externalId),
      ],
    )
  )[0];

describe('seed', () => {
  it('adds nothing twice and leaves existing accounts (and their passwords) alone', async () => {
    const before = await counts();
    expect(before).toMatchObject({
      units: 31,
      articles: ARTICLES.length,
      demo_users: 8,
      templates: ANSWER_TEMPLATES.length,
    });
    expect(before.entries).toBeGreaterThanOrEqual(18 + 8 + 6 + 20);
    const hashes = async () => backend.ctx.db.query(`SELECT login, password_hash FROM app_user ORDER BY login`);
    const hashesBefore = await hashes();
    const summary = await seed(backend.ctx.db, backend.ctx.search);
    expect(await counts()).toEqual(before);
    // The articles go through the import: the second run finds every one as it is.
    expect(summary.articleImport).toEqual({ created: 0, updated: 0, unchanged: ARTICLES.length });
    // Other test files add articles meanwhile; the seed's are among those indexed.
    expect(summary.indexed).toBeGreaterThanOrEqual(ARTICLES.length);
    // argon2 salts every hash: a re-hashed password would differ.
    expect(await hashes()).toEqual(hashesBefore);
  });

  it('seeds the 18 districts of Kraków and every unit the ordinances name', async () => {
    const districts = await backend.ctx.db.query(`SELECT code FROM dictionary_entry WHERE dictionary = 'district'`);
    expect(districts).toHaveLength(18);
    const units: { code: string }[] = await backend.ctx.db.query(`SELECT code FROM unit`);
    const codes = units.map((u) => u.code);
    for (const code of [
      'DK-01',
      'DK-02',
      'DK-03',
      'DK-04',
      'DK-05',
      'DK-06',
      'KP-01',
      'KP-02',
      'KP-03',
      'KP-04',
      'KP-05',
      'SZ',
    ]) {
      expect(codes).toContain(code);
    }
  });
});

describe('the demo workspace settings', () => {
  it('give every unit that receives tickets, and DK-03, a contact e-mail on the reserved .example domain', async () => {
    const units: { code: string; emails: string[] }[] = await backend.ctx.db.query(
      `SELECT code, ARRAY(SELECT c->>'email' FROM jsonb_array_elements(contacts) c WHERE c ? 'email') AS emails
         FROM unit WHERE code IN ('ZDMK', 'ZZM', 'MPO', 'DK-03') ORDER BY code`,
    );
    expect(units).toEqual([
      { code: 'DK-03', emails: ['dk03@krakow.example'] },
      { code: 'MPO', emails: ['mpo@krakow.example'] },
      { code: 'ZDMK', emails: ['zdmk@krakow.example'] },
      { code: 'ZZM', emails: ['zzm@krakow.example'] },
    ]);
    // Every unit a routing rule sends tickets to has somewhere for reminders to go.
    const silent = await backend.ctx.db.query(
      `SELECT DISTINCT u.code FROM routing_rule r JOIN unit u ON u.id = r.unit_id
        WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(u.contacts) c WHERE c ? 'email')`,
    );
    expect(silent).toEqual([]);
  });

  it('give ZDMK and ZZM answer templates that use only known placeholders, and ZZM round-robin', async () => {
    const templates: { code: string; name: string; body: string }[] = await backend.ctx.db.query(
      `SELECT u.code, t.name, t.body FROM answer_template t JOIN unit u ON u.id = t.unit_id WHERE t.name = ANY($1)`,
      [ANSWER_TEMPLATES.map((template) => template.name)],
    );
    for (const code of ['ZDMK', 'ZZM']) expect(templates.filter((t) => t.code === code).length).toBeGreaterThan(1);
    for (const template of templates) {
      expect(unknownPlaceholders(template.body), template.name).toEqual([]);
      expect(template.body).toMatch(new RegExp(`\\{\\{(${TEMPLATE_PLACEHOLDERS.join('|')})\\}\\}`));
    }
    const [zzm] = await backend.ctx.db.query(
      `SELECT a.mode FROM unit_assignment a JOIN unit u ON u.id = a.unit_id WHERE u.code = 'ZZM'`,
    );
    expect(zzm).toEqual({ mode: 'round_robin' });
  });
});

describe('the demo tickets of npm start', () => {
  it('are written once, numbered, in each state the console shows', async () => {
    // A database of their own: they are not part of the seed other test files rely on.
    const environment = await createIsolatedEnvironment('demo');
    const db = createDataSource(environment.databaseUrl, 2);
    await db.initialize();
    try {
      expect(await seedDemoTickets(db)).toBe(DEMO_TICKETS.length);
      expect(await seedDemoTickets(db)).toBe(0);
      const rows: { title: string; number: string; status: string; unit: string; waiting: boolean; late: boolean }[] =
        await db.query(
          `SELECT t.title, t.number, t.status, u.code AS unit, t.waiting_since IS NOT NULL AS waiting,
                  t.due_at < now() AS late
             FROM ticket t JOIN unit u ON u.id = t.unit_id`,
        );
      expect(rows).toHaveLength(DEMO_TICKETS.length);
      const byState = Object.fromEntries(
        DEMO_TICKETS.map((demo) => [demo.state, rows.find((row) => row.title === demo.title)!]),
      );
      expect(byState.triage).toMatchObject({ status: 'triage', unit: 'DK-03' });
      expect(byState.routed).toMatchObject({ status: 'routed', unit: 'ZDMK', late: false });
      expect(byState.in_progress).toMatchObject({ status: 'in_progress', unit: 'ZDMK' });
      expect(byState.waiting).toMatchObject({ status: 'in_progress', unit: 'ZZM', waiting: true });
      expect(byState.overdue).toMatchObject({ status: 'accepted', unit: 'ZZM', late: true });
      expect(byState.resolved).toMatchObject({ status: 'resolved', unit: 'ZDMK' });
      for (const row of rows) expect(row.number).toMatch(/^KCK\/\d{4}\/\d{6}$/);
      const [{ internal }] = await db.query(
        `SELECT count(*)::int AS internal FROM ticket_comment WHERE kind = 'internal'`,
      );
      expect(internal).toBe(1);
    } finally {
      await db.destroy();
      await environment.drop();
    }
  }, 60_000);
});

describe('seed when Meilisearch does not answer', () => {
  it('still fills the PostgreSQL search engine and says Meilisearch was not indexed', async () => {
    const down = await startTestBackend({ relay: false, config: { MEILI_URL: 'http://127.0.0.1:1' } });
    try {
      const summary = await seed(down.ctx.db, down.ctx.search);
      // Only published articles are indexed.
      const [{ n }] = await down.ctx.db.query(`SELECT count(*)::int AS n FROM article WHERE status = 'published'`);
      expect(summary.indexed).toBe(n);
      expect(summary.searchWarning).toMatch(/^Meilisearch was not indexed/);
    } finally {
      await down.close();
    }
  });
});
