// `npm start`: the whole platform on one machine with demo data. Checks PostgreSQL and Redis, starts Meilisearch
// from the npm package, migrates, seeds (with demo tickets), builds the console, runs backend and worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config, ConfigError } from '@kck/backend/platform/config';
import { createDataSource } from '@kck/backend/platform/db';
import { createLogger } from '@kck/backend/platform/logger';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { isMeiliUp, startMeiliServer } from '@kck/knowledge-base';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import { seedDemoTickets } from './seed-demo-tickets.ts';
import { DEMO_USERS } from './seed-data/index.ts';
import { checkRedis, ensureDatabase, ServiceUnavailable } from './services.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const children: ChildProcess[] = [];
let stopMeili: (() => Promise<void>) | undefined;
let stopping = false;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  children.push(child);
  return child;
}

async function ensureMeilisearch(url: string, masterKey: string): Promise<void> {
  if (!url || (await isMeiliUp(url))) return;
  const { hostname, port } = new URL(url);
  if (!['127.0.0.1', 'localhost', '::1'].includes(hostname)) {
    console.warn(`Meilisearch does not answer at ${url}; the knowledge base searches with PostgreSQL until it does.`);
    return;
  }
  console.log(`Starting Meilisearch on ${url} (data in var/meili)…`);
  const server = await startMeiliServer({
    dataDir: path.join(root, 'var/meili'),
    port: Number(port || 7700),
    masterKey,
    host: hostname,
  });
  stopMeili = server.stop;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The backend did not become healthy at ${url}/health within ${timeoutMs / 1000} s`);
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : undefined)),
  );
  await stopMeili?.();
  process.exit(code);
}

async function main() {
  const cfg = config();
  await ensureDatabase(cfg.DATABASE_URL);
  await checkRedis(cfg.REDIS_URL);
  await ensureMeilisearch(cfg.MEILI_URL, cfg.MEILI_MASTER_KEY);

  const ran = await migrate(cfg.DATABASE_URL);
  if (ran.length) console.log(`Migrations run: ${ran.join(', ')}`);
  const db = createDataSource(cfg.DATABASE_URL, 2);
  const search = createSearchEngine(cfg, createLogger('seed'));
  await db.initialize();
  const summary = await seed(db, search.engine);
  const demoTickets = await seedDemoTickets(db);
  await Promise.all([db.destroy(), search.close()]);
  if (summary.searchWarning) console.warn(summary.searchWarning);
  console.log(
    `Demo data: ${summary.units} units, ${summary.routingRules} routing rules, ${summary.articles} articles (${summary.indexed} indexed), ${summary.users} users, ${demoTickets} new demo tickets`,
  );

  if (cfg.CONSOLE_DIST && !existsSync(path.join(root, cfg.CONSOLE_DIST, 'index.html'))) {
    console.log('Building the console (first start only)…');
    const build = run('npm', ['run', 'build', '-w', 'agent-console'], process.env);
    const code = await new Promise<number>((r) => build.once('exit', (c) => r(c ?? 1)));
    children.splice(children.indexOf(build), 1);
    if (code !== 0) throw new Error('Building the console failed');
  }

  const env = { ...process.env };
  // E-mail intake runs as a process of its own (backend/src/email-intake/main.ts says why).
  const entries = ['backend/src/main.ts', 'worker/src/main.ts'];
  if (cfg.EMAIL_INTAKE !== 'off') entries.push('backend/src/email-intake/main.ts');
  for (const entry of entries) {
    run(process.execPath, ['--import', 'tsx', entry], env).once('exit', (code) => {
      if (stopping) return;
      console.error(`${entry} exited (${code}); stopping everything`);
      void shutdown(code ?? 1);
    });
  }
  await waitForHealth(`http://127.0.0.1:${cfg.PORT}`, 60_000);

  console.log(`\nKCK is running: ${cfg.PUBLIC_URL}\n`);
  if (cfg.EMAIL_INTAKE === 'smtp')
    console.log(
      `E-mail to ${cfg.EMAIL_INTAKE_ADDRESS} is taken in by SMTP on ${cfg.EMAIL_INTAKE_SMTP_HOST}:${cfg.EMAIL_INTAKE_SMTP_PORT}.\n`,
    );
  console.log('Demo logins (password for all: ' + DEMO_USERS[0]!.password + '):');
  for (const user of DEMO_USERS)
    console.log(`  ${user.login.padEnd(12)} ${user.role.padEnd(11)} ${user.unitCode ?? ''}`);
  console.log('\nStop with Ctrl+C.');
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (err) => {
  if (err instanceof ServiceUnavailable || err instanceof ConfigError) console.error(`\n${err.message}\n`);
  else console.error('Start failed:', err);
  await shutdown(1);
});
