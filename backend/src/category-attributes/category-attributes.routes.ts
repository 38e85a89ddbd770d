// HTTP for the categories' questions: anyone (the residents' web form too) reads a category's active questions;
// admins add, change, reorder and deactivate them. There is no DELETE: PUT `active: false` deactivates.
import { z } from 'zod';
import {
  categoryAttributesQuery,
  categoryIdParams,
  createCategoryAttributeRequest,
  reorderCategoryAttributesRequest,
  updateCategoryAttributeRequest,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { unauthenticated } from '../platform/errors.ts';
import {
  createCategoryAttribute,
  listCategoryAttributes,
  reorderCategoryAttributes,
  updateCategoryAttribute,
} from './category-attributes.service.ts';

const attributeIdParams = z.object({ id: z.uuid('id must be a category attribute id') });
const EDITORS = ['admin'] as const;

export function categoryAttributeRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/categories/:id/attributes',
        roles: 'public',
        params: categoryIdParams,
        query: categoryAttributesQuery,
      },
      async ({ actor, params, query }) => {
        const includeInactive = query.includeInactive === 'true';
        if (includeInactive && !actor) throw unauthenticated('Deactivated questions are for signed-in staff');
        return listCategoryAttributes(db, params.id, { includeInactive, forStaff: Boolean(actor) });
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/categories/:id/attributes',
        roles: EDITORS,
        params: categoryIdParams,
        body: createCategoryAttributeRequest,
        status: 201,
      },
      ({ actor, params, body }) => createCategoryAttribute(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/categories/:id/attributes/reorder',
        roles: EDITORS,
        params: categoryIdParams,
        body: reorderCategoryAttributesRequest,
      },
      ({ actor, params, body }) => reorderCategoryAttributes(db, actor, params.id, body.ids),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/category-attributes/:id',
        roles: EDITORS,
        params: attributeIdParams,
        body: updateCategoryAttributeRequest,
      },
      ({ actor, params, body }) => updateCategoryAttribute(db, actor, params.id, body),
    ),
  ];
}
