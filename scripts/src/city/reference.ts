// What the generated city is made of, read from a migrated and seeded database: units, the category tree,
// districts and streets, call topics, articles, routing rules, deadline policies, category questions, and staff
// (the hotline's agents, DK-03's triage team and each unit's staff, created here as a city of 800,000 needs).
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { CHANNELS, ROLES, TRIAGE_UNIT_CODE, HOTLINE_UNIT_CODE, type AttributeRule } from '@kck/contracts';
import { deadlineRules, type DeadlineRules } from '@kck/backend/deadlines/deadline-policies';
import { hashPassword } from '@kck/backend/auth/passwords';
import { DEMO_PASSWORD } from '../seed-data/index.ts';
import { Random, mixSeed } from './random.ts';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES, femaleSurname } from './texts.ts';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  parentIdx: number;
  active: boolean;
  emails: string[];
}

export interface CategoryRef {
  id: string;
  code: string;
  labelPl: string;
  parentIdx: number;
  leaf: boolean;
  active: boolean;
}

export interface RuleRef {
  id: string;
  position: number;
  name: string | null;
  categoryLabel: string;
  unitIdx: number;
  /** Active units kept informed, besides the rule's own unit, by code (as routing.service.ts reads them). */
  informedIdx: number[];
}

export interface UserRef {
  id: string;
  login: string;
  displayName: string;
  role: string;
  unitIdx: number;
  email: string | null;
}

export interface Reference {
  units: UnitRef[];
  unitIdx: Map<string, number>;
  categories: CategoryRef[];
  categoryIdx: Map<string, number>;
  districts: { id: string; code: string }[];
  /** Street names with their prefix, per district index. */
  streets: string[][];
  topics: { id: string; code: string }[];
  articles: { id: string; type: string; title: string }[];
  rules: RuleRef[];
  ruleIdx: Map<string, number>;
  /** True when some active rule has keywords: routing must read each ticket's words. */
  keywordRules: boolean;
  users: UserRef[];
  attributeRules: Map<string, AttributeRule[]>;
  deadlines: DeadlineRules;
  channels: string[];
  /** KP-02's matters have a row of their own beside the ticket (when the schema has it). */
  mayorMatterTable: boolean;
  survey: { id: string; questions: SurveyQuestionRef[] } | null;
}

export interface SurveyQuestionRef {
  id: string;
  position: number;
  kind: string;
  required: boolean;
  options: { id: string }[];
  scaleMin: number | null;
  scaleMax: number | null;
}

export interface StaffNeeds {
  agents: number;
  triage: number;
  /** Unit code → staff wanted. */
  unitStaff: Map<string, number>;
  mayorOffice: number;
}

export const GENERATED_LOGIN_PREFIX = 'city-';

const loginPart = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Creates the staff the city needs, on top of the seeded users (who take part too). Idempotent by login: a second
 * run adds only what is missing. Everyone gets the demo password, so any of them can sign in to look around.
 */
