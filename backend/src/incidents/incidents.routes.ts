// HTTP for the incident register: everyone signed in reads the open incidents (the banner) and each of them;
// analysts (DK-05), supervisors and admins keep the register and the list of systems.
import {
  incidentActionRequest,
  incidentCreateRequest,
  incidentEditRequest,
  incidentIdParams,
  incidentListQuery,
  incidentNoticeRequest,
  incidentResolveRequest,
  incidentSystemIdParams,
  incidentSystemRequest,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import {
  INCIDENT_KEEPERS,
  getIncident,
  listIncidentSystems,
  listIncidents,
  listOpenIncidents,
} from './incidents.queries.ts';
import {
  addIncidentSystem,
  editIncident,
  editIncidentSystem,
  openIncident,
  recordIncidentAction,
  recordIncidentNotice,
  resolveIncident,
} from './incidents.service.ts';

/** The brief names analysts and admins as the ones who extend the list of systems. */
const SYSTEM_KEEPERS = ['analyst', 'admin'] as const;

export function incidentRoutes({ db }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/incidents/open', roles: 'staff' }, () => listOpenIncidents(db)),
    defineRoute(
      { method: 'get', path: '/api/incidents', roles: INCIDENT_KEEPERS, query: incidentListQuery },
      ({ query }) => listIncidents(db, query),
    ),
    defineRoute(
      { method: 'get', path: '/api/incidents/:id', roles: 'staff', params: incidentIdParams },
      ({ actor, params }) => getIncident(db, params.id, actor),
    ),
    defineRoute(
      { method: 'post', path: '/api/incidents', roles: INCIDENT_KEEPERS, body: incidentCreateRequest, status: 201 },
      ({ actor, body }) => openIncident(db, actor, body),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/incidents/:id',
        roles: INCIDENT_KEEPERS,
        params: incidentIdParams,
        body: incidentEditRequest,
      },
      ({ actor, params, body }) => editIncident(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/incidents/:id/resolve',
        roles: INCIDENT_KEEPERS,
        params: incidentIdParams,
        body: incidentResolveRequest,
      },
      ({ actor, params, body }) => resolveIncident(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/incidents/:id/actions',
        roles: INCIDENT_KEEPERS,
        params: incidentIdParams,
        body: incidentActionRequest,
        status: 201,
      },
      ({ actor, params, body }) => recordIncidentAction(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/incidents/:id/notices',
        roles: INCIDENT_KEEPERS,
        params: incidentIdParams,
        body: incidentNoticeRequest,
        status: 201,
      },
      ({ actor, params, body }) => recordIncidentNotice(db, actor, params.id, body),
    ),
    defineRoute({ method: 'get', path: '/api/incident-systems', roles: 'staff' }, () => listIncidentSystems(db)),
    defineRoute(
      {
        method: 'post',
        path: '/api/incident-systems',
        roles: SYSTEM_KEEPERS,
        body: incidentSystemRequest,
        status: 201,
      },
      ({ actor, body }) => addIncidentSystem(db, actor, body),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/incident-systems/:id',
        roles: SYSTEM_KEEPERS,
        params: incidentSystemIdParams,
        body: incidentSystemRequest,
      },
      ({ params, body }) => editIncidentSystem(db, params.id, body),
    ),
  ];
}
