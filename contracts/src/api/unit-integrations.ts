// Units with their own systems: the admin's integration settings, the unit API's requests, and the JSON a
// unit's webhook receives. Units' developers code against these shapes, so changes here are breaking.
import { z } from 'zod';
import type { TicketType } from '../domain.ts';

export const UNIT_SIGNATURE_HEADER = 'X-KCK-Signature';
export const UNIT_TIMESTAMP_HEADER = 'X-KCK-Timestamp';
export const UNIT_DELIVERY_HEADER = 'X-KCK-Delivery';

export const unitIntegrationRequest = z
  .object({
    webhookUrl: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }),
    active: z.boolean(),
  })
  .strict();
export type UnitIntegrationRequest = z.infer<typeof unitIntegrationRequest>;

export interface UnitIntegrationDto {
  unitId: string;
  unitCode: string;
  webhookUrl: string;
  active: boolean;
  /** Only in the answer that created the integration: the key the unit verifies signatures with. */
  webhookSecret?: string;
  /** Only in the answer that created the integration or rotated the token: it is stored as a hash. */
  apiToken?: string;
}

/** DK-03 after every webhook attempt failed: try the unit's system once more, or say it was passed on another way. */
export const redeliverTicketRequest = z
  .object({ version: z.number().int().min(1, 'version is the ticket version you last saw').optional() })
  .strict();
export const clearDeliveryFailedRequest = z
  .object({
    reason: z.string().trim().min(3, 'say how the ticket reached the unit (at least 3 characters)').max(2000),
    version: z.number().int().min(1, 'version is the ticket version you last saw').optional(),
  })
  .strict();
export type RedeliverTicketRequest = z.infer<typeof redeliverTicketRequest>;
export type ClearDeliveryFailedRequest = z.infer<typeof clearDeliveryFailedRequest>;

export const unitCommentRequest = z.object({ text: z.string().trim().min(1).max(4000) }).strict();
export type UnitCommentRequest = z.infer<typeof unitCommentRequest>;

/** The body POSTed to a unit's webhook, signed with HMAC-SHA256 of the raw bytes (`X-KCK-Signature: sha256=<hex>`). */
export interface UnitDeliveryPayload {
  event: 'ticket.routed';
  /** The ticket event that routed it; with the delivery id, what a unit deduplicates on. */
  seq: number;
  deliveryId: string;
  unit: { code: string; name: string };
  ticket: {
    id: string;
    /** Use it, URL-encoded, in the unit API: /api/unit-api/tickets/KCK%2F2026%2F000123/accept */
    number: string;
    type: TicketType;
    status: string;
    category: { code: string; label: string };
    district: { code: string; label: string } | null;
    address: string | null;
    title: string;
    description: string;
    reporter: { name: string | null; phone: string | null; email: string | null };
    dueAt: string | null;
    createdAt: string;
  };
}