export async function ensureStaff(client: pg.Client, needs: StaffNeeds, seed: number): Promise<number> {
  const units = new Map<string, string>(
    (await client.query<{ code: string; id: string }>(`SELECT code, id FROM unit`)).rows.map((r) => [r.code, r.id]),
  );
  const wanted: { login: string; role: string; unitCode: string }[] = [];
  const add = (prefix: string, count: number, role: string, unitCode: string, width: number) => {
    for (let i = 1; i <= count; i++)
      wanted.push({ login: `${GENERATED_LOGIN_PREFIX}${prefix}-${String(i).padStart(width, '0')}`, role, unitCode });
  };
  add('agent', needs.agents, 'agent', HOTLINE_UNIT_CODE, 3);
  add('triage', needs.triage, 'triage', TRIAGE_UNIT_CODE, 2);
  for (const [code, count] of needs.unitStaff) if (units.has(code)) add(loginPart(code), count, 'unit_staff', code, 2);
  if (needs.mayorOffice > 0 && units.has('KP-02')) {
    // KP-02's own role once contracts have it; until then its people are the unit's staff.
    const role = (ROLES as readonly string[]).includes('mayor_office') ? 'mayor_office' : 'unit_staff';
    add('kp02', needs.mayorOffice, role, 'KP-02', 2);
  }
  const existing = new Set(
    (
      await client.query<{ login: string }>(`SELECT login FROM app_user WHERE login LIKE $1`, [
        `${GENERATED_LOGIN_PREFIX}%`,
      ])
    ).rows.map((r) => r.login),
  );
  const missing = wanted.filter((w) => !existing.has(w.login));
  if (missing.length === 0) return 0;
  const hash = await hashPassword(DEMO_PASSWORD);
  const names = missing.map((w) => {
    const rnd = new Random(mixSeed(seed, 0x5eed, ...[...w.login].map((c) => c.charCodeAt(0))));
    const surname = rnd.pick(SURNAMES);
    return rnd.chance(0.62)
      ? `${rnd.pick(FEMALE_NAMES)} ${femaleSurname(surname)}`
      : `${rnd.pick(MALE_NAMES)} ${surname}`;
  });
  await client.query(
    `INSERT INTO app_user (login, display_name, password_hash, role, unit_id)
     SELECT w.login, w.name, $4, w.role, (SELECT id FROM unit WHERE code = w.unit)
       FROM unnest($1::text[], $2::text[], $3::text[], $5::text[]) AS w(login, name, role, unit)
     ON CONFLICT (login) DO NOTHING`,
    [missing.map((w) => w.login), names, missing.map((w) => w.role), hash, missing.map((w) => w.unitCode)],
  );
  return missing.length;
}

