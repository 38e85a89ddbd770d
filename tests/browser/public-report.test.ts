// The residents' web form and status page on a phone (390×844), from the keyboard alone: a wrong first try puts
// focus on the first field at fault; then a report with a street picked from the autocomplete (district filled in)
// and a photo whose GPS is offered and accepted; the number and private link; the status page, where the unit's
// answer (given through the API) appears by the page's own polling (every 20 s, no reload). axe-core finds no
// serious or critical WCAG 2.1 AA violation on the form, its success screen and the status page, before and after.
import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, FileChooser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { TicketDto } from '@kck/contracts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;
let context: BrowserContext;
let dir: string;

beforeAll(async () => {
  stack = await startBrowserStack();
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-public-report-'));
  context = await stack.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'pl-PL',
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Console errors and uncaught exceptions of the page (a CSP violation shows up here) go into `errors`. */
function watch(page: Page, errors: string[]): Page {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  await page.screenshot({ path: path.join(screenshots, `public-${name}.png`), fullPage: true });
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  // A phone screen: nothing wider than the viewport (no sideways scrolling).
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
}

/** What has the keyboard focus: its id, test id and accessible text, for assertions and messages. */
const focused = (page: Page) =>
  page.evaluate(
    `(() => { const e = document.activeElement; return e ? { id: e.id, testId: e.getAttribute('data-testid') ?? '', text: (e.textContent || '').trim().slice(0, 60) } : null })()`,
  ) as Promise<{ id: string; testId: string; text: string } | null>;

/** Tab (or Shift+Tab) until `match` has focus: the element is reachable by keyboard, in the page's order. */
async function tabTo(page: Page, match: (f: { id: string; testId: string; text: string }) => boolean, back = false) {
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (now && match(now)) return;
    seen.push(now?.testId || now?.id || now?.text || '?');
  }
  throw new Error(`not reached by Tab; went through: ${seen.join(' → ')}`);
}
const byTestId = (testId: string) => (f: { testId: string }) => f.testId === testId;

/** A JPEG taken on the Main Market Square, as its EXIF says. */
async function photoFromTheSquare(): Promise<string> {
  const file = path.join(dir, 'dziura-w-jezdni.jpg');
  const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5a5a5a' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '50/1 3/1 4140/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '19/1 56/1 1380/100',
      },
    })
    .toBuffer();
  writeFileSync(file, bytes);
  return file;
}

