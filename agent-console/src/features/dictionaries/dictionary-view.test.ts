// The dictionaries page's view of entries: tree order with depth, filters that keep a matching child's parent,
// validity states by the city's date, and the fields a version changed.
import { describe, expect, it } from 'vitest';
import type { DictionaryEntryDto } from '@kck/contracts';
import { changedFields, entryState, treeRows, visibleRows, warsawToday } from './dictionary-view';

const entry = (
  id: string,
  parentId: string | null = null,
  extra: Partial<DictionaryEntryDto> = {},
): DictionaryEntryDto => ({
  id,
  dictionary: 'category',
  code: id,
  labelPl: `Etykieta ${id}`,
  labelEn: `Label ${id}`,
  parentId,
  active: true,
  sortOrder: 0,
  validFrom: null,
  validTo: null,
  version: 1,
  ...extra,
});

describe('treeRows', () => {
  it('puts children right after their parent, one level in, and keeps orphans and loops', () => {
    const rows = treeRows([
      entry('roads.pothole', 'roads'),
      entry('roads'),
      entry('green'),
      entry('green.tree', 'green'),
      entry('orphan', 'gone'),
      entry('x', 'y'),
      entry('y', 'x'),
    ]);
    expect(rows.map((r) => `${r.depth}:${r.entry.id}`)).toEqual([
      '0:roads',
      '1:roads.pothole',
      '0:green',
      '1:green.tree',
      '0:orphan',
      '0:x',
      '1:y',
    ]);
  });
});

describe('visibleRows', () => {
  const today = '2026-06-01';
  const rows = treeRows([
    entry('roads', null, { labelPl: 'Drogi' }),
    entry('roads.old', 'roads', { active: false, labelPl: 'Stara dziura' }),
    entry('roads.future', 'roads', { validFrom: '2027-01-01' }),
    entry('green', null, { labelPl: 'Zieleń' }),
  ]);
  it('filters by state and keeps the parent of a matching child', () => {
    expect(visibleRows(rows, 'inactive', '', today).map((r) => r.entry.id)).toEqual([
      'roads',
      'roads.old',
      'roads.future',
    ]);
    expect(visibleRows(rows, 'active', '', today).map((r) => r.entry.id)).toEqual(['roads', 'green']);
    expect(visibleRows(rows, 'all', 'stara', today).map((r) => r.entry.id)).toEqual(['roads', 'roads.old']);
    expect(visibleRows(rows, 'all', 'ZIELEŃ', today).map((r) => r.entry.id)).toEqual(['green']);
  });
});

describe('entryState', () => {
  it('tells inactive, not yet valid, expired and active apart', () => {
    expect(entryState({ active: false, validFrom: null, validTo: null }, '2026-01-01')).toBe('inactive');
    expect(entryState({ active: true, validFrom: '2026-01-02', validTo: null }, '2026-01-01')).toBe('notYetValid');
    expect(entryState({ active: true, validFrom: null, validTo: '2025-12-31' }, '2026-01-01')).toBe('expired');
    expect(entryState({ active: true, validFrom: '2026-01-01', validTo: '2026-01-01' }, '2026-01-01')).toBe('active');
  });
  it("takes today as Warsaw's day", () => {
    expect(warsawToday(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
  });
});

describe('changedFields', () => {
  const state = {
    code: 'a',
    labelPl: 'A',
    labelEn: 'A',
    parentId: null,
    active: true,
    sortOrder: 0,
    validFrom: null,
    validTo: null,
  };
  it('lists what a version changed, and what a creation set', () => {
    expect(changedFields(state, { ...state, labelPl: 'B', active: false })).toEqual(['labelPl', 'active']);
    expect(changedFields(null, state)).toEqual(['code', 'labelPl', 'labelEn', 'active', 'sortOrder']);
  });
});
