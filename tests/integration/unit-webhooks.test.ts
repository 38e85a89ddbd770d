// Units with their own systems, through the real path (API → outbox → BullMQ → worker → the unit's webhook):
// an in-process HTTP server plays the unit's system, checks signatures and answers back through the unit API.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { ErrorBody, TicketDto, UnitDeliveryPayload, UnitIntegrationDto } from '@kck/contracts';
import { startTestBackend, testConfig, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { createDataSource } from '../../backend/src/platform/db.ts';
import { createRedis, whenReady } from '../../backend/src/platform/redis.ts';
import { createSearchEngine } from '../../backend/src/knowledge/search-engines.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { migrate } from '../../scripts/src/migrate.ts';
import { seed } from '../../scripts/src/seed.ts';
import { freePort } from '../support/processes.ts';

interface Arrival {
  headers: IncomingHttpHeaders;
  raw: string;
  body: UnitDeliveryPayload;
}

/** The unit's own system: keeps every POST it gets and answers what the test tells it to. */
class UnitSystem {
  readonly arrivals: Arrival[] = [];
  respond: (arrival: Arrival) => number = () => 200;
  private server: Server | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/kck-webhook`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const arrival = { headers: req.headers, raw, body: JSON.parse(raw) as UnitDeliveryPayload };
        this.arrivals.push(arrival);
        res.writeHead(this.respond(arrival), { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  about(number: string): Arrival[] {
    return this.arrivals.filter((a) => a.body.ticket.number === number);
  }

  async waitFor(number: string, count: number, timeoutMs = 15_000): Promise<Arrival[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.about(number).length >= count) return this.about(number);
      await sleep(50);
    }
    throw new Error(`expected ${count} delivery(ies) of ${number}, got ${this.about(number).length}`);
  }
}

/** What a unit's developer writes: HMAC-SHA256 of the raw body with the secret, compared in constant time. */
function signatureValid(secret: string, raw: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const sent = Buffer.from(String(header ?? ''));
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logger = createLogger('test-delivery', 'silent');

/*
 * This file runs on a database and Redis prefix of its own: the shared run's workers would otherwise take the
 * `delivery` jobs with the default attempts and backoff, and the retry counts below would not hold.
 */
const base = testConfig();
const databaseUrl = new URL(base.DATABASE_URL);
databaseUrl.pathname = `${databaseUrl.pathname}_delivery`;
const redisPrefix = `${base.REDIS_PREFIX}-delivery`;
const ATTEMPTS = 3;

let unitSystem: UnitSystem;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let agent: TestClient;
let admin: TestClient;
let roadsUnitId: string;
let roads: Required<Pick<UnitIntegrationDto, 'webhookSecret' | 'apiToken'>>;
let greeneryToken: string;

async function prepareDatabase(): Promise<void> {
  await migrate(databaseUrl.toString());
  const db = createDataSource(databaseUrl.toString(), 2);
  await db.initialize();
  const search = createSearchEngine(testConfig({ DATABASE_URL: databaseUrl.toString(), MEILI_URL: '' }), logger);
  try {
    await seed(db, search.engine);
  } finally {
    await Promise.all([db.destroy(), search.close()]);
  }
}

async function dropDatabaseAndKeys(): Promise<void> {
  const pgAdmin = new pg.Client({ connectionString: base.DATABASE_URL });
  await pgAdmin.connect();
  await pgAdmin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseUrl.pathname.slice(1))} WITH (FORCE)`);
  await pgAdmin.end();
  const redis = createRedis(base.REDIS_URL, 'command');
  await whenReady(redis);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

async function putIntegration(unit: string, webhookUrl: string, active = true) {
  return admin.request<UnitIntegrationDto>('PUT', `/api/units/${unit}/integration`, { webhookUrl, active });
}

beforeAll(async () => {
  await prepareDatabase();
  unitSystem = new UnitSystem(await freePort());
  await unitSystem.start();
  backend = await startTestBackend({
    config: {
      DATABASE_URL: databaseUrl.toString(),
      REDIS_PREFIX: redisPrefix,
      MEILI_URL: '',
      DELIVERY_ATTEMPTS: String(ATTEMPTS),
      DELIVERY_BACKOFF_MS: '100',
      DELIVERY_TIMEOUT_MS: '2000',
    },
  });
  worker = await startWorkerRuntime({ ...backend.ctx.config }, backend.ctx.db, logger);
  agent = await signedIn(backend.url, 'agent');
  admin = await signedIn(backend.url, 'admin');
  const { db } = backend.ctx;
  roadsUnitId = await unitId(db, 'ZDMK');
  const created = await putIntegration(roadsUnitId, unitSystem.url);
  expect(created.status).toBe(200);
  roads = { webhookSecret: created.body.webhookSecret!, apiToken: created.body.apiToken! };
  const greenery = await putIntegration(await unitId(db, 'ZZM'), unitSystem.url);
  greeneryToken = greenery.body.apiToken!;
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await unitSystem?.stop();
  await dropDatabaseAndKeys();
});

async function reportPothole(title = 'Dziura w jezdni przed przystankiem'): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await entryId(backend.ctx.db, 'category', 'roads.pothole'),
    address: 'ul. Królewska 20',
    title,
    description: 'Głęboka dziura przy krawężniku.',
    reporter: { name: 'Anna Nowak', phone: '+48 600 100 200' },
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** The unit's system calling us: a bearer token and JSON, no cookie, no CSRF header. */
async function unitApi<T = unknown>(token: string | undefined, number: string, action: string, body: unknown = {}) {
  const res = await fetch(`${backend.url}/api/unit-api/tickets/${encodeURIComponent(number)}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function deliveries(ticketId: string) {
  const rows: {
    id: string;
    status: string;
    attempts: number;
    last_error: string | null;
    last_status_code: number | null;
    delivered_at: Date | null;
  }[] = await backend.ctx.db.query(
    `SELECT id, status, attempts, last_error, last_status_code, delivered_at FROM delivery WHERE ticket_id = $1 ORDER BY event_seq`,
    [ticketId],
  );
  return rows;
}

async function eventKinds(ticketId: string): Promise<{ kind: string; reason: string | null; actor: string | null }[]> {
  return backend.ctx.db.query(
    `SELECT e.kind, e.reason, u.display_name AS actor FROM ticket_event e LEFT JOIN app_user u ON u.id = e.actor_id
      WHERE e.ticket_id = $1 ORDER BY e.id`,
    [ticketId],
  );
}

describe('units with their own systems', () => {
  it("POSTs a routed ticket to the unit's webhook, signed with the unit's secret", async () => {
    const ticket = await reportPothole();
    const [arrival] = await unitSystem.waitFor(ticket.number, 1);

    expect(signatureValid(roads.webhookSecret, arrival!.raw, arrival!.headers['x-kck-signature'])).toBe(true);
    expect(signatureValid('not-the-secret', arrival!.raw, arrival!.headers['x-kck-signature'])).toBe(false);
    expect(Number(arrival!.headers['x-kck-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(arrival!.body).toMatchObject({
      event: 'ticket.routed',
      deliveryId: arrival!.headers['x-kck-delivery'],
      unit: { code: 'ZDMK' },
      ticket: {
        id: ticket.id,
        number: ticket.number,
        type: 'problem',
        category: { code: 'roads.pothole' },
        address: 'ul. Królewska 20',
        title: 'Dziura w jezdni przed przystankiem',
        description: 'Głęboka dziura przy krawężniku.',
        reporter: { name: 'Anna Nowak', phone: '+48 600 100 200', email: null },
      },
    });
    expect(arrival!.body.ticket.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expect
      .poll(() => deliveries(ticket.id))
      .toMatchObject([
        { id: arrival!.headers['x-kck-delivery'], status: 'delivered', attempts: 1, last_status_code: 200 },
      ]);
  });

  it('lets the unit accept, comment on and resolve its ticket through the unit API with its token', async () => {
    const ticket = await reportPothole();
    await unitSystem.waitFor(ticket.number, 1);

    const accepted = await unitApi<TicketDto>(roads.apiToken, ticket.number, 'accept', { comment: 'Przyjęte w SIZ' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const commented = await unitApi<TicketDto>(roads.apiToken, ticket.number, 'comment', { text: 'Ekipa w drodze' });
    expect(commented.status).toBe(200);
    expect(commented.body.status).toBe('accepted');
    // The id works too, for a unit that kept it from the payload.
    const resolved = await unitApi<TicketDto>(roads.apiToken, ticket.id, 'resolve', { answer: 'Ubytek załatany.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');

    const history = await eventKinds(ticket.id);
    expect(history.slice(-3)).toEqual([
      { kind: 'ticket.accepted', reason: 'Przyjęte w SIZ', actor: 'System jednostki ZDMK' },
      { kind: 'ticket.commented', reason: 'Ekipa w drodze', actor: 'System jednostki ZDMK' },
      { kind: 'ticket.resolved', reason: null, actor: 'System jednostki ZDMK' },
    ]);
  });

  it("refuses a wrong or missing token, a console session, and another unit's ticket", async () => {
    const ticket = await reportPothole();
    await unitSystem.waitFor(ticket.number, 1);

    expect((await unitApi(undefined, ticket.number, 'accept')).status).toBe(401);
    expect((await unitApi('kckunit_wrong', ticket.number, 'accept')).status).toBe(401);
    // A signed-in staff member's cookie is no unit token, even with its CSRF header.
    const roadsStaff = await signedIn(backend.url, 'drogi');
    const bySession = await roadsStaff.post(`/api/unit-api/tickets/${encodeURIComponent(ticket.number)}/accept`);
    expect(bySession.status).toBe(401);
    // ZZM's system may not touch ZDMK's ticket, nor learn that it exists.
    expect((await unitApi(greeneryToken, ticket.number, 'accept')).status).toBe(404);
    expect((await unitApi(greeneryToken, 'KCK/2026/999999', 'accept')).status).toBe(404);
    // A token is not a session: it opens nothing outside the unit API.
    const elsewhere = await fetch(`${backend.url}/api/tickets/${ticket.id}`, {
      headers: { authorization: `Bearer ${roads.apiToken}` },
    });
    expect(elsewhere.status).toBe(401);
    expect((await admin.get(`/api/tickets/${ticket.id}`)).status).toBe(200);
    // Only admins change a unit's integration, not the unit's own staff.
    expect((await roadsStaff.request('PUT', `/api/units/${roadsUnitId}/integration`, {})).status).toBe(403);
  });

  it('shows the secret and token once, and a rotated token replaces the old one at once', async () => {
    const again = await putIntegration(roadsUnitId, unitSystem.url);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ unitId: roadsUnitId, unitCode: 'ZDMK', webhookUrl: unitSystem.url, active: true });

    const ticket = await reportPothole();
    await unitSystem.waitFor(ticket.number, 1);
    const rotated = await admin.post<UnitIntegrationDto>(`/api/units/${roadsUnitId}/integration/rotate-token`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhookSecret).toBeUndefined();
    expect((await unitApi(roads.apiToken, ticket.number, 'accept')).status).toBe(401);
    roads.apiToken = rotated.body.apiToken!;
    expect((await unitApi(roads.apiToken, ticket.number, 'accept')).status).toBe(200);
  });

  it('retries a unit system that answers 500, and delivers once when it recovers', async () => {
    const title = 'Zapadnięta studzienka — system jednostki chwilowo niedostępny';
    unitSystem.respond = (a) =>
      a.body.ticket.title === title && unitSystem.about(a.body.ticket.number).length <= 2 ? 500 : 200;
    try {
      const ticket = await reportPothole(title);
      const arrivals = await unitSystem.waitFor(ticket.number, 3);
      await expect.poll(() => deliveries(ticket.id)).toMatchObject([{ status: 'delivered', attempts: 3 }]);
      // Nothing comes after the 2xx, and every attempt was the same delivery.
      await sleep(500);
      expect(unitSystem.about(ticket.number)).toHaveLength(3);
      expect(new Set(arrivals.map((a) => a.headers['x-kck-delivery'])).size).toBe(1);
      const [row] = await deliveries(ticket.id);
      expect(row).toMatchObject({ last_status_code: 200, last_error: null });
      const flagged: { delivery_failed: boolean }[] = await backend.ctx.db.query(
        `SELECT delivery_failed FROM ticket WHERE id = $1`,
        [ticket.id],
      );
      expect(flagged[0]!.delivery_failed).toBe(false);
    } finally {
      unitSystem.respond = () => 200;
    }
  });

  it('flags the ticket for DK-03 when the unit system is down for every attempt, and loses nothing', async () => {
    // A port nobody listens on: every attempt is refused.
    const deadUrl = `http://127.0.0.1:${await freePort()}/kck-webhook`;
    expect((await putIntegration(roadsUnitId, deadUrl)).status).toBe(200);
    try {
      const ticket = await reportPothole('Uszkodzony chodnik — jednostka offline');
      await expect
        .poll(() => deliveries(ticket.id), { timeout: 15_000, interval: 100 })
        .toMatchObject([{ status: 'failed', attempts: ATTEMPTS, delivered_at: null }]);
      const [row] = await deliveries(ticket.id);
      expect(row!.last_error).toMatch(/ECONNREFUSED|fetch failed/);

      const flagged: { delivery_failed: boolean; status: string }[] = await backend.ctx.db.query(
        `SELECT delivery_failed, status FROM ticket WHERE id = $1`,
        [ticket.id],
      );
      // Still the unit's, still routed: DK-03 passes it on by phone or e-mail, or the unit works it in the console.
      expect(flagged[0]).toEqual({ delivery_failed: true, status: 'routed' });
      const failedEvents = (await eventKinds(ticket.id)).filter((e) => e.kind === 'ticket.delivery_failed');
      expect(failedEvents).toHaveLength(1);
      expect(failedEvents[0]!.reason).toContain(`po ${ATTEMPTS} próbach`);
      // The triage inbox's consoles hear it like every ticket event.
      const queued: { n: string }[] = await backend.ctx.db.query(
        `SELECT count(*) AS n FROM outbox WHERE event = 'ticket.delivery_failed' AND payload->>'ticketId' = $1`,
        [ticket.id],
      );
      expect(Number(queued[0]!.n)).toBe(1);
      // DK-03 sees the flag on the ticket and finds every such ticket through the list filter.
      const triage = await signedIn(backend.url, 'triage');
      const seen = await triage.get<TicketDto>(`/api/tickets/${ticket.id}`);
      expect(seen.body.deliveryFailed).toBe(true);
      const listed = await triage.get<TicketDto[]>('/api/tickets?deliveryFailed=true');
      expect(listed.body.map((t) => t.id)).toContain(ticket.id);
      expect(listed.body.every((t) => t.deliveryFailed)).toBe(true);

      // The unit's system is back: DK-03 asks for one more delivery, and it arrives as a new delivery.
      expect((await putIntegration(roadsUnitId, unitSystem.url)).status).toBe(200);
      const roadsStaff = await signedIn(backend.url, 'drogi');
      const notTheirs = await roadsStaff.post(`/api/tickets/${ticket.id}/delivery/retry`, {});
      expect(notTheirs.status).toBe(403);
      const stale = await triage.post(`/api/tickets/${ticket.id}/delivery/retry`, { version: seen.body.version - 1 });
      expect(stale.status).toBe(409);
      const retried = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/delivery/retry`, {
        version: seen.body.version,
      });
      expect(retried.status).toBe(200);
      expect(retried.body.deliveryFailed).toBe(false);
      const [arrival] = await unitSystem.waitFor(ticket.number, 1);
      expect(arrival!.headers['x-kck-delivery']).not.toBe(row!.id);
      await expect
        .poll(() => deliveries(ticket.id))
        .toMatchObject([
          { status: 'failed', attempts: ATTEMPTS },
          { status: 'delivered', attempts: 1 },
        ]);
      const kinds = (await eventKinds(ticket.id)).map((e) => e.kind);
      expect(kinds.slice(-2)).toEqual(['ticket.delivery_failed', 'ticket.redelivery_requested']);
      // Dealt with: a second click from a console that still shows the warning changes nothing.
      const again = await triage.post(`/api/tickets/${ticket.id}/delivery/retry`, {});
      expect(again.status).toBe(409);
      expect((await triage.get<TicketDto[]>('/api/tickets?deliveryFailed=true')).body.map((t) => t.id)).not.toContain(
        ticket.id,
      );
    } finally {
      await putIntegration(roadsUnitId, unitSystem.url);
    }
  });

  it('lets DK-03 mark an undelivered ticket as passed on another way, with how', async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}/kck-webhook`;
    expect((await putIntegration(roadsUnitId, deadUrl)).status).toBe(200);
    try {
      const ticket = await reportPothole('Wyrwa w asfalcie — przekazana telefonicznie');
      await expect
        .poll(() => deliveries(ticket.id), { timeout: 15_000, interval: 100 })
        .toMatchObject([{ status: 'failed' }]);
      const triage = await signedIn(backend.url, 'triage');
      await expect
        .poll(async () => (await triage.get<TicketDto>(`/api/tickets/${ticket.id}`)).body.deliveryFailed)
        .toBe(true);
      // The unit's system is still down, so another delivery cannot be asked for while it is switched off.
      expect((await putIntegration(roadsUnitId, deadUrl, false)).status).toBe(200);
      const noSystem = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/delivery/retry`, {});
      expect(noSystem.status).toBe(409);
      expect(noSystem.body.error.message).toContain('no active system');

      const vague = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/delivery/passed-on`, { reason: 'ok' });
      expect(vague.status).toBe(400);
      expect(vague.body.error.fields?.[0]?.path).toBe('reason');
      const passed = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/delivery/passed-on`, {
        reason: 'Przekazane telefonicznie do dyżurnego ZDMK',
      });
      expect(passed.status).toBe(200);
      expect(passed.body.deliveryFailed).toBe(false);
      const last = (await eventKinds(ticket.id)).at(-1)!;
      expect(last).toMatchObject({
        kind: 'ticket.delivery_cleared',
        reason: 'Przekazane telefonicznie do dyżurnego ZDMK',
      });
      // Nothing was posted again.
      await sleep(300);
      expect(await deliveries(ticket.id)).toHaveLength(1);

      // A ticket routed by hand to another unit leaves the old unit system's failure behind.
      expect((await putIntegration(roadsUnitId, deadUrl)).status).toBe(200);
      const other = await reportPothole('Wyrwa w asfalcie — jednak teren zielony');
      await expect
        .poll(async () => (await triage.get<TicketDto>(`/api/tickets/${other.id}`)).body.deliveryFailed, {
          timeout: 15_000,
        })
        .toBe(true);
      const rerouted = await triage.post<TicketDto>(`/api/tickets/${other.id}/route`, {
        unitId: await unitId(backend.ctx.db, 'ZZM'),
        reason: 'To teren zieleni',
      });
      expect(rerouted.status).toBe(200);
      expect(rerouted.body.deliveryFailed).toBe(false);
    } finally {
      await putIntegration(roadsUnitId, unitSystem.url);
    }
  });
});
