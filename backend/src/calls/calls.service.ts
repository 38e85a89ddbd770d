// Calls: a hotline agent records every call (topic, information given, articles used, outcome)
// and the tickets it creates, all in one transaction, so a call and its tickets exist together.
// Recorded calls are read here; live calls (ringing to wrap-up) are in live-calls.service.ts.
import type { DataSource, EntityManager } from 'typeorm';
import type { CallDto, CallListQuery, RecordCallInput } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { assertEntry } from '../dictionaries/dictionaries.service.ts';
import { badField } from '../platform/errors.ts';
import { recordEvent } from '../platform/outbox/record-event.ts';
import { assertTicketAttributes } from '../category-attributes/category-attributes.validation.ts';
import { insertTicket } from '../tickets/tickets.service.ts';
import { numberPendingTickets } from '../tickets/ticket-number.ts';
import { Interaction } from './interaction.entity.ts';

const CALL_SELECT = `
  SELECT i.id, i.agent_id, a.display_name AS agent_name, i.caller_phone, i.started_at, i.ended_at, i.topic_id,
         tp.label_pl AS topic_label, i.outcome, i.information_given, i.notes, i.article_ids,
         COALESCE(array_agg(t.number ORDER BY t.number) FILTER (WHERE t.id IS NOT NULL), '{}') AS ticket_numbers,
         COALESCE(array_agg(t.id ORDER BY t.number) FILTER (WHERE t.id IS NOT NULL), '{}') AS ticket_ids
    FROM interaction i
    JOIN app_user a ON a.id = i.agent_id
    LEFT JOIN dictionary_entry tp ON tp.id = i.topic_id
    LEFT JOIN ticket t ON t.interaction_id = i.id`;

interface CallRow {
  id: string;
  agent_id: string;
  agent_name: string;
  caller_phone: string | null;
  started_at: Date;
  ended_at: Date;
  topic_id: string;
  topic_label: string;
  outcome: CallDto['outcome'];
  information_given: string;
  notes: string;
  article_ids: string[];
  ticket_numbers: string[];
  ticket_ids: string[];
}

const presentCall = (r: CallRow): CallDto => ({
  id: r.id,
  agentId: r.agent_id,
  agentName: r.agent_name,
  callerPhone: r.caller_phone,
  startedAt: r.started_at.toISOString(),
  endedAt: r.ended_at.toISOString(),
  durationSeconds: Math.round((r.ended_at.getTime() - r.started_at.getTime()) / 1000),
  topicId: r.topic_id,
  topicLabel: r.topic_label,
  outcome: r.outcome,
  informationGiven: r.information_given,
  notes: r.notes,
  articleIds: r.article_ids,
  ticketNumbers: r.ticket_numbers,
  ticketIds: r.ticket_ids,
});

export async function recordCall(db: DataSource, agent: Actor, input: RecordCallInput): Promise<CallDto> {
  const id = await db.transaction(async (em) => {
    await assertCallRecord(em, input);
    const call = await em.getRepository(Interaction).save({
      channel: 'phone',
      state: 'recorded',
      agentId: agent.id,
      callerPhone: input.callerPhone ?? null,
      startedAt: new Date(input.startedAt),
      answeredAt: new Date(input.startedAt),
      endedAt: new Date(input.endedAt),
      recordedAt: new Date(),
      topicId: input.topicId,
      outcome: input.outcome,
      informationGiven: input.informationGiven,
      notes: input.notes,
      articleIds: [...new Set(input.articleIds)],
    });
    await insertCallTickets(em, agent, call.id, input.tickets, input.callerPhone ?? null);
    await recordEvent(em, 'interaction.recorded', { interactionId: call.id });
    return call.id;
  });
  if (input.tickets.length > 0) await numberPendingTickets(db);
  return getCall(db, id);
}

/** What a call's record must name: a call topic from the dictionary and articles that exist. */
export async function assertCallRecord(
  em: EntityManager,
  input: Pick<RecordCallInput, 'topicId' | 'articleIds'>,
): Promise<void> {
  await assertEntry(em, 'call_topic', input.topicId, 'topicId');
  if (input.articleIds.length > 0) {
    const found: { id: string }[] = await em.query(`SELECT id FROM article WHERE id = ANY($1::uuid[])`, [
      input.articleIds,
    ]);
    const known = new Set(found.map((a) => a.id));
    const missing = input.articleIds.findIndex((articleId) => !known.has(articleId));
    if (missing >= 0) throw badField(`articleIds.${missing}`, `no article with id ${input.articleIds[missing]}`);
  }
}

/** The tickets created from a call, in the call's transaction; numbered after the commit. */
export async function insertCallTickets(
  em: EntityManager,
  agent: Actor,
  callId: string,
  tickets: RecordCallInput['tickets'],
  callerPhone: string | null,
): Promise<void> {
  for (const [index, ticket] of tickets.entries()) {
    // The caller's number is the reporter's unless the agent typed another one.
    const reporter = { ...ticket.reporter, phone: ticket.reporter?.phone ?? callerPhone ?? undefined };
    // The category's questions, checked as on every other channel (a 400 names tickets.N.attributes.<code>).
    const attributes = await assertTicketAttributes(em, ticket.categoryId, ticket.attributes, `tickets.${index}.`);
    await insertTicket(
      em,
      agent,
      { ...ticket, reporter, attributes, channel: 'phone' },
      { interactionId: callId, fieldPrefix: `tickets.${index}.` },
    );
  }
}

export async function getCall(db: DataSource, id: string): Promise<CallDto> {
  const rows: CallRow[] = await db.query(`${CALL_SELECT} WHERE i.id = $1 GROUP BY i.id, a.display_name, tp.label_pl`, [
    id,
  ]);
  return presentCall(rows[0]!);
}

/**
 * The agent's own recent recorded calls; supervisors and analysts see everyone's. The filters are DK-05's
 * drill-down from the call figures, counted as analytics/rollups.ts counts them (local Kraków day and hour).
 */
export async function listCalls(db: DataSource, actor: Actor, query: CallListQuery): Promise<CallDto[]> {
  const mine = query.view === 'mine' || actor.role === 'agent';
  const params: unknown[] = [mine ? actor.id : null];
  const param = (value: unknown) => `$${params.push(value)}`;
  const filters: string[] = [];
  if (query.from) filters.push(`i.started_at >= (${param(query.from)}::date)::timestamp AT TIME ZONE 'Europe/Warsaw'`);
  if (query.to) filters.push(`i.started_at < (${param(query.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw'`);
  if (query.hour !== undefined)
    filters.push(`extract(hour FROM i.started_at AT TIME ZONE 'Europe/Warsaw') = ${param(query.hour)}`);
  if (query.topicId) filters.push(`i.topic_id = ${param(query.topicId)}`);
  if (query.outcome) filters.push(`i.outcome = ${param(query.outcome)}`);
  if (query.withTicket !== undefined)
    filters.push(`${query.withTicket ? '' : 'NOT '}EXISTS (SELECT 1 FROM ticket wt WHERE wt.interaction_id = i.id)`);
  const rows: CallRow[] = await db.query(
    `${CALL_SELECT} WHERE i.state = 'recorded' AND ($1::uuid IS NULL OR i.agent_id = $1)
      ${filters.map((f) => `AND ${f}`).join(' ')}
      GROUP BY i.id, a.display_name, tp.label_pl ORDER BY i.started_at DESC LIMIT ${param(query.limit)}`,
    params,
  );
  return rows.map(presentCall);
}
