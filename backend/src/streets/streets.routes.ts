// HTTP for the street → district dictionary: autocomplete for every staff role, CSV import for those who keep
// the dictionaries (analysts, DK-05) and admins.
import { importStreetsRequest, streetSearchQuery } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { importStreets, searchStreets } from './streets.service.ts';

export function streetRoutes({ db, logger }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/streets', roles: 'staff', query: streetSearchQuery }, ({ query }) =>
      searchStreets(db, query.q, query.limit),
    ),
    defineRoute(
      { method: 'post', path: '/api/streets/import', roles: ['analyst', 'admin'], body: importStreetsRequest },
      async ({ actor, body }) => {
        const result = await importStreets(db, actor, body);
        logger.info({ actorId: actor.id, ...result }, 'street dictionary imported');
        return result;
      },
    ),
  ];
}
