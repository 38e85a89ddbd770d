// What the residents' form reads before anyone types: the categories it offers (active leaves marked for the
// public), the districts, the consent text now in force, and the form's limits and map from the configuration.
import type { DataSource } from 'typeorm';
import { PUBLIC_PHOTO_UPLOAD_TYPES, type PublicCategoryDto, type PublicFormDto } from '@kck/contracts';
import type { Config } from '../platform/config.ts';

type FormConfig = Pick<
  Config,
  'PUBLIC_MAX_PHOTOS' | 'PUBLIC_PHOTO_MAX_BYTES' | 'MAP_TILE_URL' | 'MAP_TILE_ATTRIBUTION' | 'PUBLIC_REOPEN_DAYS'
>;

/** Categories a resident may choose: active, offered to the public, and leaves (a group is not a matter). */
export const PUBLIC_CATEGORY_CONDITION = `
  c.dictionary = 'category' AND c.active AND c.public_intake AND c.parent_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dictionary_entry child WHERE child.parent_id = c.id AND child.active)`;

const LABELS_TTL_MS = 60_000;
const labelsByDatabase = new WeakMap<DataSource, { at: number; labels: Promise<ReadonlyMap<string, string>> }>();

async function readPublicLabels(db: DataSource): Promise<ReadonlyMap<string, string>> {
  const rows: { id: string; label: string }[] = await db.query(
    `SELECT c.id, c.label_pl AS label FROM dictionary_entry c WHERE ${PUBLIC_CATEGORY_CONDITION}`,
  );
  return new Map(rows.map((row) => [row.id, row.label]));
}

/**
 * The Polish label of a category residents may choose, or null, for a report's check and title: from a list this
 * process reads at most once a minute, at once when the list lacks the id (a category just offered works straight
 * away), and after a change of categories made here (dictionaries.service.ts). Another backend process follows
 * within the minute; a category deactivated meanwhile is refused by the ticket's insert all the same.
 */
export async function publicCategoryLabel(db: DataSource, id: string): Promise<string | null> {
  const cached = labelsByDatabase.get(db);
  if (cached && Date.now() - cached.at < LABELS_TTL_MS) {
    const label = (await cached.labels).get(id);
    if (label !== undefined) return label;
  }
  const labels = readPublicLabels(db);
  labelsByDatabase.set(db, { at: Date.now(), labels });
  // A failed read must not be remembered.
  labels.catch(() => labelsByDatabase.delete(db));
  return (await labels).get(id) ?? null;
}

export function forgetPublicCategoryLabels(db: DataSource): void {
  labelsByDatabase.delete(db);
}

export async function publicCategories(db: DataSource): Promise<PublicCategoryDto[]> {
  return db.query(
    `SELECT c.id, c.code, c.label_pl AS "labelPl", c.label_en AS "labelEn",
            g.code AS "groupCode", g.label_pl AS "groupLabelPl", g.label_en AS "groupLabelEn"
       FROM dictionary_entry c JOIN dictionary_entry g ON g.id = c.parent_id AND g.active
      WHERE ${PUBLIC_CATEGORY_CONDITION}
      ORDER BY g.sort_order, g.label_pl, c.sort_order, c.label_pl`,
  );
}

/** The consent text in force: the one published last. */
export async function currentConsent(db: DataSource): Promise<PublicFormDto['consent']> {
  const rows: { version: string; pl: string; en: string; uk: string }[] = await db.query(
    `SELECT version, text_pl AS pl, text_en AS en, text_uk AS uk FROM public_consent_text
      ORDER BY published_at DESC, version DESC LIMIT 1`,
  );
  const row = rows[0];
  if (!row) throw new Error('public_consent_text is empty: the migration writes its first version');
  return { version: row.version, text: { pl: row.pl, en: row.en, uk: row.uk } };
}

export async function publicForm(db: DataSource, config: FormConfig): Promise<PublicFormDto> {
  const [categories, districts, consent] = await Promise.all([
    publicCategories(db),
    db.query(
      `SELECT id, code, label_pl AS "labelPl", label_en AS "labelEn" FROM dictionary_entry
        WHERE dictionary = 'district' AND active ORDER BY sort_order, label_pl`,
    ),
    currentConsent(db),
  ]);
  return {
    categories,
    districts,
    consent,
    maxPhotos: config.PUBLIC_MAX_PHOTOS,
    photoMaxBytes: config.PUBLIC_PHOTO_MAX_BYTES,
    photoTypes: PUBLIC_PHOTO_UPLOAD_TYPES,
    map: config.MAP_TILE_URL ? { tileUrl: config.MAP_TILE_URL, attribution: config.MAP_TILE_ATTRIBUTION } : null,
    reopenDays: config.PUBLIC_REOPEN_DAYS,
  };
}
