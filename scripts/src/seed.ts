// `npm run seed`: the units, dictionaries, routing rules, knowledge-base articles (through kb:import's path),
// synonym groups and demo users from ../shared/seeds, with demo contacts, answer templates and round-robin for the
// unit workspace. Idempotent: run it again and nothing is duplicated; demo passwords changed since stay.
import { pathToFileURL } from 'node:url';
import type { DataSource, EntityManager } from 'typeorm';
import { config } from '@kck/backend/platform/config';
import { createDataSource } from '@kck/backend/platform/db';
import { createLogger } from '@kck/backend/platform/logger';
import { hashPassword } from '@kck/backend/auth/passwords';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { reindexAllArticles } from '@kck/backend/knowledge/knowledge.service';
import { importArticleEntries } from '@kck/backend/knowledge/interchange/interchange.service';
import { saveSynonymGroups } from '@kck/backend/knowledge/synonyms.service';
import { SearchWriteError, SYNONYM_GROUPS, type SearchEngine } from '@kck/knowledge-base';
import {
  ANSWER_TEMPLATES,
  ARTICLES,
  CALL_TOPICS,
  CATEGORIES,
  CHANNEL_LABELS,
  DEADLINE_POLICIES,
  DEMO_UNIT_CONTACTS,
  DEMO_USERS,
  DISTRICTS,
  UNIT_ASSIGNMENT_MODES,
  UNITS,
} from './seed-data/index.ts';
import { seedSurveys } from './seed-data/surveys.ts';
import { seedStreets } from './seed-data/streets.ts';
import { seedCategoryAttributes } from './seed-data/category-attributes.ts';

export interface SeedSummary {
  units: number;
  dictionaryEntries: number;
  routingRules: number;
  articles: number;
  /** What the article import did: a second run creates and updates nothing. */
  articleImport: { created: number; updated: number; unchanged: number };
  users: number;
  indexed: number;
  /** Set when Meilisearch could not be indexed and search runs on PostgreSQL. */
  searchWarning?: string;
}

async function upsertUnits(em: EntityManager): Promise<Map<string, string>> {
  for (const unit of UNITS) {
    await em.query(
      `INSERT INTO unit (code, name, kind, contacts, opening_hours) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
         contacts = EXCLUDED.contacts, opening_hours = EXCLUDED.opening_hours`,
      [
        unit.code,
        unit.name,
        unit.kind,
        JSON.stringify([...unit.contacts, ...(DEMO_UNIT_CONTACTS[unit.code] ?? [])]),
        JSON.stringify(unit.openingHours),
      ],
    );
  }
  const ids = new Map<string, string>(
    (await em.query(`SELECT code, id FROM unit`)).map((r: { code: string; id: string }) => [r.code, r.id]),
  );
  for (const unit of UNITS) {
    await em.query(`UPDATE unit SET parent_id = $2 WHERE code = $1`, [
      unit.code,
      unit.parentCode ? ids.get(unit.parentCode) : null,
    ]);
  }
  return ids;
}

