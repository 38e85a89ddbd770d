import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  distanceMetres,
  publicStreet,
  rankCandidates,
  streetOfAddress,
  type Candidate,
  type RankOptions,
} from './duplicate-ranking.ts';

const RYNEK = { latitude: 50.0617, longitude: 19.9373 };
/** A point `north` metres north and `east` metres east of the Main Square. */
const near = (north: number, east = 0) => ({
  latitude: RYNEK.latitude + north / 111_195,
  longitude: RYNEK.longitude + east / (111_195 * Math.cos((RYNEK.latitude * Math.PI) / 180)),
});

const options: RankOptions = { point: RYNEK, radiusM: 150, minSimilarity: 0.3, limit: 5 };
let day = 0;
const candidate = (overrides: Partial<Candidate> & { name: string }): Candidate & { name: string } => ({
  location: null,
  similarity: null,
  place: null,
  createdAt: new Date(Date.UTC(2026, 10, 1 + day++)),
  ...overrides,
});
const names = (ranked: { candidate: { name: string } }[]) => ranked.map((r) => r.candidate.name);

describe('distances', () => {
  it('measures metres within the city to the metre', () => {
    expect(distanceMetres(RYNEK, near(100))).toBeCloseTo(100, 0);
    expect(distanceMetres(RYNEK, near(0, 100))).toBeCloseTo(100, 0);
    expect(distanceMetres(RYNEK, near(60, 80))).toBeCloseTo(100, 0);
  });

  it('draws a box that holds every point within the radius', () => {
    const box = boundingBox(RYNEK, 150);
    for (const point of [near(149), near(-149), near(0, 149), near(0, -149), near(100, 100)]) {
      expect(point.latitude).toBeGreaterThanOrEqual(box.south);
      expect(point.latitude).toBeLessThanOrEqual(box.north);
      expect(point.longitude).toBeGreaterThanOrEqual(box.west);
      expect(point.longitude).toBeLessThanOrEqual(box.east);
    }
    expect(near(151).latitude).toBeGreaterThan(box.north);
  });
});

describe('rankCandidates', () => {
  describe('when both reports have a pin', () => {
    it('keeps those within the radius, nearest and most alike first', () => {
      const ranked = rankCandidates(
        [
          candidate({ name: 'far', location: near(400), similarity: 0.9 }),
          candidate({ name: 'corner of the box', location: near(120, 120), similarity: 0.9 }),
          candidate({ name: 'near, other words', location: near(20), similarity: 0.35 }),
          candidate({ name: 'near, same words', location: near(60), similarity: 0.8 }),
        ],
        options,
      );
      expect(names(ranked)).toEqual(['near, same words', 'near, other words']);
      expect(ranked[0]).toMatchObject({ matchedBy: 'distance', distanceM: expect.closeTo(60, 0) });
    });

    it('lets the pins decide even when the streets are the same', () => {
      const ranked = rankCandidates([candidate({ name: 'same street, 2 km away', location: near(2000) })], options);
      expect(ranked).toEqual([]);
    });
  });

  describe('when words were typed', () => {
    it('drops a nearby ticket in other words', () => {
      const ranked = rankCandidates([candidate({ name: 'tree', location: near(10), similarity: 0.12 })], options);
      expect(ranked).toEqual([]);
    });

    it('accepts the district alone, for tickets without a pin or street to compare', () => {
      const ranked = rankCandidates(
        [
          candidate({ name: 'district', place: 'district', similarity: 0.7 }),
          candidate({ name: 'street', place: 'street', similarity: 0.7 }),
        ],
        { ...options, point: null },
      );
      expect(names(ranked)).toEqual(['street', 'district']);
      expect(ranked.map((r) => r.matchedBy)).toEqual(['street', 'district']);
    });
  });

  describe('when nothing was typed yet', () => {
    it('offers the pins and the street, never a whole district', () => {
      const ranked = rankCandidates(
        [
          candidate({ name: 'district', place: 'district' }),
          candidate({ name: 'street', place: 'street' }),
          candidate({ name: 'pin', location: near(30) }),
        ],
        options,
      );
      expect(names(ranked)).toEqual(['pin', 'street']);
    });
  });

  it('puts the older report first when two are as likely, and stops at the limit', () => {
    const same = { place: 'street' as const, similarity: 0.5 };
    const ranked = rankCandidates(
      [candidate({ name: 'b', ...same }), candidate({ name: 'a', ...same }), candidate({ name: 'c', ...same })].map(
        (c, i) => ({ ...c, createdAt: new Date(Date.UTC(2026, 0, 3 - i)) }),
      ),
      { ...options, point: null, limit: 2 },
    );
    expect(names(ranked)).toEqual(['c', 'a']);
  });
});

describe('publicStreet', () => {
  it.each([
    ['ul. Długa 5 m. 3', 'ul. Długa'],
    ['ulica Floriańska 12/4, przy sklepie', 'ul. Floriańska'],
    ['al. 29 Listopada 130', 'al. 29 Listopada'],
    ['Rynek Główny 1', 'Rynek Główny'],
    ['os. Centrum A 5', 'os. Centrum A'],
    ['12', null],
    ['', null],
    [null, null],
  ])('shows %j as %j', (address, street) => {
    expect(publicStreet(address)).toBe(street);
  });
});

describe('streetOfAddress', () => {
  it('compares by the street alone', () => {
    expect(streetOfAddress('ul. Św. Filipa 17/3')).toBe('Św. Filipa');
    expect(streetOfAddress(undefined)).toBe('');
  });
});
