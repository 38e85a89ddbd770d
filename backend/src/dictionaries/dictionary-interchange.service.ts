// CSV export and import of a central dictionary. An import applies the good lines and reports each bad one with
// its number: all good lines go in one transaction, each under its own savepoint, so a line the database refuses
// becomes one more reported line instead of undoing the others, and readers see the import whole or not at all.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  DictionaryEntryDto,
  DictionaryEntryStateDto,
  DictionaryImportErrorDto,
  DictionaryImportResultDto,
  EntryDictionaryCode,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { AppError, badField } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import {
  csvField,
  parentsFirst,
  parseDictionaryCsv,
  toDictionaryCsv,
  type DictionaryCsvRow,
} from './dictionary-csv.ts';
import {
  ENTRY_COLUMNS,
  changeEntries,
  checkEntryState,
  presentEntry,
  setChangeContext,
  writeEntry,
  type EntryRow,
} from './dictionaries.service.ts';

/** The whole dictionary, inactive entries too, parents named by code. */
export async function exportDictionaryCsv(db: DataSource, dictionary: EntryDictionaryCode): Promise<string> {
  const rows: (EntryRow & { parent_code: string | null })[] = await db.query(
    `SELECT e.id, e.dictionary, e.code, e.label_pl, e.label_en, e.parent_id, e.active, e.sort_order,
            to_char(e.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(e.valid_to, 'YYYY-MM-DD') AS valid_to,
            e.version, p.code AS parent_code
       FROM dictionary_entry e LEFT JOIN dictionary_entry p ON p.id = e.parent_id
      WHERE e.dictionary = $1
      ORDER BY coalesce(p.sort_order, e.sort_order), coalesce(p.code, e.code), p.code NULLS FIRST, e.sort_order, e.code`,
    [dictionary],
  );
  return toDictionaryCsv(rows.map((r) => ({ ...presentEntry(r), parentCode: r.parent_code })));
}

/**
 * Active streets in the columns the street import reads (street, district, prefix), so the file goes back in
 * there; deactivated ones are left out, since a line naming a street reactivates it.
 */
export async function exportStreetsCsv(db: DataSource): Promise<string> {
  const rows: { name: string; prefix: string | null; district: string }[] = await db.query(
    `SELECT s.name, s.prefix, d.code AS district
       FROM street s JOIN dictionary_entry d ON d.id = s.district_id
      WHERE s.active
      ORDER BY s.name_folded, d.sort_order`,
  );
  const lines = [
    'street,district,prefix',
    ...rows.map((r) => [r.name, r.district, r.prefix ?? ''].map(csvField).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** API field → CSV column, so a rule broken on a line names the column to fix. */
const COLUMN_OF: Record<string, string> = {
  code: 'code',
  labelPl: 'label_pl',
  labelEn: 'label_en',
  parentId: 'parent_code',
  active: 'active',
  validFrom: 'valid_from',
  validTo: 'valid_to',
};

export async function importDictionaryCsv(
  db: DataSource,
  logger: Logger,
  actor: Actor,
  dictionary: EntryDictionaryCode,
  csv: string,
  note: string | undefined,
): Promise<DictionaryImportResultDto> {
  const parsed = parseDictionaryCsv(csv);
  // A header we cannot read means no line can be trusted: nothing is written.
  if (!parsed.ok) throw badField('csv', parsed.headerError);
  const errors: DictionaryImportErrorDto[] = [...parsed.problems];
  const counts = { created: 0, updated: 0, unchanged: 0 };

  await changeEntries(db, dictionary, async (em) => {
    await setChangeContext(em, actor, note ?? 'CSV import');
    const current = await entriesByCode(em, dictionary);
    const leaving = new Set(
      parsed.rows
        .filter((r) => r.active === false)
        .map((r) => current.get(r.code)?.id)
        .filter((id): id is string => id !== undefined),
    );
    const today = await todayOf(em);
    let savepoint = 0;
    for (const row of parentsFirst(parsed.rows)) {
      savepoint += 1;
      const name = `dictionary_import_${savepoint}`;
      await em.query(`SAVEPOINT ${name}`);
      try {
        const outcome = await applyRow(em, dictionary, row, current, leaving, today);
        await em.query(`RELEASE SAVEPOINT ${name}`);
        counts[outcome] += 1;
      } catch (err) {
        await em.query(`ROLLBACK TO SAVEPOINT ${name}`);
        errors.push(lineError(row, err, logger));
      }
    }
  });
  errors.sort((a, b) => a.line - b.line);
  logger.info(
    { actorId: actor.id, dictionary, rows: parsed.records, ...counts, errors: errors.length },
    'dictionary imported from CSV',
  );
  return { dictionary, rows: parsed.records, ...counts, errors };
}

async function entriesByCode(em: EntityManager, dictionary: EntryDictionaryCode) {
  const rows: EntryRow[] = await em.query(
    `SELECT ${ENTRY_COLUMNS} FROM dictionary_entry WHERE dictionary = $1 FOR UPDATE`,
    [dictionary],
  );
  return new Map(rows.map((r) => [r.code, presentEntry(r)]));
}

async function todayOf(em: EntityManager): Promise<string> {
  const [row]: { today: string }[] = await em.query(
    `SELECT to_char((now() AT TIME ZONE 'Europe/Warsaw')::date, 'YYYY-MM-DD') AS today`,
  );
  return row!.today;
}

async function applyRow(
  em: EntityManager,
  dictionary: EntryDictionaryCode,
  row: DictionaryCsvRow,
  current: Map<string, DictionaryEntryDto>,
  leaving: ReadonlySet<string>,
  today: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const before = current.get(row.code) ?? null;
  let parentId: string | null | undefined;
  if (row.parentCode === null) parentId = null;
  else if (row.parentCode !== undefined) {
    const parent = current.get(row.parentCode);
    if (!parent)
      throw badField('parentId', `no ${dictionary} with code ${row.parentCode} (in the file or the dictionary)`);
    parentId = parent.id;
  }
  const state: DictionaryEntryStateDto = {
    code: row.code,
    labelPl: row.labelPl,
    labelEn: row.labelEn ?? before?.labelEn ?? row.labelPl,
    parentId: parentId !== undefined ? parentId : (before?.parentId ?? null),
    active: row.active ?? before?.active ?? true,
    sortOrder: row.sortOrder ?? before?.sortOrder ?? 0,
    // As in the console, a new entry is valid from today unless the file says otherwise.
    validFrom: row.validFrom !== undefined ? row.validFrom : before ? before.validFrom : today,
    validTo: row.validTo !== undefined ? row.validTo : (before?.validTo ?? null),
  };
  await checkEntryState(em, dictionary, before, state, { leavingChildren: leaving });
  const written = await writeEntry(em, dictionary, before?.id ?? null, state);
  current.set(written.code, written);
  if (!before) return 'created';
  return written.version === before.version ? 'unchanged' : 'updated';
}

function lineError(row: DictionaryCsvRow, err: unknown, logger: Logger): DictionaryImportErrorDto {
  if (err instanceof AppError) {
    const field = err.fields?.[0];
    const column = field ? COLUMN_OF[field.path] : undefined;
    return { line: row.line, ...(column && { column }), message: field?.message ?? err.message };
  }
  // A refusal of the database on one line (a constraint we do not check ourselves) is that line's problem.
  logger.warn({ err, line: row.line, code: row.code }, 'dictionary import line refused by the database');
  return { line: row.line, message: 'the database refused this line; check its values' };
}
