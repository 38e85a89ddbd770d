// Writes the planned city into PostgreSQL set-based: each batch is one INSERT … SELECT FROM unnest(arrays), the
// next batch built while the database writes the last. Ids come from the seed and each row's time (ids.ts), so a
// ticket's events find it without reading it back. The real schema's indexes and constraints
// stay in place; nothing goes to the outbox, BullMQ or mail.
import type pg from 'pg';
import { formatPhone, HANGUP_CAUSES, NO_OUTCOME, type CallSet, type SearchSet } from './calls.ts';
import { CALL_OUTCOMES } from '@kck/contracts';
import { COMMENT_KINDS, CHANGES_FROM_TICKET, K, KINDS, type EventStore } from './events.ts';
import { STATUSES } from './life.ts';
import { ID } from './random.ts';
import { uuidArray, type CityIds } from './ids.ts';
import type { Reference } from './reference.ts';
import { INFORMATION_GIVEN } from './texts.ts';
import { PRIORITIES, TYPES, describeTicket, type TicketSet } from './tickets.ts';

/** +48 12 616 12 00: the city hotline (as cti-sim dials it). */
export const HOTLINE_NUMBER = '+48 12 616 12 00';

export type Log = (line: string) => void;

/** `{1,2,NULL}` for an int or float array; pg's own conversion is slow on millions of numbers. */
function numbers(values: ArrayLike<number>, from: number, to: number, isNull?: (v: number) => boolean): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    parts[i - from] = Number.isNaN(v) || isNull?.(v) ? 'NULL' : String(v);
  }
  return `{${parts.join(',')}}`;
}

const ts = (column: string) => `to_timestamp(${column} / 1000.0)`;

const FIELD = '\u001e';
const NULL_MARK = '\u001f';

/**
 * Texts as one string the database splits (split()): pg's own array conversion escapes every element, which cost
 * more than building the batch. The two control characters never occur in the generator's texts.
 */
function textList(values: readonly (string | null)[], checked = false): string {
  if (!checked)
    for (const v of values)
      if (v !== null && (v.includes(FIELD) || v.includes(NULL_MARK))) throw new Error(`a control character in ${v}`);
  return values.map((v) => (v === null ? NULL_MARK : v)).join(FIELD);
}

const split = (param: string) => `string_to_array(${param}, chr(30), chr(31))`;

