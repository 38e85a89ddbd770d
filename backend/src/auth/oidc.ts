// Sign-in through the city's OpenID Connect provider (Keycloak, Entra ID, AD FS): authorization code with PKCE,
// state and nonce; the platform role and unit come from the provider's claims through OIDC_ROLE_MAP/OIDC_UNIT_CLAIM.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import * as client from 'openid-client';
import { ROLES, type Role } from '@kck/contracts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { AppError } from '../platform/errors.ts';

/** How long the provider's login may take between our redirect and its callback. */
export const OIDC_PENDING_TTL_SECONDS = 600;

/** A refusal of the callback: the status, and the reason logged (never the person's claims). */
export class OidcRefusal extends AppError {
  constructor(
    status: number,
    readonly reason: string,
    message: string,
  ) {
    super(status, status === 403 ? 'forbidden' : status === 409 ? 'conflict' : 'unauthenticated', message);
  }
}

export interface RoleMapEntry {
  value: string;
  role: Role;
}

/**
 * `kck-admins=admin,kck-dk02=agent`: the first entry whose value the user has wins, so list the most powerful
 * first. An unknown role stops the start-up: a typo must not quietly sign nobody in.
 */
export function parseRoleMap(text: string): RoleMapEntry[] {
  const entries: RoleMapEntry[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.lastIndexOf('=');
    const value = part.slice(0, at).trim();
    const role = part.slice(at + 1).trim();
    if (at <= 0 || !value) throw new Error(`OIDC_ROLE_MAP: "${part}" is not value=role`);
    if (!(ROLES as readonly string[]).includes(role))
      throw new Error(`OIDC_ROLE_MAP: "${role}" is not a role (${ROLES.join(', ')})`);
    entries.push({ value, role: role as Role });
  }
  return entries;
}

/** A claim by dotted path (`realm_access.roles`); a name that itself has dots (a URI claim) is tried first. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const asStrings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? value.split(/[\s,]+/).filter(Boolean)
      : [];

export function mapRole(map: RoleMapEntry[], claims: Record<string, unknown>, claim: string): Role | null {
  const values = new Set(asStrings(claimAt(claims, claim)));
  return map.find((entry) => values.has(entry.value))?.role ?? null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  scopes: string;
  rolesClaim: string;
  unitClaim: string;
  roleMap: RoleMapEntry[];
  label: string;
  allowHttp: boolean;
}

/** The settings from the configuration, or null when OIDC is off (OIDC_ISSUER_URL empty). */
export function oidcSettings(config: Config): OidcSettings | null {
  if (!config.OIDC_ISSUER_URL) return null;
  return {
    issuer: config.OIDC_ISSUER_URL,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUrl: config.OIDC_REDIRECT_URL || new URL('/api/auth/oidc/callback', config.PUBLIC_URL).toString(),
    scopes: config.OIDC_SCOPES,
    rolesClaim: config.OIDC_ROLES_CLAIM,
    unitClaim: config.OIDC_UNIT_CLAIM,
    roleMap: parseRoleMap(config.OIDC_ROLE_MAP),
    label: config.OIDC_LABEL,
    // A provider on plain http is for development and tests only.
    allowHttp: config.NODE_ENV !== 'production',
  };
}

export class OidcClient {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(
    readonly settings: OidcSettings,
    private readonly db: DataSource,
    private readonly logger: Logger,
  ) {}

