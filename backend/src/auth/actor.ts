// The signed-in staff member a request acts as; every service command takes one.
import type { MeDto, Role } from '@kck/contracts';

export interface Actor {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitCode: string | null;
}

export const presentMe = (actor: Actor): MeDto => ({ ...actor });

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
    sessionTokenHash?: string;
    csrfToken?: string;
  }
}
