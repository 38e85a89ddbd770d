// axe-core in a playwright page: the WCAG 2.1 A and AA rules run on what the page shows now, and the serious and
// critical violations come back, each with the elements at fault, so a failing test names what to fix.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0 and 2.1, levels A and AA: what Polish public-sector law (and EN 301 549) requires. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  rule: string;
  impact: 'serious' | 'critical';
  help: string;
  /** A selector and the failure summary of each element at fault (at most a few per rule). */
  nodes: { target: string; summary: string }[];
}

interface AxeResult {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}

/**
 * Serious and critical WCAG 2.1 AA violations on the page as it is. axe is evaluated through the DevTools
 * protocol, which the console's Content-Security-Policy (script-src 'self') does not apply to, so no CSP
 * violation is provoked.
 */
export async function seriousViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  // A dialog or banner still fading in has its colours half-way: let finite transitions end first (2 s at most;
  // endless ones, like a spinner, are not waited for).
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ])`);
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  // A string, evaluated in the page: the test code has no DOM types.
  // `exclude`: selectors of parts checked elsewhere (e.g. the app bar, when a test looks at one screen's content).
  const context = options.exclude?.length
    ? JSON.stringify({ exclude: options.exclude.map((selector) => [selector]) })
    : 'document';
  const run = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };
  const result = await page.evaluate<AxeResult>(`window.axe.run(${context}, ${JSON.stringify(run)})`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact as AxeViolation['impact'],
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
}

/** One line per violation, for an assertion message a person can act on. */
export const describeViolations = (violations: AxeViolation[]): string =>
  violations
    .map((v) => `${v.impact} ${v.rule} (${v.help}): ${v.nodes.map((n) => `${n.target} — ${n.summary}`).join(' | ')}`)
    .join('\n');
