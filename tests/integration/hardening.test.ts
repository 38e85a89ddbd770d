// The backend's hardening over HTTP: CSP and the other helmet headers on the API and the console page, CORS only for
// CORS_ORIGINS, a per-address limit on every public read, and the virus-scanning hook on both upload paths.
// ClamAV itself cannot be installed here (clamd needs its virus database from the internet): an executable script
// with clamdscan's interface and exit codes (0 clean, 1 infected, 2 error) stands in for it on PATH.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_FILE_FIELD, type ErrorBody, type TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { corsMiddleware } from '../../backend/src/platform/http/cors.ts';
import { upload, SAMPLE } from '../support/uploads.ts';

const READS_PER_MINUTE = 4;
const PORTAL = 'https://portal.krakow.example';

let backend: TestBackend;
let dir: string;
let agent: TestClient;
let savedPath: string | undefined;

/** clamdscan's interface: `clamdscan --no-summary --fdpass <file>`; "EICAR" in a file is malware, "BROKEN" a scanner failure. */
const FAKE_CLAMDSCAN = `#!/bin/sh
for last; do :; done
[ "$1" = "--no-summary" ] && [ "$2" = "--fdpass" ] || { echo "unexpected arguments: $*" >&2; exit 2; }
if grep -q EICAR "$last"; then echo "$last: Eicar-Test-Signature FOUND"; exit 1; fi
if grep -q BROKEN "$last"; then echo "ERROR: Could not connect to clamd on LocalSocket /run/clamav/clamd.ctl" >&2; exit 2; fi
echo "$last: OK"
exit 0
`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-hardening-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'clamdscan'), FAKE_CLAMDSCAN);
  chmodSync(path.join(bin, 'clamdscan'), 0o755);
  savedPath = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
  // A console build of our own: the headers on the page are the point, not the app.
  const consoleDist = path.join(dir, 'console');
  mkdirSync(consoleDist);
  writeFileSync(
    path.join(consoleDist, 'index.html'),
    '<!doctype html><html lang="pl"><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  backend = await startTestBackend({
    config: {
      ATTACHMENTS_DIR: path.join(dir, 'files'),
      CONSOLE_DIST: consoleDist,
      CORS_ORIGINS: `${PORTAL}, https://second.example/`,
      CLAMAV_SCAN: 'clamdscan',
      // Each test speaks from an address of its own (X-Forwarded-For).
      TRUST_PROXY: 'true',
      PUBLIC_READS_PER_MINUTE: String(READS_PER_MINUTE),
    },
  });
  [agent] = await signedInAll(backend.url, 'agent');
});

afterAll(async () => {
  await backend?.close();
  if (savedPath !== undefined) process.env.PATH = savedPath;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const from = (address: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...headers });

describe('security headers', () => {
  it('sends a strict CSP without inline scripts, and the other helmet headers, on the API and the console page', async () => {
    for (const url of ['/api/auth/me', '/zglos', '/deklaracja-dostepnosci']) {
      const res = await fetch(backend.url + url, { headers: from('198.51.100.10') });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toMatch(/script-src 'self'(;|$)/);
      expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), url).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), url).toMatch(/max-age=\d+/);
      expect(res.headers.get('cross-origin-opener-policy'), url).toBe('same-origin');
      expect(res.headers.get('x-powered-by'), url).toBeNull();
    }
  });
});

