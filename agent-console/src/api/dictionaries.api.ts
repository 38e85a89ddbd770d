// Central dictionaries (słowniki): categories, call topics, channels, districts.
// Inactive entries stay out of the selects; entries come back in the dictionary's own order.
import { useQuery } from '@tanstack/react-query';
import type { DictionaryCode, DictionaryEntryDto } from '@kck/contracts';
import { http } from './http';
import { dictionaryKeys } from './query-keys';

export function useDictionary(code: DictionaryCode) {
  return useQuery({
    queryKey: dictionaryKeys.byCode(code),
    queryFn: ({ signal }) => http.get<DictionaryEntryDto[]>(`/api/dictionaries/${code}`, undefined, signal),
    staleTime: 10 * 60_000,
    select: (entries) => entries.filter((entry) => entry.active).sort((a, b) => a.sortOrder - b.sortOrder),
  });
}

/** Label in the UI language; categories with a parent read "Parent › Child". */
export function entryLabel(entry: DictionaryEntryDto, all: readonly DictionaryEntryDto[], language: string): string {
  const own = (e: DictionaryEntryDto) => (language.startsWith('en') && e.labelEn ? e.labelEn : e.labelPl);
  const parent = entry.parentId ? all.find((candidate) => candidate.id === entry.parentId) : undefined;
  return parent ? `${own(parent)} › ${own(entry)}` : own(entry);
}

/**
 * The label of the entry with this id in the console's language, once the dictionary is loaded; until then (or
 * for an entry no longer listed) the label the server sent with the row.
 */
export function entryLabelById(
  id: string | null,
  all: readonly DictionaryEntryDto[] | undefined,
  language: string,
  serverLabel: string | null,
): string | null {
  const entry = id ? all?.find((candidate) => candidate.id === id) : undefined;
  return entry && all ? entryLabel(entry, all, language) : serverLabel;
}

export interface SelectOption {
  value: string;
  label: string;
}

/** Options for a native select: each entry followed by its children, so related entries sit together. */
export function dictionaryOptions(
  entries: readonly DictionaryEntryDto[] | undefined,
  language: string,
): SelectOption[] {
  if (!entries) return [];
  const ids = new Set(entries.map((entry) => entry.id));
  const seen = new Set<string>();
  const walk = (level: readonly DictionaryEntryDto[]): SelectOption[] =>
    level.flatMap((entry) => {
      if (seen.has(entry.id)) return [];
      seen.add(entry.id);
      const children = entries.filter((child) => child.parentId === entry.id);
      return [{ value: entry.id, label: entryLabel(entry, entries, language) }, ...walk(children)];
    });
  return walk(entries.filter((entry) => !entry.parentId || !ids.has(entry.parentId)));
}
