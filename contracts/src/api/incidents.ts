// The incident register (awarie): outages of the applications the department uses, their timeline of actions and
// who was told. DK-05 analysts, supervisors and admins keep it; the platform opens one itself when a dependency is down.
import { z } from 'zod';

export const INCIDENT_SEVERITIES = ['minor', 'major', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** How someone was told of an incident. */
export const INCIDENT_NOTICE_CHANNELS = ['phone', 'email', 'sms', 'in_person', 'intranet', 'other'] as const;
export type IncidentNoticeChannel = (typeof INCIDENT_NOTICE_CHANNELS)[number];

/**
 * Timeline entries: `opened` (by a person, or by the platform with what its check saw), `note` (an action someone
 * recorded), `recovered` (the platform saw the dependency answer again), `resolved` (a person closed it).
 */
export const INCIDENT_ACTION_KINDS = ['opened', 'note', 'recovered', 'resolved'] as const;
export type IncidentActionKind = (typeof INCIDENT_ACTION_KINDS)[number];

/** The checks the platform runs itself; a system with one of them gets incidents opened and closed automatically. */
export const INCIDENT_PROBES = ['postgres', 'redis', 'meilisearch', 'queues'] as const;
export type IncidentProbe = (typeof INCIDENT_PROBES)[number];

export const INCIDENT_LIMITS = {
  title: 200,
  impact: 4000,
  actionText: 4000,
  recipient: 200,
  noticeNote: 1000,
  systemName: 120,
} as const;

const text = (name: string, min: number, max: number) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .min(min, min === 1 ? `${name} must not be empty` : `${name} must be at least ${min} characters`)
    .max(max, `${name} must be at most ${max} characters`);
const timestamp = (name: string) =>
  z.iso.datetime({ offset: true, message: `${name} must be an ISO-8601 timestamp with a time zone` });
const version = z
  .number({ error: 'version must be the version you read' })
  .int('version must be a whole number')
  .min(1, 'version must be the version you read');

const incidentFields = {
  systemId: z.uuid('systemId must be an affected system id'),
  title: text('title', 3, INCIDENT_LIMITS.title),
  impact: text('impact', 1, INCIDENT_LIMITS.impact),
  severity: z.enum(INCIDENT_SEVERITIES, `severity must be one of ${INCIDENT_SEVERITIES.join(', ')}`),
};

/** POST /api/incidents: opens an incident; `startedAt` defaults to now and may not lie in the future. */
export const incidentCreateRequest = z
  .object({ ...incidentFields, startedAt: timestamp('startedAt').optional() })
  .strict();
export type IncidentCreateRequest = z.input<typeof incidentCreateRequest>;

/**
 * PUT /api/incidents/:id: the whole record as edited, with the version read (409 when someone saved meanwhile).
 * `endedAt` only for a resolved incident (an open one is closed with /resolve).
 */
export const incidentEditRequest = z
  .object({ ...incidentFields, startedAt: timestamp('startedAt'), endedAt: timestamp('endedAt').nullish(), version })
  .strict()
  .refine((body) => !body.endedAt || Date.parse(body.endedAt) >= Date.parse(body.startedAt), {
    path: ['endedAt'],
    message: 'endedAt must not be before startedAt',
  });
export type IncidentEditRequest = z.input<typeof incidentEditRequest>;

/** POST /api/incidents/:id/resolve: closes it; `endedAt` defaults to now. The note goes into the timeline. */
export const incidentResolveRequest = z
  .object({
    version,
    endedAt: timestamp('endedAt').optional(),
    note: text('note', 0, INCIDENT_LIMITS.actionText).optional(),
  })
  .strict();
export type IncidentResolveRequest = z.input<typeof incidentResolveRequest>;

/** POST /api/incidents/:id/actions: one entry of the timeline; `at` defaults to now. Appending needs no version. */
export const incidentActionRequest = z
  .object({ text: text('text', 1, INCIDENT_LIMITS.actionText), at: timestamp('at').optional() })
  .strict();
export type IncidentActionRequest = z.input<typeof incidentActionRequest>;

/** POST /api/incidents/:id/notices: who was told, how and when (`at` defaults to now). */
export const incidentNoticeRequest = z
  .object({
    recipient: text('recipient', 2, INCIDENT_LIMITS.recipient),
    channel: z.enum(INCIDENT_NOTICE_CHANNELS, `channel must be one of ${INCIDENT_NOTICE_CHANNELS.join(', ')}`),
    at: timestamp('at').optional(),
    note: text('note', 0, INCIDENT_LIMITS.noticeNote).optional(),
  })
  .strict();
export type IncidentNoticeRequest = z.input<typeof incidentNoticeRequest>;

const isoDate = (name: string) => z.iso.date(`${name} must be a date (YYYY-MM-DD)`);

/** GET /api/incidents: the register, open ones first; the period (Kraków days) keeps incidents that overlap it. */
export const incidentListQuery = z
  .object({
    status: z.enum(INCIDENT_STATUSES, 'status must be open or resolved').optional(),
    systemId: z.uuid('systemId must be an affected system id').optional(),
    from: isoDate('from').optional(),
    to: isoDate('to').optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type IncidentListQuery = z.input<typeof incidentListQuery>;

export const incidentIdParams = z.object({ id: z.uuid('id must be an incident id') });
export const incidentSystemIdParams = z.object({ id: z.uuid('id must be an affected system id') });

/** POST /api/incident-systems (add one) and PUT /api/incident-systems/:id (rename, deactivate). */
export const incidentSystemRequest = z
  .object({
    name: text('name', 2, INCIDENT_LIMITS.systemName),
    active: z.boolean({ error: 'active must be true or false' }).default(true),
  })
  .strict();
export type IncidentSystemRequest = z.input<typeof incidentSystemRequest>;

export interface IncidentPersonDto {
  id: string;
  displayName: string;
}

export interface IncidentSystemDto {
  id: string;
  name: string;
  active: boolean;
  /** The platform's own check of this system, if it has one: incidents then open and close by themselves. */
  probe: IncidentProbe | null;
}

export interface IncidentSystemListDto {
  systems: IncidentSystemDto[];
}

export interface IncidentDto {
  id: string;
  system: { id: string; name: string };
  title: string;
  impact: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  startedAt: string;
  endedAt: string | null;
  /** Null when the platform opened it itself. */
  openedBy: IncidentPersonDto | null;
  openedAutomatically: boolean;
  /** When it was written down: for an outage of PostgreSQL itself, only after the database was back. */
  recordedAt: string;
  resolvedBy: IncidentPersonDto | null;
  updatedAt: string;
  version: number;
}

export interface IncidentActionDto {
  id: string;
  kind: IncidentActionKind;
  at: string;
  text: string;
  /** Null for what the platform wrote. */
  author: IncidentPersonDto | null;
}

export interface IncidentNoticeDto {
  id: string;
  recipient: string;
  channel: IncidentNoticeChannel;
  at: string;
  note: string;
  recordedBy: IncidentPersonDto;
}

export interface IncidentDetailDto extends IncidentDto {
  actions: IncidentActionDto[];
  notices: IncidentNoticeDto[];
}

export interface IncidentListDto {
  incidents: IncidentDto[];
  /** The list stops at this many; narrow the period or the system for older ones. */
  limit: number;
}

/** The `incident.changed` socket message: consoles refetch their banner and whatever shows the incident. */
export interface IncidentChangedMessage {
  incidentId: string;
}
