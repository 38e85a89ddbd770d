// Open data: tickets written in a past month (2025-02, which no other test file writes in) in three districts,
// 3, 7 and 12 of them; the 3-ticket cell is suppressed in JSON and CSV, the 7-ticket cell with it (secondary), so
// no published number gives the 3 back; the top-level category takes its children; no personal data; refused
// periods; ETag and 304.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, OpenDataCellDto, OpenDataMonthlyDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { buildUnit } from '../../backend/src/test-support/builders.ts';
import { refreshRollups } from '../../backend/src/analytics/rollups.ts';
import { currentLocalMonth } from '../../backend/src/open-data/open-data.service.ts';
import { PERSONAL, seededPlaces, writeTicketsInMonth } from '../support/open-data-tickets.ts';

const MONTH = '2025-02';
let backend: TestBackend;
let unit: { id: string; code: string };
let places: Awaited<ReturnType<typeof seededPlaces>>;

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${backend.url}${path}`, { headers: { Accept: 'application/json', ...headers } });

async function monthly(query: string): Promise<OpenDataMonthlyDto> {
  const res = await get(`/api/public/open-data/monthly.json?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as OpenDataMonthlyDto;
}

const cellOf = (data: OpenDataMonthlyDto, code: string | null, month = MONTH): OpenDataCellDto | undefined =>
  data.groups.find((g) => g.code === code)?.cells.find((c) => c.month === month);

/** Minimal CSV reading for this file's records (no quoted commas in what is checked). */
const csvRecords = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  const db = backend.ctx.db;
  const query = (sql: string, params?: unknown[]) => db.query(sql, params);
  unit = await buildUnit(db);
  places = await seededPlaces(query);
  const [small, middle, large] = places.districts;
  const common = { month: MONTH, unitId: unit.id };
  await writeTicketsInMonth(query, { ...common, count: 3, districtId: small!.id, categoryId: places.leaves[0] });
  await writeTicketsInMonth(query, { ...common, count: 7, districtId: middle!.id, categoryId: places.leaves[1] });
  await writeTicketsInMonth(query, {
    ...common,
    count: 12,
    districtId: large!.id,
    categoryId: places.leaves[0],
    resolved: 6,
    late: 3,
  });
  await refreshRollups(db);
}, 60_000);
afterAll(() => backend?.close());

