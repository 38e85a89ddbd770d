// Answer templates per unit: the unit's staff (and admins) keep them; a ticket's detail offers its unit's
// templates already filled with the ticket's fields by contracts' fillAnswerTemplate (the console's preview too).
import type { DataSource } from 'typeorm';
import {
  fillAnswerTemplate,
  templateFieldsOf,
  type AnswerTemplateDto,
  type AnswerTemplateRequest,
  type FilledAnswerTemplateDto,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { conflict, forbidden, isUniqueViolation, notFound } from '../platform/errors.ts';
import { getTicketWithContact } from '../tickets/tickets.queries.ts';

interface TemplateRow {
  id: string;
  unit_id: string;
  name: string;
  body: string;
  updated_at: Date;
}

const presentTemplate = (r: TemplateRow): AnswerTemplateDto => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  body: r.body,
  updatedAt: r.updated_at.toISOString(),
});

const COLUMNS = 'id, unit_id, name, body, updated_at';

/** Unit staff keep their own unit's templates; admins any unit's. */
function assertMayManage(actor: Actor, unitId: string): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'unit_staff' && actor.unitId === unitId) return;
  throw forbidden("Only the unit's staff or an admin may manage its answer templates");
}

async function assertUnit(db: DataSource, unitId: string): Promise<void> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM unit WHERE id = $1`, [unitId]);
  if (rows.length === 0) throw notFound('Unit');
}

const duplicateName = (err: unknown) =>
  isUniqueViolation(err) ? conflict('The unit already has a template with this name') : err;

export async function listUnitTemplates(db: DataSource, actor: Actor, unitId: string): Promise<AnswerTemplateDto[]> {
  assertMayManage(actor, unitId);
  await assertUnit(db, unitId);
  const rows: TemplateRow[] = await db.query(
    `SELECT ${COLUMNS} FROM answer_template WHERE unit_id = $1 ORDER BY name`,
    [unitId],
  );
  return rows.map(presentTemplate);
}

export async function createTemplate(
  db: DataSource,
  actor: Actor,
  unitId: string,
  input: AnswerTemplateRequest,
): Promise<AnswerTemplateDto> {
  assertMayManage(actor, unitId);
  await assertUnit(db, unitId);
  const rows: TemplateRow[] = await db
    .query(
      `INSERT INTO answer_template (unit_id, name, body, updated_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [unitId, input.name, input.body, actor.id],
    )
    .catch((err: unknown) => {
      throw duplicateName(err);
    });
  return presentTemplate(rows[0]!);
}

/** A template outside the actor's units is 404, as if it did not exist. */
async function templateUnit(db: DataSource, actor: Actor, id: string): Promise<string> {
  const rows: { unit_id: string }[] = await db.query(`SELECT unit_id FROM answer_template WHERE id = $1`, [id]);
  const unitId = rows[0]?.unit_id;
  if (!unitId || (actor.role !== 'admin' && actor.unitId !== unitId)) throw notFound('Answer template');
  return unitId;
}

export async function updateTemplate(
  db: DataSource,
  actor: Actor,
  id: string,
  input: AnswerTemplateRequest,
): Promise<AnswerTemplateDto> {
  assertMayManage(actor, await templateUnit(db, actor, id));
  const rows: TemplateRow[] = await db
    .query(
      `UPDATE answer_template SET name = $2, body = $3, updated_by = $4, updated_at = now() WHERE id = $1
       RETURNING ${COLUMNS}`,
      [id, input.name, input.body, actor.id],
    )
    .catch((err: unknown) => {
      throw duplicateName(err);
    });
  // TypeORM answers an UPDATE … RETURNING with [rows, count].
  const updated = (Array.isArray(rows[0]) ? rows[0][0] : rows[0]) as TemplateRow | undefined;
  if (!updated) throw notFound('Answer template');
  return presentTemplate(updated);
}

export async function deleteTemplate(db: DataSource, actor: Actor, id: string): Promise<void> {
  assertMayManage(actor, await templateUnit(db, actor, id));
  await db.query(`DELETE FROM answer_template WHERE id = $1`, [id]);
}

/** The templates of the ticket's unit, filled with this ticket's fields; 404 for a ticket the actor cannot read. */
export async function templatesForTicket(
  db: DataSource,
  actor: Actor,
  ticketId: string,
): Promise<FilledAnswerTemplateDto[]> {
  // The greeting names the reporter, whom the unit sees in the ticket's detail (where the read is logged).
  const ticket = await getTicketWithContact(db, actor, ticketId);
  if (!ticket.unitId) return [];
  const rows: TemplateRow[] = await db.query(
    `SELECT ${COLUMNS} FROM answer_template WHERE unit_id = $1 ORDER BY name`,
    [ticket.unitId],
  );
  const fields = templateFieldsOf(ticket);
  return rows.map((r) => ({ ...presentTemplate(r), filled: fillAnswerTemplate(r.body, fields) }));
}
