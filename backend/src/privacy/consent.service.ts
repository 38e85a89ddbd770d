// Consent and information texts shown to residents at intake: versioned, never edited; publishing a new version
// adds a row, and every submission keeps the version its sender was shown (public_submission, open311_request).
import type { DataSource } from 'typeorm';
import type { ConsentTextDto, ConsentTextPublish } from '@kck/contracts';
import { conflict } from '../platform/errors.ts';

export async function listConsentTexts(db: DataSource): Promise<ConsentTextDto[]> {
  const rows: (Omit<ConsentTextDto, 'publishedAt' | 'submissions'> & { publishedAt: Date; submissions: string })[] =
    await db.query(
      `SELECT c.version, c.text_pl AS "textPl", c.text_en AS "textEn", c.text_uk AS "textUk",
              c.published_at AS "publishedAt",
              c.version = (SELECT version FROM public_consent_text ORDER BY published_at DESC, version DESC LIMIT 1)
                AS current,
              (SELECT count(*) FROM public_submission s WHERE s.consent_version = c.version)
                + (SELECT count(*) FROM open311_request o WHERE o.consent_version = c.version) AS submissions
         FROM public_consent_text c ORDER BY c.published_at DESC, c.version DESC`,
    );
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString(), submissions: Number(r.submissions) }));
}

/** A new wording becomes the one shown from now on; the old ones stay, as the submissions given under them do. */
export async function publishConsentText(db: DataSource, input: ConsentTextPublish): Promise<ConsentTextDto[]> {
  const rows: { version: string }[] = await db.query(
    `INSERT INTO public_consent_text (version, text_pl, text_en, text_uk, published_at)
     VALUES ($1, $2, $3, $4, greatest(now(), (SELECT max(published_at) + interval '1 millisecond' FROM public_consent_text)))
     ON CONFLICT (version) DO NOTHING RETURNING version`,
    [input.version, input.textPl, input.textEn, input.textUk],
  );
  if (!rows[0]) throw conflict(`consent text version ${input.version} exists; a published text is never changed`);
  return listConsentTexts(db);
}

/** The version in force now, which an Open311 report with a contact is given under. */
export async function currentConsentVersion(db: DataSource | { query: DataSource['query'] }): Promise<string> {
  const rows: { version: string }[] = await db.query(
    `SELECT version FROM public_consent_text ORDER BY published_at DESC, version DESC LIMIT 1`,
  );
  return rows[0]!.version;
}
