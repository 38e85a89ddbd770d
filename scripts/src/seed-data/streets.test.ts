// The seeded street list: each street's district exists, no street is listed twice in one district, and the
// boundary streets agents ask about most sit in both their districts.
import { describe, expect, it } from 'vitest';
import { foldStreetName } from '@kck/backend/streets/street-names';
import { DISTRICTS } from './districts.ts';
import { STREETS } from './streets.ts';

describe('seeded streets', () => {
  it('name districts of the dictionary, with some streets in every one of the 18', () => {
    const codes = new Set(DISTRICTS.map((d) => d.code));
    expect(STREETS.filter((s) => !codes.has(s.districtCode))).toEqual([]);
    expect(new Set(STREETS.map((s) => s.districtCode)).size).toBe(18);
    expect(STREETS.length).toBeGreaterThanOrEqual(100);
    expect(STREETS.length).toBeLessThanOrEqual(250);
  });

  it('list a street at most once per district (folded as the dictionary folds them)', () => {
    const keys = STREETS.map((s) => `${foldStreetName(s.name)}|${s.districtCode}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it('put a street along a boundary in both districts', () => {
    const districtsOf = (name: string) => STREETS.filter((s) => s.name === name).map((s) => s.districtCode);
    expect(districtsOf('Adama Mickiewicza')).toEqual(['I', 'V']);
    expect(districtsOf('św. Filipa')).toEqual(['I']);
  });
});
