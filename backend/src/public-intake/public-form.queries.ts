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
