// Phone surveys in a real browser: an analyst builds a survey with all four kinds of question (a bad one refused
// beside its field) and activates it; an agent runs it for a live call with the keyboard alone; the analyst reads
// the results (bars and tables) and the CSV link. Screenshots land in var/screenshots/surveys-*.png.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LiveCallDto } from '@kck/contracts';
import { hashPassword } from '../../backend/src/auth/passwords.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { DEMO_PASSWORD, screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';
import { describeViolations, seriousViolations } from '../support/axe.ts';

let stack: BrowserStack;
/** An agent of this file's own: the demo `agent` is shared with other files, and a live call would get in their way. */
let agentLogin = '';

beforeAll(async () => {
  stack = await startBrowserStack({ worker: false });
  agentLogin = `ankieter-${randomBytes(3).toString('hex')}`;
  await stack.db.query(
    `INSERT INTO app_user (login, display_name, password_hash, role, unit_id)
     VALUES ($1, 'Olga Ankieterka', $2, 'agent', (SELECT id FROM unit WHERE code = 'DK-02'))`,
    [agentLogin, await hashPassword(DEMO_PASSWORD)],
  );
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

/** No serious or critical WCAG 2.1 AA violation in the survey screen (the app bar around it is other screens' too). */
async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page, { exclude: ['header'] });
  expect(violations, describeViolations(violations)).toEqual([]);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `surveys-${name}.png`), fullPage: true });

/** An attribute of the element that has the focus (evaluated in the page; the test code has no DOM types). */
const focused = (page: Page, attribute: string) =>
  page.evaluate<string | null>(
    `document.activeElement && document.activeElement.getAttribute(${JSON.stringify(attribute)})`,
  );

const warsawDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(at);

async function fillQuestion(
  page: Page,
  index: number,
  fields: {
    kind: string;
    text: string;
    options?: string;
    required?: boolean;
    scale?: [string, string, string, string];
  },
) {
  const editor = page.getByTestId('survey-question-editor').nth(index);
  await editor.getByTestId('survey-question-kind').selectOption(fields.kind);
  await editor.getByTestId('survey-question-text').fill(fields.text);
  if (fields.options !== undefined) await editor.getByTestId('survey-question-options').fill(fields.options);
  if (fields.scale) {
    const [min, max, minLabel, maxLabel] = fields.scale;
    await editor.getByTestId('survey-question-scaleMin').fill(min);
    await editor.getByTestId('survey-question-scaleMax').fill(max);
    await editor.getByTestId('survey-question-minLabel').fill(minLabel);
    await editor.getByTestId('survey-question-maxLabel').fill(maxLabel);
  }
  if (fields.required === false) await editor.getByTestId('survey-question-required').uncheck();
}

