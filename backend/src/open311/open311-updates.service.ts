// FixMyStreet's Open311 extension GET servicerequestupdates: the public steps of the reports that came in over
// Open311, in a window of time, as FixMyStreet shows them on a report's page. Only status moves and the unit's
// answers to the resident, worded for the public: never internal notes, staff reasons or staff names.
import type { DataSource } from 'typeorm';
import {
  OPEN311_MAX_REQUESTS,
  OPEN311_UPDATES_DEFAULT_HOURS,
  OPEN311_UPDATES_MAX_DAYS,
  open311UpdatesQuery,
  type Open311RequestUpdateDto,
  type Open311UpdateStatus,
  type TicketStatus,
} from '@kck/contracts';
import { badField, validationFailed } from '../platform/errors.ts';
import { w3cDateTime } from './open311.presenter.ts';
import { serviceRequestId, type Locale } from './open311.service.ts';

/** KCK's statuses as FixMyStreet's: the unit looking into it, having taken it on, at work, done, not the city's. */
const FMS_STATUS: Record<TicketStatus, Open311UpdateStatus> = {
  new: 'open',
  triage: 'open',
  returned: 'open',
  reopened: 'open',
  routed: 'investigating',
  accepted: 'action_scheduled',
  in_progress: 'in_progress',
  resolved: 'fixed',
  closed: 'closed',
  rejected: 'not_councils_responsibility',
  duplicate: 'duplicate',
};

/** What a step says when it carries no words for the resident: by the status it led to. */
const STATUS_TEXT: Record<Locale, Record<TicketStatus, string>> = {
  pl: {
    new: 'Zgłoszenie przyjęte.',
    triage: 'Zgłoszenie ocenia Krakowskie Centrum Kontaktu.',
    returned: 'Zgłoszenie ocenia Krakowskie Centrum Kontaktu.',
    reopened: 'Zgłoszenie wznowiono.',
    routed: 'Zgłoszenie przekazano jednostce miasta.',
    accepted: 'Jednostka przyjęła zgłoszenie do realizacji.',
    in_progress: 'Trwają prace.',
    resolved: 'Sprawę załatwiono.',
    closed: 'Zgłoszenie zamknięto.',
    rejected: 'Zgłoszenie odrzucono: nie jest sprawą miasta.',
    duplicate: 'Połączono z innym zgłoszeniem tej samej sprawy.',
  },
  en: {
    new: 'Report received.',
    triage: 'The report is being assessed by the Kraków Contact Centre.',
    returned: 'The report is being assessed by the Kraków Contact Centre.',
    reopened: 'The report was reopened.',
    routed: 'The report was passed to a city unit.',
    accepted: 'The unit has taken the report on.',
    in_progress: 'Work is under way.',
    resolved: 'The matter has been dealt with.',
    closed: 'The report was closed.',
    rejected: 'The report was rejected: it is not a city matter.',
    duplicate: 'Merged with another report of the same matter.',
  },
};

const passedTo: Record<Locale, (unit: string) => string> = {
  pl: (unit) => `Zgłoszenie przekazano: ${unit}.`,
  en: (unit) => `The report was passed to ${unit}.`,
};
const mergedInto: Record<Locale, (id: string) => string> = {
  pl: (id) => `Połączono ze zgłoszeniem ${id} tej samej sprawy.`,
  en: (id) => `Merged with report ${id} of the same matter.`,
};

const HOUR_MS = 3_600_000;

interface UpdateRow {
  seq: string;
  kind: string;
  at: Date;
  number: string;
  status_after: TicketStatus | null;
  /** The words written for the resident: an answer's text, a resolution, a rejection's justification. */
  public_text: string | null;
  unit_name: string | null;
  duplicate_of: string | null;
}

/**
 * Open311's events in the window, oldest first. A step is an event that moved the status (the creation aside: the
 * client made it) or an answer to the resident; its status is the ticket's after it, from the history itself.
 * Reasons (`e.reason`) are staff's words and never read here.
 */
