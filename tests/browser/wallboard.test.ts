// The supervisor's wallboard in a real browser next to an agent's console: each presence change the agent makes
// (available → break with a reason → available) shows on the wallboard without a reload; a city-wide matter
// declared on the supervisor's page reaches the agent's banner live, the wallboard counts a call linked to it,
// and ending it takes the banner away. axe-core checks the wallboard and the agent's banner and selector.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CityMatterListDto } from '@kck/contracts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;

beforeAll(async () => {
  // Presence and city matters reach the consoles through the backend's relay: no worker needed.
  stack = await startBrowserStack({ worker: false });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** Serious and critical WCAG 2.1 A/AA violations on the page (or within `include`). */
async function seriousViolations(page: Page, include?: string[]): Promise<string[]> {
  // Evaluated through the DevTools protocol: the console's CSP rightly refuses an injected <script>.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (selectors) => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(
      { include: (selectors ?? ['html']).map((s) => [s]) },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      },
    );
    return result.violations;
  }, include);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A DK-02 agent of this test's own (the demo password), so no other test moves their presence meanwhile. */
async function ownAgent(): Promise<{ id: string; login: string; name: string }> {
  const login = `konsultant-${Date.now().toString(36)}`;
  const name = `Konsultant ${login.slice(-5)}`;
  const { rows } = await stack.db.query(
    `INSERT INTO app_user (login, display_name, password_hash, role, unit_id)
     SELECT $1, $2, password_hash, 'agent', unit_id FROM app_user WHERE login = 'agent' RETURNING id`,
    [login, name],
  );
  return { id: (rows[0] as { id: string }).id, login, name };
}

describe('the wallboard beside an agent', () => {
  it('shows each presence change live, and a city matter from declaration to its end', async () => {
    const agent = await ownAgent();
    const supervisor = await stack.signIn('kierownik', '/dashboard', { viewport: { width: 1500, height: 1000 } });
    await supervisor.getByTestId('nav-wallboard').click();
    await supervisor.waitForURL('**/wallboard');
    const row = supervisor.locator(`[data-testid="wallboard-agent-row"][data-user-id="${agent.id}"]`);
    // The agent's account is new: the board lists them offline from the start.
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('offline');
    // A marker that a reload would wipe out.
    await supervisor.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));

    const console_ = await stack.signIn(agent.login, '/calls', { label: 'agent' });
    const select = console_.getByTestId('presence-select');
    await expect.poll(() => console_.getByTestId('presence').getAttribute('data-state')).toBe('offline');

    await select.selectOption('available');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('available');
    expect(await row.getByTestId('wallboard-agent-state').innerText()).toBe('Dostępny');

    await select.selectOption('break:meal');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('break');
    expect(await row.getAttribute('data-reason')).toBe('meal');
    expect(await row.getByTestId('wallboard-agent-state').innerText()).toBe('Przerwa (posiłek)');
    // The agent's own console shows it once its request is answered, which may come after the board heard it.
    await expect.poll(() => console_.getByTestId('presence').getAttribute('data-state')).toBe('break');
    // Time in the state counts up on the board itself (no refetch needed): 00:00 → later.
    const time = row.getByTestId('wallboard-agent-time');
    const first = await time.innerText();
    expect(first).toMatch(/^\d\d:\d\d$/);
    await expect.poll(() => time.innerText(), { timeout: 10_000 }).not.toBe(first);

    await select.selectOption('available');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('available');
    expect(await supervisor.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).toBe(true);
    await supervisor.screenshot({ path: path.join(screenshots, 'wallboard-1-agents.png'), fullPage: true });

    // The page itself; the app bar around it is every page's and checked with them.
    expect(await seriousViolations(supervisor, ['#main'])).toEqual([]);

    // A city-wide matter declared on the supervisor's page reaches the agent's console live.
    await supervisor.getByTestId('nav-cityMatters').click();
    await supervisor.waitForURL('**/city-matters');
    await supervisor.getByTestId('city-matter-declare').click();
    const title = `Awaria magistrali ${Date.now().toString(36)}`;
    await supervisor.getByTestId('city-matter-form-title').fill(title);
    await supervisor
      .getByTestId('city-matter-form-script')
      .fill('Woda wróci do godz. 18. Beczkowozy przy os. Centrum A.');
    await supervisor.getByTestId('city-matter-form-submit').click();
    await supervisor.getByTestId('city-matter-form-dialog').waitFor({ state: 'detached' });
    const banner = console_.locator('[data-testid="city-matter-banner"]', { hasText: title });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.getByTestId('city-matter-script').innerText()).toContain('Beczkowozy');
    await expect.poll(() => console_.getByTestId('city-matter-announcement').innerText()).toContain(title);
    expect(
      await seriousViolations(console_, ['[data-testid="city-matter-banners"]', '[data-testid="presence"]']),
    ).toEqual([]);
    await console_.screenshot({ path: path.join(screenshots, 'wallboard-2-agent-banner.png') });

    // The wallboard counts a call the agent links to it, live.
    const matterId = await banner.getAttribute('data-matter-id');
    await supervisor.getByTestId('nav-wallboard').click();
    const matterRow = supervisor.locator(`[data-testid="wallboard-matter-row"][data-matter-id="${matterId}"]`);
    await matterRow.waitFor();
    expect(await matterRow.getByTestId('wallboard-matter-calls-today').innerText()).toBe('0');
    const { rows } = await stack.db.query(
      `INSERT INTO interaction (agent_id, caller_phone, started_at, answered_at, state)
       VALUES ($1, '+48 600 300 400', now(), now(), 'active') RETURNING id`,
      [agent.id],
    );
    const agentApi = await signedIn(stack.baseUrl, agent.login);
    const linked = await agentApi.post(`/api/city-matters/${matterId}/calls/${(rows[0] as { id: string }).id}`);
    expect(linked.status).toBe(200);
    await expect
      .poll(() => matterRow.getByTestId('wallboard-matter-calls-today').innerText(), { timeout: 15_000 })
      .toBe('1');
    await supervisor.screenshot({ path: path.join(screenshots, 'wallboard-3-city-matter.png'), fullPage: true });

    // Ended on the supervisor's page: the banner leaves the agent's console.
    await supervisor.getByTestId('nav-cityMatters').click();
    const listRow = supervisor.locator(`[data-testid="city-matter-row"][data-matter-id="${matterId}"]`);
    await listRow.getByTestId('city-matter-end').click();
    await supervisor.getByTestId('city-matter-end-submit').click();
    await expect.poll(() => listRow.getAttribute('data-open')).toBe('false');
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    const open = await agentApi.get<CityMatterListDto>('/api/city-matters');
    expect(open.body.matters.map((m) => m.id)).not.toContain(matterId);

    expect(stack.consoleErrors).toEqual([]);
  }, 150_000);
});
