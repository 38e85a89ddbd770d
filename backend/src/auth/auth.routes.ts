// HTTP for sign-in: password login (with the TOTP step when due), TOTP enrolment, the city's OpenID Connect
// provider, me and logout. Login sets the session cookie; me returns the user and CSRF token; logout ends it.
import type { CookieOptions, Request, Response } from 'express';
import {
  loginChallengeRequest,
  loginRequest,
  SESSION_COOKIE,
  totpConfirmRequest,
  totpLoginRequest,
  type AuthProvidersDto,
  type LoginAnswerDto,
  type SessionDto,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { AppError, conflict, unauthenticated } from '../platform/errors.ts';
import { presenceOnSignOut } from '../presence/presence.service.ts';
import { presentMe } from './actor.ts';
import {
  completeTotpLogin,
  login,
  startSessionFor,
  type AuthDeps,
  type ClientMeta,
  type SignedIn,
} from './auth.service.ts';
import { LoginLimiter } from './login-limiter.ts';
import { loadChallenge } from './login-challenge.ts';
import { OIDC_PENDING_TTL_SECONDS, OidcClient, OidcRefusal, oidcSettings } from './oidc.ts';
import { destroySession } from './sessions.ts';
import { beginTotpSetup, checkTotp } from './totp.ts';

const OIDC_STATE_COOKIE = 'kck_oidc_state';
const OIDC_PATH = '/api/auth/oidc';

const clientOf = (req: Request): ClientMeta => ({
  clientAddress: req.ip ?? 'unknown',
  userAgent: req.get('user-agent') ?? null,
});

export function authRoutes(ctx: BackendContext) {
  const limiter = new LoginLimiter(ctx.redis, ctx.config);
  // Read when a request comes (the route-table test builds routes without a logger).
  const logger = ctx.logger;
  const deps: AuthDeps = { db: ctx.db, config: ctx.config, logger, limiter };
  const settings = oidcSettings(ctx.config);
  const oidc = settings ? new OidcClient(settings, ctx.db, logger) : null;
  const cookieOptions: CookieOptions = {
    httpOnly: true,
    secure: ctx.config.COOKIE_SECURE,
    sameSite: 'lax',
    path: '/',
    maxAge: ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000,
  };
  const stateCookieOptions: CookieOptions = {
    ...cookieOptions,
    path: OIDC_PATH,
    maxAge: OIDC_PENDING_TTL_SECONDS * 1000,
  };

  /** Sets the session cookie of a finished sign-in and answers what login answers. */
  const begin = (res: Response, signedIn: SignedIn): SessionDto => {
    res.cookie(SESSION_COOKIE, signedIn.token, cookieOptions);
    return { user: presentMe(signedIn.actor), csrfToken: signedIn.csrfToken };
  };

  return [
    defineRoute(
      { method: 'post', path: '/api/auth/login', roles: 'public', body: loginRequest },
      async ({ body, req, res }) => {
        // A login replaces whatever session this browser had.
        if (req.sessionTokenHash) await destroySession(ctx.db, req.sessionTokenHash);
        const result = await login(deps, body, clientOf(req));
        if ('secondFactor' in result) return result.secondFactor satisfies LoginAnswerDto;
        return begin(res, result) satisfies LoginAnswerDto;
      },
    ),

    // The enrolment step of an admin or supervisor without TOTP: the QR code to scan, before any session.
    defineRoute(
      { method: 'post', path: '/api/auth/login/totp/setup', roles: 'public', body: loginChallengeRequest },
      async ({ body }) => {
        const challenge = await loadChallenge(ctx.db, body.challenge);
        if (challenge.kind !== 'totp_enrol') throw conflict('This account already has TOTP; send a code instead');
        return beginTotpSetup(ctx.db, ctx.config, { id: challenge.userId, login: challenge.login });
      },
    ),

    defineRoute(
      { method: 'post', path: '/api/auth/login/totp', roles: 'public', body: totpLoginRequest },
      async ({ body, req, res }) => {
        if (req.sessionTokenHash) await destroySession(ctx.db, req.sessionTokenHash);
        return begin(res, await completeTotpLogin(deps, body, clientOf(req)));
      },
    ),

    // Enrolment by a signed-in user (optional for roles that do not require it; a new phone for anyone).
    defineRoute({ method: 'post', path: '/api/auth/totp/setup', roles: 'staff' }, async ({ actor }) => {
      if (await isOidcAccount(actor.id)) throw conflict('Accounts of the identity provider use its own second factor');
      return beginTotpSetup(ctx.db, ctx.config, actor);
    }),

    defineRoute(
      { method: 'post', path: '/api/auth/totp/confirm', roles: 'staff', body: totpConfirmRequest },
      async ({ actor, body, req }) => {
        const address = req.ip ?? 'unknown';
        await limiter.assertAllowed(actor.login, address);
        const result = await checkTotp(ctx.db, ctx.config, actor.id, body.code, { pending: true });
        if (result === 'not_enrolled') throw conflict('Ask for a QR code first (POST /api/auth/totp/setup)');
        if (result !== 'ok') {
          await limiter.recordFailure(actor.login, address);
          logger.warn({ reason: result, userId: actor.id }, 'TOTP confirmation refused');
          throw new AppError(400, 'validation_failed', 'Wrong code; check the time on your phone and try again', [
            { path: 'code', message: 'wrong code' },
          ]);
        }
        return { totpEnabled: true };
      },
    ),

    defineRoute({ method: 'get', path: '/api/auth/providers', roles: 'public' }, async () => {
      return {
        oidc: settings ? { label: settings.label, startUrl: `${OIDC_PATH}/start` } : null,
      } satisfies AuthProvidersDto;
    }),

    defineRoute({ method: 'get', path: `${OIDC_PATH}/start`, roles: 'public' }, async ({ res }) => {
      if (!oidc) throw new AppError(404, 'not_found', 'Sign-in through an identity provider is not configured');
      const { url, state } = await oidc.start();
      res.cookie(OIDC_STATE_COOKIE, state, stateCookieOptions);
      res.redirect(302, url);
      return undefined;
    }),

    defineRoute({ method: 'get', path: `${OIDC_PATH}/callback`, roles: 'public' }, async ({ req, res }) => {
      if (!oidc) throw new AppError(404, 'not_found', 'Sign-in through an identity provider is not configured');
      res.clearCookie(OIDC_STATE_COOKIE, { ...stateCookieOptions, maxAge: undefined });
      const query = Object.fromEntries(
        Object.entries(req.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      try {
        const claims = await oidc.finish(query, readCookie(req, OIDC_STATE_COOKIE));
        const userId = await oidc.upsertUser(claims);
        if (req.sessionTokenHash) await destroySession(ctx.db, req.sessionTokenHash);
        const signedIn = await startSessionFor(ctx.db, userId, clientOf(req));
        begin(res, signedIn);
        logger.info({ userId }, 'OIDC sign-in');
        res.redirect(302, new URL('/', ctx.config.PUBLIC_URL).toString());
      } catch (error) {
        if (!(error instanceof OidcRefusal)) throw error;
        logger.warn({ reason: error.reason }, 'OIDC sign-in refused');
        res.status(error.status).type('html').send(refusalPage(error.message));
      }
      return undefined;
    }),

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

  async function isOidcAccount(userId: string): Promise<boolean> {
    const rows: { auth_source: string }[] = await ctx.db.query(`SELECT auth_source FROM app_user WHERE id = $1`, [
      userId,
    ]);
    return rows[0]?.auth_source === 'oidc';
  }
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The browser arrived here from the provider, so a refusal is a page (Polish first), not JSON. */
function refusalPage(message: string): string {
  return `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><title>Logowanie nieudane – KCK</title></head>
<body><main>
<h1>Nie udało się zalogować</h1>
<p>Logowanie przez konto miejskie zostało odrzucone. Spróbuj ponownie lub skontaktuj się z administratorem.</p>
<p lang="en" data-testid="oidc-refusal">${escapeHtml(message)}</p>
<p><a href="/login">Wróć do logowania</a></p>
</main></body></html>`;
}
