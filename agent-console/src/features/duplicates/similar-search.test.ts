import { describe, expect, it } from 'vitest';
import { ageLabel, distanceLabel, similarSearchOf } from './similar-search';

const CATEGORY = '11111111-1111-4111-8111-111111111111';
const DISTRICT = '22222222-2222-4222-8222-222222222222';

describe('similarSearchOf', () => {
  it('waits for a category and a place', () => {
    expect(similarSearchOf({ categoryId: '', address: 'ul. Długa 5' })).toBeNull();
    expect(similarSearchOf({ categoryId: CATEGORY, description: 'Dziura w jezdni' })).toBeNull();
    expect(similarSearchOf({ categoryId: CATEGORY, districtId: DISTRICT })).toBeNull();
  });

  it('asks by the pin, the street, or the district with words', () => {
    expect(similarSearchOf({ categoryId: CATEGORY, location: { latitude: 50.06, longitude: 19.94 } })).toEqual({
      categoryId: CATEGORY,
      latitude: 50.06,
      longitude: 19.94,
    });
    expect(
      similarSearchOf({ categoryId: CATEGORY, address: ' ul. Długa 5 ', title: 'Dziura', description: '' }),
    ).toEqual({ categoryId: CATEGORY, address: 'ul. Długa 5', text: 'Dziura' });
    expect(similarSearchOf({ categoryId: CATEGORY, districtId: DISTRICT, description: 'Nie świeci latarnia' })).toEqual(
      { categoryId: CATEGORY, districtId: DISTRICT, text: 'Nie świeci latarnia' },
    );
  });

  it('sends the first words only, title first', () => {
    const search = similarSearchOf({
      categoryId: CATEGORY,
      address: 'Długa',
      title: 'Dziura',
      description: 'x'.repeat(1000),
      excludeId: 'a',
    });
    expect(search?.text).toHaveLength(300);
    expect(search?.text?.startsWith('Dziura x')).toBe(true);
    expect(search?.excludeId).toBe('a');
  });
});

describe('distanceLabel', () => {
  it('reads metres and kilometres', () => {
    expect(distanceLabel(80.4, 'pl')).toBe('80 m');
    expect(distanceLabel(1234, 'pl')).toBe('1,2 km');
    expect(distanceLabel(1234, 'en')).toBe('1.2 km');
  });
});

describe('ageLabel', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  it('says how long ago, in minutes, hours or days', () => {
    expect(ageLabel('2026-11-20T11:59:40Z', now, 'pl')).toBe('teraz');
    expect(ageLabel('2026-11-20T11:50:00Z', now, 'en')).toBe('10 minutes ago');
    expect(ageLabel('2026-11-20T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(ageLabel('2026-11-17T12:00:00Z', now, 'pl')).toBe('3 dni temu');
    expect(ageLabel('2026-11-17T12:00:00Z', now, 'uk')).toBe('3 дні тому');
  });
});
