// Knowledge-base search end to end: an article changed in PostgreSQL (with its outbox row) is found, or gone, within
// a second through the relay, the knowledge-index job and both engines; expired articles, filters, facets and
// highlights; the search log, the choice and the gaps report; synonyms editors save; Meilisearch down and back.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { KnowledgeGapsDto, KnowledgeSearchDto, SynonymGroupsDto } from '@kck/contracts';
import { createMeiliEngine } from '@kck/knowledge-base';
import { startTestBackend, testConfig, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { createLogger, type Logger } from '../../backend/src/platform/logger.ts';
import { recordEvent } from '../../backend/src/platform/outbox/record-event.ts';
import { startBackendServer } from '../../backend/src/server.ts';
import { recordSearchChoice, SearchLog } from '../../backend/src/knowledge/search-log.service.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { kbReindex } from '../../scripts/src/kb-reindex.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { freePort } from '../support/processes.ts';

/** Made-up words: they find only this file's articles, whatever else the shared index holds. */
const word = (stem: string) =>
  `${stem}${randomBytes(3)
    .toString('hex')
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

interface ArticleInput {
  type?: string;
  title: string;
  body?: string;
  unitCode?: string | null;
  status?: string;
  validTo?: string | null;
  fields?: Record<string, unknown>;
}

/** Writes an article the way the articles service does: the row and its 'article.changed' event in one transaction. */
async function writeArticle(db: DataSource, input: ArticleInput, id?: string): Promise<string> {
  return db.transaction(async (em) => {
    const unit = input.unitCode ? `(SELECT id FROM unit WHERE code = $6)` : 'NULL::uuid';
    const params = [
      input.type ?? 'service_card',
      input.title,
      input.body ?? '',
      input.status ?? 'published',
      input.validTo ?? null,
      ...(input.unitCode ? [input.unitCode] : []),
    ];
    const fieldsParam = `$${params.length + 1}`;
    params.push(JSON.stringify(input.fields ?? {}));
    let articleId = id;
    if (id) {
      params.push(id);
      await em.query(
        `UPDATE article SET type = $1, title = $2, body = $3, status = $4, valid_to = $5, unit_id = ${unit},
                fields = ${fieldsParam}::jsonb, updated_at = now()
          WHERE id = $${params.length}`,
        params,
      );
    } else {
      params.push(`kb-search-${randomBytes(6).toString('hex')}`);
      const rows: { id: string }[] = await em.query(
        `INSERT INTO article (type, title, body, status, valid_to, unit_id, fields, slug)
         VALUES ($1, $2, $3, $4, $5, ${unit}, ${fieldsParam}::jsonb, $${params.length}) RETURNING id`,
        params,
      );
      articleId = rows[0]!.id;
    }
    await recordEvent(em, 'article.changed', { articleId: articleId! });
    return articleId!;
  });
}

const search = (client: TestClient, q: string, extra = '') =>
  client.get<KnowledgeSearchDto>(`/api/knowledge/search?q=${encodeURIComponent(q)}${extra}`);

/** Polls the search until `done` holds; resolves with the last answer and how long it took. */
async function searchUntil(
  client: TestClient,
  q: string,
  done: (body: KnowledgeSearchDto) => boolean,
  { extra = '', timeoutMs = 10_000 } = {},
): Promise<{ body: KnowledgeSearchDto; ms: number }> {
  const started = performance.now();
  for (;;) {
    const res = await search(client, q, extra);
    expect(res.status).toBe(200);
    if (done(res.body)) return { body: res.body, ms: performance.now() - started };
    if (performance.now() - started > timeoutMs)
      throw new Error(`search for ${q} did not settle: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until no knowledge-index job is waiting or running (a retry due later, e.g. another file's, does not count). */
async function queueDrained(backend: TestBackend, timeoutMs = 60_000): Promise<void> {
  const queue = backend.ctx.queues['knowledge-index'];
  const started = Date.now();
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`knowledge-index still busy: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Valid but awkward queries: punctuation, tsquery and filter syntax, emoji, long words. Each must answer 200. */
const ODD_QUERIES = [
  '"',
  "'",
  '*',
  ':*',
  '&|!()<->',
  '\\',
  '%',
  '🙂',
  'dowód\tosobisty',
  'ą'.repeat(1000),
  'x '.repeat(499),
];

const hasHit = (id: string) => (body: KnowledgeSearchDto) => body.hits.some((h) => h.id === id);
const lacksHit = (id: string) => (body: KnowledgeSearchDto) => !body.hits.some((h) => h.id === id);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('knowledge-base search with the worker running', () => {
  let backend: TestBackend;
  let worker: RunningWorkers;
  let agent: TestClient;
  let editor: TestClient;

  beforeAll(async () => {
    backend = await startTestBackend();
    worker = await startWorkerRuntime(
      backend.ctx.config,
      backend.ctx.db,
      createLogger('test-worker', process.env.LOG_LEVEL ?? 'silent'),
    );
    [agent, editor] = await Promise.all([signedIn(backend.url, 'agent'), signedIn(backend.url, 'redaktor')]);
    // The seed's own article events may still be queued: each change below is to be found on an idle queue.
    await queueDrained(backend);
  });
  afterAll(async () => {
    await worker?.close();
    await backend?.close();
  });

  // How fast (under 1 s) is a figure of `npm run bench:knowledge`, not an assertion: timed tests fail on busy machines.
  it('finds an article changed through the database and the outbox, and follows the next change', async () => {
    const first = word('kwadrans');
    const id = await writeArticle(backend.ctx.db, {
      title: `Karta ${first}`,
      body: `Jak załatwić ${first} w urzędzie.`,
    });
    const found = await searchUntil(agent, first, hasHit(id));
    expect(found.body.engine).toBe('meilisearch');

    const second = word('kwartet');
    await writeArticle(backend.ctx.db, { title: `Karta ${second}`, body: 'Nowa treść.' }, id);
    await searchUntil(agent, second, hasHit(id));
    await searchUntil(agent, first, lacksHit(id));
  });

  it('removes an article from the index when it is archived or sent back to draft', async () => {
    const term = word('archiwum');
    const archived = await writeArticle(backend.ctx.db, { title: `Stara karta ${term}` });
    const draft = await writeArticle(backend.ctx.db, { title: `Robocza karta ${term}` });
    await searchUntil(agent, term, (b) => hasHit(archived)(b) && hasHit(draft)(b));

    await writeArticle(backend.ctx.db, { title: `Stara karta ${term}`, status: 'archived' }, archived);
    await writeArticle(backend.ctx.db, { title: `Robocza karta ${term}`, status: 'draft' }, draft);
    await searchUntil(agent, term, (b) => lacksHit(archived)(b) && lacksHit(draft)(b));
    // Gone from the PostgreSQL copy too: with Meilisearch down, the fallback must not show it either.
    const rows: unknown[] = await backend.ctx.db.query(`SELECT 1 FROM kb_search_document WHERE id = ANY($1::uuid[])`, [
      [archived, draft],
    ]);
    expect(rows).toHaveLength(0);
  });

  it('hides expired articles and past events unless includeExpired=true', async () => {
    const term = word('wygasly');
    const current = await writeArticle(backend.ctx.db, { title: `Aktualna karta ${term}` });
    const expired = await writeArticle(backend.ctx.db, { title: `Wygasła karta ${term}`, validTo: yesterday() });
    const pastEvent = await writeArticle(backend.ctx.db, {
      type: 'event',
      title: `Festyn ${term}`,
      fields: { startsAt: '2020-06-01T10:00:00+02:00', endsAt: '2020-06-01T18:00:00+02:00', place: 'Błonia' },
    });
    const all = await searchUntil(agent, term, (b) => [current, expired, pastEvent].every((id) => hasHit(id)(b)), {
      extra: '&includeExpired=true',
    });
    expect(all.body.hits.find((h) => h.id === pastEvent)?.validTo).toBe('2020-06-01');

    const res = await search(agent, term);
    expect(res.body.hits.map((h) => h.id)).toEqual([current]);
  });

  it('filters by type and unit, counts facets over the whole query and marks the matches', async () => {
    const term = word('filtr');
    const card = await writeArticle(backend.ctx.db, { title: `Karta ${term}`, unitCode: 'ZDMK', body: `O ${term}.` });
    const procedure = await writeArticle(backend.ctx.db, {
      type: 'procedure',
      title: `Procedura ${term}`,
      unitCode: 'DK-02',
    });
    const both = await searchUntil(
      agent,
      term,
      (b) => b.facets.type.procedure === 1 && b.facets.type.service_card === 1,
      {
        extra: '&limit=1',
      },
    );
    expect(both.body.hits).toHaveLength(1);
    expect(both.body.facets.type).toEqual({ service_card: 1, procedure: 1 });
    expect(both.body.facets.unit).toEqual({ ZDMK: 1, 'DK-02': 1 });

    const all = await search(agent, term);
    const cardHit = all.body.hits.find((h) => h.id === card)!;
    const [range] = cardHit.titleHighlights;
    expect(cardHit.title.slice(range!.start, range!.end).toLowerCase()).toBe(term);
    expect(cardHit.highlights.length).toBeGreaterThan(0);

    const procedures = await search(agent, term, '&type=procedure');
    expect(procedures.body.hits.map((h) => h.id)).toEqual([procedure]);
    const zdmk = await search(agent, term, '&unit=ZDMK');
    expect(zdmk.body.hits.map((h) => h.id)).toEqual([card]);
    const either = await search(agent, term, '&type=procedure,service_card&unit=ZDMK,DK-02');
    expect(either.body.hits).toHaveLength(2);
  });

  it('answers bad input with 400 naming the problem, never 500', async () => {
    const cases = [
      '',
      '?q=',
      '?q=%20%20%20',
      `?q=${'a'.repeat(1001)}`,
      `?q=${encodeURIComponent('dowód\u0001')}`,
      `?q=${encodeURIComponent('dowód\u007f')}`,
      '?q=dowod&type=recipe',
      '?q=dowod&unit=%00',
      `?q=dowod&unit=${'X'.repeat(41)}`,
      '?q=dowod&limit=0',
      '?q=dowod&limit=abc',
      '?q=dowod&includeExpired=yes',
      '?q=dowod&unknown=1',
      '?q=dowod&q=odpady',
    ];
    for (const query of cases) {
      const res = await agent.get<{ error: { code: string; message: string } }>(`/api/knowledge/search${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await search(agent, 'a'.repeat(1000))).status).toBe(200);
    for (const q of ODD_QUERIES) expect((await search(agent, q)).status, q).toBe(200);
    const signedOut = await fetch(`${backend.url}/api/knowledge/search?q=dowod`);
    expect(signedOut.status).toBe(401);
  });

  it('logs each search and the article opened from it, even before the log batch is written', async () => {
    const term = word('wybor');
    const id = await writeArticle(backend.ctx.db, { title: `Karta ${term}` });
    const { body } = await searchUntil(agent, term, hasHit(id));
    // Straight away: the search is most likely still in the buffer.
    const choice = await agent.post(`/api/knowledge/searches/${body.searchId}/choice`, { articleId: id });
    expect(choice.status).toBe(204);
    const [row] = await backend.ctx.db.query(
      `SELECT user_id, query, results_count, engine, chosen_article_id, chosen_at FROM knowledge_search WHERE id = $1`,
      [body.searchId],
    );
    expect(row).toMatchObject({
      user_id: agent.session!.user.id,
      query: term,
      results_count: 1,
      chosen_article_id: id,
    });
    expect(row.engine).toBe('meilisearch');
    expect(row.chosen_at).toBeInstanceOf(Date);

    const unknownArticle = await agent.post(`/api/knowledge/searches/${body.searchId}/choice`, {
      articleId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownArticle.status).toBe(400);
    const notMine = await editor.post(`/api/knowledge/searches/${body.searchId}/choice`, { articleId: id });
    expect(notMine.status).toBe(404);
    const badId = await agent.post(`/api/knowledge/searches/nope/choice`, { articleId: id });
    expect(badId.status).toBe(400);
  });

  it('writes the search log in batches after the answer; a batch that fails twice is logged, never thrown', async () => {
    const messages: string[] = [];
    const note = (_: unknown, msg: string) => void messages.push(msg);
    const logger = { warn: note, error: note } as unknown as Logger;
    const entry = (query: string, id: string = randomUUID()) => ({
      id,
      at: new Date(),
      userId: null,
      query,
      resultsCount: 0,
      engine: 'postgres',
      filters: {},
    });
    const written = async (ids: string[]) =>
      (await backend.ctx.db.query(`SELECT id FROM knowledge_search WHERE id = ANY($1::uuid[])`, [ids])).length;

    const log = new SearchLog(backend.ctx.db, logger, { flushMs: 60_000, maxEntries: 3 });
    const batch = [entry('pierwsze'), entry('drugie')];
    for (const e of batch) log.record(e);
    expect(await written(batch.map((e) => e.id))).toBe(0);
    batch.push(entry('trzecie'));
    log.record(batch[2]!); // the third fills the batch: written without waiting for the timer
    await log.flush();
    expect(await written(batch.map((e) => e.id))).toBe(3);

    // A choice that reaches another backend process before the search's batch is written: the row is made by the
    // choice and filled in by the batch, keeping the choice.
    const elsewhere = new SearchLog(backend.ctx.db, logger, { flushMs: 60_000 });
    const search = { ...entry('inny proces'), userId: agent.session!.user.id, resultsCount: 2 };
    elsewhere.record(search);
    const [{ id: articleId }] = await backend.ctx.db.query(`SELECT id FROM article LIMIT 1`);
    const here = new SearchLog(backend.ctx.db, logger);
    await recordSearchChoice(backend.ctx.db, here, search.userId, search.id, articleId);
    await elsewhere.close();
    const [row] = await backend.ctx.db.query(
      `SELECT query, results_count, chosen_article_id FROM knowledge_search WHERE id = $1`,
      [search.id],
    );
    expect(row).toEqual({ query: 'inny proces', results_count: 2, chosen_article_id: articleId });

    const failing = new SearchLog(backend.ctx.db, logger, { flushMs: 20 });
    failing.record(entry('zepsute', 'not-a-uuid'));
    await expect(failing.close()).resolves.toBeUndefined();
    expect(messages).toEqual(['search log batch not written; retrying once', 'search log batch not written; dropped']);
  });

  it('reports zero-result queries grouped by their folded form, and the articles opened most', async () => {
    const nothing = word('Łąkowiec');
    for (const q of [nothing, nothing.toLowerCase(), `  ${nothing.toUpperCase().replace('Ł', 'L')}!`]) {
      const res = await search(agent, q);
      expect(res.body.hits).toHaveLength(0);
    }
    const term = word('popularny');
    const id = await writeArticle(backend.ctx.db, { title: `Karta ${term}` });
    const { body } = await searchUntil(agent, term, hasHit(id));
    for (let i = 0; i < 3; i++) {
      const res = await search(agent, term);
      await agent.post(`/api/knowledge/searches/${res.body.searchId}/choice`, { articleId: id });
    }
    await agent.post(`/api/knowledge/searches/${body.searchId}/choice`, { articleId: id });

    const gaps = await editor.get<KnowledgeGapsDto>('/api/knowledge/gaps?limit=200');
    expect(gaps.status).toBe(200);
    const group = gaps.body.zeroResultQueries.find((z) => z.query.includes(nothing.toLowerCase().slice(1)));
    expect(group?.count).toBe(3);
    expect(gaps.body.zeroResultSearches).toBeGreaterThanOrEqual(3);
    expect(gaps.body.searches).toBeGreaterThanOrEqual(gaps.body.zeroResultSearches);
    expect(gaps.body.topArticles.find((a) => a.articleId === id)).toMatchObject({ title: `Karta ${term}`, chosen: 4 });
    expect(gaps.body.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect((await agent.get('/api/knowledge/gaps')).status).toBe(403);
    expect((await editor.get('/api/knowledge/gaps?from=2026-02-01&to=2026-01-01')).status).toBe(400);
    const analyst = await signedIn(backend.url, 'analityk');
    expect((await analyst.get('/api/knowledge/gaps')).status).toBe(200);
  });

  it('uses the synonym groups editors save, in Meilisearch and in the PostgreSQL fallback', async () => {
    const u = word('harmonogram');
    // The article only says "odpady"; agents ask about "śmieci".
    const id = await writeArticle(backend.ctx.db, {
      title: `Wywóz ${u}`,
      body: `Odbieramy odpady wielkogabarytowe (${u}).`,
    });
    const asked = `śmieci ${u}`;
    await searchUntil(agent, u, hasHit(id));

    const before = await editor.get<SynonymGroupsDto>('/api/knowledge/synonyms');
    expect(before.status).toBe(200);
    const wasteGroup = before.body.groups.find((g) => g.includes('odpady') && g.includes('śmieci'));
    expect(wasteGroup).toBeDefined();
    const put = (groups: string[][]) => editor.request<SynonymGroupsDto>('PUT', '/api/knowledge/synonyms', { groups });
    try {
      const agentTry = await agent.request('PUT', '/api/knowledge/synonyms', { groups: before.body.groups });
      expect(agentTry.status).toBe(403);
      expect((await put([['śmieci']])).status).toBe(400);

      const without = await put(before.body.groups.filter((g) => g !== wasteGroup));
      expect(without.status).toBe(200);
      await searchUntil(agent, asked, lacksHit(id));

      const withWaste = await put([...before.body.groups.filter((g) => g !== wasteGroup), ['śmieci', 'odpady']]);
      expect(withWaste.status).toBe(200);
      expect(withWaste.body.groups).toContainEqual(['śmieci', 'odpady']);
      expect(withWaste.body.updatedByName).toBeTruthy();
      const found = await searchUntil(agent, asked, hasHit(id));
      expect(found.body.engine).toBe('meilisearch');

      const down = await startTestBackend({ relay: false, config: { MEILI_URL: 'http://127.0.0.1:1' } });
      try {
        const downAgent = await signedIn(down.url, 'agent');
        const fallback = await searchUntil(downAgent, asked, hasHit(id));
        expect(fallback.body.engine).toBe('postgres');
      } finally {
        await down.close();
      }

      // Saved without an event (as if the job was lost): a backend applies the saved groups when it starts.
      await backend.ctx.db.query(`UPDATE knowledge_synonyms SET groups = $1::jsonb`, [
        JSON.stringify(before.body.groups.filter((g) => g !== wasteGroup)),
      ]);
      const restarted = await startTestBackend({ relay: false, config: { MEILI_URL: 'http://127.0.0.1:1' } });
      try {
        const restartedAgent = await signedIn(restarted.url, 'agent');
        expect((await search(restartedAgent, asked)).body.hits).toHaveLength(0);
      } finally {
        await restarted.close();
      }
    } finally {
      await put(before.body.groups);
    }
  });

  it('answers from PostgreSQL, and says so, while Meilisearch does not answer', async () => {
    const term = word('awaria');
    const id = await writeArticle(backend.ctx.db, { title: `Karta ${term}`, unitCode: 'ZDMK' });
    await searchUntil(agent, term, hasHit(id));
    const down = await startTestBackend({ relay: false, config: { MEILI_URL: 'http://127.0.0.1:1' } });
    let closed: Promise<void> | undefined;
    try {
      const downAgent = await signedIn(down.url, 'agent');
      const res = await search(downAgent, term, '&unit=ZDMK');
      expect(res.status).toBe(200);
      expect(res.body.engine).toBe('postgres');
      expect(res.body.hits.map((h) => h.id)).toEqual([id]);
      expect(res.body.facets.unit).toEqual({ ZDMK: 1 });
      expect(res.body.searchId).toMatch(/^[0-9a-f-]{36}$/);
      for (const q of ODD_QUERIES) {
        const odd = await search(downAgent, q, '&type=event&unit=ZDMK');
        expect(odd.status, q).toBe(200);
        expect(odd.body.engine).toBe('postgres');
      }
      // Stopping the backend writes the searches still in its log buffer.
      const searchId = (await search(downAgent, term)).body.searchId;
      closed = down.close();
      await closed;
      const [row] = await backend.ctx.db.query(`SELECT engine, results_count FROM knowledge_search WHERE id = $1`, [
        searchId,
      ]);
      expect(row).toEqual({ engine: 'postgres', results_count: 1 });
    } finally {
      await (closed ?? down.close());
    }
  });
});

