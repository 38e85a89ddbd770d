// The unit the routing rules pick for each generated ticket, decided by the database as the worker decides it
// (backend/src/routing/routing.service.ts, readTicketToRoute), for many tickets in one statement.
// generate-city.test.ts checks the answers against routeNewTicket itself.
import type pg from 'pg';

export interface RoutingInput {
  type: string;
  categoryId: string;
  districtId: string | null;
  /** Only read when some rule has keywords. */
  text: string;
}

/**
 * The same choice as readTicketToRoute: most specific rule first (leaf category over its group, a district's rule
 * over an every-district rule, a rule whose keyword occurs over one without keywords), then position; ideas get no
 * rule. Returns the rule per input (null: DK-03's triage).
 */
const ROUTE_SQL = `
  SELECT x.n, rule.rule_id, rule.matched_keyword
    FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[]) WITH ORDINALITY AS x(type, category_id, district_id, text, n)
    LEFT JOIN LATERAL (
      SELECT r.id AS rule_id, matched.word AS matched_keyword
        FROM routing_rule r
        JOIN (SELECT x.category_id AS id, 0 AS depth
              UNION ALL
              SELECT parent_id, 1 FROM dictionary_entry WHERE id = x.category_id AND parent_id IS NOT NULL
             ) category ON category.id = r.category_id
        JOIN unit u ON u.id = r.unit_id AND u.active
        CROSS JOIN (SELECT ' ' || kb_fold(x.text) AS folded) tt
        LEFT JOIN LATERAL (
          SELECT kw.word FROM unnest(r.keywords) WITH ORDINALITY AS kw(word, n)
           WHERE kb_fold(kw.word) <> '' AND strpos(tt.folded, ' ' || kb_fold(kw.word)) > 0
           ORDER BY kw.n LIMIT 1
        ) matched ON true
       WHERE x.type <> 'idea' AND r.active AND (r.district_id IS NULL OR r.district_id = x.district_id)
         AND (cardinality(r.keywords) = 0 OR matched.word IS NOT NULL)
       ORDER BY category.depth, (r.district_id IS NULL), (cardinality(r.keywords) = 0), r.position, r.created_at, r.id
       LIMIT 1
    ) rule ON true
   ORDER BY x.n`;

export interface RoutingAnswer {
  ruleId: string | null;
  /** The keyword that matched, for the history's reason. */
  keyword: string | null;
}

export async function routeMany(client: pg.Client, inputs: RoutingInput[]): Promise<RoutingAnswer[]> {
  if (inputs.length === 0) return [];
  const { rows } = await client.query<{ n: string; rule_id: string | null; matched_keyword: string | null }>(
    ROUTE_SQL,
    [
      inputs.map((i) => i.type),
      inputs.map((i) => i.categoryId),
      inputs.map((i) => i.districtId),
      inputs.map((i) => i.text),
    ],
  );
  return rows.map((r) => ({ ruleId: r.rule_id, keyword: r.matched_keyword }));
}
