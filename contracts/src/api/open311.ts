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

// FixMyStreet's extension: GET servicerequestupdates.{format} (its Open311 "Proposed differences"), which FixMyStreet
// polls to show what happened to the reports it sent.

/** With no dates the window is the last day; at most this many days at once. */
export const OPEN311_UPDATES_DEFAULT_HOURS = 24;
export const OPEN311_UPDATES_MAX_DAYS = 31;

/** FixMyStreet's statuses (its "additional states"), in lower case as its open311-adapter sends them. */
export const OPEN311_UPDATE_STATUSES = [
  'open',
  'investigating',
  'action_scheduled',
  'in_progress',
  'fixed',
  'closed',
  'duplicate',
  'not_councils_responsibility',
] as const;
export type Open311UpdateStatus = (typeof OPEN311_UPDATE_STATUSES)[number];

/** One public step of a report: `<service_request_updates><request_update>…` in XML. */
export interface Open311RequestUpdateDto {
  /** The history event's sequence id: unique and stable, so a client takes each update once. */
  update_id: string;
  service_request_id: string;
  /** Where the report stands after this update. */
  status: Open311UpdateStatus;
  /** KCK's own status after it (`in_progress`…), for clients that map statuses themselves. */
  external_status_code: string;
  updated_datetime: string;
  /** The unit's answer to the resident, or a public status text; never internal notes or staff names. */
  description: string;
  /** Always empty: staff's files are not published. */
  media_url: string;
}

/** GET servicerequestupdates.{format}: a window of update times; jurisdiction_id and api_key are taken, not needed. */
export const open311UpdatesQuery = z.object({
  start_date: z.iso.datetime({ offset: true, error: 'start_date must be an ISO 8601 date and time' }).optional(),
  end_date: z.iso.datetime({ offset: true, error: 'end_date must be an ISO 8601 date and time' }).optional(),
  jurisdiction_id: z.string().max(200).optional(),
  api_key: z.string().max(200).optional(),
  locale: z.enum(['pl', 'en'], { error: 'locale is pl or en' }).optional(),
});
export type Open311UpdatesQuery = z.infer<typeof open311UpdatesQuery>;

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
