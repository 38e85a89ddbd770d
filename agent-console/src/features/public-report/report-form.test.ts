import { describe, expect, it } from 'vitest';
import type { PublicCategoryDto } from '@kck/contracts';
import {
  addressWithStreet,
  emptyDraft,
  fold,
  inFormOrder,
  matchesCategory,
  newSubmissionId,
  reportRequest,
  requestErrors,
} from './report-form';

const pothole: PublicCategoryDto = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'roads.pothole',
  labelPl: 'Dziura w jezdni',
  labelEn: 'Pothole',
  groupCode: 'roads',
  groupLabelPl: 'Drogi i chodniki',
  groupLabelEn: 'Roads and pavements',
};

describe('the web form rules', () => {
  it('finds a category by the start of any word, without Polish letters, in any language', () => {
    expect(fold('Łódź, ŚWIĘTEGO')).toBe('lodz swietego');
    expect(matchesCategory(pothole, 'Вибоїна на дорозі', 'dziu jezd')).toBe(true);
    expect(matchesCategory(pothole, 'Вибоїна на дорозі', 'drogi')).toBe(true);
    expect(matchesCategory(pothole, 'Вибоїна на дорозі', 'вибоїна')).toBe(true);
    expect(matchesCategory(pothole, '', 'ura')).toBe(false);
  });

  it('sends only what was filled in, the consent version only when ticked, and checks it as the server does', () => {
    const id = newSubmissionId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const draft = { ...emptyDraft(), categoryId: pothole.id, description: 'Dziura na całą szerokość pasa.' };
    expect(reportRequest(draft, id, 'v1', 'uk', {})).toEqual({
      submissionId: id,
      type: 'problem',
      categoryId: pothole.id,
      description: 'Dziura na całą szerokość pasa.',
      language: 'uk',
    });
    const withEmail = reportRequest({ ...draft, email: 'a@example.org' }, id, 'v1', 'pl', {});
    expect(withEmail.consentVersion).toBeUndefined();
    expect(requestErrors(withEmail).map((e) => e.path)).toEqual(['consentVersion']);
    expect(
      requestErrors(reportRequest({ ...draft, email: 'a@example.org', consent: true }, id, 'v1', 'pl', {})),
    ).toEqual([]);
    const bad = requestErrors(reportRequest({ ...emptyDraft(), description: 'krótko' }, id, 'v1', 'pl', {}));
    expect(inFormOrder(bad).map((e) => e.path)).toEqual(['categoryId', 'description']);
  });

  it('keeps the house number typed when a street is picked', () => {
    expect(addressWithStreet('florianska 12a', { label: 'ul. Floriańska' })).toBe('ul. Floriańska 12a');
    expect(addressWithStreet('floria', { label: 'ul. Floriańska' })).toBe('ul. Floriańska');
  });
});
