// Starts and stops a real Meilisearch from the npm binary: the path tests and local runs without Docker rely on.
// Each test uses its own data directory under var/ and removes it afterwards.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { randomSuffix } from '../test-support.ts';
import { isMeiliUp, startMeiliServer } from './meili-server.ts';

const dataDirs: string[] = [];
const newDataDir = () => {
  const dir = fileURLToPath(new URL(`../../../var/test-meili-${randomSuffix()}`, import.meta.url));
  dataDirs.push(dir);
  return dir;
};

afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

describe('startMeiliServer', () => {
  it('starts a server on a free port that answers with the master key, and stops it', async () => {
    const dataDir = newDataDir();
    const server = await startMeiliServer({ dataDir, masterKey: `kbtest-${randomSuffix()}-master-key` });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await isMeiliUp(server.url)).toBe(true);
      const unauthorised = await fetch(new URL('/indexes', server.url));
      expect(unauthorised.status).toBe(401);
      const authorised = await fetch(new URL('/indexes', server.url), {
        headers: { Authorization: `Bearer ${server.masterKey}` },
      });
      expect(authorised.status).toBe(200);
      expect(existsSync(`${dataDir}/data.ms`)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(server.process.exitCode !== null || server.process.signalCode !== null).toBe(true);
    expect(await isMeiliUp(server.url)).toBe(false);
    await server.stop(); // a second stop is harmless
  }, 30_000);

  it('refuses a port that is already taken instead of talking to the other server', async () => {
    const first = await startMeiliServer({ dataDir: newDataDir(), masterKey: `kbtest-${randomSuffix()}-master-key` });
    try {
      const port = Number(new URL(first.url).port);
      await expect(
        startMeiliServer({ dataDir: newDataDir(), port, masterKey: 'kbtest-second-master-key' }),
      ).rejects.toThrow(/Cannot start Meilisearch .*EADDRINUSE/);
    } finally {
      await first.stop();
    }
  }, 30_000);

  it('fails with the log tail when the server exits at start', async () => {
    const dataDir = newDataDir();
    // Meilisearch refuses a master key shorter than 16 bytes outside development, so ask for production.
    const error = await startMeiliServer({ dataDir, masterKey: 'short', env: 'production' }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/exited with/);
    expect(error?.message).toContain('meilisearch.log');
    expect(await readFile(`${dataDir}/meilisearch.log`, 'utf8')).toMatch(/master key/i);
  }, 30_000);

  it('says a URL with nothing listening is down', async () => {
    expect(await isMeiliUp('http://127.0.0.1:9', 500)).toBe(false);
  });
});