/** A TCP forwarder to the run's Meilisearch that can be closed (connections refused) and opened again. */
class MeiliSwitch {
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: URL,
  ) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    this.server = undefined;
  }
}

describe('when Meilisearch is unreachable while articles change, then comes back', () => {
  let env: IsolatedEnvironment;
  let meili: MeiliSwitch;
  let backend: TestBackend;
  let worker: RunningWorkers;
  const index = `kck_test_outage_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    env = await createIsolatedEnvironment(`kbsearch${randomBytes(3).toString('hex')}`);
    meili = new MeiliSwitch(await freePort(), new URL(process.env.MEILI_URL!));
    await meili.open();
    const config = testConfig({ ...env.env, MEILI_URL: `http://127.0.0.1:${meili.port}`, MEILI_INDEX: index });
    backend = await startBackendServer(config, createLogger('test-backend', 'silent'));
    worker = await startWorkerRuntime(
      config,
      backend.ctx.db,
      createLogger('test-worker', process.env.LOG_LEVEL ?? 'silent'),
    );
  });
  afterAll(async () => {
    await worker?.close();
    await backend?.close();
    await meili?.close();
    const direct = createMeiliEngine({ url: process.env.MEILI_URL!, masterKey: process.env.MEILI_MASTER_KEY!, index });
    await direct.dropIndex().catch(() => undefined);
    await direct.close();
    await env?.drop();
  });

  it('keeps the PostgreSQL copy current at once and catches Meilisearch up through job retries', async () => {
    const agent = await signedIn(backend.url, 'agent');
    await meili.close();
    const term = word('zaleglosc');
    const id = await writeArticle(backend.ctx.db, { title: `Karta ${term}` });

    // PostgreSQL took the write at once; the search says it answered from the fallback.
    const during = await searchUntil(agent, term, hasHit(id));
    expect(during.body.engine).toBe('postgres');
    const [{ outbox_id }] = await backend.ctx.db.query(
      `SELECT id::text AS outbox_id FROM outbox WHERE event = 'article.changed' AND payload->>'articleId' = $1`,
      [id],
    );
    const job = async () => backend.ctx.queues['knowledge-index'].getJob(`outbox-${outbox_id}`);
    for (let i = 0; i < 200 && !((await job())?.attemptsMade ?? 0); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await job())?.attemptsMade).toBeGreaterThanOrEqual(1);
    // Enough attempts to outlast hours of outage, not the default couple of minutes.
    expect((await job())?.opts.attempts).toBe(15);

    await meili.open();
    // The retry (backoff 1 s, 2 s, 4 s…) indexes it in Meilisearch; asked directly, not through the failover.
    const direct = createMeiliEngine({ url: process.env.MEILI_URL!, masterKey: process.env.MEILI_MASTER_KEY!, index });
    try {
      let hits: string[] = [];
      for (let i = 0; i < 300 && !hits.includes(id); i++) {
        await new Promise((r) => setTimeout(r, 100));
        hits = (await direct.search(term).catch(() => ({ hits: [] }))).hits.map((h) => h.id);
      }
      expect(hits).toContain(id);
      // Searchable a moment before the job notices its Meilisearch task is done and completes.
      let completed = false;
      for (let i = 0; i < 100 && !completed; i++) {
        completed = (await (await job())?.isCompleted()) ?? false;
        if (!completed) await new Promise((r) => setTimeout(r, 50));
      }
      expect(completed).toBe(true);
    } finally {
      await direct.close();
    }
  }, 60_000);

  it('rebuilds both indexes from the published articles (kb:reindex)', async () => {
    const term = word('przebudowa');
    // Written without an outbox row: only a rebuild brings it into the indexes.
    const [{ id }] = await backend.ctx.db.query(
      `INSERT INTO article (type, title, body, status, slug) VALUES ('procedure', $1, '', 'published', $2) RETURNING id`,
      [`Procedura ${term}`, `kb-search-${randomBytes(6).toString('hex')}`],
    );
    const agent = await signedIn(backend.url, 'agent');
    expect((await search(agent, term)).body.hits).toHaveLength(0);
    const summary = await kbReindex(backend.ctx.db, backend.ctx.search, backend.ctx.searchEngines);
    const [{ n }] = await backend.ctx.db.query(`SELECT count(*)::int AS n FROM article WHERE status = 'published'`);
    expect(summary.articles).toBe(n);
    expect(summary.engines).toEqual(['meilisearch', 'postgres']);
    expect((await search(agent, term)).body.hits.map((h) => h.id)).toEqual([id]);
    const direct = createMeiliEngine({ url: process.env.MEILI_URL!, masterKey: process.env.MEILI_MASTER_KEY!, index });
    try {
      expect((await direct.search(term)).hits.map((h) => h.id)).toEqual([id]);
    } finally {
      await direct.close();
    }
  });
});
