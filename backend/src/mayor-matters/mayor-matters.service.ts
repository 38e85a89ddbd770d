// Registering a matter addressed to the Mayor (KP-02): a ticket of channel `mayor`, written by the tickets module
// like any other (number, history event, outbox row, then routing by the rules), and its matter row in the same
// transaction. A deadline the Mayor set is the ticket's due date; without one the deadline policies count it.
import type { DataSource } from 'typeorm';
import type { FieldError, MayorMatterDto, RegisterMayorMatterRequest } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { assertTicketAttributes } from '../category-attributes/category-attributes.validation.ts';
import { endOfWarsawDay, warsawDate } from '../deadlines/working-days.ts';
import { validationFailed } from '../platform/errors.ts';
import { numberPendingTickets } from '../tickets/ticket-number.ts';
import { insertTicket } from '../tickets/tickets.service.ts';
import { getMayorMatter } from './mayor-matters.queries.ts';

/** What the schema cannot know: "today" is Kraków's, and a matter is not received (or raised) in the future. */
function assertNotInFuture(input: RegisterMayorMatterRequest, now: Date): void {
  const today = warsawDate(now);
  const fields: FieldError[] = [];
  for (const [path, date] of [
    ['receivedOn', input.receivedOn],
    ['meetingOn', input.meetingOn],
  ] as const) {
    if (date && date > today) fields.push({ path, message: `${path} cannot be in the future (today is ${today})` });
  }
  if (fields.length > 0) throw validationFailed(fields);
}

export async function registerMayorMatter(
  db: DataSource,
  actor: Actor,
  input: RegisterMayorMatterRequest,
): Promise<MayorMatterDto> {
  assertNotInFuture(input, new Date());
  const attributes = await assertTicketAttributes(db, input.categoryId, input.attributes);
  const id = await db.transaction(async (em) => {
    const ticket = await insertTicket(
      em,
      actor,
      {
        type: input.type,
        channel: 'mayor',
        categoryId: input.categoryId,
        districtId: input.districtId,
        address: input.address,
        location: input.location,
        attributes,
        title: input.title,
        description: input.description,
        reporter: input.reporter,
      },
      { dueAt: input.mayorDeadline ? endOfWarsawDay(input.mayorDeadline) : undefined },
    );
    await em.query(
      `INSERT INTO mayor_matter (ticket_id, origin, reference, received_on, meeting_on, mayor_deadline, registered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        ticket.id,
        input.origin,
        input.reference || null,
        input.receivedOn,
        input.meetingOn ?? null,
        input.mayorDeadline ?? null,
        actor.id,
      ],
    );
    return ticket.id;
  });
  // After the commit, as for every ticket: the number, `ticket.created` and its outbox row, which routing follows.
  await numberPendingTickets(db);
  return getMayorMatter(db, actor, id);
}
