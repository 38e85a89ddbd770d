// HTTP for units: the directory every signed-in role reads (routing targets, scopes, hours).
import type { UnitDto } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { Unit } from './unit.entity.ts';

export const presentUnit = (u: Unit): UnitDto => ({
  id: u.id,
  code: u.code,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  contacts: u.contacts,
  openingHours: u.openingHours,
  active: u.active,
});

export function unitRoutes({ db }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/units', roles: 'staff' }, async () => {
      const units = await db.getRepository(Unit).find({ order: { code: 'ASC' } });
      return units.map(presentUnit);
    }),
  ];
}
