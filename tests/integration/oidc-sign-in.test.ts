// Sign-in through the city's identity provider: a real OpenID Connect provider (oidc-provider) runs in-process and
// the flow is driven like a browser (start → provider login → callback), with role and unit mapped from groups,
// and each fault refused: no mapped role, unknown unit, tampered or expired ID token, replayed state, deactivated.
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider, { type InteractionResults } from 'oidc-provider';
import { SESSION_COOKIE, type AuthProvidersDto, type SessionDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { TestClient } from '../../backend/src/test-support/test-client.ts';
import { freePort } from '../support/processes.ts';

const CLIENT_ID = 'kck-platform';
const CLIENT_SECRET = randomBytes(24).toString('hex');
const run = randomBytes(3).toString('hex');

interface Account {
  sub: string;
  preferred_username: string;
  name: string;
  email: string;
  groups: string[];
  kck_unit?: string;
}
const accounts = new Map<string, Account>();
const account = (name: string, groups: string[], unit?: string): Account => {
  const sub = `${name}-${run}-${randomBytes(3).toString('hex')}`;
  const made = {
    sub,
    preferred_username: sub,
    name: `Jan ${name}`,
    email: `${sub}@example.org`,
    groups,
    kck_unit: unit,
  };
  accounts.set(sub, made);
  return made;
};

/** Who the provider's login screen signs in next, and what the token endpoint does to the ID token. */
let nextAccount = '';
let idTokenMode: 'intact' | 'tampered' | 'expired' = 'intact';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = `test-${run}`;

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
function sign(header: object, payload: object, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

/** The provider's ID token changed on its way: a claim altered under the old signature, or validly re-signed but old. */
function mutate(idToken: string): string {
  const [header, payload, signature] = idToken.split('.') as [string, string, string];
  const claims = decode(payload);
  if (idTokenMode === 'tampered') return `${header}.${b64url({ ...claims, groups: ['kck-admins'] })}.${signature}`;
  const now = Math.floor(Date.now() / 1000);
  return sign(decode(header), { ...claims, iat: now - 3600, exp: now - 1800 }, privateKey);
}

let providerServer: Server;
let issuer: string;
let backend: TestBackend;

beforeAll(async () => {
  // Created once the server's port (the issuer) is known; the server hands requests to it.
  const holder: { provider?: Provider } = {};
  providerServer = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void interact(holder.provider!, req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    holder.provider!.callback()(req, res);
  });
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;

  const backendPort = await freePort();
  const publicUrl = `http://127.0.0.1:${backendPort}`;
  const provider = (holder.provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${publicUrl}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] },
    claims: { openid: ['sub', 'groups', 'kck_unit'], profile: ['name', 'preferred_username'], email: ['email'] },
    findAccount: (_ctx, id) => {
      const found = accounts.get(id);
      if (!found) return undefined;
      return { accountId: id, claims: () => ({ ...found }) };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  }));
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && idTokenMode !== 'intact' && body?.id_token)
      ctx.body = { ...body, id_token: mutate(body.id_token) };
  });

  backend = await startTestBackend({
    relay: false,
    config: {
      PORT: String(backendPort),
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_ROLES_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'kck-admins=admin,kck-kierownicy=supervisor,kck-dk02=agent',
      OIDC_UNIT_CLAIM: 'kck_unit',
      OIDC_LABEL: 'Konto miejskie (test)',
    },
  });
});

afterAll(async () => {
  await backend?.close();
  providerServer?.closeAllConnections();
  await new Promise((resolve) => providerServer?.close(resolve));
});

