// Central dictionaries: reading entries, and checking that an id a request sends belongs
// to the right dictionary (a category id where a category is expected).
import type { DataSource, EntityManager } from 'typeorm';
import type { DictionaryCode, DictionaryEntryDto } from '@kck/contracts';
import { badField } from '../platform/errors.ts';

interface EntryRow {
  id: string;
  dictionary: DictionaryCode;
  code: string;
  label_pl: string;
  label_en: string;
  parent_id: string | null;
  active: boolean;
  sort_order: number;
}

const present = (r: EntryRow): DictionaryEntryDto => ({
  id: r.id,
  dictionary: r.dictionary,
  code: r.code,
  labelPl: r.label_pl,
  labelEn: r.label_en,
  parentId: r.parent_id,
  active: r.active,
  sortOrder: r.sort_order,
});

export async function listDictionary(
  db: DataSource,
  dictionary: DictionaryCode,
  includeInactive = false,
): Promise<DictionaryEntryDto[]> {
  const rows: EntryRow[] = await db.query(
    `SELECT id, dictionary, code, label_pl, label_en, parent_id, active, sort_order
       FROM dictionary_entry WHERE dictionary = $1 AND (active OR $2) ORDER BY sort_order, label_pl`,
    [dictionary, includeInactive],
  );
  return rows.map(present);
}

/** Throws 400 naming `field` unless `id` is an active entry of `dictionary`. */
export async function assertEntry(
  em: EntityManager | DataSource,
  dictionary: DictionaryCode,
  id: string,
  field: string,
): Promise<void> {
  const rows: { active: boolean }[] = await em.query(
    `SELECT active FROM dictionary_entry WHERE id = $1 AND dictionary = $2`,
    [id, dictionary],
  );
  if (!rows[0]) throw badField(field, `no ${dictionary} with id ${id}`);
  if (!rows[0].active) throw badField(field, `${dictionary} ${id} is no longer in use`);
}
