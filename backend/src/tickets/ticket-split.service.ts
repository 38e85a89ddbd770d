// Splitting one report into parts for different units: DK-03 writes each part as a new ticket with the same
// reporter, routed by hand or by the routing rules, and closes the original, which lists its parts.
import type { DataSource } from 'typeorm';
import type { SplitTicketRequest, SplitTicketResult, TicketType, Channel } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { badField, staleVersion } from '../platform/errors.ts';
import { assertMove } from './ticket-lifecycle.ts';
import { numberPendingTicketsIn } from './ticket-number.ts';
import { appendTicketEvent, insertTicket, lockTicket, moveTicket } from './tickets.service.ts';
import { getTicket } from './tickets.queries.ts';

interface OriginalRow {
  number: string;
  type: TicketType;
  channel: Channel;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_email: string | null;
  interaction_id: string | null;
}

/**
 * The original ends: a triage clerk who splits a report hands all of its work to the parts, and expects it to
 * leave the inbox rather than wait for someone to close it. It is closed (ticket.split) with the clerk's
 * reason and the parts' numbers, and lists its parts; each part links back to it. The parts are numbered in
 * this transaction, so the answer, the history and the e-mail to the reporter can name them. A part without a
 * unit is routed by the rules, as any new ticket is, once its `ticket.created` reaches the routing queue.
 */
export async function splitTicket(
  db: DataSource,
  actor: Actor,
  id: string,
  input: SplitTicketRequest,
): Promise<SplitTicketResult> {
  const partIds = await db.transaction(async (em) => {
    const original = await lockTicket(em, actor, id);
    // Checked before anything is written: a refused split must not cost the parts their numbers' work.
    if (input.version !== undefined && input.version !== original.version)
      throw staleVersion({ status: original.status, version: original.version }, input.version);
    assertMove(original, 'closed', actor.role, 'ticket.split');

    const manualUnits = [...new Set(input.parts.flatMap((p) => (p.unitId ? [p.unitId] : [])))];
    const activeUnits: { id: string }[] = await em.query(`SELECT id FROM unit WHERE id = ANY($1::uuid[]) AND active`, [
      manualUnits,
    ]);
    input.parts.forEach((part, i) => {
      if (part.unitId && !activeUnits.some((u) => u.id === part.unitId))
        throw badField(`parts.${i}.unitId`, `no active unit with id ${part.unitId}`);
    });

    const [row] = (await em.query(
      `SELECT number, type, channel, reporter_name, reporter_phone, reporter_email, interaction_id
         FROM ticket WHERE id = $1`,
      [id],
    )) as [OriginalRow];
    const reporter = {
      name: row.reporter_name ?? undefined,
      phone: row.reporter_phone ?? undefined,
      email: row.reporter_email ?? undefined,
    };
    const ids: string[] = [];
    for (const [i, part] of input.parts.entries()) {
      const { unitId: _unit, ...fields } = part;
      const created = await insertTicket(
        em,
        actor,
        { ...fields, type: row.type, channel: row.channel, reporter },
        { fieldPrefix: `parts.${i}.`, interactionId: row.interaction_id ?? undefined },
      );
      await em.query(`UPDATE ticket SET split_from_id = $2 WHERE id = $1`, [created.id, id]);
      ids.push(created.id);
    }
    await numberPendingTicketsIn(em);
    const parts: { id: string; number: string }[] = await em.query(
      `SELECT id, number FROM ticket WHERE id = ANY($1::uuid[]) ORDER BY number`,
      [ids],
    );

    for (const [i, partId] of ids.entries()) {
      await appendTicketEvent(
        em,
        partId,
        'ticket.linked',
        actor.id,
        { splitFrom: { from: null, to: row.number } },
        input.reason,
      );
      const unitId = input.parts[i]!.unitId;
      if (!unitId) continue;
      // Routed by hand here; the routing job then finds it no longer `new` and leaves it alone.
      const part = await lockTicket(em, null, partId);
      await moveTicket(em, part, actor.role, actor.id, {
        to: 'routed',
        kind: 'ticket.routed',
        set: { unitId, routingRuleId: null, informedUnitIds: [] },
        reason: `Część zgłoszenia ${row.number}, przekazana ręcznie: ${actor.displayName}`,
      });
    }

    const listed = parts.map((p) => p.number).join(', ');
    await moveTicket(em, original, actor.role, actor.id, {
      to: 'closed',
      kind: 'ticket.split',
      reason: `${input.reason}\nPodzielone na: ${listed}`,
      expectedVersion: input.version,
      extraChanges: { parts: { from: null, to: parts.map((p) => p.number) } },
    });
    return ids;
  });
  return {
    original: await getTicket(db, null, id),
    parts: await Promise.all(partIds.map((partId) => getTicket(db, null, partId))),
  };
}
