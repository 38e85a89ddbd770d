// Open311 GeoReport v2 over the ticket flow: the leaf categories are the services, their questions the service
// attributes, and a POSTed report becomes a ticket (channel `open311`) routed like any other.
import type { DataSource } from 'typeorm';
import {
  OPEN311_MAX_REQUESTS,
  OPEN311_MAX_WINDOW_DAYS,
  OPEN_TICKET_STATUSES,
  open311RequestsQuery,
  type CategoryAttributeValue,
  type CreateTicketRequest,
  type FieldError,
  type Open311AttributeDto,
  type Open311CreatedDto,
  type Open311ServiceDefinitionDto,
  type Open311ServiceDto,
  type Open311ServiceRequestDto,
  type Open311TokenDto,
} from '@kck/contracts';
import { assertTicketAttributes, attributeRules } from '../category-attributes/category-attributes.validation.ts';
import { badField, notFound, validationFailed } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { numberNewTicket } from '../tickets/ticket-number.ts';
import { insertTicket } from '../tickets/tickets.service.ts';
import { apiKeyCheckOf, hashApiKey, KEY_LOOKUP, type ApiKeyCheck } from './open311-clients.service.ts';
import { parseOpen311Post, titleFrom, type UrlencodedBody } from './open311-form.ts';
import { w3cDateTime } from './open311.presenter.ts';

export type Locale = 'pl' | 'en';

interface ServiceRow {
  id: string;
  code: string;
  label_pl: string;
  label_en: string;
  group_pl: string | null;
  group_en: string | null;
  metadata: boolean;
}

/** Services are the active categories with no active children, under an active group (or none). */
const SERVICE_SELECT = `
  SELECT c.id, c.code, c.label_pl, c.label_en, p.label_pl AS group_pl, p.label_en AS group_en,
         EXISTS (SELECT 1 FROM category_attribute a WHERE a.category_id = c.id AND a.active) AS metadata
    FROM dictionary_entry c
    LEFT JOIN dictionary_entry p ON p.id = c.parent_id
   WHERE c.dictionary = 'category' AND c.active AND (p.id IS NULL OR p.active)
     AND NOT EXISTS (SELECT 1 FROM dictionary_entry ch WHERE ch.parent_id = c.id AND ch.active)`;

const named = (locale: Locale, pl: string, en: string) => (locale === 'en' ? en : pl);

const presentService = (r: ServiceRow, locale: Locale): Open311ServiceDto => {
  const name = named(locale, r.label_pl, r.label_en);
  const group = r.group_pl === null ? '' : named(locale, r.group_pl, r.group_en ?? r.group_pl);
  return {
    service_code: r.code,
    service_name: name,
    description: group ? `${group} › ${name}` : name,
    metadata: r.metadata,
    type: 'realtime',
    keywords: '',
    group,
  };
};

export async function listServices(db: DataSource, locale: Locale): Promise<Open311ServiceDto[]> {
  const rows: ServiceRow[] = await db.query(
    `${SERVICE_SELECT} ORDER BY p.sort_order NULLS FIRST, c.sort_order, c.code`,
  );
  return rows.map((row) => presentService(row, locale));
}

async function findService(db: DataSource, code: string): Promise<ServiceRow | undefined> {
  const rows: ServiceRow[] = await db.query(`${SERVICE_SELECT} AND c.code = $1`, [code]);
  return rows[0];
}

/** The service a POST names, looked up with its key (checkKeyAndService) so createRequest need not ask again. */
export interface PrefetchedService {
  code: string;
  service: ServiceRow | undefined;
}

/**
 * An Open311 POST's API key checked (as checkApiKey does) and the service its `service_code` names read, in one
 * round trip: each costs both sides a write and a read system call, the largest item in the intake's profile.
 * The caller still acts on them in the standard's order: the key (403), its limit (429), then the form (400).
 */
export async function checkKeyAndService(
  db: DataSource,
  apiKey: string | undefined,
  serviceCode: string | undefined,
): Promise<{ key: ApiKeyCheck; prefetched: PrefetchedService | undefined }> {
  if (!apiKey) return { key: { ok: false, reason: 'missing' }, prefetched: undefined };
  const rows: (Partial<ServiceRow> & { client_id: string | null; revoked: boolean | null })[] = await db.query(
    `${KEY_LOOKUP}
     SELECT client.id AS client_id, client.revoked_at IS NOT NULL AS revoked, service.*
       FROM (VALUES (1)) one
       LEFT JOIN client ON true
       LEFT JOIN (${SERVICE_SELECT} AND c.code = $2) service ON true`,
    [hashApiKey(apiKey), serviceCode ?? ''],
  );
  const row = rows[0];
  const service = row?.id ? (row as ServiceRow) : undefined;
  return {
    key: apiKeyCheckOf(row),
    prefetched: serviceCode === undefined ? undefined : { code: serviceCode, service },
  };
}

