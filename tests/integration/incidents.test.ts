// The incident register: people record outages (timeline, who was told, closing), with optimistic locking, bad input
// refused field by field and roles kept apart; every console hears `incident.changed`. Then the platform's own
// incidents: a real dependency (Meilisearch, PostgreSQL) made unreachable through a TCP switch, two backends watching.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createMeiliEngine } from '@kck/knowledge-base';
import type {
  ErrorBody,
  IncidentDetailDto,
  IncidentListDto,
  IncidentProbe,
  IncidentSystemDto,
  IncidentSystemListDto,
  ServerToClientEvents,
} from '@kck/contracts';
import { startBackendServer, type BackendServer } from '../../backend/src/server.ts';
import type { IncidentWatcher } from '../../backend/src/incidents/incident-watcher.ts';
import { testConfig } from '../../backend/src/test-support/test-context.ts';
import {
  registerBackendDatabase,
  signedIn,
  signedInAll,
  type TestClient,
} from '../../backend/src/test-support/test-client.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { freePort } from '../support/processes.ts';
import { socketFor } from '../support/sockets.ts';
import { switchFor, type TcpSwitch } from '../support/tcp-switch.ts';
import { sleep } from '../support/waiting.ts';

let env: IsolatedEnvironment;
let db: pg.Pool;
const sockets: Socket<ServerToClientEvents>[] = [];

beforeAll(async () => {
  // A database of this file's own: open incidents show a banner in every console on their database.
  env = await createIsolatedEnvironment(`incidents${randomBytes(3).toString('hex')}`);
  db = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await db?.end();
  await env?.drop();
});

const backendOf = async (overrides: Record<string, string> = {}) => {
  const server = await startBackendServer(
    testConfig({ ...env.env, ...overrides }),
    createLogger('test-backend', 'silent'),
  );
  // signedIn() makes admin and supervisor sessions (TOTP due) in this backend's own database.
  registerBackendDatabase(server.url, env.databaseUrl);
  return server;
};