const bools = (values: readonly boolean[]) => `{${values.map((v) => (v ? 't' : 'f')).join(',')}}`;
const nullable = (values: readonly (number | null)[]) => `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;

/** One progress line per batch: rows so far, rows a second. */
export class Progress {
  private readonly started = performance.now();
  private done = 0;
  /** Milliseconds spent building batches in JavaScript (the rest is the database). */
  building = 0;

  constructor(
    private readonly log: Log,
    private readonly what: string,
    private readonly total: number,
  ) {}

  add(rows: number): void {
    this.done += rows;
    const seconds = (performance.now() - this.started) / 1000;
    this.log(
      `${this.what}: ${this.done.toLocaleString('en')}/${this.total.toLocaleString('en')} (${Math.round(this.done / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s, ${Math.round((100 * this.building) / 1000 / Math.max(seconds, 0.001))}% building)`,
    );
  }

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}

/**
 * Runs the batches on every connection at once: each connection writes one batch while the next is built.
 * Batches must not depend on each other's rows (calls defer their call-back links; tickets write in order).
 */
async function pipeline(
  clients: pg.Client[],
  total: number,
  size: number,
  build: (from: number, to: number) => { sql: string; params: unknown[] },
  progress: Progress,
): Promise<void> {
  const running = new Map<pg.Client, Promise<void>>();
  for (let from = 0; from < total; from += size) {
    const to = Math.min(total, from + size);
    const built = performance.now();
    const query = build(from, to);
    progress.building += performance.now() - built;
    let client = clients.find((c) => !running.has(c));
    if (!client) {
      await Promise.race(running.values());
      client = clients.find((c) => !running.has(c))!;
    }
    const chosen = client;
    running.set(
      chosen,
      chosen.query(query.sql, query.params).then(() => {
        running.delete(chosen);
        progress.add(to - from);
      }),
    );
  }
  await Promise.all(running.values());
}

/** Tables the generator writes. */
export const WRITTEN_TABLES = [
  'app_user',
  'interaction',
  'knowledge_search',
  'ticket',
  'ticket_event',
  'ticket_comment',
  'deadline_alert',
  'ticket_rating',
  'survey',
  'survey_question',
  'survey_response',
  'survey_answer',
  'ticket_number_counter',
];

/**
 * Whether rows can be loaded without row-by-row foreign-key triggers (session_replication_role = replica): only
 * as a superuser, and only when no table written has an INSERT trigger of its own (a rollup fed by a trigger must
 * see every row). The keys are then checked set-based by verifyForeignKeys.
 */
export async function canLoadInBulk(client: pg.Client, tables: string[]): Promise<{ bulk: boolean; why: string }> {
  const [{ rolsuper }] = (
    await client.query<{ rolsuper: boolean }>(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)
  ).rows as [{ rolsuper: boolean }];
  if (!rolsuper) return { bulk: false, why: 'not a superuser: foreign keys are checked row by row' };
  const { rows } = await client.query<{ name: string }>(
    `SELECT tgrelid::regclass || '.' || tgname AS name FROM pg_trigger
      WHERE NOT tgisinternal AND tgtype & 4 <> 0 AND tgrelid = ANY(SELECT to_regclass(t) FROM unnest($1::text[]) t)`,
    [tables],
  );
  if (rows.length > 0)
    return { bulk: false, why: `INSERT triggers (${rows.map((r) => r.name).join(', ')}): keys checked row by row` };
  return { bulk: true, why: 'foreign keys checked set-based after loading' };
}

/** Every single- or multi-column foreign key of the tables, checked with one anti-join each; throws on a dangling one. */
export async function verifyForeignKeys(client: pg.Client, tables: string[], log: Log): Promise<number> {
  const { rows } = await client.query<{ name: string; child: string; parent: string; cols: string[]; pcols: string[] }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols,
            ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS pcols
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid = ANY(SELECT to_regclass(t) FROM unnest($1::text[]) t)
      ORDER BY 2, 1`,
    [tables],
  );
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const fk of rows) {
    const notNull = fk.cols.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ');
    const match = fk.cols.map((c, k) => `p.${q(fk.pcols[k]!)} = c.${q(c)}`).join(' AND ');
    const { rows: bad } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${fk.child} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE ${match})`,
    );
    if (Number(bad[0]!.n) > 0) throw new Error(`${bad[0]!.n} rows of ${fk.child} break foreign key ${fk.name}`);
  }
  log(`foreign keys: ${rows.length} checked, none broken`);
  return rows.length;
}

export class Writer {
  constructor(
    private readonly clients: pg.Client[],
    private readonly ref: Reference,
    private readonly ids: CityIds,
    private readonly log: Log,
    private readonly batch: number,
  ) {}

  /** Commits that do not wait for the disk: a lost batch means generating again, nothing more. */
  private bulk = false;

  async setup(bulk: boolean): Promise<void> {
    this.bulk = bulk;
    for (const client of this.clients) {
      await client.query(`SET synchronous_commit = off`);
      if (bulk) await client.query(`SET session_replication_role = replica`);
    }
  }

  private get client(): pg.Client {
    return this.clients[0]!;
  }

  private users(): string[] {
    return this.ref.users.map((u) => u.id);
  }

  async calls(calls: CallSet): Promise<{ seconds: number; deferred: number }> {
    const progress = new Progress(this.log, 'calls', calls.n);
    const users = this.users();
    const topics = this.ref.topics.map((t) => t.id);
    const articles = this.ref.articles.map((a) => a.id);
    const infoTexts: string[] = [];
    const infoBase = new Map<string, number>();
    for (const [code, list] of Object.entries(INFORMATION_GIVEN)) {
      infoBase.set(code, infoTexts.length);
      infoTexts.push(...list);
    }
    const deferred: [number, number][] = [];
    const sql = `
      INSERT INTO interaction (id, channel, agent_id, caller_phone, started_at, ended_at, topic_id, outcome,
                               information_given, notes, article_ids, created_at, state, direction, answered_at,
                               agent_assigned_at, recorded_at, called_number, queue_name, hangup_cause, version,
                               callback_done_at, callback_done_by, callback_call_id)
      SELECT x.id, 'phone', ($1::uuid[])[x.agent + 1], x.phone, ${ts('x.started')},
             ${ts('x.ended')}, ($2::uuid[])[x.topic + 1], ($4::text[])[x.outcome + 1],
             CASE WHEN x.missed THEN '' ELSE coalesce(($5::text[])[x.info + 1], '') END, '',
             array_remove(ARRAY[($3::uuid[])[x.a1 + 1], ($3::uuid[])[x.a2 + 1]], NULL), ${ts('x.started')},
             CASE WHEN x.missed THEN 'missed' ELSE 'recorded' END, CASE WHEN x.outbound THEN 'out' ELSE 'in' END,
             ${ts('x.answered')}, ${ts('x.offered')}, ${ts('x.recorded')},
             CASE WHEN x.outbound THEN x.phone ELSE '${HOTLINE_NUMBER}' END,
             CASE WHEN x.outbound THEN NULL ELSE 'infolinia' END, ($6::text[])[x.hangup + 1],
             CASE WHEN x.missed THEN 2 ELSE 4 END, ${ts('x.callback_at')}, ($1::uuid[])[x.callback_by + 1],
             x.callback_call
        FROM unnest($7::uuid[], $8::int[], ${split('$9')}, $10::float8[], $11::float8[], $12::int[], $13::int[], $14::int[],
                    $15::int[], $16::int[], $17::bool[], $18::bool[], $19::float8[], $20::float8[], $21::float8[],
                    $22::int[], $23::float8[], $24::int[], $25::uuid[])
          AS x(id, agent, phone, started, ended, topic, outcome, info, a1, a2, missed, outbound, answered, offered,
               recorded, hangup, callback_at, callback_by, callback_call)`;
    await pipeline(
      this.clients,
      calls.n,
      this.batch,
      (from, to) => {
        const n: number[] = [];
        const phones: (string | null)[] = [];
        const info: number[] = [];
        const missed: boolean[] = [];
        const outbound: boolean[] = [];
        const callbackCall: number[] = [];
        for (let c = from; c < to; c++) {
          n.push(c);
          phones.push(formatPhone(calls.phone[c]!));
          const topic = this.ref.topics[calls.topic[c]!]?.code ?? 'other';
          info.push((infoBase.get(topic) ?? infoBase.get('other')!) + calls.info[c]!);
          missed.push(calls.missed[c] === 1);
          outbound.push(calls.outbound[c] === 1);
          // A call-back call written in a later batch does not exist yet: linked once every call is in.
          const back = calls.callbackCall[c]!;
          if (back >= to) deferred.push([c, back]);
          callbackCall.push(back >= to ? -1 : back);
        }
        return {
          sql,
          params: [
            users,
            topics,
            articles,
            CALL_OUTCOMES,
            infoTexts,
            HANGUP_CAUSES,
            uuidArray(n.map((c) => this.ids.call(c))),
            numbers(calls.agent, from, to),
            textList(phones),
            numbers(calls.started, from, to),
            numbers(calls.ended, from, to),
            numbers(calls.topic, from, to),
            numbers(calls.outcome, from, to, (v) => v === NO_OUTCOME),
            `{${info.join(',')}}`,
            numbers(calls.article1, from, to),
            numbers(calls.article2, from, to),
            bools(missed),
            bools(outbound),
            numbers(calls.answered, from, to),
            numbers(calls.offered, from, to),
            numbers(calls.recorded, from, to),
            numbers(calls.hangup, from, to),
            numbers(calls.callbackAt, from, to),
            numbers(calls.callbackBy, from, to),
            uuidArray(callbackCall.map((c) => this.ids.call(c))),
          ],
        };
      },
      progress,
    );
    for (let k = 0; k < deferred.length; k += this.batch) {
      const part = deferred.slice(k, k + this.batch);
      await this.client.query(
        `UPDATE interaction i SET callback_call_id = x.back
           FROM unnest($1::uuid[], $2::uuid[]) AS x(id, back) WHERE i.id = x.id`,
        [uuidArray(part.map(([c]) => this.ids.call(c))), uuidArray(part.map(([, b]) => this.ids.call(b)))],
      );
    }
    return { seconds: progress.seconds, deferred: deferred.length };
  }

  async searches(searches: SearchSet, calls: CallSet): Promise<number> {
    const progress = new Progress(this.log, 'knowledge searches', searches.n);
    const users = this.users();
    const articles = this.ref.articles.map((a) => a.id);
    const sql = `
      INSERT INTO knowledge_search (id, at, user_id, query, results_count, engine, filters, chosen_article_id, chosen_at)
      SELECT x.id, ${ts('x.at')}, ($1::uuid[])[x.agent + 1], ($3::text[])[x.query + 1], x.results,
             CASE WHEN x.postgres THEN 'postgres' ELSE 'meilisearch' END, '{}', ($2::uuid[])[x.chosen + 1],
             CASE WHEN x.chosen >= 0 THEN ${ts('x.at')} + interval '1 second' * (3 + x.n % 17) END
        FROM unnest($4::int[], $5::float8[], $6::int[], $7::int[], $8::int[], $9::int[], $10::bool[], $11::uuid[])
          AS x(n, at, agent, query, results, chosen, postgres, id)`;
    await pipeline(
      this.clients,
      searches.n,
      this.batch,
      (from, to) => {
        const agents: number[] = [];
        const postgres: boolean[] = [];
        const n: number[] = [];
        for (let k = from; k < to; k++) {
          n.push(k);
          agents.push(calls.agent[searches.call[k]!]!);
          postgres.push(searches.postgres[k] === 1);
        }
        return {
          sql,
          params: [
            users,
            articles,
            searches.queries,
            `{${n.join(',')}}`,
            numbers(searches.at, from, to),
            `{${agents.join(',')}}`,
            numbers(searches.query, from, to),
            numbers(searches.results, from, to),
            numbers(searches.chosen, from, to),
            postgres,
            uuidArray(n.map((k) => this.ids.row(ID.search, searches.at[k]!, k))),
          ],
        };
      },
      progress,
    );
    return progress.seconds;
  }

  async tickets(tickets: TicketSet, calls: CallSet, texts: string[]): Promise<number> {
    const { ref } = this;
    const seed = this.ids.seed;
    const progress = new Progress(this.log, 'tickets', tickets.n);
    const users = this.users();
    const units = ref.units.map((u) => u.id);
    const categories = ref.categories.map((c) => c.id);
    const districts = ref.districts.map((d) => d.id);
    const rules = ref.rules.map((r) => r.id);
    const informed = ref.rules.map((r) => `{${r.informedIdx.map((u) => ref.units[u]!.id).join(',')}}`);
    const sql = `
      INSERT INTO ticket (id, number, type, channel, status, title, description, category_id, district_id, address,
                          reporter_name, reporter_phone, reporter_email, unit_id, routing_rule_id, due_at, resolution,
                          interaction_id, created_by, created_at, updated_at, version, informed_unit_ids, priority,
                          waiting_since, waiting_question, escalated_at, assignee_id, duplicate_of_id, idea_decision,
                          latitude, longitude, attributes)
      SELECT x.id, x.number, x.type, x.channel, x.status, x.title, x.description,
             ($1::uuid[])[x.category + 1], ($2::uuid[])[x.district + 1], x.address, x.name, x.phone, x.email,
             ($3::uuid[])[x.unit + 1], ($4::uuid[])[x.rule + 1], ${ts('x.due')}, x.resolution,
             x.call, ($5::uuid[])[x.created_by + 1],
             ${ts('x.created')}, ${ts('x.updated')}, x.version,
             CASE WHEN x.informed THEN ($6::text[])[x.rule + 1]::uuid[] ELSE '{}' END, x.priority,
             ${ts('x.waiting_since')}, x.question, ${ts('x.escalated')}, ($5::uuid[])[x.assignee + 1],
             x.duplicate_of, x.idea,
             x.lat, x.lon, coalesce(x.attributes::jsonb, '{}')
        FROM unnest($7::uuid[], ${split('$8')}, ${split('$9')}, ${split('$10')}, ${split('$11')}, ${split('$12')}, ${split('$13')}, $14::int[],
                    $15::int[], ${split('$16')}, ${split('$17')}, ${split('$18')}, ${split('$19')}, $20::int[], $21::int[],
                    $22::float8[], ${split('$23')}, $24::uuid[], $25::int[], $26::float8[], $27::float8[], $28::int[],
                    $29::bool[], ${split('$30')}, $31::float8[], ${split('$32')}, $33::float8[], $34::int[], $35::uuid[],
                    ${split('$36')}, $37::float8[], $38::float8[], ${split('$39')})
          AS x(id, number, type, channel, status, title, description, category, district, address, name, phone, email,
               unit, rule, due, resolution, call, created_by, created, updated, version, informed, priority,
               waiting_since, question, escalated, assignee, duplicate_of, idea, lat, lon, attributes)`;
    // Row by row, a duplicate's main ticket must be committed before it: one connection, in order.
    await pipeline(
      this.bulk ? this.clients : [this.client],
      tickets.n,
      this.batch,
      (from, to) => {
        const cols = {
          n: [] as number[],
          number: [] as string[],
          type: [] as string[],
          channel: [] as string[],
          status: [] as string[],
          title: [] as string[],
          description: [] as string[],
          address: [] as (string | null)[],
          name: [] as (string | null)[],
          phone: [] as (string | null)[],
          email: [] as (string | null)[],
          resolution: [] as (string | null)[],
          informed: [] as boolean[],
          priority: [] as string[],
          question: [] as (string | null)[],
          idea: [] as (string | null)[],
          lat: [] as (number | null)[],
          lon: [] as (number | null)[],
          attributes: [] as (string | null)[],
        };
        for (let i = from; i < to; i++) {
          const d = describeTicket(tickets, ref, calls, seed, i);
          cols.n.push(i);
          cols.number.push(tickets.number(i));
          cols.type.push(TYPES[tickets.type[i]!]!);
          cols.channel.push(ref.channels[tickets.channel[i]!]!);
          cols.status.push(STATUSES[tickets.status[i]!]!);
          cols.title.push(d.title);
          cols.description.push(d.description);
          cols.address.push(d.address);
          cols.name.push(d.name);
          cols.phone.push(d.phone);
          cols.email.push(d.email);
          cols.resolution.push(tickets.resolution[i]! >= 0 ? texts[tickets.resolution[i]!]! : null);
          cols.informed.push(tickets.informed[i] === 1 && tickets.finalRule[i]! >= 0);
          cols.priority.push(PRIORITIES[tickets.priority[i]!]!);
          cols.question.push(tickets.waitingQuestion[i]! >= 0 ? texts[tickets.waitingQuestion[i]!]! : null);
          cols.idea.push(
            tickets.ideaDecision[i] === 1 ? 'accepted' : tickets.ideaDecision[i] === 2 ? 'rejected' : null,
          );
          cols.lat.push(d.latitude);
          cols.lon.push(d.longitude);
          const attributes = tickets.attributeId[i]!;
          cols.attributes.push(attributes >= 0 ? tickets.attributes.values[attributes]! : null);
        }
        return {
          sql,
          params: [
            categories,
            districts,
            units,
            rules,
            users,
            informed,
            uuidArray(cols.n.map((i) => this.ids.ticket(i))),
            textList(cols.number),
            textList(cols.type),
            textList(cols.channel),
            textList(cols.status),
            textList(cols.title),
            textList(cols.description),
            numbers(tickets.category, from, to),
            numbers(tickets.district, from, to),
            textList(cols.address),
            textList(cols.name),
            textList(cols.phone),
            textList(cols.email),
            numbers(tickets.unit, from, to),
            numbers(tickets.finalRule, from, to),
            numbers(tickets.due, from, to),
            textList(cols.resolution),
            uuidArray(Array.from(tickets.call.subarray(from, to), (c) => this.ids.call(c))),
            numbers(tickets.createdBy, from, to),
            numbers(tickets.created, from, to),
            numbers(tickets.updatedAt, from, to),
            numbers(tickets.version, from, to),
            bools(cols.informed),
            textList(cols.priority),
            numbers(tickets.waitingSince, from, to),
            textList(cols.question),
            numbers(tickets.escalatedAt, from, to),
            numbers(tickets.assignee, from, to),
            uuidArray(Array.from(tickets.duplicateOf.subarray(from, to), (i) => this.ids.ticket(i))),
            textList(cols.idea),
            nullable(cols.lat),
            nullable(cols.lon),
            textList(cols.attributes),
          ],
        };
      },
      progress,
    );
    return progress.seconds;
  }

  /**
   * The history in time order, with explicit ids from `firstId`, so ids follow time as on a live system. Comments,
   * deadline alerts and ratings are written with their events, in the same statement.
   */
  async events(store: EventStore, order: Uint32Array, tickets: TicketSet, firstId: number): Promise<number> {
    const progress = new Progress(this.log, 'ticket events', store.n);
    const users = this.users();
    const commentKinds = KINDS.map((k) => COMMENT_KINDS[k] ?? null);
    const sql = `
      WITH x AS MATERIALIZED (
        SELECT x.id, x.ticket_id, x.kind, ($1::uuid[])[x.actor + 1] AS actor_id, ${ts('x.at')} AS at,
               x.changes::jsonb AS changes, x.reason, x.aux, x.due, x.recipients, x.row_id
          FROM unnest($3::int8[], $4::uuid[], $5::int[], $6::int[], $7::float8[], ${split('$8')}, ${split('$9')}, $10::int[],
                      $11::float8[], ${split('$12')}, $13::uuid[])
            AS x(id, ticket_id, kind, actor, at, changes, reason, aux, due, recipients, row_id)
      ),
      events AS (
        INSERT INTO ticket_event (id, ticket_id, kind, actor_id, at, changes, reason)
        SELECT id, ticket_id, ($2::text[])[kind + 1], actor_id, at, changes, reason FROM x RETURNING 1
      ),
      comments AS (
        INSERT INTO ticket_comment (id, ticket_id, kind, author_id, body, event_seq, created_at)
        SELECT row_id, ticket_id, ($14::text[])[kind + 1], actor_id, reason, id, at
          FROM x WHERE ($14::text[])[kind + 1] IS NOT NULL RETURNING 1
      ),
      alerts AS (
        INSERT INTO deadline_alert (id, ticket_id, kind, due_at, event_seq, recipients, status, attempts, created_at, sent_at)
        SELECT row_id, ticket_id, CASE WHEN kind = ${K['ticket.escalated']} THEN 'escalation' ELSE 'reminder' END,
               ${ts('due')}, id, ARRAY(SELECT jsonb_array_elements_text(recipients::jsonb)), 'sent', 1, at,
               at + interval '2 seconds'
          FROM x WHERE kind IN (${K['ticket.deadline_reminded']}, ${K['ticket.escalated']}) RETURNING 1
      ),
      ratings AS (
        INSERT INTO ticket_rating (ticket_id, score, comment, rated_at)
        SELECT ticket_id, aux, reason, at FROM x WHERE kind = ${K['ticket.rated']} RETURNING 1
      )
      SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM comments) AS comments,
             (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM ratings) AS ratings`;
    const texts = store.texts.values;
    const channels = this.ref.channels;
    await pipeline(
      this.clients,
      store.n,
      this.batch,
      (from, to) => {
        const ids: number[] = [];
        const ticket: string[] = [];
        const kind: number[] = [];
        const actor: number[] = [];
        const at: number[] = [];
        const changes: string[] = [];
        const reason: (string | null)[] = [];
        const aux: number[] = [];
        const due: (number | null)[] = [];
        const recipients: (string | null)[] = [];
        const rowIds: (string | null)[] = [];
        for (let k = from; k < to; k++) {
          const e = order[k]!;
          const t = store.ticket[e]!;
          const kd = store.kind[e]!;
          const id = firstId + k;
          let json: string;
          if (store.changesId[e] === CHANGES_FROM_TICKET) {
            json =
              kd === K['ticket.created']
                ? `{"status":{"from":null,"to":"new"},"number":{"from":null,"to":"${tickets.number(t)}"},"channel":{"from":null,"to":"${channels[tickets.channel[t]!]}"}}`
                : `{"duplicates":{"from":null,"to":"${tickets.number(store.aux[e]!)}"}}`;
          } else {
            json = store.changes.values[store.changesId[e]!]!;
            if (kd === K['ticket.merged'])
              json = `${json.slice(0, -1)},"duplicateOf":{"from":null,"to":"${tickets.number(store.aux[e]!)}"}}`;
          }
          const comment = commentKinds[kd] !== null;
          const alert = kd === K['ticket.deadline_reminded'] || kd === K['ticket.escalated'];
          let rowId: string | null = null;
          if (comment) {
            // The comment's id is in its event's changes, as comments.service.ts writes it.
            rowId = this.ids.row(ID.comment, store.at[e]!, id);
            json = `${json.length > 2 ? `${json.slice(0, -1)},` : '{'}"commentId":{"from":null,"to":"${rowId}"}}`;
          } else if (alert) rowId = this.ids.row(ID.alert, store.at[e]!, id);
          ids.push(id);
          ticket.push(this.ids.ticket(t)!);
          kind.push(kd);
          actor.push(store.actor[e]!);
          at.push(store.at[e]!);
          // Interned texts were checked for the separators once (events.ts); the JSON added here has none.
          changes.push(json);
          reason.push(store.reason[e]! >= 0 ? texts[store.reason[e]!]! : null);
          aux.push(kd === K['ticket.rated'] ? store.aux[e]! : 0);
          due.push(alert ? store.alertDue.get(e)! : null);
          recipients.push(alert ? texts[store.aux[e]!]! : null);
          rowIds.push(rowId);
        }
        return {
          sql,
          params: [
            users,
            KINDS,
            `{${ids.join(',')}}`,
            `{${ticket.join(',')}}`,
            `{${kind.join(',')}}`,
            `{${actor.join(',')}}`,
            `{${at.join(',')}}`,
            textList(changes, true),
            textList(reason, true),
            `{${aux.join(',')}}`,
            nullable(due),
            textList(recipients, true),
            rowIds,
            commentKinds,
          ],
        };
      },
      progress,
    );
    return progress.seconds;
  }
}
