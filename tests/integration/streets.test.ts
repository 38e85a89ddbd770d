// The street → district dictionary through the API: autocomplete that ignores case, Polish letters, „św.” and
// the house number; CSV import by analysts and admins only, all or nothing, every bad line named; `replace`
// (run on a database of its own, so the run's seeded streets stay for the other tests) deactivates what the file omits.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, StreetDto, StreetImportResultDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, signedInAll, TestClient, type TestResponse } from '../../backend/src/test-support/test-client.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

let backend: TestBackend;
let agent: TestClient;
let analyst: TestClient;
let admin: TestClient;
// Street names of this file's own, so parallel test files never see them and re-runs never collide.
const tag = randomUUID().slice(0, 8);

const streets = async (client: TestClient, q: string, limit?: number) => {
  const query = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) });
  const res = await client.get<StreetDto[]>(`/api/streets?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

const importCsv = (client: TestClient, csv: string, mode?: 'merge' | 'replace') =>
  client.post<StreetImportResultDto | ErrorBody>('/api/streets/import', { csv, ...(mode ? { mode } : {}) });

const fieldsOf = (res: TestResponse<unknown>) => (res.body as ErrorBody).error.fields ?? [];

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [agent, analyst, admin] = await signedInAll(backend.url, 'agent', 'analityk', 'admin');
});
afterAll(() => backend?.close());

describe('GET /api/streets', () => {
  it('finds „św. Filipa” in Stare Miasto however the agent types it', async () => {
    for (const typed of ['sw. filipa', 'Sw Filipa', 'świętego filipa', 'ul. Św. Filipa 17/3', 'filipa']) {
      const found = await streets(agent, typed);
      expect(found[0], typed).toMatchObject({
        prefix: 'ul.',
        name: 'św. Filipa',
        label: 'ul. św. Filipa',
        districtCode: 'I',
        districtLabelPl: 'I Stare Miasto',
      });
    }
  });

  it('gives a street along a district boundary once per district', async () => {
    const found = await streets(agent, 'al. Mickiewicza');
    expect(found.map((s) => `${s.label} ${s.districtCode}`)).toEqual([
      'al. Adama Mickiewicza I',
      'al. Adama Mickiewicza V',
    ]);
  });

  it('puts names starting with the query before names with a word starting with it', async () => {
    const names = (await streets(agent, 'ja', 50)).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Jagiellońska', 'św. Jana', 'Królowej Jadwigi']));
    const startsWith = names.map((name) => name.toLowerCase().startsWith('ja'));
    expect(startsWith).toEqual([...startsWith].sort((a, b) => Number(b) - Number(a)));
  });

  it('answers an empty list, not an error, when nothing matches', async () => {
    expect(await streets(agent, 'Nieistniejąca Ulica Testowa')).toEqual([]);
    expect(await streets(agent, '...')).toEqual([]);
  });

  it('refuses a missing query or a limit out of range, naming the field, and anyone not signed in', async () => {
    const missing = await agent.get<ErrorBody>('/api/streets');
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields?.map((f) => f.path)).toEqual(['query.q']);
    const limit = await agent.get<ErrorBody>('/api/streets?q=kra&limit=500');
    expect(limit.status).toBe(400);
    expect(limit.body.error.fields?.map((f) => f.path)).toEqual(['query.limit']);
    expect((await new TestClient(backend.url).get('/api/streets?q=kra')).status).toBe(401);
  });
});

describe('POST /api/streets/import', () => {
  it('adds new streets, updates a changed prefix and leaves the rest, counting each', async () => {
    const csv = `ulica;dzielnica;cecha\nTestowa ${tag};VIII;ul.\nTestowa ${tag};Krowodrza;ul.\nSkwer ${tag};I Stare Miasto;skwer\n`;
    const first = await importCsv(analyst, csv);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ mode: 'merge', lines: 3, created: 3, updated: 0, unchanged: 0, removed: 0 });

    const found = await streets(agent, `testowa ${tag}`);
    expect(found.map((s) => [s.label, s.districtCode])).toEqual([
      [`ul. Testowa ${tag}`, 'V'],
      [`ul. Testowa ${tag}`, 'VIII'],
    ]);

    const again = await importCsv(admin, csv.replace(`Skwer ${tag};I Stare Miasto;skwer`, `Skwer ${tag};I;pl.`));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 2, removed: 0 });
    expect((await streets(agent, `skwer ${tag}`))[0]?.label).toBe(`pl. Skwer ${tag}`);
  });

  it('rejects a file with bad lines as a whole, naming each line, and writes nothing of it', async () => {
    const csv = ['street,district', `Dobra ${tag},I`, `Zła ${tag},XIX`, `,II`, `"Otwarta ${tag},III`].join('\n');
    const bad = await importCsv(analyst, csv.split('\n').slice(0, 4).join('\n'));
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual([
      { path: 'csv.3', message: 'line 3: unknown district "XIX": give its numeral (I–XVIII), its name or its label' },
      { path: 'csv.4', message: 'line 4: the street name is empty' },
    ]);
    expect(await streets(agent, `dobra ${tag}`)).toEqual([]);

    const unclosed = await importCsv(analyst, csv);
    expect(unclosed.status).toBe(400);
    expect(fieldsOf(unclosed)).toEqual([{ path: 'csv.5', message: 'line 5: a quote opened here is never closed' }]);
  });

  it('refuses a body that is not a CSV text, naming the field', async () => {
    const res = await analyst.post<ErrorBody>('/api/streets/import', { csv: '', mode: 'everything' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.map((f) => f.path).sort()).toEqual(['csv', 'mode']);
  });

  it('is for analysts and admins only', async () => {
    const res = await importCsv(agent, `street,district\nAgentowa ${tag},I`);
    expect(res.status).toBe(403);
    expect(await streets(agent, `agentowa ${tag}`)).toEqual([]);
  });
});

describe('POST /api/streets/import in replace mode', () => {
  let environment: IsolatedEnvironment;
  let own: TestBackend;

  beforeAll(async () => {
    environment = await createIsolatedEnvironment('streets');
    own = await startTestBackend({ config: environment.env, relay: false });
  }, 120_000);
  afterAll(async () => {
    await own?.close();
    await environment?.drop();
  });

  it('leaves exactly the streets of the file', async () => {
    const ownAdmin = await signedIn(own.url, 'admin', environment.databaseUrl);
    const [{ seeded }] = await own.ctx.db.query(`SELECT count(*)::int AS seeded FROM street`);
    expect(seeded).toBeGreaterThan(100);

    const res = await importCsv(ownAdmin, 'street,district\nul. św. Filipa,I\nWieliczka Testowa,XII\n', 'replace');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      mode: 'replace',
      lines: 2,
      created: 1,
      updated: 0,
      unchanged: 1,
      removed: seeded - 1,
      total: 2,
    });
    // The others are deactivated, never deleted (tests/integration/street-dictionary.test.ts follows them).
    const rows: { name: string }[] = await own.ctx.db.query(
      `SELECT name FROM street WHERE active ORDER BY name_folded`,
    );
    expect(rows.map((r) => r.name)).toEqual(['św. Filipa', 'Wieliczka Testowa']);
  });
});
