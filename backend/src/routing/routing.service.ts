// Routing: picks the responsible unit of a new ticket from the routing rules (data, not code).
// No matching rule sends the ticket to DK-03's triage inbox. Idempotent: a routed ticket is left alone.
import type { DataSource, EntityManager } from 'typeorm';
import { TRIAGE_UNIT_CODE } from '@kck/contracts';
import { moveTicket } from '../tickets/tickets.service.ts';
import type { LockedTicket } from '../tickets/tickets.service.ts';
import { AppError, notFound } from '../platform/errors.ts';

export interface RoutingDecision {
  outcome: 'routed' | 'triage' | 'skipped';
  unitId: string | null;
  ruleId: string | null;
  seq: number | null;
}

/** The ticket as routing needs it, with the rule that decides it (null: none) and DK-03's id for that case. */
interface TicketToRoute extends LockedTicket {
  triageUnitId: string;
  /** What the first deadline plan needs (RoutingHooks.beforeRoutedByRule). */
  dueAt: Date | null;
  createdAt: Date;
  waitingSince: Date | null;
  rule_id: string | null;
  rule_position: number | null;
  rule_name: string | null;
  rule_unit_id: string | null;
  rule_unit_code: string | null;
  category_label: string | null;
  /** The first of the rule's keywords found in the ticket; null for a rule without keywords. */
  matched_keyword: string | null;
  /** Only the informed units still active, so a retired unit is not kept informed of new tickets. */
  informed_unit_ids: string[] | null;
  informed_unit_codes: string[] | null;
}

/**
 * Reads the ticket with the active rule for it, in one statement. Most specific rule first: a rule on the
 * leaf category beats one on its parent, then a rule for the ticket's district beats one for every district,
 * then a rule with keywords (one of which occurs in the ticket) beats one without; among equals the lowest
 * position decides. An idea gets no rule: DK-03 assesses it before anyone forwards it (contracts/lifecycle.ts).
 *
 * Keywords match when, folded like the knowledge base folds text (kb_fold: lower case, no diacritics,
 * punctuation to spaces), one of them starts a word of the ticket's title or description: Polish inflects
 * by endings, so `tramwaj` must find `tramwajowych` and `Tramwaje`, yet not the middle of another word.
 * A keyword of several words is a phrase whose last word may go on (`plac centralny` finds `Plac Centralny`).
 */
async function readTicketToRoute(db: EntityManager, ticketId: string): Promise<TicketToRoute | undefined> {
  const rows: TicketToRoute[] = await db.query(
    `SELECT t.id, t.type, t.status, t.category_id AS "categoryId", t.district_id AS "districtId", t.unit_id AS "unitId",
            t.routing_rule_id AS "routingRuleId", t.informed_unit_ids AS "informedUnitIds", t.resolution,
            t.closure_reason_id AS "closureReasonId", t.version, (SELECT id FROM unit WHERE code = $2) AS "triageUnitId",
            t.due_at AS "dueAt", t.created_at AS "createdAt", t.waiting_since AS "waitingSince", rule.*
       FROM ticket t
       LEFT JOIN LATERAL (
         SELECT r.id AS rule_id, r.position AS rule_position, r.name AS rule_name, r.unit_id AS rule_unit_id,
                u.code AS rule_unit_code, c.label_pl AS category_label, matched.word AS matched_keyword,
                COALESCE(informed.ids, '{}') AS informed_unit_ids, COALESCE(informed.codes, '{}') AS informed_unit_codes
           FROM routing_rule r
           JOIN (SELECT t.category_id AS id, 0 AS depth
                 UNION ALL
                 SELECT parent_id, 1 FROM dictionary_entry WHERE id = t.category_id AND parent_id IS NOT NULL
                ) category ON category.id = r.category_id
           JOIN unit u ON u.id = r.unit_id AND u.active
           JOIN dictionary_entry c ON c.id = r.category_id
           -- Folded once per ticket; the leading space lets every keyword be looked up as ' ' || word.
           CROSS JOIN (SELECT ' ' || kb_fold(t.title || ' ' || t.description) AS folded) tt
           LEFT JOIN LATERAL (
             SELECT kw.word FROM unnest(r.keywords) WITH ORDINALITY AS kw(word, n)
              WHERE kb_fold(kw.word) <> '' AND strpos(tt.folded, ' ' || kb_fold(kw.word)) > 0
              ORDER BY kw.n LIMIT 1
           ) matched ON true
           LEFT JOIN LATERAL (
             SELECT array_agg(iu.id ORDER BY iu.code) AS ids, array_agg(iu.code ORDER BY iu.code) AS codes
               FROM unit iu WHERE iu.id = ANY (r.informed_unit_ids) AND iu.active AND iu.id <> r.unit_id
           ) informed ON true
          WHERE t.type <> 'idea' AND r.active AND (r.district_id IS NULL OR r.district_id = t.district_id)
            AND (cardinality(r.keywords) = 0 OR matched.word IS NOT NULL)
          ORDER BY category.depth, (r.district_id IS NULL), (cardinality(r.keywords) = 0), r.position, r.created_at, r.id
          LIMIT 1
       ) rule ON true
      WHERE t.id = $1 AND t.number IS NOT NULL`,
    [ticketId, TRIAGE_UNIT_CODE],
  );
  return rows[0];
}