describe('phone surveys', () => {
  it('an analyst builds and activates a survey, an agent runs it from the keyboard, the analyst sees the results', async () => {
    // --- The analyst writes the survey.
    const analyst = await stack.signIn('analityk', '/dashboard');
    await analyst.getByTestId('nav-surveys').click();
    await analyst.getByTestId('survey-add').click();
    await analyst.getByTestId('survey-editor').waitFor();
    const title = `Ocena punktów obsługi ${randomBytes(2).toString('hex')}`;
    await analyst.getByTestId('survey-title').fill(title);
    await analyst.getByTestId('survey-periodFrom').fill(warsawDate(new Date()));
    await analyst.getByTestId('survey-periodTo').fill(warsawDate(new Date(Date.now() + 30 * 86_400_000)));
    await analyst.getByTestId('survey-commissionedByName').fill('Jan Przykładowy, Zastępca Dyrektora');
    const dk = await stack.db.query<{ id: string }>(`SELECT id FROM unit WHERE code = 'DK'`);
    await analyst.getByTestId('survey-commissionedByUnitId').selectOption(dk.rows[0]!.id);
    await analyst.getByTestId('survey-description').fill('Czy zgodzi się Pan/Pani odpowiedzieć na cztery pytania?');

    await fillQuestion(analyst, 0, { kind: 'single_choice', text: 'Czy załatwił(a) Pan/Pani sprawę?', options: 'Tak' });
    for (let i = 0; i < 3; i++) await analyst.getByTestId('survey-add-question').click();
    await fillQuestion(analyst, 1, {
      kind: 'multiple_choice',
      text: 'Które punkty obsługi Pan/Pani odwiedził(a)?',
      options: 'Wielicka\nOs. Zgody\nRynek Podgórski',
      required: false,
    });
    await fillQuestion(analyst, 2, {
      kind: 'scale',
      text: 'Jak ocenia Pan/Pani czas oczekiwania?',
      scale: ['1', '5', 'bardzo długo', 'bardzo krótko'],
    });
    await fillQuestion(analyst, 3, { kind: 'free_text', text: 'Co powinniśmy zmienić?', required: false });

    // A choice question with one option is refused in the browser by the contracts' schema, beside its field.
    await analyst.getByTestId('survey-save').click();
    await analyst.getByText('Podaj od 2 do 20 różnych odpowiedzi, najwyżej 200 znaków każda.').waitFor();
    await analyst.getByTestId('survey-question-editor').nth(0).getByTestId('survey-question-options').fill('Tak\nNie');
    await shot(analyst, 'editor');
    await expectAccessible(analyst);
    await analyst.getByTestId('survey-save').click();
    await analyst.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
    const surveyId = analyst.url().split('/').pop()!;
    await analyst.getByTestId('survey-activate').click();
    await analyst.locator('[data-testid="survey-status"][data-status="active"]').waitFor();
    // Active: the questions are shown, no longer editable.
    await analyst.getByTestId('survey-questions-locked').waitFor();
    expect(await analyst.getByTestId('survey-question-editor').count()).toBe(0);

    // --- The agent runs it during a live call, with the keyboard only.
    const api = await signedIn(stack.baseUrl, agentLogin);
    const call = await api.post<LiveCallDto>('/api/calls/start', { direction: 'out', callerPhone: '+48 12 616 55 55' });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    const agent = await stack.signIn(agentLogin);
    await agent.goto(`${stack.baseUrl}/surveys/run/${call.body.id}`);
    await agent.getByTestId('survey-runner').waitFor();
    // The focus lands on the chosen survey; arrows move through the list (the seed's demo survey and other test
    // files' surveys are there too).
    await expect.poll(() => focused(agent, 'data-testid')).toMatch(/^survey-pick-/);
    const listed = await agent.locator('[data-testid^="survey-pick-"]').count();
    for (let i = 0; i < listed && (await focused(agent, 'data-testid')) !== `survey-pick-${surveyId}`; i++)
      await agent.keyboard.press('ArrowDown');
    expect(await focused(agent, 'data-testid')).toBe(`survey-pick-${surveyId}`);
    await agent.keyboard.press('Enter');
    await agent.getByTestId('survey-runner-intro').waitFor();
    expect(await focused(agent, 'data-testid')).toBe('survey-runner-agree');
    await agent.keyboard.press('Enter');

    // 1. Single choice: the first option has the focus; the arrow chooses the next one, Enter goes on.
    await agent.locator('[data-testid="survey-runner-question"][data-position="1"]').waitFor();
    expect(await focused(agent, 'data-testid')).toBe('survey-answer-1');
    await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('Enter');
    // 2. Multiple choice: Space ticks, Tab moves on.
    await agent.locator('[data-testid="survey-runner-question"][data-position="2"]').waitFor();
    expect(await focused(agent, 'data-testid')).toBe('survey-answer-1');
    await agent.keyboard.press('Space');
    await agent.keyboard.press('Tab');
    await agent.keyboard.press('Tab');
    await agent.keyboard.press('Space');
    await agent.keyboard.press('Enter');
    // 3. Scale: Enter without an answer is refused and read out; then Space and arrows choose 4.
    await agent.locator('[data-testid="survey-runner-question"][data-position="3"]').waitFor();
    expect(await focused(agent, 'data-testid')).toBe('survey-answer-1');
    await agent.keyboard.press('Enter');
    expect(await agent.getByTestId('survey-runner-problem').innerText()).toBe('To pytanie wymaga odpowiedzi.');
    expect(await agent.getByTestId('survey-runner-problem').getAttribute('role')).toBe('alert');
    await agent.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await agent.keyboard.press('ArrowRight');
    await shot(agent, 'runner-scale');
    await expectAccessible(agent);
    await agent.keyboard.press('Enter');
    // 4. Free text: typed, Enter goes on to the summary.
    await agent.locator('[data-testid="survey-runner-question"][data-position="4"]').waitFor();
    expect(await focused(agent, 'data-testid')).toBe('survey-answer-text');
    await agent.keyboard.type('Dłużej otwarte; także w "soboty"');
    await agent.keyboard.press('Enter');
    await agent.getByTestId('survey-runner-summary').waitFor();
    const summary = await agent.getByTestId('survey-runner-summary').innerText();
    for (const expected of ['Nie', 'Wielicka, Rynek Podgórski', '4', 'Dłużej otwarte; także w "soboty"'])
      expect(summary).toContain(expected);
    await shot(agent, 'runner-summary');
    expect(await focused(agent, 'data-testid')).toBe('survey-runner-save');
    await agent.keyboard.press('Enter');
    await agent.locator('[data-testid="survey-runner-done"][data-declined="false"]').waitFor();

    const stored = await stack.db.query<{
      position: number;
      option_ids: string[] | null;
      scale_value: number | null;
      text_value: string | null;
    }>(
      `SELECT q.position, a.option_ids, a.scale_value, a.text_value
         FROM survey_response r JOIN survey_answer a ON a.response_id = r.id JOIN survey_question q ON q.id = a.question_id
        WHERE r.survey_id = $1 AND r.interaction_id = $2 ORDER BY q.position`,
      [surveyId, call.body.id],
    );
    expect(stored.rows).toEqual([
      { position: 1, option_ids: ['2'], scale_value: null, text_value: null },
      { position: 2, option_ids: ['1', '3'], scale_value: null, text_value: null },
      { position: 3, option_ids: null, scale_value: 4, text_value: null },
      { position: 4, option_ids: null, scale_value: null, text_value: 'Dłużej otwarte; także w "soboty"' },
    ]);
    // The call keeps its one response: the survey is marked as done for it.
    await agent.keyboard.press('Tab');
    expect(await agent.evaluate<string | null>('document.activeElement && document.activeElement.textContent')).toBe(
      'Inna ankieta',
    );
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.getByTestId(`survey-pick-${surveyId}`).isDisabled()).toBe(true);

    // --- The analyst reads the results.
    await analyst.getByTestId('nav-surveys').click();
    await analyst
      .locator(`[data-testid="survey-row"][data-survey-id="${surveyId}"]`)
      .getByTestId('survey-row-results')
      .click();
    await analyst.getByTestId('survey-results-responses').waitFor();
    expect(await analyst.getByTestId('survey-results-responses').innerText()).toBe('1');
    expect(await analyst.getByTestId('survey-results-declined').innerText()).toBe('0');
    const results = analyst.getByTestId('survey-question-result');
    expect(await results.count()).toBe(4);
    const row = (question: number, label: string) =>
      results.nth(question).locator(`[data-testid="survey-result-row"][data-label="${label}"]`);
    expect(await row(0, 'Nie').getByTestId('survey-result-count').innerText()).toBe('1');
    expect(await row(0, 'Tak').getByTestId('survey-result-count').innerText()).toBe('0');
    expect(await row(1, 'Rynek Podgórski').innerText()).toContain('100%');
    expect(await results.nth(2).getByTestId('survey-result-mean').innerText()).toBe('Średnia: 4');
    expect(await row(2, '4').getByTestId('survey-result-count').innerText()).toBe('1');
    // The bars are drawn to scale: a full bar for 100%, none for 0%.
    const barWidth = (question: number, label: string) =>
      row(question, label)
        .getByTestId('survey-result-bar')
        .evaluate(
          (bar) => (bar as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width,
        );
    expect(await barWidth(0, 'Nie')).toBeGreaterThan(50);
    expect(await barWidth(0, 'Tak')).toBe(0);
    expect(await results.nth(3).getByTestId('survey-result-text').innerText()).toBe('Dłużej otwarte; także w "soboty"');
    expect(await analyst.getByTestId('survey-csv').getAttribute('href')).toBe(`/api/surveys/${surveyId}/responses.csv`);
    await shot(analyst, 'results');
    await expectAccessible(analyst);
    expect(stack.consoleErrors).toEqual([]);
  }, 120_000);
});
