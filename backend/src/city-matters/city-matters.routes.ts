// HTTP for city-wide matters: every console reads the open ones (the banner); supervisors and admins declare,
// edit and end them; an agent links their own current call to one.
import { cityMatterCallParams, cityMatterIdParams, cityMatterListQuery, cityMatterRequest } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import {
  declareCityMatter,
  editCityMatter,
  endCityMatter,
  getCityMatter,
  linkCall,
  listCityMatters,
} from './city-matters.service.ts';

const DECLARERS = ['supervisor', 'admin'] as const;
/** Whoever takes calls: the call must also be their own. */
const CALL_TAKERS = ['agent', 'supervisor', 'admin'] as const;

export function cityMatterRoutes({ db }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/city-matters', roles: 'staff', query: cityMatterListQuery }, ({ query }) =>
      listCityMatters(db, query),
    ),
    defineRoute(
      { method: 'get', path: '/api/city-matters/:id', roles: 'staff', params: cityMatterIdParams },
      ({ params }) => getCityMatter(db, params.id),
    ),
    defineRoute(
      { method: 'post', path: '/api/city-matters', roles: DECLARERS, body: cityMatterRequest, status: 201 },
      ({ actor, body }) => declareCityMatter(db, actor, body),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/city-matters/:id',
        roles: DECLARERS,
        params: cityMatterIdParams,
        body: cityMatterRequest,
      },
      ({ actor, params, body }) => editCityMatter(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/city-matters/:id/end', roles: DECLARERS, params: cityMatterIdParams },
      ({ actor, params }) => endCityMatter(db, actor, params.id),
    ),
    defineRoute(
      { method: 'post', path: '/api/city-matters/:id/calls/:callId', roles: CALL_TAKERS, params: cityMatterCallParams },
      ({ actor, params }) => linkCall(db, actor, params.id, params.callId, true),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/api/city-matters/:id/calls/:callId',
        roles: CALL_TAKERS,
        params: cityMatterCallParams,
      },
      ({ actor, params }) => linkCall(db, actor, params.id, params.callId, false),
    ),
  ];
}
