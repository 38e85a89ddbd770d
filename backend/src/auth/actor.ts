// The signed-in staff member a request acts as; every service command takes one.
// Read from app_user joined with its unit, by sign-in and by every session lookup alike.
import type { MeDto } from '@kck/contracts';

/** The same fields the console receives as MeDto: nothing about an actor is hidden from themselves. */
export type Actor = MeDto;

export const presentMe = (actor: Actor): MeDto => ({ ...actor });

/** Select list (user `u`, unit `un`) that `actorFromRow` reads. */
export const ACTOR_COLUMNS = `u.id, u.login, u.display_name, u.role, u.unit_id, un.code AS unit_code, u.active`;

export interface ActorRow {
  id: string;
  login: string;
  display_name: string;
  role: Actor['role'];
  unit_id: string | null;
  unit_code: string | null;
  active: boolean;
}

export const actorFromRow = (row: ActorRow): Actor => ({
  id: row.id,
  login: row.login,
  displayName: row.display_name,
  role: row.role,
  unitId: row.unit_id,
  unitCode: row.unit_code,
});

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
    /** Set from a unit's API token; read only by `unit_token` routes, never mixed with `actor`. */
    unitActor?: Actor;
    sessionTokenHash?: string;
    csrfToken?: string;
    /** The cookie named a session that has just ended (idle, absolute limit or deactivated account). */
    sessionEnded?: boolean;
  }
}
