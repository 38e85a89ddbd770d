// The knowledge-base search log (every search an agent ran, and the article they then opened), which the editors'
// gaps report reads, and the synonym groups editors maintain (one row: the engines take the whole list at once).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KnowledgeSearchLog1763800000110 implements MigrationInterface {
  name = 'KnowledgeSearchLog1763800000110';

  async up(q: QueryRunner): Promise<void> {
    // No foreign keys: rows arrive in batches after the answer, and a log row must never fail because its
    // user or article was removed in the meantime. `id` is the searchId the console posts back.
    await q.query(`
      CREATE TABLE knowledge_search (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        query text NOT NULL,
        -- Null until the search itself is logged: a choice can arrive before its search's batch is written.
        results_count integer,
        engine text,
        filters jsonb NOT NULL DEFAULT '{}',
        chosen_article_id uuid,
        chosen_at timestamptz
      )`);
    await q.query(`CREATE INDEX knowledge_search_at_idx ON knowledge_search (at)`);
    await q.query(`CREATE INDEX knowledge_search_zero_idx ON knowledge_search (at) WHERE results_count = 0`);
    await q.query(
      `CREATE INDEX knowledge_search_chosen_idx ON knowledge_search (chosen_article_id) WHERE chosen_article_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE knowledge_synonyms (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        groups jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS knowledge_synonyms`);
    await q.query(`DROP TABLE IF EXISTS knowledge_search`);
  }
}
