// The knowledge-base editor's work in a real browser: a new article written with the Markdown editor (the
// preview follows the text), sent to review, published, edited again, two versions compared; then a synonym
// group added, after which a search by the synonym finds the article. Screenshots go to /tmp/kb-*.png.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

// Made-up words no seeded article holds, so other test files in this database never meet them.
const RUN = Date.now().toString(36);
const WORD = `nakretkownik${RUN}`;
const SYNONYM = `kapslomat${RUN}`;
const TITLE = `Zbiórka nakrętek ${RUN}`;

let stack: BrowserStack;
let articleId = '';

beforeAll(async () => {
  stack = await startBrowserStack();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

async function status(page: Page): Promise<string | null> {
  return page.getByTestId('kb-workflow').getByTestId('kb-status').getAttribute('data-status');
}

async function waitForStatus(page: Page, expected: string): Promise<void> {
  await page.locator(`[data-testid="kb-workflow"] [data-testid="kb-status"][data-status="${expected}"]`).waitFor();
}

describe('the knowledge-base editor', () => {
  it('writes an article with a live preview, reviews, publishes, edits it again and compares versions', async () => {
    const editor = await stack.signIn('redaktor', '/knowledge');
    await editor.getByTestId('nav-knowledgeArticles').click();
    await editor.waitForURL('**/kb/articles');
    await editor.getByTestId('kb-article-row').first().waitFor();
    await editor.screenshot({ path: '/tmp/kb-articles.png' });
    await editor.getByTestId('kb-article-new').click();
    await editor.waitForURL('**/kb/articles/new');

    // Sent empty: the form names the title without asking the server.
    await editor.getByTestId('kb-editor-save').click();
    await editor.getByTestId('kb-editor-invalid').waitFor();

    await editor.getByTestId('kb-editor-type').selectOption('procedure');
    await editor.getByTestId('kb-editor-title').fill(TITLE);
    await editor.getByTestId('kb-editor-tags').fill('ekologia, zbiórka');
    await editor.getByTestId('kb-field-appliesWhen').fill('Mieszkaniec pyta, gdzie oddać plastikowe nakrętki.');
    await editor.getByTestId('kb-field-steps').fill('Zapytaj o dzielnicę.\nPodaj najbliższy punkt zbiórki.');
    const body = editor.getByTestId('kb-editor-body');
    await body.fill(
      `# Punkty zbiórki\n\nNakrętki przyjmuje **${WORD}** w każdej dzielnicy.\n\n- Rynek Główny\n- Nowa Huta`,
    );
    // The preview renders the Markdown as it is typed: a heading, bold text, a list.
    const preview = editor.getByTestId('kb-editor-preview');
    await preview.locator('h1', { hasText: 'Punkty zbiórki' }).waitFor();
    expect(await preview.locator('strong').innerText()).toBe(WORD);
    expect(await preview.locator('li').count()).toBe(2);
    await editor.screenshot({ path: '/tmp/kb-editor.png', fullPage: true });
    await editor.screenshot({ path: path.join(screenshots, 'kb-editor.png'), fullPage: true });

    await editor.getByTestId('kb-editor-save').click();
    await editor.waitForURL(/\/kb\/articles\/[0-9a-f-]{36}$/);
    articleId = editor.url().split('/').pop() ?? '';
    await waitForStatus(editor, 'draft');

    await editor.getByTestId('kb-transition-review').click();
    await waitForStatus(editor, 'review');
    await editor.getByTestId('kb-transition-published').click();
    await waitForStatus(editor, 'published');
    expect(await status(editor)).toBe('published');
    await editor.screenshot({ path: '/tmp/kb-editor-published.png' });

    // Edited again: a new line in the body, with a note for the history.
    await body.fill(
      `# Punkty zbiórki\n\nNakrętki przyjmuje **${WORD}** w każdej dzielnicy.\n\n- Rynek Główny\n- Podgórze`,
    );
    await editor.getByTestId('kb-editor-change-note').fill('Punkt w Nowej Hucie zamknięty, nowy w Podgórzu.');
    await editor.getByTestId('kb-editor-save').click();
    await editor.getByTestId('kb-editor-dirty').waitFor({ state: 'detached' });
    expect(await editor.getByTestId('kb-editor-body').inputValue()).toContain('Podgórze');

    await editor.getByTestId('kb-editor-history').click();
    await editor.waitForURL('**/history');
    const rows = editor.getByTestId('kb-version-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    // By default the newest version is compared with the one before it: the edit shows as lines.
    const diff = editor.getByTestId('kb-diff');
    await diff.waitFor();
    await diff.locator('[data-testid="kb-diff-line"][data-kind="added"]', { hasText: 'Podgórze' }).waitFor();
    await diff.locator('[data-testid="kb-diff-line"][data-kind="removed"]', { hasText: 'Nowa Huta' }).waitFor();
    // Comparing the first version with the newest one shows the same edit.
    await rows.last().getByTestId('kb-diff-from').check();
    await editor.getByText(/wersja 1 →/).waitFor();
    await diff.locator('[data-testid="kb-diff-line"][data-kind="added"]', { hasText: 'Podgórze' }).waitFor();
    await editor.screenshot({ path: '/tmp/kb-history.png', fullPage: true });
  }, 90_000);

  it('edits the synonyms, and a search by the new synonym finds the article', async () => {
    expect(articleId).not.toBe('');
    const editor = await stack.signIn('redaktor', '/knowledge');
    await editor.getByTestId('nav-knowledgeSynonyms').click();
    await editor.waitForURL('**/kb/synonyms');
    await editor.getByTestId('kb-synonym-group').first().waitFor();
    expect(await editor.getByTestId('kb-synonym-group').first().inputValue()).toContain('odpady');
    await editor.getByTestId('kb-synonym-add').click();
    await editor.getByTestId('kb-synonym-group').last().fill(`${SYNONYM}, ${WORD}`);
    await editor.screenshot({ path: '/tmp/kb-synonyms.png', fullPage: true });
    await editor.getByTestId('kb-synonyms-save').click();
    await expect.poll(() => editor.getByTestId('kb-synonyms-status').textContent()).not.toBe('');

    // The index and the engine's synonyms update in the background: ask again until the article turns up.
    const agent = await stack.signIn(await stack.newAgent(), '/calls');
    await expect
      .poll(
        async () => {
          await agent.goto(`${stack.baseUrl}/knowledge`);
          await agent.getByTestId('kb-search').fill(SYNONYM);
          await agent.locator('[data-testid="kb-hit"], [data-testid="kb-no-hits"]').first().waitFor();
          return agent.locator(`[data-testid="kb-hit"][data-article-id="${articleId}"]`).count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(1);
    await agent.locator(`[data-testid="kb-hit"][data-article-id="${articleId}"]`).click();
    await agent.getByTestId('kb-article-body').locator('strong', { hasText: WORD }).waitFor();
    await agent.locator('[data-testid="kb-fields"][data-type="procedure"] ol li').first().waitFor();
    await agent.screenshot({ path: '/tmp/kb-article-procedure.png', fullPage: true });
  }, 90_000);

  it('shows analysts the gaps report: a query that found nothing is listed', async () => {
    const agent = await stack.signIn(await stack.newAgent(), '/calls');
    await agent.goto(`${stack.baseUrl}/knowledge`);
    const nothing = `brakartykulu${RUN}`;
    await agent.getByTestId('kb-search').fill(nothing);
    await agent.getByTestId('kb-no-hits').waitFor();

    const analyst = await stack.signIn('analityk', '/dashboard');
    await analyst.getByTestId('nav-knowledgeGaps').click();
    await analyst.waitForURL('**/kb/gaps');
    await analyst.getByTestId('kb-gaps-zero-row').filter({ hasText: nothing }).waitFor();
    // The synonym search of the test above opened the article: it counts among the most opened.
    await analyst.locator(`[data-testid="kb-gaps-top-row"][data-article-id="${articleId}"]`).waitFor();
    await analyst.screenshot({ path: '/tmp/kb-gaps.png', fullPage: true });
    // Two sign-ins and a search: on a loaded CI machine that alone took longer than 30 s.
  }, 90_000);

  it('left no error in any browser console', () => {
    expect(stack.consoleErrors).toEqual([]);
  });
});