const UPDATES_SQL = `
  SELECT e.id AS seq, e.kind, e.at, t.number,
         (SELECT p.changes->'status'->>'to' FROM ticket_event p
           WHERE p.ticket_id = e.ticket_id AND p.id <= e.id AND p.changes ? 'status'
           ORDER BY p.id DESC LIMIT 1) AS status_after,
         CASE WHEN e.kind = 'ticket.answered' THEN c.body ELSE e.changes->'resolution'->>'to' END AS public_text,
         u.name AS unit_name,
         e.changes->'duplicateOf'->>'to' AS duplicate_of
    FROM ticket t
    JOIN ticket_event e ON e.ticket_id = t.id
    LEFT JOIN ticket_comment c ON c.event_seq = e.id AND c.kind = 'answer'
    LEFT JOIN unit u ON u.code = e.changes->'unit'->>'to' AND e.kind = 'ticket.routed'
   WHERE t.channel = 'open311' AND t.number IS NOT NULL AND t.created_at <= $2
     AND e.at >= $1 AND e.at <= $2
     AND ((e.changes ? 'status' AND e.kind <> 'ticket.created') OR (e.kind = 'ticket.answered' AND c.id IS NOT NULL))
   ORDER BY e.at, e.id
   LIMIT $3`;

function parseQuery(raw: unknown) {
  const parsed = open311UpdatesQuery.safeParse(raw);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  return parsed.data;
}

/** The window: both dates as given; one alone extends by the default length; none is the last day. */
function windowOf(query: { start_date?: string; end_date?: string }, now: Date): { from: Date; to: Date } {
  const start = query.start_date ? new Date(query.start_date) : undefined;
  const end = query.end_date ? new Date(query.end_date) : undefined;
  const to = end ?? (start ? new Date(start.getTime() + OPEN311_UPDATES_DEFAULT_HOURS * HOUR_MS) : now);
  const from = start ?? new Date(to.getTime() - OPEN311_UPDATES_DEFAULT_HOURS * HOUR_MS);
  if (from > to) throw badField('start_date', 'start_date is after end_date');
  if (to.getTime() - from.getTime() > OPEN311_UPDATES_MAX_DAYS * 24 * HOUR_MS)
    throw badField('end_date', `start_date and end_date may be at most ${OPEN311_UPDATES_MAX_DAYS} days apart`);
  return { from, to };
}

function describe(row: UpdateRow, status: TicketStatus, locale: Locale): string {
  const text = row.public_text?.trim();
  if (text) return text;
  if (row.kind === 'ticket.routed' && row.unit_name) return passedTo[locale](row.unit_name);
  if (status === 'duplicate' && row.duplicate_of) return mergedInto[locale](serviceRequestId(row.duplicate_of));
  return STATUS_TEXT[locale][status];
}

/**
 * GET servicerequestupdates: at most OPEN311_MAX_REQUESTS updates, oldest first, so a client that gets that many
 * asks again from the last one's time (an update is never repeated under another id).
 */
export async function listRequestUpdates(
  db: DataSource,
  rawQuery: unknown,
  now = new Date(),
): Promise<Open311RequestUpdateDto[]> {
  const query = parseQuery(rawQuery);
  const locale: Locale = query.locale ?? 'pl';
  const { from, to } = windowOf(query, now);
  const rows: UpdateRow[] = await db.query(UPDATES_SQL, [from, to, OPEN311_MAX_REQUESTS]);
  return rows.map((row) => {
    const status = row.status_after ?? 'new';
    return {
      update_id: String(row.seq),
      service_request_id: serviceRequestId(row.number),
      status: FMS_STATUS[status],
      external_status_code: status,
      updated_datetime: w3cDateTime(row.at),
      description: describe(row, status, locale),
      media_url: '',
    };
  });
}