async function upsertEntries(
  em: EntityManager,
  dictionary: string,
  entries: { code: string; labelPl: string; labelEn: string; parentCode?: string | null }[],
): Promise<Map<string, string>> {
  for (const [index, entry] of entries.entries()) {
    await em.query(
      `INSERT INTO dictionary_entry (dictionary, code, label_pl, label_en, sort_order, parent_id)
       VALUES ($1, $2, $3, $4, $5, (SELECT id FROM dictionary_entry WHERE dictionary = $1 AND code = $6))
       ON CONFLICT (dictionary, code) DO UPDATE SET label_pl = EXCLUDED.label_pl, label_en = EXCLUDED.label_en,
         sort_order = EXCLUDED.sort_order, parent_id = EXCLUDED.parent_id
       -- An entry an analyst has changed (a version row with a person) is theirs now; a re-run seed leaves it be.
       WHERE NOT EXISTS (SELECT 1 FROM dictionary_entry_version v
                          WHERE v.entry_id = dictionary_entry.id AND v.changed_by IS NOT NULL)`,
      [dictionary, entry.code, entry.labelPl, entry.labelEn, index, entry.parentCode ?? null],
    );
  }
  const rows: { code: string; id: string }[] = await em.query(
    `SELECT code, id FROM dictionary_entry WHERE dictionary = $1`,
    [dictionary],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function seed(db: DataSource, search: SearchEngine): Promise<SeedSummary> {
  const counts = await db.transaction(async (em) => {
    const units = await upsertUnits(em);
    // Groups precede their leaves in CATEGORIES, so parents exist when leaves are inserted.
    const categories = await upsertEntries(em, 'category', CATEGORIES);
    await upsertEntries(em, 'call_topic', CALL_TOPICS);
    await upsertEntries(em, 'channel', CHANNEL_LABELS);
    await upsertEntries(em, 'district', DISTRICTS);
    await seedStreets(em);
    await seedCategoryAttributes(em, categories);

    let position = 0;
    for (const category of CATEGORIES) {
      if (!category.routeToUnitCode) continue;
      position += 10;
      // An existing rule for the category (perhaps edited by an admin) is left as it is.
      await em.query(
        `INSERT INTO routing_rule (position, category_id, district_id, unit_id)
         SELECT $1, $2, NULL, $3 WHERE NOT EXISTS (SELECT 1 FROM routing_rule WHERE category_id = $2 AND district_id IS NULL)`,
        [position, categories.get(category.code), units.get(category.routeToUnitCode)],
      );
    }

    // Seeded values win over earlier seeds; policies added by hand for other keys stay.
    for (const policy of DEADLINE_POLICIES) {
      const categoryId = policy.categoryCode === null ? null : categories.get(policy.categoryCode);
      if (categoryId === undefined) throw new Error(`deadline policy for unknown category ${policy.categoryCode}`);
      await em.query(
        `INSERT INTO deadline_policy (ticket_type, category_id, priority, working_days, working_hours, note, channel)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (ticket_type, category_id, priority, channel) WHERE active DO UPDATE SET
           working_days = EXCLUDED.working_days, working_hours = EXCLUDED.working_hours, note = EXCLUDED.note`,
        [
          policy.ticketType,
          categoryId,
          policy.priority,
          policy.workingDays ?? null,
          policy.workingHours ?? null,
          policy.note,
          policy.channel ?? null,
        ],
      );
    }

    for (const user of DEMO_USERS) {
      const exists: unknown[] = await em.query(`SELECT 1 FROM app_user WHERE login = $1`, [user.login]);
      if (exists.length > 0) continue;
      await em.query(
        `INSERT INTO app_user (login, display_name, password_hash, role, unit_id, email) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          user.login,
          user.displayName,
          await hashPassword(user.password),
          user.role,
          user.unitCode ? units.get(user.unitCode) : null,
          user.email ?? null,
        ],
      );
    }
    // Extensions only where none is set: an admin's later choice stays.
    for (const user of DEMO_USERS.filter((u) => u.phoneExtension)) {
      await em.query(
        `UPDATE app_user SET phone_extension = $2 WHERE login = $1 AND phone_extension IS NULL
            AND NOT EXISTS (SELECT 1 FROM app_user WHERE phone_extension = $2)`,
        [user.login, user.phoneExtension],
      );
    }
    // A unit's own templates and its choice of assignment, once made, stay as the unit left them.
    for (const template of ANSWER_TEMPLATES) {
      await em.query(
        `INSERT INTO answer_template (unit_id, name, body) VALUES ($1, $2, $3) ON CONFLICT (unit_id, name) DO NOTHING`,
        [units.get(template.unitCode), template.name, template.body],
      );
    }
    for (const [code, mode] of Object.entries(UNIT_ASSIGNMENT_MODES)) {
      await em.query(`INSERT INTO unit_assignment (unit_id, mode) VALUES ($1, $2) ON CONFLICT (unit_id) DO NOTHING`, [
        units.get(code),
        mode,
      ]);
    }

    // The default synonym groups, until editors have saved their own.
    const synonyms: unknown[] = await em.query(`SELECT 1 FROM knowledge_synonyms WHERE id`);
    if (synonyms.length === 0)
      await saveSynonymGroups(
        em,
        SYNONYM_GROUPS.map((group) => [...group]),
        null,
      );

    // A demo phone survey agents can run at once (written once; analysts' changes stay).
    await seedSurveys(em, units);

    const [{ rules }] = await em.query(`SELECT count(*)::int AS rules FROM routing_rule`);
    return { units: units.size, routingRules: rules as number };
  });

  // Articles go through kb:import's path (each its own transaction, after the units they name are committed).
  const articleImport = await importArticleEntries(
    db,
    ARTICLES.map((article, index) => ({ source: 'seed-data', line: index + 1, value: article })),
    { actorId: null, changeNote: 'seed' },
  );
  if (articleImport.rejected.length > 0) {
    const reasons = articleImport.rejected.map((r) => `${r.externalId ?? `#${r.line}`}: ${r.reason}`);
    throw new Error(`seed articles rejected by the import: ${reasons.join('; ')}`);
  }

  const { indexed, searchWarning } = await indexArticles(db, search);
  return {
    units: counts.units,
    dictionaryEntries: CATEGORIES.length + CALL_TOPICS.length + CHANNEL_LABELS.length + DISTRICTS.length,
    routingRules: counts.routingRules,
    articles: ARTICLES.length,
    articleImport: {
      created: articleImport.created,
      updated: articleImport.updated,
      unchanged: articleImport.unchanged,
    },
    users: DEMO_USERS.length,
    indexed,
    searchWarning,
  };
}

/**
 * Fills the search indexes from the articles. When only Meilisearch fails, the PostgreSQL engine was still
 * filled (the failover engine writes to both), so the hotline can search: seeding goes on with a warning.
 */
async function indexArticles(
  db: DataSource,
  search: SearchEngine,
): Promise<{ indexed: number; searchWarning?: string }> {
  const meiliOnly = (err: unknown): err is SearchWriteError =>
    err instanceof SearchWriteError && err.failures.every((failure) => failure.engine === 'meilisearch');
  let searchWarning: string | undefined;
  for (const step of [() => search.init(), () => reindexAllArticles(db, search)]) {
    try {
      await step();
    } catch (err) {
      if (!meiliOnly(err)) throw err;
      searchWarning ??= `Meilisearch was not indexed (${err.message}); searches use PostgreSQL until a reindex`;
    }
  }
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM kb_search_document`);
  return { indexed: n, searchWarning };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cfg = config();
  const db = createDataSource(cfg.DATABASE_URL, 2);
  const search = createSearchEngine(cfg, createLogger('seed'));
  db.initialize()
    .then(() => seed(db, search.engine))
    .then((summary) => console.log('Seeded:', summary))
    .catch((err) => {
      console.error('Seeding failed:', err);
      process.exitCode = 1;
    })
    .finally(() => Promise.all([db.destroy(), search.close()]));
}
