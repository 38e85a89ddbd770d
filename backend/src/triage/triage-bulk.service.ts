// DK-03's bulk moves over the triage inbox: route many tickets to a unit, merge them into one main ticket, or reject
// them as spam, all or nothing in one transaction, by the same rules (and the same claims) as one ticket at a time.
import type { DataSource, EntityManager } from 'typeorm';
import type { BulkTriageRequest, BulkTriageResult } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { AppError, badField } from '../platform/errors.ts';
import { lockTicket, moveTicket, rejectionMove, routeLockedTicketByHand } from '../tickets/tickets.service.ts';
import { mergeTicketIn } from '../tickets/ticket-relations.service.ts';
import { getTicket } from '../tickets/tickets.queries.ts';

/**
 * Applies one move to every ticket listed. Every ticket involved (the main ticket of a merge too) is locked first,
 * in id order, so two people's overlapping bulk moves wait for each other instead of deadlocking. The first
 * ticket that cannot move stops the whole request: its error names the ticket's number, and nothing is changed.
 */
export async function bulkTriage(db: DataSource, actor: Actor, input: BulkTriageRequest): Promise<BulkTriageResult> {
  const ids = input.ticketIds.map((id) => id.toLowerCase());
  return db.transaction(async (em) => {
    const numbers = await ticketNumbers(em, ids);
    const mainId = input.action === 'merge' ? await mainTicketId(em, input.into) : null;
    if (mainId && input.action === 'merge') numbers.set(mainId, input.into);
    if (input.action === 'route') await assertActiveUnit(em, input.unitId);
    for (const id of [...new Set([...ids, ...(mainId ? [mainId] : [])])].sort())
      await named(numbers.get(id)!, () => lockTicket(em, actor, id));

    for (const id of ids) {
      await named(numbers.get(id)!, async () => {
        switch (input.action) {
          case 'route':
            await routeLockedTicketByHand(em, actor, await lockTicket(em, actor, id), {
              unitId: input.unitId,
              reason: input.reason,
              takeOver: input.takeOver,
            });
            return;
          case 'merge':
            // The main ticket may be one of those chosen: the others are merged into it, it stays as it is.
            if (id !== mainId)
              await mergeTicketIn(em, actor, id, { into: input.into, reason: input.reason, takeOver: input.takeOver });
            return;
          case 'reject': {
            const move = rejectionMove({ reason: input.reason, takeOver: input.takeOver });
            await moveTicket(em, await lockTicket(em, actor, id), actor.role, actor.id, move);
            return;
          }
        }
      });
    }
    const tickets = [];
    for (const id of ids) tickets.push(await getTicket(em, null, id));
    return { action: input.action, tickets };
  });
}

/** Every listed ticket's number; one that does not exist is a bad field (its place in the list). */
async function ticketNumbers(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows: { id: string; number: string }[] = await em.query(
    `SELECT id, number FROM ticket WHERE id = ANY($1::uuid[]) AND number IS NOT NULL`,
    [ids],
  );
  const numbers = new Map(rows.map((row) => [row.id, row.number]));
  const missing = ids.findIndex((id) => !numbers.has(id));
  if (missing >= 0) throw badField(`ticketIds.${missing}`, `there is no ticket ${ids[missing]}`);
  return numbers;
}

async function mainTicketId(em: EntityManager, number: string): Promise<string> {
  const rows: { id: string }[] = await em.query(`SELECT id FROM ticket WHERE number = $1`, [number]);
  if (!rows[0]) throw badField('into', `there is no ticket ${number}`);
  return rows[0].id;
}

async function assertActiveUnit(em: EntityManager, unitId: string): Promise<void> {
  const rows: unknown[] = await em.query(`SELECT 1 FROM unit WHERE id = $1 AND active`, [unitId]);
  if (rows.length === 0) throw badField('unitId', `no active unit with id ${unitId}`);
}

/**
 * Runs one ticket's step; a refusal comes back with the ticket's number in front of its reason, so the person
 * knows which of the chosen tickets held the others up (the status and code of the refusal stay as they were).
 */
async function named<T>(number: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new AppError(
      err.status,
      err.code,
      `${number}: ${err.message}. Nothing was changed`,
      err.fields,
      err.headers,
      err.current,
    );
  }
}
