// Which jobs the outbox relay need not add, one filter per queue whose consumer would ignore many of its
// events. The facts they read come with the relay's claim of the batch: no query of their own.
import type { QueueName } from '@kck/contracts';
import type { SkipFilter } from './platform/outbox/outbox.relay.ts';

/**
 * About the ticket event an outbox row carries (alias `o`): its ticket `t` and the unit the event gave the
 * ticket to, as unit-delivery.ts reads it. Rows of other events find no row here (their facts are null).
 */
export const RELAY_FACTS = `
  SELECT t.reporter_email IS NULL AS "noReporterEmail",
         NOT EXISTS (SELECT 1 FROM unit_integration i WHERE i.unit_id = ev.unit_id AND i.active) AS "unitWithoutSystem",
         NOT EXISTS (SELECT 1 FROM unit_assignment a WHERE a.unit_id = ev.unit_id AND a.mode = 'round_robin')
           AS "unitAssignsByHand",
         (e.actor_id IS NULL AND e.changes->'routingRuleId'->>'to' IS NOT NULL) AS "routedByRule"
    FROM ticket_event e
    JOIN ticket t ON t.id = e.ticket_id
    CROSS JOIN LATERAL (SELECT coalesce((e.changes->'unitId'->>'to')::uuid, t.unit_id) AS unit_id) ev
   WHERE o.event LIKE 'ticket.%' AND e.id = (o.payload->>'seq')::bigint`;

const fact = (name: string) => (row: Parameters<SkipFilter>[0]) => row.facts?.[name] === true;

export const RELAY_SKIPS: Partial<Record<QueueName, SkipFilter>> = {
  // Most units work in the console: only a unit with an active integration gets a delivery job.
  delivery: fact('unitWithoutSystem'),
  // Most units assign by hand: only units with round-robin on get an assignment job.
  assignment: fact('unitAssignsByHand'),
  // A ticket routed by a rule had its deadline alerts planned by the routing job itself (route-ticket.job.ts).
  deadlines: (row) => row.event === 'ticket.routed' && fact('routedByRule')(row),
  // Most phone reports leave no e-mail: the acknowledgement of a new ticket needs the reporter's address.
  // Other events (answers, merges, splits) may reach other tickets' reporters, so they always go.
  notifications: (row) => row.event === 'ticket.created' && fact('noReporterEmail')(row),
};
