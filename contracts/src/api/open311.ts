// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) as KCK speaks it under /open311/v2/, and the admins' API for
// the clients' keys. The wire shapes are the standard's own (snake_case), so FixMyStreet and other clients need no change.
import { z } from 'zod';
import type { AttributeDatatype } from './category-attributes.ts';

export const OPEN311_PREFIX = '/open311/v2';
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];
export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];
/** GET requests answers at most this many, newest first; the standard's default window is 90 days. */
export const OPEN311_MAX_REQUESTS = 1000;
export const OPEN311_MAX_WINDOW_DAYS = 90;

/** A service: one leaf category of the `category` dictionary. */
export interface Open311ServiceDto {
  /** The category's dictionary code (`roads.lighting`): stable across label changes. */
  service_code: string;
  service_name: string;
  description: string;
  /** True when the service has attributes (GET services/{code} lists them). */
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  /** The parent category's name. */
  group: string;
}

export interface Open311AttributeDto {
  /** Always true: every question is answered by the person reporting. */
  variable: boolean;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface Open311ServiceDefinitionDto {
  service_code: string;
  attributes: Open311AttributeDto[];
}

export interface Open311ServiceRequestDto {
  /** The ticket number with `-` for `/` (KCK-2026-000123), safe in a URL path; the number itself is accepted too. */
  service_request_id: string;
  status: Open311Status;
  /** The unit's answer to the resident; never internal comments. */
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  /** The responsible unit's name. */
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  /** The ticket's due date. */
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** POST requests answers the id at once; the token (the ticket's id) also works with GET tokens/{token}. */
export interface Open311CreatedDto {
  /** Left out only when the report was saved but could not be numbered at once: then the token leads to it. */
  service_request_id?: string;
  token: string;
  service_notice: string;
  account_id: string | null;
}

export interface Open311TokenDto {
  service_request_id: string;
  token: string;
}

/** The standard's error list: `[{code, description}]` in JSON, `<errors><error>…` in XML; code is the HTTP status. */
export interface Open311ErrorDto {
  code: number;
  description: string;
}

/** GET requests.{format}; parameters the standard does not name (jurisdiction_id, api_key) are ignored. */
export const open311RequestsQuery = z.object({
  /** Comma-separated; overrides every other filter. */
  service_request_id: z.string().trim().max(4000).optional(),
  /** Comma-separated service codes. */
  service_code: z.string().trim().max(2000).optional(),
  start_date: z.iso.datetime({ offset: true, error: 'start_date must be an ISO 8601 date and time' }).optional(),
  end_date: z.iso.datetime({ offset: true, error: 'end_date must be an ISO 8601 date and time' }).optional(),
  /** `open`, `closed` or both, comma-separated. */
  status: z
    .string()
    .transform((value) => value.split(',').map((s) => s.trim().toLowerCase()))
    .pipe(z.array(z.enum(OPEN311_STATUSES, { error: 'status is open or closed' })).min(1))
    .optional(),
  /** Names in Polish (default) or English. */
  locale: z.enum(['pl', 'en'], { error: 'locale is pl or en' }).optional(),
});
export type Open311RequestsQuery = z.infer<typeof open311RequestsQuery>;

export const open311LocaleQuery = z.object({
  locale: z.enum(['pl', 'en'], { error: 'locale is pl or en' }).optional(),
});

// The admins' side: one client (an app, a partner's system) per key.

export const createOpen311ClientRequest = z
  .object({
    name: z.string().trim().min(3, 'name needs at least 3 characters').max(100),
    /** Who to call when the client misbehaves: a person, an e-mail, a phone. */
    contact: z.string().trim().min(3, 'contact needs at least 3 characters').max(300),
  })
  .strict();
export type CreateOpen311ClientRequest = z.infer<typeof createOpen311ClientRequest>;

export const open311ClientIdParams = z.object({ id: z.uuid('id must be an Open311 client id') });

export interface Open311ClientDto {
  id: string;
  name: string;
  contact: string;
  /** The key's last characters, to tell keys apart; the key itself is shown only once. */
  keyHint: string;
  createdAt: string;
  createdByName: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedByName: string | null;
}

/** The answer that issued the key: the only time it is shown. */
export interface IssuedOpen311ClientDto extends Open311ClientDto {
  apiKey: string;
}