/** The provider's login (and consent) screens, answered at once for `nextAccount`. */
async function interact(
  provider: Provider,
  req: Parameters<Provider['interactionDetails']>[0],
  res: Parameters<Provider['interactionDetails']>[1],
) {
  const details = await provider.interactionDetails(req, res);
  let result: InteractionResults;
  if (details.prompt.name === 'login') {
    result = { login: { accountId: nextAccount } };
  } else {
    const grant = new provider.Grant({
      accountId: details.session!.accountId,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    result = { consent: { grantId: await grant.save() } };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

/** A browser's cookies, per origin, enough for this flow (names are unique across paths here). */
class Browser {
  private jar = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(origin, cookies);
    return res;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  /** Follows redirects until the answer comes from the backend's callback; returns that URL and its answer. */
  async signIn(who: Account): Promise<{ callbackUrl: string; res: Response }> {
    nextAccount = who.sub;
    let res = await this.get(`${backend.url}/api/auth/oidc/start`);
    for (let hops = 0; hops < 10; hops++) {
      expect([302, 303], await res.clone().text()).toContain(res.status);
      const next = new URL(res.headers.get('location')!, res.url || issuer).toString();
      if (next.includes('/api/auth/oidc/callback')) return { callbackUrl: next, res: await this.get(next) };
      res = await this.get(next);
    }
    throw new Error('the flow never came back to the callback');
  }
}

async function me(browser: Browser): Promise<{ status: number; body: SessionDto }> {
  const client = new TestClient(backend.url);
  const sid = browser.cookie(backend.url, SESSION_COOKIE);
  if (sid) client.cookie = `${SESSION_COOKIE}=${sid}`;
  const res = await client.get<SessionDto>('/api/auth/me');
  return { status: res.status, body: res.body };
}

describe('sign-in through the OpenID Connect provider', () => {
  it('tells the login page the provider is on, with its label', async () => {
    const res = await new TestClient(backend.url).get<AuthProvidersDto>('/api/auth/providers');
    expect(res.status).toBe(200);
    expect(res.body.oidc).toEqual({ label: 'Konto miejskie (test)', startUrl: '/api/auth/oidc/start' });
  });

  it('redirects with state, nonce and PKCE S256', async () => {
    const res = await new Browser().get(`${backend.url}/api/auth/oidc/start`);
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)?.length).toBeGreaterThan(20);
  });

  it('signs in with role and unit mapped from the groups, creating the account once', async () => {
    const person = account('agent', ['staff', 'kck-dk02'], 'DK-02');
    const browser = new Browser();
    const { res } = await browser.signIn(person);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${backend.url}/`);
    const session = await me(browser);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      login: person.sub,
      displayName: 'Jan agent',
      role: 'agent',
      unitCode: 'DK-02',
    });
    const [row] = await backend.ctx.db.query(
      `SELECT auth_source, password_hash, oidc_issuer, oidc_subject FROM app_user WHERE login = $1`,
      [person.sub],
    );
    expect(row).toEqual({ auth_source: 'oidc', password_hash: null, oidc_issuer: issuer, oidc_subject: person.sub });

    // Next time the provider says supervisor: the same account follows it, no second row.
    person.groups = ['kck-kierownicy', 'kck-dk02'];
    const again = new Browser();
    expect((await again.signIn(person)).res.status).toBe(302);
    expect((await me(again)).body.user).toMatchObject({ id: session.body.user.id, role: 'supervisor' });
    const [count] = await backend.ctx.db.query(`SELECT count(*)::int AS n FROM app_user WHERE oidc_subject = $1`, [
      person.sub,
    ]);
    expect(count.n).toBe(1);
  });

  it('refuses a person with no mapped group (403 page, no account, no session)', async () => {
    const person = account('outsider', ['staff', 'library']);
    const browser = new Browser();
    const { res } = await browser.signIn(person);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('Nie udało się zalogować');
    expect(page).toContain('no group or role that gives access');
    expect(browser.cookie(backend.url, SESSION_COOKIE)).toBeUndefined();
    expect(await backend.ctx.db.query(`SELECT 1 FROM app_user WHERE login = $1`, [person.sub])).toHaveLength(0);
  });

  it('refuses a unit code the platform does not know', async () => {
    const { res } = await new Browser().signIn(account('nowhere', ['kck-dk02'], 'NO-SUCH-UNIT'));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('NO-SUCH-UNIT');
  });

  it('refuses a tampered ID token (its signature no longer matches)', async () => {
    idTokenMode = 'tampered';
    try {
      const browser = new Browser();
      const { res } = await browser.signIn(account('tamper', ['kck-dk02'], 'DK-02'));
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('did not validate');
      expect(browser.cookie(backend.url, SESSION_COOKIE)).toBeUndefined();
    } finally {
      idTokenMode = 'intact';
    }
  });

  it('refuses an expired ID token, even one properly signed', async () => {
    idTokenMode = 'expired';
    try {
      const browser = new Browser();
      const { res } = await browser.signIn(account('late', ['kck-dk02'], 'DK-02'));
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('did not validate');
      expect(browser.cookie(backend.url, SESSION_COOKIE)).toBeUndefined();
    } finally {
      idTokenMode = 'intact';
    }
  });

  it('refuses a replayed state: the callback works once', async () => {
    const browser = new Browser();
    const { callbackUrl, res } = await browser.signIn(account('replay', ['kck-dk02'], 'DK-02'));
    expect(res.status).toBe(302);
    // An attacker (or a reload) sends the same callback again, with the same state cookie.
    const replay = await fetch(callbackUrl, {
      redirect: 'manual',
      headers: { cookie: `kck_oidc_state=${new URL(callbackUrl).searchParams.get('state')}` },
    });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already used');
  });

  it('refuses a state that comes back to another browser than the one that started it', async () => {
    const starter = new Browser();
    const start = await starter.get(`${backend.url}/api/auth/oidc/start`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const res = await fetch(`${backend.url}/api/auth/oidc/callback?code=x&state=${state}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('another browser');
  });

  it('refuses a deactivated account, and its sessions end', async () => {
    const person = account('leaver', ['kck-dk02'], 'DK-02');
    const first = new Browser();
    expect((await first.signIn(person)).res.status).toBe(302);
    expect((await me(first)).status).toBe(200);
    await backend.ctx.db.query(`UPDATE app_user SET active = false, deactivated_at = now() WHERE oidc_subject = $1`, [
      person.sub,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the per-process session cache (1 s)
    expect((await me(first)).status).toBe(401);
    const { res } = await new Browser().signIn(person);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('deactivated');
  });

  it('gives an OIDC account no password sign-in', async () => {
    const person = account('nopass', ['kck-dk02'], 'DK-02');
    expect((await new Browser().signIn(person)).res.status).toBe(302);
    const res = await new TestClient(backend.url).login(person.sub, 'anything-at-all');
    expect(res.status).toBe(401);
  });
});
