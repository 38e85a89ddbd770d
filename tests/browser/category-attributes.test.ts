// An admin defines a category's question in the console, and DK-03's ticket form asks it at once: a missing
// required answer is refused next to its field, the answer is saved with the ticket and shown on its card.
// Admins also issue (shown once) and revoke Open311 clients' keys there.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryAttributeDto, DictionaryEntryDto, TicketDto } from '@kck/contracts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

// Its own database: a required question on a seeded category would refuse other files' tickets.
let environment: IsolatedEnvironment;
let stack: BrowserStack;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('catattr_ui');
  stack = await startBrowserStack({ worker: false, env: environment.env });
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await environment?.drop();
});

describe('category questions', () => {
  it('are defined by an admin and asked by the triage ticket form, answers kept on the ticket', async () => {
    const admin = await signedIn(stack.baseUrl, 'admin');
    const categories = (await admin.get<DictionaryEntryDto[]>('/api/dictionaries/category')).body;
    const pothole = categories.find((entry) => entry.code === 'roads.pothole')!;

    const adminPage = await stack.signIn('admin', '/triage');
    await adminPage.getByTestId('nav-categoryAttributes').click();
    await adminPage.getByTestId('category-attributes-category').selectOption(pothole.id);
    await adminPage.getByText('Ta kategoria nie zadaje dodatkowych pytań.').waitFor();
    await adminPage.getByTestId('category-attribute-add').click();
    await adminPage.getByTestId('category-attribute-dialog').waitFor();
    await adminPage.getByTestId('attribute-code').fill('lane');
    await adminPage.getByTestId('attribute-datatype').selectOption('singlevaluelist');
    await adminPage.getByTestId('attribute-label-pl').fill('Który pas ruchu?');
    await adminPage.getByTestId('attribute-label-en').fill('Which lane?');
    await adminPage.getByTestId('attribute-required').check();
    // A list needs answers to pick from: refused beside the list, nothing sent.
    await adminPage.getByTestId('category-attribute-submit').click();
    await adminPage.getByText('Dodaj co najmniej jedną odpowiedź do wyboru.').waitFor();
    for (const [index, [key, pl, en]] of [
      ['left', 'Lewy pas', 'Left lane'],
      ['right', 'Prawy pas', 'Right lane'],
    ].entries()) {
      await adminPage.getByTestId('attribute-value-add').click();
      await adminPage.getByTestId(`attribute-value-key-${index}`).fill(key!);
      await adminPage.getByTestId(`attribute-value-label-pl-${index}`).fill(pl!);
      await adminPage.getByTestId(`attribute-value-label-en-${index}`).fill(en!);
    }
    await adminPage.screenshot({ path: path.join(screenshots, 'category-attribute-dialog.png'), fullPage: true });
    await adminPage.getByTestId('category-attribute-submit').click();
    await adminPage.getByTestId('category-attribute-dialog').waitFor({ state: 'detached' });
    await adminPage.locator('[data-testid="category-attribute-row"][data-code="lane"]').waitFor();
    const defined = (await admin.get<CategoryAttributeDto[]>(`/api/categories/${pothole.id}/attributes`)).body;
    expect(defined).toMatchObject([{ code: 'lane', datatype: 'singlevaluelist', required: true }]);

    const page = await stack.signIn('triage', '/triage');
    await page.getByTestId('new-ticket-open').click();
    await page.getByTestId('new-ticket-dialog').waitFor();
    await page.getByTestId('new-ticket-category').selectOption(pothole.id);
    const question = page.getByTestId('attribute-lane');
    await question.waitFor();
    expect(await page.getByLabel('Który pas ruchu?').count()).toBe(1);
    await page.getByTestId('new-ticket-title').fill('Wyrwa w jezdni przy przystanku');
    await page.getByTestId('new-ticket-description').fill('Głęboka wyrwa, samochody ją omijają.');
    await page.getByTestId('new-ticket-submit').click();
    // Required and unanswered: said next to the question, in Polish, before anything is sent.
    await page.getByText('Odpowiedź jest wymagana.').waitFor();
    await question.selectOption('right');
    await page.screenshot({ path: path.join(screenshots, 'category-attribute-ticket-form.png'), fullPage: true });
    await page.getByTestId('new-ticket-submit').click();
    await page.getByTestId('new-ticket-dialog').waitFor({ state: 'detached' });

    const answer = page.locator('[data-testid="ticket-attribute"][data-code="lane"]');
    await expect.poll(() => answer.innerText()).toContain('Prawy pas');
    const ticketId = await page.getByTestId('ticket-detail').getAttribute('data-ticket-id');
    const ticket = (await admin.get<TicketDto>(`/api/tickets/${ticketId}`)).body;
    expect(ticket).toMatchObject({ channel: 'email', categoryId: pothole.id, attributes: { lane: 'right' } });
    expect(stack.consoleErrors).toEqual([]);
  }, 90_000);

  it('Open311 keys are issued in the console, shown once, and revoked', async () => {
    const page = await stack.signIn('admin', '/triage', { label: 'admin-open311' });
    await page.getByTestId('nav-open311Clients').click();
    await page.getByTestId('open311-client-add').click();
    await page.getByTestId('open311-issue-dialog').waitFor();
    await page.getByTestId('open311-client-name').fill('FixMyStreet Kraków');
    await page.getByTestId('open311-client-contact').fill('fms@partner.example');
    await page.getByTestId('open311-issue-submit').click();
    const key = (await page.getByTestId('open311-issued-key').innerText()).trim();
    expect(key).toMatch(/^kck311_/);
    const row = page.getByTestId('open311-client-row').filter({ hasText: 'FixMyStreet Kraków' });
    await row.waitFor();
    expect(await row.innerText()).toContain(key.slice(-4));
    expect(await page.getByTestId('open311-clients-table').innerText()).not.toContain(key);

    const post = () =>
      fetch(`${stack.baseUrl}/open311/v2/requests.json`, {
        method: 'POST',
        body: new URLSearchParams({ api_key: key, service_code: 'roads.signs', address_string: 'ul. Długa 1' }),
      });
    expect((await post()).status).toBe(201);
    await row.getByTestId('open311-client-revoke').click();
    await page.getByTestId('open311-revoke-submit').click();
    await page.getByTestId('open311-revoke-dialog').waitFor({ state: 'detached' });
    await page.locator('[data-testid="open311-client-row"][data-revoked="true"]').waitFor();
    expect((await post()).status).toBe(403);
    expect(stack.consoleErrors).toEqual([]);
  });
});
