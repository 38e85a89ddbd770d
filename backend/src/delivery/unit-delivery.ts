// What a unit's own system receives when a ticket is routed to it: the payload, read from the ticket at the
// routing event, and the HMAC signature over the exact bytes sent, which the unit checks with its secret.
import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { UnitDeliveryPayload } from '@kck/contracts';

export const signBody = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface DeliveryTarget {
  unitId: string;
  webhookUrl: string;
  webhookSecret: string;
  payload: Omit<UnitDeliveryPayload, 'deliveryId'>;
}

interface TargetRow {
  id: string;
  number: string | null;
  type: UnitDeliveryPayload['ticket']['type'];
  status: string;
  title: string;
  description: string;
  address: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_email: string | null;
  due_at: Date | null;
  created_at: Date;
  category_code: string;
  category_label: string;
  district_code: string | null;
  district_label: string | null;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  webhook_url: string;
  webhook_secret: string;
}

/**
 * The unit the routing event gave the ticket to, when that unit has an active integration; null otherwise
 * (it works in the console). The unit is the event's, not the ticket's current one: a later reroute has its
 * own event and its own delivery.
 */
export async function loadDeliveryTarget(
  em: EntityManager,
  ticketId: string,
  seq: number,
): Promise<DeliveryTarget | null> {
  const rows: TargetRow[] = await em.query(
    `SELECT t.id, t.number, t.type, t.status, t.title, t.description, t.address,
            t.reporter_name, t.reporter_phone, t.reporter_email, t.due_at, t.created_at,
            c.code AS category_code, c.label_pl AS category_label, d.code AS district_code, d.label_pl AS district_label,
            un.id AS unit_id, un.code AS unit_code, un.name AS unit_name, i.webhook_url, i.webhook_secret
       FROM ticket_event e
       JOIN ticket t ON t.id = e.ticket_id
       JOIN unit un ON un.id = coalesce((e.changes->'unitId'->>'to')::uuid, t.unit_id)
       JOIN unit_integration i ON i.unit_id = un.id AND i.active
       JOIN dictionary_entry c ON c.id = t.category_id
       LEFT JOIN dictionary_entry d ON d.id = t.district_id
      WHERE e.id = $2 AND e.ticket_id = $1`,
    [ticketId, seq],
  );
  const row = rows[0];
  if (!row) return null;
  if (!row.number) throw new Error(`ticket ${ticketId} has no number yet`);
  return {
    unitId: row.unit_id,
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
    payload: {
      event: 'ticket.routed',
      seq,
      unit: { code: row.unit_code, name: row.unit_name },
      ticket: {
        id: row.id,
        number: row.number,
        type: row.type,
        status: row.status,
        category: { code: row.category_code, label: row.category_label },
        district: row.district_code
          ? { code: row.district_code, label: row.district_label ?? row.district_code }
          : null,
        address: row.address,
        title: row.title,
        description: row.description,
        reporter: { name: row.reporter_name, phone: row.reporter_phone, email: row.reporter_email },
        dueAt: row.due_at ? row.due_at.toISOString() : null,
        createdAt: row.created_at.toISOString(),
      },
    },
  };
}
