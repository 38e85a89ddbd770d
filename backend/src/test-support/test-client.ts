// An HTTP client for tests that behaves like the console: keeps the session cookie,
// sends the CSRF header on writes, and returns status + parsed JSON.
import pg from 'pg';
import { CSRF_HEADER, SESSION_COOKIE, type LoginAnswerDto, type SessionDto } from '@kck/contracts';
import { createSession } from '../auth/sessions.ts';

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  session: SessionDto | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { [CSRF_HEADER]: this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  }

  get = <T = unknown>(path: string) => this.request<T>('GET', path);
  post = <T = unknown>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);

  /** A password login; the answer may instead ask for the TOTP step (`secondFactor`), which this does not give. */
  async login(login: string, password: string): Promise<TestResponse<SessionDto>> {
    const res = await this.post<SessionDto>('/api/auth/login', { login, password });
    if (res.status === 200 && 'csrfToken' in res.body) this.session = res.body;
    if (res.status === 200 && 'csrfToken' in res.body) this.csrfToken = res.body.csrfToken;
    return res;
  }

  /** Reads the session (user, CSRF token) of the cookie this client holds. */
  async adoptSession(): Promise<void> {
    const me = await this.get<SessionDto>('/api/auth/me');
    if (me.status !== 200) throw new Error(`no session behind the cookie: ${me.status} ${JSON.stringify(me.body)}`);
    this.session = me.body;
    this.csrfToken = me.body.csrfToken;
  }
}

/** The database of each test backend by its URL (tests on an isolated database are not on the run's). */
const backendDatabases = new Map<string, string>();
export function registerBackendDatabase(baseUrl: string, databaseUrl: string): void {
  backendDatabases.set(baseUrl, databaseUrl);
}

/**
 * A session made straight in the test run's database, for tests about something other than sign-in: a TOTP code
 * works once per 30 s step, and many tests sign the same demo admin in at once. The sign-in itself (password, TOTP,
 * OIDC) is tested over HTTP in tests/integration/totp-sign-in.test.ts and oidc-sign-in.test.ts.
 */
export async function sessionTokenFor(login: string, databaseUrl = process.env.DATABASE_URL): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE login = $1 AND active`, [login]);
    if (!rows.rows[0]) throw new Error(`no active user ${login}`);
    const queryable = { query: (sql: string, params?: unknown[]) => db.query(sql, params) };
    const { token } = await createSession(queryable, rows.rows[0].id, {
      clientAddress: '127.0.0.1',
      userAgent: 'test',
    });
    return token;
  } finally {
    await db.end();
  }
}

export const DEMO_PASSWORD = 'Krakow2026!';

/**
 * Signs in one of the seeded demo users (see scripts/src/seed-data/users.ts). Where a TOTP code is due, the session
 * is made in `databaseUrl` (default: that of the backend at `baseUrl` when startTestBackend started it, else the run's).
 */
export async function signedIn(baseUrl: string, login: string, databaseUrl?: string): Promise<TestClient> {
  const client = new TestClient(baseUrl);
  const res = await client.login(login, DEMO_PASSWORD);
  if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  // The password was right and a second factor is due (admin, supervisor): the session comes from the database.
  if ('secondFactor' in (res.body as LoginAnswerDto)) {
    client.cookie = `${SESSION_COOKIE}=${await sessionTokenFor(login, databaseUrl ?? backendDatabases.get(baseUrl))}`;
    await client.adoptSession();
  }
  return client;
}

/** Signs in several demo users at once, in the order given: `[agent, triage] = await signedInAll(url, 'agent', 'triage')`. */
export function signedInAll<const Logins extends readonly string[]>(
  baseUrl: string,
  ...logins: Logins
): Promise<{ [K in keyof Logins]: TestClient }> {
  return Promise.all(logins.map((login) => signedIn(baseUrl, login))) as Promise<{ [K in keyof Logins]: TestClient }>;
}