describe('CORS', () => {
  it('answers a preflight from a listed origin, with credentials, and varies by Origin', async () => {
    const res = await fetch(`${backend.url}/api/public/form`, {
      method: 'OPTIONS',
      headers: {
        origin: PORTAL,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(res.headers.get('vary')).toMatch(/Origin/);

    const second = await fetch(`${backend.url}/api/public/accessibility-statement`, {
      headers: from('198.51.100.11', { origin: 'https://second.example' }),
    });
    expect(second.status).toBe(200);
    expect(second.headers.get('access-control-allow-origin')).toBe('https://second.example');
  });

  it('gives an unlisted origin no CORS header at all', async () => {
    const res = await fetch(`${backend.url}/api/public/accessibility-statement`, {
      headers: from('198.51.100.12', { origin: 'https://evil.example' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${backend.url}/api/tickets`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS header when CORS_ORIGINS is empty (same-origin only)', async () => {
    const app = express()
      .use(corsMiddleware([]))
      .get('/x', (_req, res) => res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/x`, { headers: { origin: PORTAL } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('vary')).toBeNull();
    } finally {
      server.close();
    }
  });
});

describe('rate limits on public reads', () => {
  async function floodUntilRefused(url: string, address: string, client?: TestClient): Promise<Response[]> {
    const answers: Response[] = [];
    for (let i = 0; i <= READS_PER_MINUTE; i++)
      answers.push(
        await fetch(backend.url + url, {
          headers: from(address, client?.cookie ? { cookie: client.cookie } : {}),
        }),
      );
    return answers;
  }

  // Each case speaks from an address of its own that no other test file uses: the files share the run's Redis, so
  // an address another file had used would find its count already spent (a random pick collided now and then).
  it.each([
    ['Open311 services', '/open311/v2/services.json', '192.0.2.201'],
    ['Open311 requests', '/open311/v2/requests.json', '192.0.2.202'],
    ['a public dictionary', '/api/dictionaries/closure_reason', '192.0.2.203'],
    ['the accessibility statement', '/api/public/accessibility-statement', '192.0.2.204'],
    ['the public form', '/api/public/form', '192.0.2.205'],
  ])('%s: the read past the limit answers 429 with Retry-After', async (_what, url, address) => {
    const answers = await floodUntilRefused(url, address);
    expect(answers.slice(0, READS_PER_MINUTE).map((r) => r.status)).toEqual(Array(READS_PER_MINUTE).fill(200));
    const refused = answers.at(-1)!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    if (url.startsWith('/open311/')) {
      // Open311 clients get the standard's error list.
      expect(await refused.json()).toEqual([{ code: 429, description: expect.stringMatching(/Too many requests/) }]);
    } else {
      expect(((await refused.json()) as ErrorBody).error.code).toBe('too_many_requests');
    }
  });

  it('category questions are limited for residents, but signed-in staff behind one address are not counted', async () => {
    const category = await routedCategory(backend.ctx.db, 'ZDMK');
    const url = `/api/categories/${category}/attributes`;
    const anonymous = await floodUntilRefused(url, '192.0.2.77');
    expect(anonymous.at(-1)!.status).toBe(429);
    const staff = await floodUntilRefused('/api/dictionaries/closure_reason', '192.0.2.78', agent);
    expect(staff.map((r) => r.status)).toEqual(Array(READS_PER_MINUTE + 1).fill(200));
  });
});

describe('upload scanning (CLAMAV_SCAN=clamdscan)', () => {
  const incoming = () => path.join(dir, 'files', '.incoming');
  const leftovers = () => (existsSync(incoming()) ? readdirSync(incoming()) : []);

  async function ticket(): Promise<string> {
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
      title: 'Dziura w jezdni',
      description: 'Głęboka dziura na pasie do skrętu.',
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }
  const attachments = async (ticketId: string) =>
    (await backend.ctx.db.query(`SELECT id FROM ticket_attachment WHERE ticket_id = $1`, [ticketId])).length;

  it('takes a clean file', async () => {
    const id = await ticket();
    const res = await upload(agent, id, { name: 'pismo.pdf', bytes: SAMPLE.pdf });
    expect(res.status).toBe(201);
    expect(await attachments(id)).toBe(1);
  });

  it('refuses an infected attachment with 422 naming the file, removes it, writes nothing', async () => {
    const id = await ticket();
    const eicar = Buffer.concat([SAMPLE.pdf, Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST-FILE')]);
    const res = await upload(agent, id, { name: 'faktura.pdf', bytes: eicar });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('upload_infected');
    expect(res.body.error.message).toContain('faktura.pdf');
    expect(res.body.error.fields).toEqual([
      { path: ATTACHMENT_FILE_FIELD, message: expect.stringContaining('faktura.pdf') },
    ]);
    expect(await attachments(id)).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('answers 503 when the scanner fails, and writes nothing', async () => {
    const id = await ticket();
    const res = await upload(agent, id, {
      name: 'skan.pdf',
      bytes: Buffer.concat([SAMPLE.pdf, Buffer.from('BROKEN')]),
    });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('dependency_unavailable');
    expect(await attachments(id)).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it("scans the web form's photos too", async () => {
    const submissionId = randomUUID();
    const form = new FormData();
    const infected = Buffer.concat([SAMPLE.png, Buffer.from('EICAR')]);
    form.append(ATTACHMENT_FILE_FIELD, new Blob([infected], { type: 'image/png' }), 'dziura.png');
    const res = await fetch(`${backend.url}/api/public/uploads?submissionId=${submissionId}`, {
      method: 'POST',
      headers: from('198.51.100.40'),
      body: form,
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.message).toContain('dziura.png');
    const rows = await backend.ctx.db.query(`SELECT id FROM public_upload WHERE submission_id = $1`, [submissionId]);
    expect(rows).toEqual([]);
    expect(leftovers()).toEqual([]);
  });
});