export async function serviceDefinition(
  db: DataSource,
  code: string,
  locale: Locale,
): Promise<Open311ServiceDefinitionDto> {
  const service = await findService(db, code);
  if (!service) throw notFound(`Service ${code}`);
  const rows: {
    code: string;
    label_pl: string;
    label_en: string;
    hint_pl: string | null;
    hint_en: string | null;
    datatype: Open311AttributeDto['datatype'];
    required: boolean;
    values: CategoryAttributeValue[];
  }[] = await db.query(
    `SELECT code, label_pl, label_en, hint_pl, hint_en, datatype, required, "values"
       FROM category_attribute WHERE category_id = $1 AND active ORDER BY position, code`,
    [service.id],
  );
  return {
    service_code: service.code,
    attributes: rows.map((row, index) => ({
      variable: true,
      code: row.code,
      datatype: row.datatype,
      required: row.required,
      datatype_description: named(locale, row.hint_pl ?? '', row.hint_en ?? row.hint_pl ?? ''),
      order: index + 1,
      description: named(locale, row.label_pl, row.label_en),
      values: row.values
        .filter((value) => value.active)
        .map((value) => ({ key: value.key, name: named(locale, value.labelPl, value.labelEn) })),
    })),
  };
}

/** `KCK/2026/000123` ↔ `KCK-2026-000123`: the number, safe in a URL path. */
export const serviceRequestId = (number: string) => number.replaceAll('/', '-');
const numberOf = (id: string): string | undefined => {
  const match = /^KCK[-/](\d{4})[-/](\d{6})$/i.exec(id.trim());
  return match ? `KCK/${match[1]}/${match[2]}` : undefined;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RequestRow {
  id: string;
  number: string;
  status: string;
  description: string;
  status_notes: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  due_at: Date | null;
  created_at: Date;
  updated_at: Date;
  service_code: string;
  label_pl: string;
  label_en: string;
  unit_name: string | null;
  address_id: string | null;
  media_urls: string[] | null;
}

// Only Open311's own reports are listed: reports from the phone, e-mail or the web form were never published.
// status_notes is the unit's answer to the resident (the resolution, else its latest answer), never internal notes.
const REQUEST_SELECT = `
  SELECT t.id, t.number, t.status, t.description, t.address, t.latitude, t.longitude, t.due_at, t.created_at,
         t.updated_at, c.code AS service_code, c.label_pl, c.label_en, u.name AS unit_name, o.address_id, o.media_urls,
         COALESCE(t.resolution, (SELECT tc.body FROM ticket_comment tc WHERE tc.ticket_id = t.id AND tc.kind = 'answer'
                                  ORDER BY tc.created_at DESC LIMIT 1)) AS status_notes
    FROM ticket t
    JOIN dictionary_entry c ON c.id = t.category_id
    LEFT JOIN unit u ON u.id = t.unit_id
    LEFT JOIN open311_request o ON o.ticket_id = t.id
   WHERE t.channel = 'open311' AND t.number IS NOT NULL`;

const OPEN_STATUSES = [...OPEN_TICKET_STATUSES];

const presentRequest = (r: RequestRow, locale: Locale): Open311ServiceRequestDto => ({
  service_request_id: serviceRequestId(r.number),
  status: OPEN_STATUSES.includes(r.status as (typeof OPEN_STATUSES)[number]) ? 'open' : 'closed',
  status_notes: r.status_notes,
  service_name: named(locale, r.label_pl, r.label_en),
  service_code: r.service_code,
  description: r.description,
  agency_responsible: r.unit_name,
  service_notice: null,
  requested_datetime: w3cDateTime(r.created_at),
  updated_datetime: w3cDateTime(r.updated_at),
  expected_datetime: r.due_at ? w3cDateTime(r.due_at) : null,
  address: r.address,
  address_id: r.address_id,
  zipcode: null,
  lat: r.latitude,
  long: r.longitude,
  media_url: r.media_urls?.[0] ?? null,
});

const DAY_MS = 86_400_000;
const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Parses the query with the names the standard uses in its error messages (no `query.` prefix). */
function parseRequestsQuery(raw: unknown) {
  const parsed = open311RequestsQuery.safeParse(raw);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  return parsed.data;
}

/**
 * GET requests: by id (a list overrides every other filter), or by service code, status and a window of
 * requested dates (default the last 90 days, at most 90 days); newest first, at most OPEN311_MAX_REQUESTS.
 */
export async function listRequests(
  db: DataSource,
  rawQuery: unknown,
  locale: Locale,
): Promise<Open311ServiceRequestDto[]> {
  const query = parseRequestsQuery(rawQuery);
  const params: unknown[] = [];
  const where: string[] = [];
  const ids = list(query.service_request_id);
  if (ids.length > 0) {
    if (ids.length > 100) throw badField('service_request_id', 'at most 100 service_request_id at once');
    params.push(ids.map(numberOf).filter(Boolean));
    where.push(`t.number = ANY($${params.length}::text[])`);
  } else {
    const codes = list(query.service_code);
    if (codes.length > 0) {
      const known: { code: string }[] = await db.query(
        `SELECT code FROM dictionary_entry WHERE dictionary = 'category' AND code = ANY($1::text[])`,
        [codes],
      );
      const unknown = codes.find((code) => !known.some((row) => row.code === code));
      if (unknown !== undefined) throw badField('service_code', `${unknown} is not a service code`);
      params.push(codes);
      where.push(`c.code = ANY($${params.length}::text[])`);
    }
    const start = query.start_date ? new Date(query.start_date) : undefined;
    const end = query.end_date ? new Date(query.end_date) : undefined;
    const to = end ?? (start ? new Date(start.getTime() + OPEN311_MAX_WINDOW_DAYS * DAY_MS) : new Date());
    const from = start ?? new Date(to.getTime() - OPEN311_MAX_WINDOW_DAYS * DAY_MS);
    if (from > to) throw badField('start_date', 'start_date is after end_date');
    if (to.getTime() - from.getTime() > OPEN311_MAX_WINDOW_DAYS * DAY_MS)
      throw badField('end_date', `start_date and end_date may be at most ${OPEN311_MAX_WINDOW_DAYS} days apart`);
    params.push(from, to);
    where.push(`t.created_at >= $${params.length - 1} AND t.created_at <= $${params.length}`);
    const statuses = new Set(query.status ?? []);
    if (statuses.size === 1) {
      params.push(OPEN_STATUSES);
      const open = `t.status = ANY($${params.length}::text[])`;
      where.push(statuses.has('open') ? open : `NOT ${open}`);
    }
  }
  params.push(OPEN311_MAX_REQUESTS);
  const rows: RequestRow[] = await db.query(
    `${REQUEST_SELECT} ${where.map((condition) => `AND ${condition}`).join(' ')}
      ORDER BY t.created_at DESC, t.number DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => presentRequest(row, locale));
}

export async function getRequest(db: DataSource, id: string, locale: Locale): Promise<Open311ServiceRequestDto> {
  const number = numberOf(id);
  const rows: RequestRow[] = number
    ? await db.query(`${REQUEST_SELECT} AND t.number = $1`, [number])
    : UUID.test(id)
      ? await db.query(`${REQUEST_SELECT} AND t.id = $1`, [id])
      : [];
  if (!rows[0]) throw notFound(`Service request ${id}`);
  return presentRequest(rows[0], locale);
}

/** The token POST answers is the ticket's id; it resolves to the id at once, since nothing is queued. */
export async function resolveToken(db: DataSource, token: string): Promise<Open311TokenDto> {
  const rows: { number: string }[] = UUID.test(token)
    ? await db.query(`SELECT number FROM ticket WHERE id = $1 AND channel = 'open311' AND number IS NOT NULL`, [token])
    : [];
  if (!rows[0]) throw notFound(`Token ${token}`);
  return { service_request_id: serviceRequestId(rows[0].number), token: token.toLowerCase() };
}

const EXTRA_LIMIT = 20;

/** What the client sent beyond the service's questions, as lines staff can read under the description. */
function describeExtras(extras: Record<string, string | string[]>, mediaUrls: string[]): string {
  const lines: string[] = [];
  if (mediaUrls.length > 0) lines.push(`Zdjęcia / media: ${mediaUrls.join(' ')}`);
  for (const [code, value] of Object.entries(extras).slice(0, EXTRA_LIMIT)) {
    const text = (Array.isArray(value) ? value.join(', ') : value).trim();
    if (text) lines.push(`${code.slice(0, 100)}: ${text.slice(0, 300)}`);
  }
  return lines.join('\n');
}

export interface Open311PostContext {
  db: DataSource;
  logger: Logger;
  /** The presented key's client, once checkApiKey accepted it. */
  clientId: string;
  /** The service read with the key; looked up again when the form names another one. */
  prefetched?: PrefetchedService;
}

/**
 * POST requests: one ticket and its Open311 record in one statement, then numbered; answers its id at once.
 * Questions the service asks are checked strictly; `attribute[...]` codes it does not ask (a client's own extras,
 * like FixMyStreet's report_url) are kept with the request and shown to staff under the description, not refused.
 */
export async function createRequest(ctx: Open311PostContext, body: UrlencodedBody): Promise<Open311CreatedDto> {
  const { db } = ctx;
  const { form, problems } = parseOpen311Post(body);
  if (problems.length > 0) throw validationFailed(problems);
  const service =
    ctx.prefetched?.code === form.serviceCode ? ctx.prefetched.service : await findService(db, form.serviceCode);
  if (!service) throw badField('service_code', `${form.serviceCode} is not a service; services.json lists them`);

  const rules = (await attributeRules(db)).get(service.id) ?? [];
  const asked = new Set(rules.filter((rule) => rule.active).map((rule) => rule.code));
  const answers: Record<string, string | string[]> = {};
  const extras: Record<string, string | string[]> = {};
  for (const [code, value] of Object.entries(form.attributes)) (asked.has(code) ? answers : extras)[code] = value;
  const attributes = await assertTicketAttributes(db, service.id, answers);

  const serviceName = service.label_pl;
  const extraText = describeExtras(extras, form.mediaUrls);
  const description = [form.description ?? serviceName, extraText].filter(Boolean).join('\n\n');
  const reporterName = [form.firstName, form.lastName].filter(Boolean).join(' ') || undefined;
  const input: CreateTicketRequest = {
    type: 'problem',
    channel: 'open311',
    categoryId: service.id,
    address: form.addressString,
    location: form.location,
    attributes,
    title: titleFrom(form.description, serviceName),
    description,
    reporter: { name: reporterName, phone: form.phone, email: form.email },
  };

  // One statement writes the ticket and its Open311 record, and commits alone.
  const { id } = await insertTicket(db, null, input, {
    // A report with a contact is given under the consent text in force (the web form's, which clients show): RODO.
    withRow: {
      insert: `INSERT INTO open311_request (ticket_id, client_id, address_id, device_id, account_id, media_urls,
                                            extra_attributes, consent_version, consented_at)
               SELECT inserted.id, $21, $22, $23, $24, $25, $26,
                      CASE WHEN $27::boolean THEN (SELECT version FROM public_consent_text
                                                    ORDER BY published_at DESC, version DESC LIMIT 1) END,
                      CASE WHEN $27::boolean THEN now() END
                 FROM inserted`,
      values: [
        ctx.clientId,
        form.addressId ?? null,
        form.deviceId ?? null,
        form.accountId ?? null,
        form.mediaUrls,
        JSON.stringify(extras),
        Boolean(form.email || form.phone),
      ],
    },
  });
  // The report is committed: from here on the client must hear success, or it would send it again. Should
  // numbering fail now, the numbering sweep numbers it shortly; the answer then carries the token alone (the
  // standard's way of saying the id comes later) and tokens/{token} gives the id once it exists.
  const number = await numberNewTicket(db, id).catch((err: unknown) => {
    ctx.logger.warn({ err, ticketId: id }, 'Open311 report saved but not numbered yet; answering its token');
    return null;
  });
  const accountId = form.accountId ?? null;
  if (!number) return { token: id, service_notice: 'Przyjęte / Received', account_id: accountId };
  return {
    service_request_id: serviceRequestId(number),
    token: id,
    service_notice: `Przyjęte jako ${number} / Received as ${number}`,
    account_id: accountId,
  };
}

/** Field paths as Open311 names them: `attributes.lamp` is `attribute[lamp]`. */
export function open311FieldName(error: FieldError): string {
  const path = error.path.replace(/^(query|params|body)\./, '');
  const attribute = /^attributes\.(.+)$/.exec(path);
  return attribute ? `attribute[${attribute[1]}]` : path;
}
