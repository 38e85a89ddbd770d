// Synonym groups editors keep for search (śmieci ↔ odpady): one row in PostgreSQL, handed whole to both engines.
// Saving writes a 'knowledge.synonyms_changed' outbox event in the same transaction; the index job applies it.
import type { DataSource, EntityManager } from 'typeorm';
import type { SynonymGroupsDto } from '@kck/contracts';
import { SYNONYM_GROUPS } from '@kck/knowledge-base';
import { recordEvent } from '../platform/outbox/record-event.ts';

/**
 * Trims terms, drops case-insensitive duplicates within a group and groups left with fewer than two terms,
 * so the engines never get a group that cannot match anything else.
 */
export function normaliseSynonymGroups(groups: readonly (readonly string[])[]): string[][] {
  const out: string[][] = [];
  for (const group of groups) {
    const seen = new Set<string>();
    const terms: string[] = [];
    for (const raw of group) {
      const term = raw.trim().replace(/\s+/g, ' ');
      const key = term.toLocaleLowerCase('pl');
      if (term && !seen.has(key)) {
        seen.add(key);
        terms.push(term);
      }
    }
    if (terms.length >= 2) out.push(terms);
  }
  return out;
}

/** Replaces every group in the caller's transaction and records the event the index job follows. */
export async function saveSynonymGroups(
  em: EntityManager,
  groups: string[][],
  actorId: string | null,
): Promise<string[][]> {
  const clean = normaliseSynonymGroups(groups);
  await em.query(
    `INSERT INTO knowledge_synonyms (id, groups, updated_at, updated_by) VALUES (true, $1::jsonb, now(), $2)
     ON CONFLICT (id) DO UPDATE SET groups = EXCLUDED.groups, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [JSON.stringify(clean), actorId],
  );
  await recordEvent(em, 'knowledge.synonyms_changed', {});
  return clean;
}

/** The groups the engines should use; before anyone saved any, the built-in hotline vocabulary. */
export async function loadSynonymGroups(db: DataSource | EntityManager): Promise<string[][]> {
  const rows: { groups: string[][] }[] = await db.query(`SELECT groups FROM knowledge_synonyms WHERE id`);
  return rows[0] ? rows[0].groups : SYNONYM_GROUPS.map((group) => [...group]);
}

export async function getSynonymGroups(db: DataSource): Promise<SynonymGroupsDto> {
  const rows: { groups: string[][]; updated_at: Date; updated_by_name: string | null }[] = await db.query(
    `SELECT s.groups, s.updated_at, u.display_name AS updated_by_name
       FROM knowledge_synonyms s LEFT JOIN app_user u ON u.id = s.updated_by WHERE s.id`,
  );
  const row = rows[0];
  if (!row) return { groups: await loadSynonymGroups(db), updatedAt: null, updatedByName: null };
  return { groups: row.groups, updatedAt: row.updated_at.toISOString(), updatedByName: row.updated_by_name };
}

export async function putSynonymGroups(db: DataSource, groups: string[][], actorId: string): Promise<SynonymGroupsDto> {
  await db.transaction((em) => saveSynonymGroups(em, groups, actorId));
  return getSynonymGroups(db);
}