describe('monthly figures by district', () => {
  it('suppresses the 3-ticket cell and the next smallest, and publishes the rest with their measures', async () => {
    const data = await monthly(`from=${MONTH}&to=${MONTH}&by=district`);
    const [small, middle, large] = places.districts;
    expect(data).toMatchObject({ by: 'district', from: MONTH, to: MONTH, months: [MONTH], minCell: 5 });
    expect(data.licence).toBeTruthy();
    expect(cellOf(data, small!.code)).toEqual({
      month: MONTH,
      suppressed: true,
      tickets: null,
      resolved: null,
      deadlineKeptShare: null,
      meanDaysToResolve: null,
      openShare: null,
    });
    // Secondary: the total is published, so the 7 goes with the 3.
    expect(cellOf(data, middle!.code)).toMatchObject({ suppressed: true, tickets: null });
    expect(cellOf(data, large!.code)).toEqual({
      month: MONTH,
      suppressed: false,
      tickets: 12,
      resolved: 6,
      deadlineKeptShare: 0.5,
      meanDaysToResolve: 3,
      openShare: 0.5,
    });
    expect(data.groups.find((g) => g.code === large!.code)?.labelPl).toBe(large!.label);
    expect(data.totals).toEqual([expect.objectContaining({ month: MONTH, suppressed: false, tickets: 22 })]);
  });

  it('lets no published number give a suppressed cell back, in any grouping', async () => {
    for (const by of ['district', 'category', 'unit']) {
      const data = await monthly(`from=2025-01&to=2025-03&by=${by}`);
      for (const [i, month] of data.months.entries()) {
        const total = data.totals[i]!;
        expect(total.month).toBe(month);
        const cells = data.groups.flatMap((g) => g.cells.filter((c) => c.month === month));
        const hidden = cells.filter((c) => c.suppressed);
        for (const cell of cells.filter((c) => !c.suppressed)) expect(cell.tickets).toBeGreaterThanOrEqual(5);
        if (total.suppressed) continue;
        // With the total published, a single suppressed cell would be the total minus the published ones.
        expect(hidden.length === 0 || hidden.length >= 2, `${by} ${month}: ${hidden.length} suppressed`).toBe(true);
        if (hidden.length === 0) expect(cells.reduce((sum, c) => sum + c.tickets!, 0)).toBe(total.tickets);
      }
    }
  });

  it('rolls categories up to their top-level category and counts units by code', async () => {
    const byCategory = await monthly(`from=${MONTH}&to=${MONTH}&by=category`);
    expect(cellOf(byCategory, places.parent.code)).toMatchObject({ suppressed: false, tickets: 22 });
    const byUnit = await monthly(`from=${MONTH}&to=${MONTH}&by=unit`);
    expect(cellOf(byUnit, unit.code)).toMatchObject({ suppressed: false, tickets: 22, resolved: 6 });
  });

  it('says the same in CSV, with "<5" for the suppressed cells', async () => {
    const res = await get(`/api/public/open-data/monthly.csv?from=${MONTH}&to=${MONTH}&by=district`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...records] = csvRecords(await res.text());
    expect(header).toEqual([
      'row',
      'by',
      'month',
      'code',
      'label_pl',
      'label_en',
      'tickets',
      'resolved',
      'deadline_kept_share',
      'mean_days_to_resolve',
      'open_share',
      'suppressed',
    ]);
    const of = (code: string) => records.find((r) => r[0] === 'group' && r[3] === code);
    const [small, middle, large] = places.districts;
    expect(of(small!.code)?.slice(6)).toEqual(['<5', '', '', '', '', 'true']);
    expect(of(middle!.code)?.slice(6)).toEqual(['<5', '', '', '', '', 'true']);
    expect(of(large!.code)?.slice(6)).toEqual(['12', '6', '0.5', '3', '0.5', 'false']);
    expect(records.find((r) => r[0] === 'total')?.slice(6, 7)).toEqual(['22']);
    // No number in a published group record is under the threshold's count of tickets.
    for (const record of records.filter((r) => r[11] === 'false')) expect(Number(record[6])).toBeGreaterThanOrEqual(5);
  });

  it('publishes no personal data, no free text and no internal ids', async () => {
    for (const path of ['monthly.json', 'monthly.csv'])
      for (const by of ['district', 'category', 'unit']) {
        const text = await (await get(`/api/public/open-data/${path}?from=${MONTH}&to=${MONTH}&by=${by}`)).text();
        for (const value of Object.values(PERSONAL)) expect(text).not.toContain(value);
        expect(text).not.toMatch(/Sekretn|KCK\/\d{4}\/\d{6}/);
        // No uuid: units, districts and categories go by their codes.
        expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
        expect(text).not.toContain(unit.id);
      }
  });
});

describe('caching', () => {
  it('sends an ETag and a cache lifetime, and answers 304 to a matching If-None-Match', async () => {
    for (const path of ['monthly.json', 'monthly.csv']) {
      const url = `/api/public/open-data/${path}?from=${MONTH}&to=${MONTH}&by=district`;
      const first = await get(url);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
      const again = await get(url, { 'If-None-Match': etag! });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect((await get(url, { 'If-None-Match': '"something-else"' })).status).toBe(200);
    }
  });

  it('keeps the ETag across a refresh of the rollups that changed nothing in the figures', async () => {
    const url = `/api/public/open-data/monthly.json?from=${MONTH}&to=${MONTH}&by=unit`;
    const etag = (await get(url)).headers.get('etag')!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await refreshRollups(backend.ctx.db);
    expect((await get(url, { 'If-None-Match': etag })).status).toBe(304);
  });
});

describe('refused questions', () => {
  const current = currentLocalMonth();
  it.each([
    ['from=2025-13&to=2025-12', 'query.from', /month \(YYYY-MM\)/],
    ['from=2025-01-01&to=2025-02', 'query.from', /month \(YYYY-MM\)/],
    ['from=2025-03&to=2025-01', 'query.to', /before it starts/],
    ['from=2020-01&to=2024-12', 'query.to', /at most 36/],
    [`from=${current}&to=${current}`, 'query.from', /only completed months/],
    [`from=2025-01&to=${current}`, 'query.to', /only completed months/],
    ['from=2025-01&to=2025-02&by=street', 'query.by', /district, category, unit/],
    ['from=2025-01&to=2025-02&district=x', 'query', /unrecognized|district/i],
  ])('answers 400 for %s', async (query, field, message) => {
    for (const path of ['monthly.json', 'monthly.csv']) {
      const res = await get(`/api/public/open-data/${path}?${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      const fieldError = body.error.fields?.find((f) => f.path.startsWith(field));
      expect(fieldError?.message, JSON.stringify(body)).toMatch(message);
    }
  });

  it('gives the last twelve completed months without a period, never the current one', async () => {
    const data = await monthly('by=unit');
    expect(data.months).toHaveLength(12);
    expect(data.months).not.toContain(current);
    expect(data.to < current).toBe(true);
  });
});
