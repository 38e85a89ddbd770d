// Demo tickets for `npm start` (seed-data/demo-tickets.ts), written through the services the API uses, so each
// has its real number, history and outbox rows. Not part of `npm run seed`, which docker compose runs: they take
// real numbers (KCK/<year>/…), which a production database must not spend on a demo. Idempotent by title.
import type { DataSource } from 'typeorm';
import { ACTOR_COLUMNS, actorFromRow, type Actor, type ActorRow } from '@kck/backend/auth/actor';
import { acceptTicket, createTicket, resolveTicket, startTicket } from '@kck/backend/tickets/tickets.service';
import { routeNewTicket } from '@kck/backend/routing/routing.service';
import { waitForResident } from '@kck/backend/deadlines/deadlines.service';
import { addComment } from '@kck/backend/workspace/comments.service';
import { DEMO_TICKETS, type SeedDemoTicket } from './seed-data/index.ts';

/** The demo user who works in each unit the demo tickets reach. */
const STAFF_OF_UNIT: Record<string, string> = { ZDMK: 'drogi', ZZM: 'zielen' };

async function actor(db: DataSource, login: string): Promise<Actor> {
  const rows: ActorRow[] = await db.query(
    `SELECT ${ACTOR_COLUMNS} FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE u.login = $1`,
    [login],
  );
  if (!rows[0]) throw new Error(`demo user ${login} is missing: run the seed first`);
  return actorFromRow(rows[0]);
}

async function entryId(db: DataSource, dictionary: string, code: string): Promise<string> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM dictionary_entry WHERE dictionary = $1 AND code = $2`, [
    dictionary,
    code,
  ]);
  if (!rows[0]) throw new Error(`no ${dictionary} ${code} for a demo ticket`);
  return rows[0].id;
}

async function writeDemoTicket(db: DataSource, agent: Actor, demo: SeedDemoTicket): Promise<void> {
  const created = await createTicket(db, agent, {
    type: demo.type,
    channel: 'phone',
    categoryId: await entryId(db, 'category', demo.categoryCode),
    districtId: demo.districtCode ? await entryId(db, 'district', demo.districtCode) : undefined,
    address: demo.address,
    title: demo.title,
    description: demo.description,
    reporter: demo.reporter,
    priority: demo.priority,
  });
  // What the worker's routing job does, done here at once so the states below can follow.
  const routed = await routeNewTicket(db, created.id);
  if (demo.state === 'triage' || demo.state === 'routed') return;
  const unitCode = (await db.query(`SELECT code FROM unit WHERE id = $1`, [routed.unitId]))[0]?.code as string;
  const staff = await actor(db, STAFF_OF_UNIT[unitCode] ?? `(nobody in ${unitCode})`);

  await acceptTicket(db, staff, created.id, {});
  if (demo.state === 'overdue') {
    // A deadline met in the past: the only way to have one on a fresh database (no history event is written).
    await db.query(`UPDATE ticket SET due_at = now() - interval '2 days' WHERE id = $1`, [created.id]);
    return;
  }
  await startTicket(db, staff, created.id, {});
  if (demo.state === 'in_progress')
    await addComment(db, staff, created.id, { kind: 'internal', body: demo.text ?? 'Notatka.' });
  if (demo.state === 'waiting') await waitForResident(db, staff, created.id, { question: demo.text ?? 'Pytanie?' });
  if (demo.state === 'resolved') await resolveTicket(db, staff, created.id, { answer: demo.text ?? 'Załatwione.' });
}

/** Writes the demo tickets not written yet; returns how many it wrote. */
export async function seedDemoTickets(db: DataSource): Promise<number> {
  const agent = await actor(db, 'agent');
  let written = 0;
  for (const demo of DEMO_TICKETS) {
    const exists: unknown[] = await db.query(`SELECT 1 FROM ticket WHERE title = $1 AND created_by = $2`, [
      demo.title,
      agent.id,
    ]);
    if (exists.length > 0) continue;
    await writeDemoTicket(db, agent, demo);
    written++;
  }
  return written;
}