describe('a resident on a phone, with the keyboard only', () => {
  it('files a report, follows it on the status page and sees the unit answer appear', async () => {
    const errors: string[] = [];
    const page = watch(await context.newPage(), errors);
    // Listened for from the start, so the browser hands over its file dialog however fast the keyboard is.
    const choosers: FileChooser[] = [];
    page.on('filechooser', (chooser) => choosers.push(chooser));
    // The public pages run none of the console's frame: no session check, no socket.
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${stack.baseUrl}/zglos`);
    await page.getByRole('heading', { level: 1, name: 'Zgłoś problem lub pomysł' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('pl');
    await expectAccessible(page, 'form-empty');
    // A phone's photos as they are: HEIC too (iPhones' default), which the server stores as a JPEG.
    const accept = (await page.getByTestId('report-photo-input').getAttribute('accept'))?.split(',') ?? [];
    expect(accept).toEqual(expect.arrayContaining(['image/jpeg', 'image/heic', 'image/heif', '.heic', '.heif']));

    // Sent empty: the errors are listed and focus lands on the first field at fault (the category).
    await tabTo(page, byTestId('report-submit'));
    await page.keyboard.press('Enter');
    await page.getByTestId('report-errors').waitFor();
    await expect.poll(async () => (await focused(page))?.testId).toBe('report-category');
    await expect.poll(() => page.getByTestId('report-errors').locator('li').count()).toBe(2);
    await expectAccessible(page, 'form-errors');

    // The category: type, the first match is highlighted, Enter picks it.
    await page.keyboard.type('dziura w');
    await page.getByTestId('category-option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('report-category').inputValue()).toBe('Dziura w jezdni');
    // Fixed fields leave the list of errors.
    await expect.poll(() => page.getByTestId('report-errors').locator('li').count()).toBe(1);

    await tabTo(page, byTestId('report-description'));
    await page.keyboard.type('Głęboka dziura na prawym pasie, koła wpadają w nią przy skręcie.');

    // The street from the dictionary: ↓ and Enter pick it, the house number stays, the district fills in.
    await tabTo(page, byTestId('report-address'));
    await page.keyboard.type('florianska 3');
    await page.getByTestId('street-option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('report-address').inputValue()).toBe('ul. Floriańska 3');
    await expect
      .poll(() => page.getByTestId('report-district').locator('option:checked').textContent())
      .toMatch(/^I Stare Miasto/);

    // A photo: the button opens the file chooser from the keyboard; its GPS is offered, and accepted.
    await tabTo(page, byTestId('report-photo-add'));
    await page.keyboard.press('Enter');
    await expect.poll(() => choosers.length).toBe(1);
    await choosers[0]!.setFiles(await photoFromTheSquare());
    await page.locator('[data-testid="report-photo"][data-state="ready"]').waitFor();
    await page.getByTestId('report-gps-offer').waitFor();
    await tabTo(page, byTestId('report-gps-use'), true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('report-location-value').textContent()).toMatch(/50\.0615\d, 19\.9371\d/);

    await tabTo(page, byTestId('report-email'));
    await page.keyboard.type('mieszkanka.formularza@example.org');
    await tabTo(page, byTestId('report-consent'));
    await page.keyboard.press('Space');
    await expectAccessible(page, 'form-filled');

    await tabTo(page, byTestId('report-submit'));
    await page.keyboard.press('Enter');
    await page.getByTestId('report-created').waitFor();
    // Focus moves to the confirmation's heading, so a screen reader starts there.
    expect((await focused(page))?.text).toBe('Dziękujemy! Zgłoszenie przyjęte');
    const number = (await page.getByTestId('report-number').textContent())!;
    expect(number).toMatch(/^KCK\/\d{4}\/\d{6}$/);
    const link = await page.getByTestId('report-status-url').inputValue();
    expect(link).toMatch(new RegExp(`/zgloszenie/${number.replaceAll('/', '-')}\\?token=[A-Za-z0-9_-]{43}$`));
    await expectAccessible(page, 'form-created');

    const [ticket] = (
      await stack.db.query(
        `SELECT t.id, t.channel, t.address, t.latitude, d.code AS district, s.consent_version
           FROM ticket t JOIN dictionary_entry d ON d.id = t.district_id
           JOIN public_submission s ON s.ticket_id = t.id WHERE t.number = $1`,
        [number],
      )
    ).rows;
    expect(ticket).toMatchObject({ channel: 'web_form', address: 'ul. Floriańska 3', district: 'I' });
    expect(ticket.latitude).toBeCloseTo(50.0615, 3);
    expect(ticket.consent_version).toBeTruthy();

    // The status page, opened from the confirmation.
    await tabTo(page, byTestId('report-open-status'));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/zgloszenie/${number.replaceAll('/', '-')}?token=*`);
    await page.getByTestId('status-number').waitFor();
    await expect
      .poll(() => page.getByTestId('status-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('routed');
    await expect.poll(() => page.getByTestId('status-unit').textContent()).toContain('Zarząd Dróg Miasta Krakowa');
    await expectAccessible(page, 'status-routed');

    // The unit answers (its console's API): the page shows it by itself, without a reload.
    const roads = await signedIn(stack.baseUrl, 'drogi');
    const accepted = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/accept`, {});
    expect(accepted.status).toBe(200);
    const answer = 'Ubytek zostanie załatany do piątku. Dziękujemy za zgłoszenie — ZDMK.';
    expect((await roads.post(`/api/tickets/${ticket.id}/comments`, { kind: 'answer', body: answer })).status).toBe(201);
    expect(
      (await roads.post(`/api/tickets/${ticket.id}/comments`, { kind: 'internal', body: 'Notatka: brygada B' })).status,
    ).toBe(201);
    await page.getByTestId('timeline-answer').filter({ hasText: answer }).waitFor({ timeout: 45_000 });
    expect(await page.getByTestId('status-timeline').textContent()).not.toContain('brygada');
    await expect
      .poll(() => page.getByTestId('status-announcement').textContent())
      .toBe('Jest nowa odpowiedź jednostki.');
    await expectAccessible(page, 'status-answered');

    // Resolved: the rating form, by keyboard; then the "not solved" form stands ready too.
    expect((await roads.post(`/api/tickets/${ticket.id}/resolve`, { answer: 'Ubytek załatany.' })).status).toBe(200);
    await page.getByTestId('status-refresh').click();
    await page.getByTestId('status-rating-form').waitFor();
    await page.getByTestId('status-reopen-form').waitFor();
    await expectAccessible(page, 'status-resolved');
    await tabTo(page, byTestId('status-rating-1'));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, byTestId('status-rating-send'));
    await page.keyboard.press('Enter');
    await page.getByTestId('status-rating-given').waitFor();
    expect(await page.getByTestId('status-rating-given').textContent()).toContain('4/5');
    await page.screenshot({ path: path.join(screenshots, 'public-status-rated.png'), fullPage: true });

    expect(asked.filter((p) => p.startsWith('/api/auth') || p.startsWith('/socket.io'))).toEqual([]);
    expect(asked).toContain('/api/public/reports');

    // The unit's console, open on the ticket, hears the resident's next message live and shows it with the rating.
    const unit = await stack.signIn('drogi', '/unit');
    await unit.goto(`${stack.baseUrl}/tickets/${ticket.id}`);
    await unit.getByTestId('resident-rating').waitFor();
    await unit.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    await tabTo(page, byTestId('status-message-text'));
    await page.keyboard.type('Dziękuję, łata trzyma się dobrze.');
    await tabTo(page, byTestId('status-message-send'));
    await page.keyboard.press('Enter');
    await page.getByTestId('status-message-sent').waitFor();
    await expect.poll(() => page.getByTestId('timeline-step').last().getAttribute('data-kind')).toBe('your_message');
    await unit.getByTestId('resident-message').filter({ hasText: 'Dziękuję, łata trzyma się dobrze.' }).waitFor();
    const history = unit.locator('[data-testid="ticket-event"][data-kind="ticket.resident_message"]');
    await expect.poll(() => history.textContent()).toContain('mieszkaniec');
    expect(await unit.getByTestId('resident-rating').textContent()).toContain('4/5');
    await unit.screenshot({ path: path.join(screenshots, 'public-unit-sees-resident.png'), fullPage: true });

    expect(errors).toEqual([]);
    expect(stack.consoleErrors).toEqual([]);
  }, 180_000);

  it('speaks Ukrainian on request, and says plainly when a link is wrong', async () => {
    const errors: string[] = [];
    const page = watch(await context.newPage(), errors);
    await page.goto(`${stack.baseUrl}/report?lang=uk`);
    await page.getByRole('heading', { level: 1, name: 'Повідомити про проблему або ідею' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('uk');
    await page.getByTestId('report-category').click();
    await page.keyboard.type('вибоїна');
    await expect.poll(() => page.getByTestId('category-option').first().textContent()).toBe('Вибоїна на дорозі');
    // The list as it is open: grouped options are a listbox of groups, not a broken list.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expectAccessible(page, 'form-uk-category-list');
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'form-uk');

    await page.goto(`${stack.baseUrl}/zgloszenie/KCK-2026-000001?token=${'x'.repeat(43)}`);
    await page.getByTestId('status-not-found').waitFor();
    await expectAccessible(page, 'status-not-found');
    // A wrong link's 404 is the expected answer, not a fault of the page.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  }, 120_000);
});

describe('with a tile server configured', () => {
  let tiles: Server;
  let mapStack: BrowserStack;
  const tileRequests: string[] = [];

  beforeAll(async () => {
    // A tile server of our own (one grey 256 px tile for every address), on another origin than the backend.
    const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#d0d0d0' } })
      .png()
      .toBuffer();
    tiles = createServer((req, res) => {
      tileRequests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
      res.end(tile);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const port = (tiles.address() as AddressInfo).port;
    mapStack = await startBrowserStack({
      worker: false,
      env: { MAP_TILE_URL: `http://localhost:${port}/{z}/{x}/{y}.png`, MAP_TILE_ATTRIBUTION: '© Test tiles' },
    });
  }, 180_000);

  afterAll(async () => {
    await mapStack?.close();
    await new Promise<void>((resolve) => (tiles ? tiles.close(() => resolve()) : resolve()));
  });

  it('shows the map (tiles allowed by the CSP) and puts the pin from the keyboard', async () => {
    const mapContext = await mapStack.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'pl-PL',
    });
    try {
      const errors: string[] = [];
      const page = watch(await mapContext.newPage(), errors);
      await page.goto(`${mapStack.baseUrl}/zglos`);
      await page.locator('.leaflet-container').waitFor();
      await expect.poll(() => tileRequests.length).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.leaflet-tile-loaded').count()).toBeGreaterThan(0);
      expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('© Test tiles');
      await tabTo(page, byTestId('map-pin-centre'));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('report-location-value').textContent()).toMatch(/50\.06\d+, 19\.93\d+/);
      await expectAccessible(page, 'form-map');
      expect(errors).toEqual([]);
    } finally {
      await mapContext.close();
    }
  }, 120_000);
});
