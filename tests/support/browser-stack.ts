// What every browser test starts: the built console, backend and (optionally) worker as real processes on
// the run's database, and headless Chromium with the flags this machine needs. One place, so the tests differ only in what they do.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ensureConsoleBuilt, freePort, repoRoot, startProcess, waitForHttp, type RunningProcess } from './processes.ts';

export const screenshots = path.join(repoRoot, 'var/screenshots');

// Without the background-networking flags Chromium keeps trying to reach Google's hosts through a closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserStack {
  baseUrl: string;
  browser: Browser;
  backend: RunningProcess;
  worker: RunningProcess | undefined;
  close(): Promise<void>;
}

export async function startBrowserStack(options: { worker?: boolean } = {}): Promise<BrowserStack> {
  mkdirSync(screenshots, { recursive: true });
  await ensureConsoleBuilt();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { PORT: String(port), PUBLIC_URL: baseUrl, CONSOLE_DIST: 'agent-console/dist', LOG_LEVEL: 'info' };
  const backend = startProcess('backend/src/main.ts', env);
  const worker = options.worker === false ? undefined : startProcess('worker/src/main.ts', env);
  await waitForHttp(`${baseUrl}/health`, 60_000, backend);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    baseUrl,
    browser,
    backend,
    worker,
    async close() {
      await browser.close();
      await Promise.all([backend.stop(), worker?.stop()]);
    },
  };
}