async function until<T>(
  read: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The incident ids of `incident.changed` messages the socket hears from now on. */
function heard(socket: Socket<ServerToClientEvents>): string[] {
  const ids: string[] = [];
  socket.on('incident.changed', ({ incidentId }) => ids.push(incidentId));
  return ids;
}

async function connectedSocket(url: string, client: TestClient) {
  const socket = await socketFor(url, client);
  sockets.push(socket);
  return socket;
}

async function systemId(client: TestClient, probeOrName: IncidentProbe | string): Promise<string> {
  const { systems } = (await client.get<IncidentSystemListDto>('/api/incident-systems')).body;
  const system = systems.find((s) => s.probe === probeOrName || s.name === probeOrName);
  if (!system) throw new Error(`no system ${probeOrName}`);
  return system.id;
}

const incidentCount = async () =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM incident`)).rows[0]!.n);

describe('the incident register kept by people', () => {
  let backend: BackendServer;
  let analyst: TestClient;
  let supervisor: TestClient;
  let admin: TestClient;
  let unitStaff: TestClient;
  let agent: TestClient;
  let telephony: string;

  beforeAll(async () => {
    backend = await backendOf();
    [analyst, supervisor, admin, unitStaff, agent] = await signedInAll(
      backend.url,
      'analityk',
      'kierownik',
      'admin',
      'drogi',
      'agent',
    );
    telephony = await systemId(analyst, 'Telefonia (CTI)');
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('starts with the systems the department uses, the platform checking its own dependencies', async () => {
    const { systems } = (await unitStaff.get<IncidentSystemListDto>('/api/incident-systems')).body;
    expect(systems.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Platforma KCK',
        'Telefonia (CTI)',
        'Portal usług miejskich (KPUM)',
        'Poczta e-mail',
        'Wyszukiwarka (Meilisearch)',
        'Baza danych (PostgreSQL)',
        'Redis',
        'Kolejki zadań',
      ]),
    );
    expect(systems.filter((s) => s.probe).map((s) => s.probe)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'meilisearch', 'queues']),
    );
  });

  it('records an outage with its timeline and who was told; every console hears of it and reads it while open', async () => {
    const staffSocket = await connectedSocket(backend.url, unitStaff);
    const staffHeard = heard(staffSocket);
    const startedAt = new Date(Date.now() - 20 * 60_000).toISOString();

    const opened = await analyst.post<IncidentDetailDto>('/api/incidents', {
      systemId: telephony,
      title: 'Centrala FENIX nie przyjmuje połączeń',
      impact: 'Mieszkańcy słyszą sygnał zajętości; infolinia nie odbiera.',
      severity: 'critical',
      startedAt,
    });
    expect(opened.status).toBe(201);
    const incident = opened.body;
    expect(incident).toMatchObject({
      system: { id: telephony, name: 'Telefonia (CTI)' },
      status: 'open',
      severity: 'critical',
      startedAt,
      endedAt: null,
      openedAutomatically: false,
      openedBy: { id: analyst.session!.user.id },
      version: 1,
    });
    expect(incident.actions.map((a) => a.kind)).toEqual(['opened']);

    // Unit staff do not keep the register, but their banner reads the open incident, and its page.
    await until(async () => staffHeard.includes(incident.id), 'incident.changed at the unit-staff socket');
    const open = (await unitStaff.get<IncidentListDto>('/api/incidents/open')).body;
    expect(open.incidents.map((i) => i.id)).toContain(incident.id);
    expect((await unitStaff.get<IncidentDetailDto>(`/api/incidents/${incident.id}`)).status).toBe(200);

    const action = await analyst.post<IncidentDetailDto>(`/api/incidents/${incident.id}/actions`, {
      text: 'Zgłoszono awarię dostawcy (zgłoszenie serwisowe 4411).',
    });
    expect(action.status).toBe(201);
    const told = await supervisor.post<IncidentDetailDto>(`/api/incidents/${incident.id}/notices`, {
      recipient: 'Kierownicy referatów DK-02',
      channel: 'email',
      note: 'Przekierować konsultantów na obsługę e-maili.',
    });
    expect(told.status).toBe(201);
    expect(told.body.actions.map((a) => [a.kind, a.text])).toEqual([
      ['opened', ''],
      ['note', 'Zgłoszono awarię dostawcy (zgłoszenie serwisowe 4411).'],
    ]);
    expect(told.body.notices).toMatchObject([
      { recipient: 'Kierownicy referatów DK-02', channel: 'email', recordedBy: { id: supervisor.session!.user.id } },
    ]);
    // Appending to the timeline is no edit of the record: the version stays.
    expect(told.body.version).toBe(1);

    const resolved = await admin.post<IncidentDetailDto>(`/api/incidents/${incident.id}/resolve`, {
      version: 1,
      note: 'Dostawca zrestartował centralę.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', version: 2, resolvedBy: { id: admin.session!.user.id } });
    expect(Date.parse(resolved.body.endedAt!)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    expect(resolved.body.actions.at(-1)).toMatchObject({ kind: 'resolved', text: 'Dostawca zrestartował centralę.' });

    // Closed, it leaves the banner; outside the keepers, it is no longer there to read.
    expect((await unitStaff.get<IncidentListDto>('/api/incidents/open')).body.incidents.map((i) => i.id)).not.toContain(
      incident.id,
    );
    expect((await unitStaff.get(`/api/incidents/${incident.id}`)).status).toBe(404);
    const register = (await analyst.get<IncidentListDto>(`/api/incidents?status=resolved&systemId=${telephony}`)).body;
    expect(register.incidents.map((i) => i.id)).toContain(incident.id);
  });

  describe('when two people edit the same incident', () => {
    it('keeps the first edit and answers the second 409, changing nothing', async () => {
      const { body: incident } = await supervisor.post<IncidentDetailDto>('/api/incidents', {
        systemId: telephony,
        title: 'Przerwy w połączeniach',
        impact: 'Co dziesiąta rozmowa się rozłącza.',
        severity: 'minor',
      });
      const edit = (title: string, severity: string) => ({
        systemId: telephony,
        title,
        impact: incident.impact,
        severity,
        startedAt: incident.startedAt,
        version: incident.version,
      });
      const first = await analyst.request<IncidentDetailDto>(
        'PUT',
        `/api/incidents/${incident.id}`,
        edit('Przerwy w połączeniach (FENIX)', 'major'),
      );
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(2);
      const second = await supervisor.request<ErrorBody>(
        'PUT',
        `/api/incidents/${incident.id}`,
        edit('Inny tytuł', 'critical'),
      );
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('conflict');
      const resolveStale = await supervisor.post<ErrorBody>(`/api/incidents/${incident.id}/resolve`, { version: 1 });
      expect(resolveStale.status).toBe(409);

      const now = (await analyst.get<IncidentDetailDto>(`/api/incidents/${incident.id}`)).body;
      expect(now).toMatchObject({
        title: 'Przerwy w połączeniach (FENIX)',
        severity: 'major',
        status: 'open',
        version: 2,
      });
    });
  });

  describe('with bad input', () => {
    it('answers 400 naming every bad field, and writes nothing', async () => {
      const before = await incidentCount();
      const empty = await analyst.post<ErrorBody>('/api/incidents', { title: 'x', severity: 'apocalyptic' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.fields?.map((f) => f.path).sort()).toEqual(['impact', 'severity', 'systemId', 'title']);

      const future = await analyst.post<ErrorBody>('/api/incidents', {
        systemId: telephony,
        title: 'Awaria z przyszłości',
        impact: 'Brak',
        severity: 'minor',
        startedAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(future.status).toBe(400);
      expect(future.body.error.fields).toEqual([{ path: 'startedAt', message: 'startedAt must not be in the future' }]);

      const unknownSystem = await analyst.post<ErrorBody>('/api/incidents', {
        systemId: '00000000-0000-4000-8000-000000000000',
        title: 'Awaria nieznanego systemu',
        impact: 'Brak',
        severity: 'minor',
      });
      expect(unknownSystem.status).toBe(400);
      expect(unknownSystem.body.error.fields?.[0]?.path).toBe('systemId');
      expect(await incidentCount()).toBe(before);

      const period = await analyst.get<ErrorBody>('/api/incidents?from=2026-05-10&to=2026-05-01');
      expect(period.status).toBe(400);
      expect(period.body.error.fields?.map((f) => f.path)).toEqual(['query.to']);
    });

    it('refuses to close an incident before it started, or to give an open one an end by editing', async () => {
      const { body: incident } = await analyst.post<IncidentDetailDto>('/api/incidents', {
        systemId: telephony,
        title: 'Brak nagrywania rozmów',
        impact: 'Rozmowy nie są nagrywane.',
        severity: 'minor',
      });
      const early = await analyst.post<ErrorBody>(`/api/incidents/${incident.id}/resolve`, {
        version: incident.version,
        endedAt: new Date(Date.parse(incident.startedAt) - 3_600_000).toISOString(),
      });
      expect(early.status).toBe(400);
      expect(early.body.error.fields?.map((f) => f.path)).toEqual(['endedAt']);

      const endByEdit = await analyst.request<ErrorBody>('PUT', `/api/incidents/${incident.id}`, {
        systemId: telephony,
        title: incident.title,
        impact: incident.impact,
        severity: incident.severity,
        startedAt: incident.startedAt,
        endedAt: new Date().toISOString(),
        version: incident.version,
      });
      expect(endByEdit.status).toBe(400);
      expect(endByEdit.body.error.fields?.map((f) => f.path)).toEqual(['endedAt']);

      const blankAction = await analyst.post<ErrorBody>(`/api/incidents/${incident.id}/actions`, { text: '  ' });
      expect(blankAction.status).toBe(400);
      const badNotice = await analyst.post<ErrorBody>(`/api/incidents/${incident.id}/notices`, {
        recipient: 'Biuro Prezydenta',
        channel: 'pigeon',
      });
      expect(badNotice.status).toBe(400);
      expect(badNotice.body.error.fields?.map((f) => f.path)).toEqual(['channel']);

      const unchanged = (await analyst.get<IncidentDetailDto>(`/api/incidents/${incident.id}`)).body;
      expect(unchanged).toMatchObject({ status: 'open', version: 1, endedAt: null });
      expect(unchanged.actions).toHaveLength(1);
      expect(unchanged.notices).toHaveLength(0);
    });
  });

  describe('roles', () => {
    it('lets unit staff and agents read open incidents but not open, change or list the register', async () => {
      const body = { systemId: telephony, title: 'Awaria od pracownika', impact: 'Brak', severity: 'minor' };
      expect((await unitStaff.post('/api/incidents', body)).status).toBe(403);
      expect((await agent.post('/api/incidents', body)).status).toBe(403);
      expect((await unitStaff.get('/api/incidents')).status).toBe(403);
      expect((await agent.get('/api/incidents/open')).status).toBe(200);

      const { body: incident } = await analyst.post<IncidentDetailDto>('/api/incidents', body);
      expect((await unitStaff.post(`/api/incidents/${incident.id}/actions`, { text: 'Nie działa u nas' })).status).toBe(
        403,
      );
      expect((await agent.post(`/api/incidents/${incident.id}/resolve`, { version: 1 })).status).toBe(403);
    });

    it('lets analysts and admins extend the list of systems, not supervisors; a deactivated one takes no new incident', async () => {
      const name = `Atmosfera KCK ${randomBytes(2).toString('hex')}`;
      expect((await supervisor.post('/api/incident-systems', { name })).status).toBe(403);
      const added = await analyst.post<IncidentSystemDto>('/api/incident-systems', { name });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ name, active: true, probe: null });
      expect((await admin.post<ErrorBody>('/api/incident-systems', { name: name.toUpperCase() })).status).toBe(409);

      const off = await admin.request<IncidentSystemDto>('PUT', `/api/incident-systems/${added.body.id}`, {
        name,
        active: false,
      });
      expect(off.body.active).toBe(false);
      const refused = await analyst.post<ErrorBody>('/api/incidents', {
        systemId: added.body.id,
        title: 'Awaria wyłączonego systemu',
        impact: 'Brak',
        severity: 'minor',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields?.map((f) => f.path)).toEqual(['systemId']);
    });
  });
});

describe('incidents the platform opens itself', () => {
  const OPEN_AFTER_MS = 2000;
  const watching = { INCIDENT_AUTO_OPEN_AFTER_MS: String(OPEN_AFTER_MS), INCIDENT_CHECK_EVERY_MS: '200' };

  describe('when Meilisearch stops answering, with two backends watching', () => {
    const index = `kck_test_incidents_${randomBytes(4).toString('hex')}`;
    let meili: TcpSwitch;
    let first: BackendServer;
    let second: BackendServer;
    let analyst: TestClient;
    let unitStaff: TestClient;

    beforeAll(async () => {
      meili = switchFor(process.env.MEILI_URL!, await freePort());
      await meili.on();
      const config = { ...watching, MEILI_URL: meili.urlFor(process.env.MEILI_URL!), MEILI_INDEX: index };
      [first, second] = await Promise.all([backendOf(config), backendOf(config)]);
      analyst = await signedIn(first.url, 'analityk');
      unitStaff = await signedIn(second.url, 'drogi');
    });
    afterAll(async () => {
      await Promise.all([first?.close(), second?.close()]);
      await meili?.off();
      const direct = createMeiliEngine({
        url: process.env.MEILI_URL!,
        masterKey: process.env.MEILI_MASTER_KEY!,
        index,
      });
      await direct.dropIndex().catch(() => undefined);
      await direct.close();
    });

    const seen = (watcher: IncidentWatcher, probe: IncidentProbe) =>
      watcher.state.view().find((p) => p.probe === probe);
    const bothWatchers = (check: (watcher: IncidentWatcher) => boolean | undefined) =>
      [first.incidentWatcher!, second.incidentWatcher!].every((watcher) => check(watcher));

    const automatic = async (probe: IncidentProbe) =>
      (
        await db.query<{ id: string; status: string; started_at: Date; ended_at: Date | null; recorded_at: Date }>(
          `SELECT i.id, i.status, i.started_at, i.ended_at, i.recorded_at
             FROM incident i JOIN incident_system s ON s.id = i.system_id
            WHERE s.probe = $1 AND i.opened_automatically ORDER BY i.started_at`,
          [probe],
        )
      ).rows;

    it('opens one incident once it has been down for the configured time, and closes it when it answers', async () => {
      const staffSocket = await connectedSocket(second.url, unitStaff);
      const staffHeard = heard(staffSocket);
      // An incident a person opened for the same system: the platform never closes it.
      const { body: manual } = await analyst.post<IncidentDetailDto>('/api/incidents', {
        systemId: await systemId(analyst, 'meilisearch'),
        title: 'Wyszukiwarka zwraca stare artykuły',
        impact: 'Konsultanci widzą nieaktualne karty.',
        severity: 'minor',
      });
      expect(await automatic('meilisearch')).toEqual([]);

      const cutAt = new Date();
      await meili.off();
      const [opened] = await until(async () => {
        const rows = await automatic('meilisearch');
        return rows.length > 0 && rows;
      }, 'an automatic Meilisearch incident');
      // Its start is the first failed check after the cut, and it was written no sooner than the delay after it.
      expect(opened!.status).toBe('open');
      expect(opened!.started_at.getTime()).toBeGreaterThanOrEqual(cutAt.getTime());
      expect(opened!.recorded_at.getTime() - opened!.started_at.getTime()).toBeGreaterThanOrEqual(OPEN_AFTER_MS);

      // Both watchers have seen it down past the delay and gone to open it: still one incident.
      await until(async () => bothWatchers((w) => seen(w, 'meilisearch')?.opened), 'both watchers past the delay');
      expect(await automatic('meilisearch')).toHaveLength(1);

      const detail = (await analyst.get<IncidentDetailDto>(`/api/incidents/${opened!.id}`)).body;
      expect(detail).toMatchObject({
        system: { name: 'Wyszukiwarka (Meilisearch)' },
        openedAutomatically: true,
        openedBy: null,
        severity: 'minor',
        status: 'open',
      });
      expect(detail.actions).toMatchObject([{ kind: 'opened', author: null, at: detail.startedAt }]);
      expect(detail.actions[0]!.text).toMatch(/^Meilisearch: /);
      // The banner of a console on the other backend hears it, and its open list shows it.
      await until(async () => staffHeard.includes(opened!.id), 'incident.changed for the opened incident');
      const banner = (await unitStaff.get<IncidentListDto>('/api/incidents/open')).body.incidents;
      expect(banner.map((i) => i.id)).toEqual(expect.arrayContaining([opened!.id, manual.id]));

      const backAt = new Date();
      const heardBefore = staffHeard.length;
      await meili.on();
      const [closed] = await until(async () => {
        const rows = await automatic('meilisearch');
        return rows[0]?.status === 'resolved' && rows;
      }, 'the Meilisearch incident closed');
      expect(closed!.ended_at!.getTime()).toBeGreaterThanOrEqual(backAt.getTime());
      const after = (await analyst.get<IncidentDetailDto>(`/api/incidents/${opened!.id}`)).body;
      expect(after.actions.map((a) => [a.kind, a.author])).toEqual([
        ['opened', null],
        ['recovered', null],
      ]);
      expect(after.actions[1]!.at).toBe(after.endedAt);
      await until(
        async () => staffHeard.slice(heardBefore).includes(opened!.id),
        'incident.changed for the closed incident',
      );

      // Both watchers have seen it answer and written what they had to: nothing more was written, and the
      // person's incident stays open.
      await until(
        async () =>
          bothWatchers((w) => seen(w, 'meilisearch')?.state === 'ok' && w.state.pendingRecoveries().length === 0),
        'both watchers done with the recovery',
      );
      await Promise.all([first.incidentWatcher!.tick(), second.incidentWatcher!.tick()]);
      expect(await automatic('meilisearch')).toHaveLength(1);
      expect((await analyst.get<IncidentDetailDto>(`/api/incidents/${manual.id}`)).body.status).toBe('open');
    });

    it('opens one for the queues when no worker takes jobs', async () => {
      // Nothing runs a worker on this database's queues.
      const [queues] = await until(async () => {
        const rows = await automatic('queues');
        return rows.length > 0 && rows;
      }, 'an automatic queues incident');
      await until(async () => bothWatchers((w) => seen(w, 'queues')?.opened), 'both watchers past the delay');
      expect(await automatic('queues')).toHaveLength(1);
      const detail = (await analyst.get<IncidentDetailDto>(`/api/incidents/${queues!.id}`)).body;
      expect(detail.actions[0]!.text).toMatch(/^No worker takes jobs from: .*routing/);
      expect(detail.severity).toBe('major');
    });
  });

  describe('when PostgreSQL itself stops answering', () => {
    let postgres: TcpSwitch;
    let backend: BackendServer;

    beforeAll(async () => {
      postgres = switchFor(env.databaseUrl, await freePort());
      await postgres.on();
      backend = await backendOf({ ...watching, DATABASE_URL: postgres.urlFor(env.databaseUrl) });
    });
    afterAll(async () => {
      await postgres?.on();
      await backend?.close();
      await postgres?.off();
    });

    it('records the incident once the database is back, with the outage start and end', async () => {
      const before = (
        await db.query(
          `SELECT count(*)::int AS n FROM incident i JOIN incident_system s ON s.id = i.system_id WHERE s.probe = 'postgres'`,
        )
      ).rows[0].n as number;
      const cutAt = new Date();
      await postgres.off();
      const watcher = backend.incidentWatcher!;
      // Down for longer than the delay, as the backend's own checks saw it.
      await until(async () => {
        const seen = watcher.state.view().find((p) => p.probe === 'postgres');
        return seen?.state === 'failing' && Date.now() - seen.since.getTime() > OPEN_AFTER_MS + 500;
      }, 'PostgreSQL failing past the delay');
      const backAt = new Date();
      await postgres.on();

      const rows = await until(async () => {
        const found = (
          await db.query<{
            id: string;
            status: string;
            started_at: Date;
            ended_at: Date;
            recorded_at: Date;
            opened_automatically: boolean;
          }>(
            `SELECT i.id, i.status, i.started_at, i.ended_at, i.recorded_at, i.opened_automatically
               FROM incident i JOIN incident_system s ON s.id = i.system_id
              WHERE s.probe = 'postgres' ORDER BY i.recorded_at`,
          )
        ).rows;
        return found.length > before && found;
      }, 'the PostgreSQL incident recorded');
      expect(rows).toHaveLength(before + 1);
      const incident = rows.at(-1)!;
      expect(incident).toMatchObject({ status: 'resolved', opened_automatically: true });
      expect(incident.started_at.getTime()).toBeGreaterThanOrEqual(cutAt.getTime());
      expect(incident.started_at.getTime()).toBeLessThan(backAt.getTime());
      expect(incident.ended_at.getTime()).toBeGreaterThanOrEqual(backAt.getTime());
      expect(incident.ended_at.getTime() - incident.started_at.getTime()).toBeGreaterThanOrEqual(OPEN_AFTER_MS);
      // Written after the database was back.
      expect(incident.recorded_at.getTime()).toBeGreaterThanOrEqual(incident.ended_at.getTime());

      const analyst = await signedIn(backend.url, 'analityk');
      const detail = (await analyst.get<IncidentDetailDto>(`/api/incidents/${incident.id}`)).body;
      expect(detail.actions.map((a) => a.kind)).toEqual(['opened', 'recovered']);
      expect(detail.actions[0]!.text).toMatch(/^PostgreSQL: /);
      expect(detail.system.name).toBe('Baza danych (PostgreSQL)');
      expect(detail.severity).toBe('critical');
    });
  });
});
