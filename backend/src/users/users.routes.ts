// HTTP for staff accounts (admins only). There is deliberately no DELETE: accounts are deactivated, never deleted.
import { createUserRequest, listUsersQuery, updateUserRequest, userIdParams } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { createUser, deactivateUser, listUsers, reactivateUser, resetTotp, updateUser } from './users.service.ts';

const ADMIN = ['admin'] as const;

export function userRoutes(ctx: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/users', roles: ADMIN, query: listUsersQuery }, ({ query }) =>
      listUsers(ctx.db, query),
    ),
    defineRoute(
      { method: 'post', path: '/api/users', roles: ADMIN, body: createUserRequest, status: 201 },
      ({ body }) => createUser(ctx.db, body),
    ),
    defineRoute(
      { method: 'patch', path: '/api/users/:id', roles: ADMIN, params: userIdParams, body: updateUserRequest },
      ({ params, body }) => updateUser(ctx.db, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/users/:id/deactivate', roles: ADMIN, params: userIdParams },
      async ({ actor, params }) => {
        const user = await deactivateUser(ctx.db, actor, params.id);
        ctx.logger.info({ userId: user.id, by: actor.id }, 'account deactivated');
        return user;
      },
    ),
    defineRoute(
      { method: 'post', path: '/api/users/:id/reactivate', roles: ADMIN, params: userIdParams },
      async ({ actor, params }) => {
        const user = await reactivateUser(ctx.db, params.id);
        ctx.logger.info({ userId: user.id, by: actor.id }, 'account reactivated');
        return user;
      },
    ),
    defineRoute(
      { method: 'post', path: '/api/users/:id/totp/reset', roles: ADMIN, params: userIdParams },
      async ({ actor, params }) => {
        const user = await resetTotp(ctx.db, params.id);
        ctx.logger.info({ userId: user.id, by: actor.id }, 'TOTP reset');
        return user;
      },
    ),
  ];
}
