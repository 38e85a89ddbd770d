// What every browser test starts: the built console, backend and (optionally) worker as real processes on
// the run's database, and headless Chromium with the flags this machine needs. One place, so the tests differ only in what they do.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import pg from 'pg';
import { vi } from 'vitest';
import { SESSION_COOKIE, TOTP_REQUIRED_ROLES } from '@kck/contracts';
import { registerBackendDatabase, sessionTokenFor } from '../../backend/src/test-support/test-client.ts';
import { ensureConsoleBuilt, freePort, repoRoot, startProcess, waitForHttp, type RunningProcess } from './processes.ts';

export const screenshots = path.join(repoRoot, 'var/screenshots');

// A browser flow (sign in, several pages, live updates between two consoles) takes 10-20 s on a busy 2-core
// machine: the suite-wide 20 s would fail it for the machine's load, not for a fault.
vi.setConfig({ testTimeout: 60_000 });

// Without the background-networking flags Chromium keeps trying to reach Google's hosts through a closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEMO_PASSWORD = 'Krakow2026!';

export interface SignInOptions {
  /** Names the browser in error reports (default: the login). */
  label?: string;
  viewport?: { width: number; height: number };
  /** Runs before the console loads, e.g. to route the page's requests. */
  beforeLoad?: (page: Page) => Promise<void>;
  /** A console error a test provokes on purpose (text, URL); true keeps it out of consoleErrors. */
  isExpectedError?: (text: string, url: string) => boolean;
}

export interface BrowserStack {
  baseUrl: string;
  browser: Browser;
  backend: RunningProcess;
  worker: RunningProcess | undefined;
  /** The run's database, for seeded ids and for states the console would take long to reach (a due date passed). */
  db: pg.Pool;
  /** Console errors of every page signed in through signIn (CSP violations and React errors show up here). */
  consoleErrors: string[];
  /** A new browser context signed in as a demo user; waits for `landing` (or the app bar) and the live connection. */
  signIn(login: string, landing?: string, options?: SignInOptions): Promise<Page>;
  /**
   * A hotline agent of the caller's own (DK-02, the demo password): calls live on the server now, so a call one
   * test file leaves open would greet the next file's demo `agent` instead of an empty call panel.
   */
  newAgent(displayName?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBrowserStack(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): Promise<BrowserStack> {
  mkdirSync(screenshots, { recursive: true });
  await ensureConsoleBuilt();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    CONSOLE_DIST: 'agent-console/dist',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const backend = startProcess('backend/src/main.ts', env);
  const worker = options.worker === false ? undefined : startProcess('worker/src/main.ts', env);
  await waitForHttp(`${baseUrl}/health`, 60_000, backend);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

  async function signIn(login: string, landing?: string, options: SignInOptions = {}): Promise<Page> {
    const label = options.label ?? login;
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1366, height: 900 },
      locale: 'pl-PL',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // The first visit asks GET /api/auth/me before anyone signed in; that 401 is expected.
      if (/status of 401/.test(message.text())) return;
      if (options.isExpectedError?.(message.text(), message.location().url)) return;
      consoleErrors.push(`${label}: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${label}: ${error.message}`));
    await options.beforeLoad?.(page);
    if (await secondFactorDue(login)) {
      // Admins and supervisors need a TOTP code, which works once per 30 s step while several browser files sign
      // the same demo admin in at once: their session comes from the database (sign-in-totp.test.ts does the form).
      const token = await sessionTokenFor(login, backendDatabaseUrl);
      await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      await page.goto(baseUrl);
    } else {
      await page.goto(baseUrl);
      await page.getByTestId('login-username').fill(login);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
    }
    if (landing) await page.waitForURL(`**${landing}`);
    await page.getByTestId('user-name').waitFor();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    return page;
  }

  /** The backend's own database (an isolated one for some files), where sessions made directly must go. */
  const backendDatabaseUrl = options.env?.DATABASE_URL ?? process.env.DATABASE_URL;
  if (backendDatabaseUrl) registerBackendDatabase(baseUrl, backendDatabaseUrl);

  async function secondFactorDue(login: string): Promise<boolean> {
    const client = new pg.Client({ connectionString: backendDatabaseUrl });
    await client.connect();
    try {
      const rows = await client.query<{ due: boolean }>(
        `SELECT totp_enabled_at IS NOT NULL OR role = ANY($2) AS due FROM app_user WHERE login = $1`,
        [login, TOTP_REQUIRED_ROLES],
      );
      return rows.rows[0]?.due ?? false;
    } finally {
      await client.end();
    }
  }

  async function newAgent(displayName = 'Agentka Testowa'): Promise<string> {
    const login = `agent-${randomBytes(4).toString('hex')}`;
    await db.query(
      `INSERT INTO app_user (login, display_name, password_hash, role, unit_id)
       SELECT $1, $2, password_hash, 'agent', unit_id FROM app_user WHERE login = 'agent'`,
      [login, displayName],
    );
    return login;
  }

  return {
    baseUrl,
    browser,
    backend,
    worker,
    db,
    consoleErrors,
    signIn,
    newAgent,
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      await db.end();
      await Promise.all([backend.stop(), worker?.stop()]);
    },
  };
}
