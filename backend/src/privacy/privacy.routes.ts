// HTTP for RODO, admins only: retention policies, the search for a person, access and erasure requests with
// their exports (JSON and a printable page), and the consent texts shown at intake.
import { z } from 'zod';
import {
  consentTextPublish,
  privacyIdentifier,
  privacyRequestCreate,
  retentionPoliciesPut,
  type Role,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAccess } from '../access-log/access-log.service.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import { createAttachmentStore } from '../attachments/attachments.storage.ts';
import { defineRoute } from '../platform/http/route.ts';
import { listConsentTexts, publishConsentText } from './consent.service.ts';
import { exportHtml, type PersonalDataExport } from './export.ts';
import { searchPerson } from './finder.ts';
import { createRequest, eraseRequest, exportRequest, getRequest, listRequests } from './requests.service.ts';
import { listPolicies, replacePolicies } from './retention.ts';

/** The admin answers residents' requests; no other role reads a person's data across the platform. */
const PRIVACY_ROLES: readonly Role[] = ['admin'];

const requestParams = z.object({ id: z.uuid('id must be a request id') });

export function privacyRoutes({ db, config, logger }: BackendContext) {
  // Built on first use: listing the route table needs no storage configuration.
  let store: AttachmentStore | undefined;
  const attachments = () => (store ??= createAttachmentStore(config));

  // An export of a person's data is an access to it: written to the access log before the first byte goes out.
  const logExport = (actor: Actor, clientAddress: string | undefined, data: PersonalDataExport, format: string) =>
    recordAccess(db, {
      actor,
      action: 'data_subject_export',
      subject: { kind: 'person', id: data.request.id, label: data.request.identifierMasked },
      description: `Eksport danych osobowych na wniosek (art. 15 RODO), ${format}`,
      clientAddress: clientAddress ?? null,
    });

  return [
    defineRoute({ method: 'get', path: '/api/privacy/retention-policies', roles: PRIVACY_ROLES }, () =>
      listPolicies(db),
    ),
    defineRoute(
      { method: 'put', path: '/api/privacy/retention-policies', roles: PRIVACY_ROLES, body: retentionPoliciesPut },
      ({ actor, body }) => replacePolicies(db, actor, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/privacy/requests/search', roles: PRIVACY_ROLES, body: privacyIdentifier },
      ({ body }) => searchPerson(db, body),
    ),
    defineRoute({ method: 'get', path: '/api/privacy/requests', roles: PRIVACY_ROLES }, () => listRequests(db)),
    defineRoute(
      { method: 'post', path: '/api/privacy/requests', roles: PRIVACY_ROLES, body: privacyRequestCreate, status: 201 },
      ({ actor, body }) => createRequest(db, actor, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/privacy/requests/:id', roles: PRIVACY_ROLES, params: requestParams },
      ({ params }) => getRequest(db, params.id),
    ),
    defineRoute(
      { method: 'get', path: '/api/privacy/requests/:id/export.json', roles: PRIVACY_ROLES, params: requestParams },
      async ({ actor, params, req, res }) => {
        const data = await exportRequest(db, actor, params.id);
        await logExport(actor, req.ip, data, 'JSON');
        res.setHeader('Content-Disposition', `attachment; filename="dane-osobowe-${params.id}.json"`);
        return data;
      },
    ),
    defineRoute(
      { method: 'get', path: '/api/privacy/requests/:id/export.html', roles: PRIVACY_ROLES, params: requestParams },
      async ({ actor, params, req, res }) => {
        const data = await exportRequest(db, actor, params.id);
        await logExport(actor, req.ip, data, 'strona do druku');
        res.type('html').status(200).send(exportHtml(data));
      },
    ),
    defineRoute(
      { method: 'post', path: '/api/privacy/requests/:id/erase', roles: PRIVACY_ROLES, params: requestParams },
      ({ actor, params }) => eraseRequest(db, attachments(), logger, actor, params.id),
    ),
    defineRoute({ method: 'get', path: '/api/privacy/consent-texts', roles: PRIVACY_ROLES }, () =>
      listConsentTexts(db),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/privacy/consent-texts',
        roles: PRIVACY_ROLES,
        body: consentTextPublish,
        status: 201,
      },
      ({ body }) => publishConsentText(db, body),
    ),
  ];
}