  /** Discovery once per process; a failed one is retried at the next sign-in. */
  private configuration(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, allowHttp } = this.settings;
    this.discovered ??= client
      .discovery(
        new URL(issuer),
        clientId,
        clientSecret || undefined,
        clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
        {
          // openid-client trusts an ID token from the token endpoint on TLS alone by default; we check its
          // signature against the provider's keys as well, so a token altered anywhere on the way is refused.
          execute: [
            client.enableNonRepudiationChecks,
            ...(allowHttp && issuer.startsWith('http:') ? [client.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        this.logger.error({ err: error }, 'OIDC discovery failed');
        throw new AppError(503, 'dependency_unavailable', 'The identity provider cannot be reached; try again later');
      });
    return this.discovered;
  }

  /** The provider's authorization URL; state, nonce and PKCE verifier wait in oidc_pending_login. */
  async start(): Promise<{ url: string; state: string }> {
    const configuration = await this.configuration();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await this.db.query(`DELETE FROM oidc_pending_login WHERE expires_at < now()`);
    await this.db.query(
      `INSERT INTO oidc_pending_login (state_hash, nonce, code_verifier, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sha256(state), nonce, codeVerifier, OIDC_PENDING_TTL_SECONDS],
    );
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.toString(), state };
  }

  /**
   * Validates the callback (state once, then openid-client checks the code exchange and the ID token's signature,
   * issuer, audience, expiry and nonce) and returns the person's claims, ID token first, userinfo beside it.
   */
  async finish(query: Record<string, string>, browserState: string | undefined): Promise<Record<string, unknown>> {
    const state = query.state;
    if (!state) throw new OidcRefusal(400, 'state_missing', 'The answer of the identity provider has no state');
    // Deleting the row is what makes a state single-use: a replayed callback finds nothing.
    const [rows]: [{ nonce: string; code_verifier: string; expired: boolean }[], number] = await this.db.query(
      `DELETE FROM oidc_pending_login WHERE state_hash = $1 RETURNING nonce, code_verifier, expires_at < now() AS expired`,
      [sha256(state)],
    );
    const pending = rows[0];
    if (!pending)
      throw new OidcRefusal(400, 'state_unknown_or_replayed', 'Unknown or already used sign-in state; start again');
    if (pending.expired) throw new OidcRefusal(400, 'state_expired', 'The sign-in took too long; start again');
    // The state must come back to the browser that started it (login CSRF).
    if (browserState !== state)
      throw new OidcRefusal(400, 'state_other_browser', 'This sign-in was started in another browser; start again');
    if (query.error)
      throw new OidcRefusal(
        401,
        `provider_error:${query.error.slice(0, 40)}`,
        'The identity provider refused the sign-in',
      );

    const configuration = await this.configuration();
    const currentUrl = new URL(this.settings.redirectUrl);
    for (const [key, value] of Object.entries(query)) currentUrl.searchParams.set(key, value);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      const e = error as { code?: string; message?: string };
      throw new OidcRefusal(
        401,
        `token_invalid:${e.code ?? 'unknown'}:${(e.message ?? '').slice(0, 120)}`,
        'The sign-in token did not validate (signature, issuer, audience, expiry or nonce); start again',
      );
    }
    const idClaims = tokens.claims() as Record<string, unknown> | undefined;
    if (!idClaims?.sub) throw new OidcRefusal(401, 'no_id_token', 'The identity provider sent no ID token');
    let userinfo: Record<string, unknown> = {};
    if (configuration.serverMetadata().userinfo_endpoint) {
      try {
        userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub as string);
      } catch (error) {
        this.logger.warn({ code: (error as { code?: string }).code }, 'OIDC userinfo failed; using the ID token alone');
      }
    }
    return { ...userinfo, ...idClaims };
  }

  /**
   * The account of these claims, created or brought up to date (role, unit and name follow the provider at
   * every sign-in). Refuses no mapped role, an unknown unit, a deactivated account or a login a local account has.
   */
  async upsertUser(claims: Record<string, unknown>): Promise<string> {
    const { settings } = this;
    const issuer = String(claims.iss ?? settings.issuer);
    const subject = String(claims.sub);
    const role = mapRole(settings.roleMap, claims, settings.rolesClaim);
    if (!role)
      throw new OidcRefusal(
        403,
        'no_mapped_role',
        'Your account at the identity provider has no group or role that gives access to this platform; ask the administrator',
      );
    let unitId: string | null = null;
    if (settings.unitClaim) {
      const code = claimAt(claims, settings.unitClaim);
      if (typeof code === 'string' && code.trim()) {
        const units: { id: string }[] = await this.db.query(`SELECT id FROM unit WHERE code = $1`, [code.trim()]);
        if (!units[0])
          throw new OidcRefusal(
            403,
            'unknown_unit',
            `Unit "${code.trim()}" from the identity provider is not known here`,
          );
        unitId = units[0].id;
      }
    }
    if (role === 'unit_staff' && !unitId)
      throw new OidcRefusal(403, 'unit_missing', 'Unit staff need a unit, and the identity provider named none');
    const login = String(claims.preferred_username ?? claims.email ?? '')
      .trim()
      .toLowerCase();
    if (!login) throw new OidcRefusal(403, 'no_login', 'The identity provider sent neither a user name nor an e-mail');
    const displayName = String(claims.name ?? login).slice(0, 200);
    const email = typeof claims.email === 'string' && /^[^@\s]+@[^@\s]+$/.test(claims.email) ? claims.email : null;

    return this.db.transaction(async (em) => {
      const existing: { id: string; active: boolean }[] = await em.query(
        `SELECT id, active FROM app_user WHERE oidc_issuer = $1 AND oidc_subject = $2 FOR UPDATE`,
        [issuer, subject],
      );
      if (existing[0]) {
        if (!existing[0].active)
          throw new OidcRefusal(403, 'deactivated', 'This account is deactivated; ask the administrator');
        await em.query(
          `UPDATE app_user SET role = $2, unit_id = $3, display_name = $4, email = COALESCE($5, email) WHERE id = $1`,
          [existing[0].id, role, unitId, displayName, email],
        );
        return existing[0].id;
      }
      const taken: unknown[] = await em.query(`SELECT 1 FROM app_user WHERE login = $1`, [login]);
      if (taken.length)
        throw new OidcRefusal(
          409,
          'login_taken',
          'A local account already has this user name; the administrator must rename or deactivate it first',
        );
      const created: { id: string }[] = await em.query(
        `INSERT INTO app_user (login, display_name, password_hash, role, unit_id, email, auth_source, oidc_issuer, oidc_subject)
         VALUES ($1, $2, NULL, $3, $4, $5, 'oidc', $6, $7) RETURNING id`,
        [login, displayName, role, unitId, email, issuer, subject],
      );
      return created[0]!.id;
    });
  }
}
