// An HTTP client for tests that behaves like the console: keeps the session cookie,
// sends the CSRF header on writes, and returns status + parsed JSON.
import { CSRF_HEADER, SESSION_COOKIE, type SessionDto } from '@kck/contracts';

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

  async login(login: string, password: string): Promise<TestResponse<SessionDto>> {
    const res = await this.post<SessionDto>('/api/auth/login', { login, password });
    if (res.status === 200) {
      this.session = res.body;
      this.csrfToken = res.body.csrfToken;
    }
    return res;
  }
}

export const DEMO_PASSWORD = 'Krakow2026!';

/** Signs in one of the seeded demo users (see scripts/src/seed-data/users.ts). */
export async function signedIn(baseUrl: string, login: string): Promise<TestClient> {
  const client = new TestClient(baseUrl);
  const res = await client.login(login, DEMO_PASSWORD);
  if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/** Signs in several demo users at once, in the order given: `[agent, triage] = await signedInAll(url, 'agent', 'triage')`. */
export function signedInAll<const Logins extends readonly string[]>(
  baseUrl: string,
  ...logins: Logins
): Promise<{ [K in keyof Logins]: TestClient }> {
  return Promise.all(logins.map((login) => signedIn(baseUrl, login))) as Promise<{ [K in keyof Logins]: TestClient }>;
}
