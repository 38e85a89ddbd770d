// An analyst (DK-05) records an outage in the incident register; another console, a unit's, sees the banner appear
// live and follows it to the incident's page; the analyst records an action and who was told, closes the outage, and
// the banner goes. The register and the incident's page meet WCAG 2.1 AA.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

// Its own database: an open incident shows a banner in every console on its database, other files' included.
let environment: IsolatedEnvironment;
let stack: BrowserStack;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('incidents_ui');
  stack = await startBrowserStack({ worker: false, env: environment.env });
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await environment?.drop();
});

async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect.poll(() => page.locator('main [role="progressbar"]').count(), { timeout: 15_000 }).toBe(0);
  const violations = await seriousViolations(page);
  await page.screenshot({ path: path.join(screenshots, `incidents-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('the incident register', () => {
  it('records an outage, shows its banner live in another console until it is closed', async () => {
    const analyst = await stack.signIn('analityk', '/dashboard', {
      // The form sent half-filled on purpose: the server's 400 names the fields.
      isExpectedError: (text, url) => /status of 400/.test(text) && url.includes('/api/incidents'),
    });
    const unit = await stack.signIn('drogi', '/unit');
    expect(await unit.getByTestId('incident-banner').count()).toBe(0);

    await analyst.getByTestId('nav-incidents').click();
    await analyst.getByRole('heading', { level: 1, name: 'Awarie i incydenty' }).waitFor();
    await analyst.getByText('Brak awarii w wybranym okresie.').waitFor();
    await expectAccessible(analyst, 'register-empty');

    await analyst.getByTestId('incident-report').click();
    await analyst.getByTestId('incident-form-dialog').waitFor();
    // Sent without a system and impact: refused next to each field, in Polish.
    await analyst.getByTestId('incident-form-title').fill('Centrala FENIX nie przyjmuje połączeń');
    await analyst.getByTestId('incident-form-submit').click();
    await analyst.getByText('Wybierz system z listy.').waitFor();
    await analyst.getByText('Opisz skutki awarii.').waitFor();
    await analyst.getByTestId('incident-form-system').selectOption({ label: 'Telefonia (CTI)' });
    await analyst.getByTestId('incident-form-severity').selectOption('critical');
    await analyst
      .getByTestId('incident-form-impact')
      .fill('Mieszkańcy słyszą sygnał zajętości; infolinia nie odbiera.');
    await expectAccessible(analyst, 'report-dialog');
    await analyst.getByTestId('incident-form-submit').click();
    await analyst.waitForURL('**/incidents/*');
    const incidentId = analyst.url().split('/').pop()!;

    // The unit's console, on its own page, hears of it: the banner and a polite announcement, the focus left alone.
    const banner = unit.locator(`[data-testid="incident-banner"][data-incident-id="${incidentId}"]`);
    await banner.waitFor();
    expect(await banner.getByRole('heading', { level: 2 }).innerText()).toBe(
      'Awaria: Telefonia (CTI) — Centrala FENIX nie przyjmuje połączeń',
    );
    await expect
      .poll(() => unit.getByTestId('incident-announcement').innerText())
      .toBe('Nowa awaria: Centrala FENIX nie przyjmuje połączeń');
    expect(await unit.evaluate(`Boolean(document.activeElement?.closest('[data-testid="incident-banner"]'))`)).toBe(
      false,
    );

    await analyst.getByTestId('incident-action-text').fill('Zgłoszono awarię dostawcy, zgłoszenie serwisowe 4411.');
    await analyst.getByTestId('incident-action-submit').click();
    await analyst
      .locator('[data-testid="incident-action"][data-kind="note"]')
      .getByText('Zgłoszono awarię dostawcy, zgłoszenie serwisowe 4411.')
      .waitFor();
    await analyst.getByTestId('incident-notice-recipient').fill('Kierownicy referatów DK-02');
    await analyst.getByTestId('incident-notice-channel').selectOption('phone');
    await analyst.getByTestId('incident-notice-submit').click();
    await analyst.getByTestId('incident-notice').getByText('Kierownicy referatów DK-02').waitFor();
    await expectAccessible(analyst, 'detail-open');

    // The banner leads the unit to the incident's page, which it may read, not change.
    await banner.getByTestId('incident-banner-link').click();
    await unit.waitForURL(`**/incidents/${incidentId}`);
    await unit.getByTestId('incident-title').waitFor();
    await unit.getByTestId('incident-notice').getByText('Kierownicy referatów DK-02').waitFor();
    expect(await unit.getByTestId('incident-edit').count()).toBe(0);
    expect(await unit.getByTestId('incident-action-submit').count()).toBe(0);
    await unit.getByTestId('nav-unit').click();
    await unit.waitForURL('**/unit');

    await analyst.getByTestId('incident-resolve').click();
    await analyst.getByTestId('incident-resolve-dialog').waitFor();
    await analyst.getByTestId('incident-resolve-note').fill('Dostawca zrestartował centralę.');
    await analyst.getByTestId('incident-resolve-submit').click();
    await analyst.getByTestId('incident-resolve-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => analyst.getByTestId('incident-status').innerText()).toBe('zakończona');
    await analyst.locator('[data-testid="incident-action"][data-kind="resolved"]').waitFor();

    // Closed: the banner goes from the other console, and it is told so.
    await banner.waitFor({ state: 'detached' });
    await expect
      .poll(() => unit.getByTestId('incident-announcement').innerText())
      .toBe('Zakończono awarię: Centrala FENIX nie przyjmuje połączeń');

    await analyst.getByTestId('nav-incidents').click();
    await analyst
      .locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"][data-status="resolved"]`)
      .waitFor();
    await expectAccessible(analyst, 'register');
    expect(stack.consoleErrors).toEqual([]);
  });
});
