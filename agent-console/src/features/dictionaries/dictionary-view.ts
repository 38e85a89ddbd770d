// What the dictionaries page shows of a list of entries: parents followed by their children (with a depth for the
// indentation), filtered by state and a search, and whether an entry is in force today by its validity dates.
import type { DictionaryEntryDto, DictionaryEntryStateDto } from '@kck/contracts';

export type ShowFilter = 'active' | 'inactive' | 'all';
export type EntryState = 'active' | 'inactive' | 'notYetValid' | 'expired';

export interface EntryRow {
  entry: DictionaryEntryDto;
  depth: number;
}

/** Today in the city (YYYY-MM-DD), whatever the browser's zone. */
export const warsawToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(now);

export function entryState(
  entry: Pick<DictionaryEntryDto, 'active' | 'validFrom' | 'validTo'>,
  today: string,
): EntryState {
  if (!entry.active) return 'inactive';
  if (entry.validFrom && entry.validFrom > today) return 'notYetValid';
  if (entry.validTo && entry.validTo < today) return 'expired';
  return 'active';
}

/** Entries in tree order: each top-level entry (in the list's order), then its children, at depth 1. */
export function treeRows(entries: readonly DictionaryEntryDto[]): EntryRow[] {
  const ids = new Set(entries.map((e) => e.id));
  const children = new Map<string, DictionaryEntryDto[]>();
  for (const entry of entries)
    if (entry.parentId && ids.has(entry.parentId) && entry.parentId !== entry.id)
      children.set(entry.parentId, [...(children.get(entry.parentId) ?? []), entry]);
  const rows: EntryRow[] = [];
  const seen = new Set<string>();
  const walk = (entry: DictionaryEntryDto, depth: number) => {
    if (seen.has(entry.id)) return;
    seen.add(entry.id);
    rows.push({ entry, depth });
    for (const child of children.get(entry.id) ?? []) walk(child, depth + 1);
  };
  for (const entry of entries) if (!entry.parentId || !ids.has(entry.parentId)) walk(entry, 0);
  // Anything left sits in a loop of parents; shown rather than lost.
  for (const entry of entries) walk(entry, 0);
  return rows;
}

/**
 * The rows the table shows. A child that matches keeps its parent in view (greyed by the page if it does not
 * match itself), so the tree still reads.
 */
export function visibleRows(rows: readonly EntryRow[], show: ShowFilter, search: string, today: string): EntryRow[] {
  const needle = search.trim().toLocaleLowerCase('pl');
  const matches = (e: DictionaryEntryDto) => {
    const state = entryState(e, today);
    const stateOk = show === 'all' || (show === 'active' ? state === 'active' : state !== 'active');
    const textOk =
      !needle || [e.code, e.labelPl, e.labelEn].some((value) => value.toLocaleLowerCase('pl').includes(needle));
    return stateOk && textOk;
  };
  const kept = new Set(rows.filter((r) => matches(r.entry)).map((r) => r.entry.id));
  for (const row of rows) if (kept.has(row.entry.id) && row.entry.parentId) kept.add(row.entry.parentId);
  return rows.filter((r) => kept.has(r.entry.id));
}

export const HISTORY_FIELDS = [
  'code',
  'labelPl',
  'labelEn',
  'parentId',
  'active',
  'sortOrder',
  'validFrom',
  'validTo',
] as const satisfies readonly (keyof DictionaryEntryStateDto)[];
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** The fields a version changed; all of them for the version that created the entry. */
export function changedFields(before: DictionaryEntryStateDto | null, after: DictionaryEntryStateDto): HistoryField[] {
  if (!before) return HISTORY_FIELDS.filter((field) => after[field] !== null && after[field] !== '');
  return HISTORY_FIELDS.filter((field) => before[field] !== after[field]);
}
