// HTTP for sign-in: login sets the session cookie, me returns the user and CSRF token, logout ends it.
import type { CookieOptions } from 'express';
import { loginRequest, SESSION_COOKIE, type SessionDto } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { unauthenticated } from '../platform/errors.ts';
import { presenceOnSignOut } from '../presence/presence.service.ts';
import { presentMe } from './actor.ts';
import { login } from './auth.service.ts';
import { LoginLimiter } from './login-limiter.ts';
import { destroySession } from './sessions.ts';

export function authRoutes(ctx: BackendContext) {
  const limiter = new LoginLimiter(ctx.redis, ctx.config);
  const cookieOptions: CookieOptions = {
    httpOnly: true,
    secure: ctx.config.COOKIE_SECURE,
    sameSite: 'lax',
    path: '/',
    maxAge: ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000,
  };

  return [
    defineRoute(
      { method: 'post', path: '/api/auth/login', roles: 'public', body: loginRequest },
      async ({ body, req, res }) => {
        // A login replaces whatever session this browser had.
        if (req.sessionTokenHash) await destroySession(ctx.db, req.sessionTokenHash);
        const result = await login(ctx.db, limiter, body, {
          clientAddress: req.ip ?? 'unknown',
          userAgent: req.get('user-agent') ?? null,
        });
        res.cookie(SESSION_COOKIE, result.token, cookieOptions);
        return { user: presentMe(result.actor), csrfToken: result.csrfToken } satisfies SessionDto;
      },
    ),

    defineRoute({ method: 'get', path: '/api/auth/me', roles: 'staff' }, async ({ actor, req }) => {
      if (!req.csrfToken) throw unauthenticated();
      return { user: presentMe(actor), csrfToken: req.csrfToken } satisfies SessionDto;
    }),

    defineRoute({ method: 'post', path: '/api/auth/logout', roles: 'staff' }, async ({ actor, req, res }) => {
      if (req.sessionTokenHash) await destroySession(ctx.db, req.sessionTokenHash);
      // An agent who signs out is offline (their wallboard row says so at once).
      await ctx.db.transaction((em) => presenceOnSignOut(em, actor.id));
      res.clearCookie(SESSION_COOKIE, { ...cookieOptions, maxAge: undefined });
      return undefined;
    }),
  ];
}