/** History is read by Polish staff (and later residents): reasons are written in Polish. */
function ruleReason(t: TicketToRoute): string {
  let reason = `Reguła routingu #${t.rule_position}: ${t.category_label} → ${t.rule_unit_code}`;
  if (t.rule_name) reason += ` („${t.rule_name}”)`;
  if (t.matched_keyword) reason += `, słowo kluczowe „${t.matched_keyword}”`;
  if (t.informed_unit_codes?.length) reason += `; do wiadomości: ${t.informed_unit_codes.join(', ')}`;
  return reason;
}

/**
 * Two statements and no lock: the read above, then one conditional write of the move, its event and outbox
 * row (moveTicket applies only to the version read). When someone moved the ticket in between (DK-03 by hand,
 * or this same job delivered twice), the write finds another version and we read again: the ticket is then
 * no longer new and is left alone.
 */
export async function routeNewTicket(
  db: DataSource,
  ticketId: string,
  hooks: RoutingHooks = {},
): Promise<RoutingDecision> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await routeOnce(db.manager, ticketId, hooks);
    } catch (err) {
      if (!(err instanceof AppError && err.status === 409) || attempt >= 3) throw err;
    }
  }
}

export interface RoutingHooks {
  /**
   * Runs before a rule's move is written, with the ticket as read: what must be in place before anyone can
   * act on the routed ticket (its deadline alerts, route-ticket.job.ts). It may run again on a retry, and
   * for a move that then loses to someone else's.
   */
  beforeRoutedByRule?: (ticket: {
    id: string;
    dueAt: Date | null;
    createdAt: Date;
    waitingSince: Date | null;
  }) => Promise<unknown>;
}

async function routeOnce(em: EntityManager, ticketId: string, hooks: RoutingHooks): Promise<RoutingDecision> {
  const ticket = await readTicketToRoute(em, ticketId);
  if (!ticket) throw notFound('Ticket');
  // At-least-once delivery: a second run finds the ticket already moved on.
  if (ticket.status !== 'new')
    return { outcome: 'skipped', unitId: ticket.unitId, ruleId: ticket.routingRuleId, seq: null };
  if (ticket.rule_id && ticket.rule_unit_id) {
    await hooks.beforeRoutedByRule?.(ticket);
    const seq = await moveTicket(em, ticket, 'system', null, {
      to: 'routed',
      kind: 'ticket.routed',
      set: {
        unitId: ticket.rule_unit_id,
        routingRuleId: ticket.rule_id,
        informedUnitIds: ticket.informed_unit_ids ?? [],
      },
      reason: ruleReason(ticket),
    });
    return { outcome: 'routed', unitId: ticket.rule_unit_id, ruleId: ticket.rule_id, seq };
  }
  const seq = await moveTicket(em, ticket, 'system', null, {
    to: 'triage',
    kind: 'ticket.sent_to_triage',
    set: { unitId: ticket.triageUnitId },
    reason:
      ticket.type === 'idea'
        ? 'Pomysł: ocena w DK-03 przed przekazaniem do komórki'
        : 'Żadna reguła routingu nie pasuje do kategorii, dzielnicy i treści tego zgłoszenia',
  });
  return { outcome: 'triage', unitId: ticket.triageUnitId, ruleId: null, seq };
}
