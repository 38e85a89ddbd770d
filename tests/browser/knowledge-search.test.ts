// The Baza Wiedzy from the hotline agent's keyboard, in a real browser: "/" focuses the search, a query typed
// without Polish letters finds the article, arrows and Enter open it (the choice lands in the search log),
// D attaches it to the call (the saved call carries its id), facets narrow the hits; an agent flags an article
// as outdated in one step and the editor resolves it from the worklist. Screenshots go to /tmp/kb-*.png.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

async function one<T>(sql: string, params: unknown[]): Promise<T> {
  return (await stack.db.query(sql, params)).rows[0] as T;
}

const hits = (page: Page) => page.getByTestId('kb-hit');

/** An attribute of the element that has the focus (evaluated in the page; the test code has no DOM types). */
const focused = (page: Page, attribute: string) =>
  page.evaluate<string | null>(
    `document.activeElement && document.activeElement.getAttribute(${JSON.stringify(attribute)})`,
  );

/** Types like a person (key by key), so the search runs while typing as it does for agents. */
async function typeQuery(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 20 });
}

describe('the knowledge base in the call panel', () => {
  it('is one key away: type without diacritics, arrows + Enter open, D attaches, the call keeps the article', async () => {
    const login = await stack.newAgent();
    const agent = await stack.signIn(login, '/calls');
    const marker = `kbtest-${Date.now()}`;
    await agent.getByTestId('call-start').click();
    const { id: topicId } = await one<{ id: string }>(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' AND code = 'city_services'`,
      [],
    );
    await agent.getByTestId('call-topic').selectOption(topicId);
    await agent.getByTestId('call-notes').fill(marker);

    // "/" from outside any text field moves focus to the search box.
    await agent.getByRole('heading', { level: 1 }).click();
    await agent.keyboard.press('/');
    expect(await focused(agent, 'data-testid')).toBe('kb-search');
    await typeQuery(agent, 'zgloszenie problemu');
    await hits(agent).first().waitFor();
    const first = hits(agent).first();
    expect(await first.innerText()).toContain('Zgłoszenie problemu');
    // The matched words are marked in the title, from the engine's ranges (no HTML from the server).
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    const engine = await agent.getByTestId('kb-engine').getAttribute('data-engine');
    expect(['meilisearch', 'postgres']).toContain(engine);
    await agent.screenshot({ path: '/tmp/kb-search.png', fullPage: true });

    // Arrows move through the hits, Enter opens the focused one in a dialog.
    const articleId = await first.getAttribute('data-article-id');
    await agent.keyboard.press('ArrowDown');
    expect(await focused(agent, 'data-article-id')).toBe(articleId);
    if ((await hits(agent).count()) > 1) {
      await agent.keyboard.press('ArrowDown');
      await agent.keyboard.press('ArrowUp');
      expect(await focused(agent, 'data-article-id')).toBe(articleId);
    }
    await agent.keyboard.press('Enter');
    const dialog = agent.getByTestId('kb-article-dialog');
    await dialog.getByTestId('kb-article').waitFor();
    expect(await dialog.getByTestId('kb-article').getAttribute('data-article-id')).toBe(articleId);
    await agent.screenshot({ path: '/tmp/kb-article.png', fullPage: true });

    // The opened article is the search's choice in the log (written in batches: poll).
    await expect
      .poll(
        async () =>
          (
            await stack.db.query(
              `SELECT count(*)::int AS n FROM knowledge_search s JOIN app_user u ON u.id = s.user_id
                WHERE u.login = $2 AND s.chosen_article_id = $1`,
              [articleId, login],
            )
          ).rows[0].n,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);

    // D attaches it to the call as information given; Escape closes the dialog.
    await agent.keyboard.press('d');
    await agent.locator(`[data-testid="call-articles"] [data-article-id="${articleId}"]`).waitFor();
    await agent.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await agent.getByTestId('call-information').inputValue()).toContain('Zgłoszenie problemu');

    // A second article straight from the list: "/", type, arrow down, D.
    await agent.getByRole('heading', { level: 1 }).click();
    await agent.keyboard.press('/');
    await agent.keyboard.press('Control+A');
    await typeQuery(agent, 'budzet obywatelski');
    // The new query's answer has replaced the old hits (and any answer to a half-typed query).
    await hits(agent).first().filter({ hasText: 'Budżet obywatelski' }).waitFor();
    await agent.keyboard.press('ArrowDown');
    const secondId = await focused(agent, 'data-article-id');
    expect(secondId).toBeTruthy();
    await agent.keyboard.press('d');
    await agent.locator(`[data-testid="call-articles"] [data-article-id="${secondId}"]`).waitFor();

    await agent.getByTestId('call-save').click();
    await agent.getByTestId('call-saved').waitFor();
    const call = await one<{ article_ids: string[] }>(`SELECT article_ids FROM interaction WHERE notes = $1`, [marker]);
    expect(call.article_ids).toEqual([articleId, secondId]);
  }, 90_000);

  it('narrows the hits by the type and unit facets', async () => {
    const agent = await stack.signIn(await stack.newAgent(), '/calls');
    await agent.goto(`${stack.baseUrl}/knowledge`);
    await agent.getByTestId('kb-search').click();
    await typeQuery(agent, 'krakow');
    await hits(agent).first().waitFor();
    const typeFacets = agent.getByTestId('kb-facet-type');
    await typeFacets.first().waitFor();
    const hitTypes = await hits(agent).evaluateAll((elements) => elements.map((e) => e.getAttribute('data-type')));
    const facetTypes = await typeFacets.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-value')));
    // A type some hit does not have, when there is one: choosing it must change the list.
    const chosen = facetTypes.find((type) => hitTypes.some((hit) => hit !== type)) ?? facetTypes[0];
    await agent.locator(`[data-testid="kb-facet-type"][data-value="${chosen}"]`).click();
    await expect
      .poll(async () => {
        const types = await hits(agent).evaluateAll((elements) => elements.map((e) => e.getAttribute('data-type')));
        return types.length > 0 && types.every((type) => type === chosen);
      })
      .toBe(true);
    expect(
      await agent.locator(`[data-testid="kb-facet-type"][data-value="${chosen}"]`).getAttribute('aria-pressed'),
    ).toBe('true');
    // Unselect it, then narrow by a unit instead.
    await agent.locator(`[data-testid="kb-facet-type"][data-value="${chosen}"]`).click();
    const unitFacet = agent.getByTestId('kb-facet-unit').first();
    await unitFacet.waitFor();
    const unit = await unitFacet.getAttribute('data-value');
    await unitFacet.click();
    await expect
      .poll(async () => {
        const units = await hits(agent).evaluateAll((elements) => elements.map((e) => e.getAttribute('data-unit')));
        return units.length > 0 && units.every((code) => code === unit);
      })
      .toBe(true);
    await agent.screenshot({ path: '/tmp/kb-facets.png', fullPage: true });

    // A unit's scope reads as numbered points with its contacts; in English after the language switch.
    await agent.getByTestId('kb-search').fill('zakres dzialania referat');
    const scopeHit = agent.locator('[data-testid="kb-hit"][data-type="unit_scope"]').first();
    await scopeHit.waitFor();
    await scopeHit.click();
    await agent.locator('[data-testid="kb-fields"][data-type="unit_scope"] ol li').first().waitFor();
    await agent.locator('[data-testid="lang-switch"] [data-lang="en"]').click();
    await agent.getByText('Report a problem with this article').waitFor();
    await agent.locator('#kb-page-label', { hasText: 'Search the knowledge base' }).waitFor();
    await agent.screenshot({ path: '/tmp/kb-article-unit-en.png', fullPage: true });
    await agent.locator('[data-testid="lang-switch"] [data-lang="pl"]').click();
  }, 60_000);

  it('says so when the PostgreSQL fallback answered instead of Meilisearch', async () => {
    // A backend of its own whose Meilisearch is a closed port: the run's Meilisearch serves the other tests.
    const meiliDown = await startBrowserStack({ worker: false, env: { MEILI_URL: 'http://127.0.0.1:1' } });
    try {
      const agent = await meiliDown.signIn(await meiliDown.newAgent(), '/calls');
      await agent.goto(`${meiliDown.baseUrl}/knowledge`);
      await agent.getByTestId('kb-search').fill('infolinia');
      const chip = agent.locator('[data-testid="kb-engine"][data-engine="postgres"]');
      await chip.waitFor();
      expect(await chip.innerText()).toContain('Wyszukiwanie zapasowe (PostgreSQL)');
      await hits(agent).first().waitFor();
      await agent.screenshot({ path: '/tmp/kb-fallback.png' });
      expect(meiliDown.consoleErrors).toEqual([]);
    } finally {
      await meiliDown.close();
    }
  }, 90_000);

  it('lets an agent flag an article as outdated in one step; the editor sees it on the worklist and resolves it', async () => {
    const agent = await stack.signIn(await stack.newAgent(), '/calls');
    await agent.goto(`${stack.baseUrl}/knowledge`);
    await agent.getByTestId('kb-search').click();
    await typeQuery(agent, 'konsultacje spoleczne');
    await hits(agent).first().waitFor();
    await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('Enter');
    const article = agent.getByTestId('kb-article');
    await article.waitFor();
    const articleId = await article.getAttribute('data-article-id');
    const comment = `Nowy adres punktu konsultacyjnego od grudnia (${Date.now()}).`;
    await agent.getByTestId('kb-feedback-outdated').click();
    await agent.getByTestId('kb-feedback-comment').fill(comment);
    await agent.keyboard.press('Enter');
    await agent.getByTestId('kb-feedback-sent').waitFor();
    await agent.screenshot({ path: '/tmp/kb-article-feedback.png', fullPage: true });

    const editor = await stack.signIn('redaktor', '/knowledge');
    await editor.getByTestId('nav-knowledgeWorklist').click();
    await editor.waitForURL('**/kb/worklist');
    const item = editor.getByTestId('kb-feedback-item').filter({ hasText: comment });
    await item.waitFor();
    expect(await item.getAttribute('data-article-id')).toBe(articleId);
    expect(await item.getByTestId('kb-feedback-kind').getAttribute('data-kind')).toBe('outdated');
    await editor.screenshot({ path: '/tmp/kb-worklist.png', fullPage: true });
    await editor.screenshot({ path: path.join(screenshots, 'kb-worklist.png'), fullPage: true });

    // The article's editor page shows the same note beside the form.
    await item.getByRole('link', { name: 'Otwórz w edytorze' }).click();
    await editor.getByTestId('kb-editor-feedback').filter({ hasText: comment }).waitFor();
    await editor.goBack();
    await item.waitFor();
    await item.getByTestId('kb-feedback-accept').click();
    await editor.getByTestId('kb-resolve-note').fill('Adres poprawiony w artykule.');
    await editor.getByTestId('kb-resolve-submit').click();
    await editor.getByTestId('kb-resolve-dialog').waitFor({ state: 'detached' });
    await item.waitFor({ state: 'detached' });
    const row = await one<{ status: string }>(`SELECT status FROM article_feedback WHERE comment = $1`, [comment]);
    expect(row.status).toBe('accepted');
  }, 60_000);

  it('left no error in any browser console', () => {
    expect(stack.consoleErrors).toEqual([]);
  });
});
