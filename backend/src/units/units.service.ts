// Units: lookups other modules need (the triage unit DK-03 by its code, for routing and returns).
import type { DataSource, EntityManager } from 'typeorm';

/** The id of the unit with this code; throws when the seed data is missing it (a deployment error). */
export async function unitIdByCode(em: EntityManager | DataSource, code: string): Promise<string> {
  const rows: { id: string }[] = await em.query(`SELECT id FROM unit WHERE code = $1`, [code]);
  if (!rows[0]) throw new Error(`Unit ${code} is missing; run npm run seed`);
  return rows[0].id;
}