export async function loadReference(client: pg.Client, db: DataSource): Promise<Reference> {
  const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    (await client.query<T>(sql, params)).rows;

  const unitRows = await q<{
    id: string;
    code: string;
    name: string;
    parent_id: string | null;
    active: boolean;
    contacts: { email?: string }[];
  }>(`SELECT id, code, name, parent_id, active, contacts FROM unit ORDER BY code`);
  const unitIdx = new Map(unitRows.map((u, i) => [u.code, i]));
  const unitById = new Map(unitRows.map((u, i) => [u.id, i]));
  const units: UnitRef[] = unitRows.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    parentIdx: u.parent_id ? (unitById.get(u.parent_id) ?? -1) : -1,
    active: u.active,
    emails: (u.contacts ?? []).map((c) => c.email).filter((e): e is string => Boolean(e)),
  }));

  const categoryRows = await q<{
    id: string;
    code: string;
    label_pl: string;
    parent_id: string | null;
    active: boolean;
  }>(
    `SELECT id, code, label_pl, parent_id, active FROM dictionary_entry WHERE dictionary = 'category' ORDER BY sort_order, code`,
  );
  const categoryById = new Map(categoryRows.map((c, i) => [c.id, i]));
  const parents = new Set(categoryRows.map((c) => c.parent_id).filter(Boolean));
  const categories: CategoryRef[] = categoryRows.map((c) => ({
    id: c.id,
    code: c.code,
    labelPl: c.label_pl,
    parentIdx: c.parent_id ? (categoryById.get(c.parent_id) ?? -1) : -1,
    leaf: !parents.has(c.id),
    active: c.active,
  }));

  const districts = await q<{ id: string; code: string }>(
    `SELECT id, code FROM dictionary_entry WHERE dictionary = 'district' AND active ORDER BY sort_order, code`,
  );
  const districtById = new Map(districts.map((d, i) => [d.id, i]));
  const streets: string[][] = districts.map(() => []);
  for (const s of await q<{ prefix: string | null; name: string; district_id: string }>(
    `SELECT prefix, name, district_id FROM street ORDER BY name, district_id`,
  )) {
    const d = districtById.get(s.district_id);
    if (d !== undefined) streets[d]!.push(s.prefix ? `${s.prefix} ${s.name}` : s.name);
  }

  const topics = await q<{ id: string; code: string }>(
    `SELECT id, code FROM dictionary_entry WHERE dictionary = 'call_topic' AND active ORDER BY sort_order, code`,
  );
  const articles = await q<{ id: string; type: string; title: string }>(
    `SELECT id, type, title FROM article ORDER BY slug`,
  );

  const ruleRows = await q<{
    id: string;
    position: number;
    name: string | null;
    category_label: string;
    unit_id: string;
    informed_unit_ids: string[];
    keywords: string[];
  }>(
    `SELECT r.id, r.position, r.name, c.label_pl AS category_label, r.unit_id, r.informed_unit_ids, r.keywords
       FROM routing_rule r JOIN dictionary_entry c ON c.id = r.category_id WHERE r.active ORDER BY r.position, r.id`,
  );
  const rules: RuleRef[] = ruleRows.map((r) => ({
    id: r.id,
    position: r.position,
    name: r.name,
    categoryLabel: r.category_label,
    unitIdx: unitById.get(r.unit_id)!,
    informedIdx: r.informed_unit_ids
      .map((id) => unitById.get(id))
      .filter((i): i is number => i !== undefined && units[i]!.active && units[i]!.id !== r.unit_id)
      .sort((a, b) => (units[a]!.code < units[b]!.code ? -1 : 1)),
  }));

  const users = (
    await q<{
      id: string;
      login: string;
      display_name: string;
      role: string;
      unit_id: string | null;
      email: string | null;
    }>(
      `SELECT u.id, u.login, u.display_name, u.role, u.unit_id, u.email FROM app_user u
        WHERE u.active AND NOT EXISTS (SELECT 1 FROM unit_integration ui WHERE ui.system_user_id = u.id)
        ORDER BY u.login`,
    )
  ).map((u) => ({
    id: u.id,
    login: u.login,
    displayName: u.display_name,
    role: u.role,
    unitIdx: u.unit_id ? (unitById.get(u.unit_id) ?? -1) : -1,
    email: u.email,
  }));

  const attributeRules = new Map<string, AttributeRule[]>();
  for (const row of await q<AttributeRule & { category_id: string }>(
    `SELECT category_id, code, datatype, required, "values", active FROM category_attribute ORDER BY category_id, position`,
  )) {
    const { category_id, ...rule } = row;
    attributeRules.set(category_id, [...(attributeRules.get(category_id) ?? []), rule]);
  }

  const [{ exists: mayorMatterTable }] = (await q<{ exists: boolean }>(
    `SELECT to_regclass('public.mayor_matter') IS NOT NULL AS exists`,
  )) as [{ exists: boolean }];

  const surveyRows = await q<{ id: string }>(
    `SELECT id FROM survey WHERE title = 'Jakość obsługi Infolinii Miejskiej' ORDER BY created_at LIMIT 1`,
  );
  let survey: Reference['survey'] = null;
  if (surveyRows[0]) {
    const questions = await q<{
      id: string;
      position: number;
      kind: string;
      required: boolean;
      options: { id: string }[];
      scale_min: number | null;
      scale_max: number | null;
    }>(
      `SELECT id, position, kind, required, options, scale_min, scale_max FROM survey_question WHERE survey_id = $1 ORDER BY position`,
      [surveyRows[0].id],
    );
    survey = {
      id: surveyRows[0].id,
      questions: questions.map((x) => ({
        id: x.id,
        position: x.position,
        kind: x.kind,
        required: x.required,
        options: x.options,
        scaleMin: x.scale_min,
        scaleMax: x.scale_max,
      })),
    };
  }

  return {
    units,
    unitIdx,
    categories,
    categoryIdx: new Map(categories.map((c, i) => [c.code, i])),
    districts,
    streets,
    topics,
    articles,
    rules,
    ruleIdx: new Map(rules.map((r, i) => [r.id, i])),
    keywordRules: ruleRows.some((r) => r.keywords.length > 0),
    users,
    attributeRules,
    deadlines: await deadlineRules(db),
    channels: [...CHANNELS],
    mayorMatterTable,
    survey,
  };
}
