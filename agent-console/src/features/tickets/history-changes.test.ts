// The history reads as Polish (and English) sentences, not raw values: flags as what happened, translated
// statuses, priorities and decisions, local dates, and no ids.
import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import pl from '../../i18n/pl.json';
import en from '../../i18n/en.json';
import { describeChange, shownChanges } from './history-changes';

let t: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  t = await i18next.createInstance().init({ lng: 'pl', resources: { pl: { translation: pl } } });
  tEn = await i18next.createInstance().init({ lng: 'en', resources: { en: { translation: en } } });
});

describe('describeChange', () => {
  it('reads the waiting flag and the undelivered flag as what happened', () => {
    expect(describeChange('waitingForResident', { from: false, to: true }, t, 'pl')).toBe(
      'Termin wstrzymany: czeka na odpowiedź mieszkańca',
    );
    expect(describeChange('waitingForResident', { from: true, to: false }, t, 'pl')).toBe('Termin wznowiony');
    expect(describeChange('deliveryFailed', { from: false, to: true }, tEn, 'en')).toBe(
      "Not delivered to the unit's system",
    );
    expect(describeChange('deliveryFailed', { from: true, to: false }, t, 'pl')).toBe(
      'Ostrzeżenie o niedoręczeniu zdjęte',
    );
  });

  it('shows a moved due date in Kraków time and translates statuses, priorities and idea decisions', () => {
    expect(describeChange('dueAt', { from: '2026-12-01T14:30:00.000Z', to: '2026-12-08T14:30:00.000Z' }, t, 'pl')).toBe(
      'Termin: 1.12.2026, 15:30 → 8.12.2026, 15:30',
    );
    expect(describeChange('status', { from: 'routed', to: 'accepted' }, t, 'pl')).toBe(
      `Status: ${pl.status.routed} → ${pl.status.accepted}`,
    );
    expect(describeChange('priority', { from: 'normal', to: 'urgent' }, tEn, 'en')).toBe('Priority: normal → urgent');
    expect(describeChange('ideaDecision', { from: null, to: 'rejected' }, t, 'pl')).toBe('Decyzja: Odrzucony');
  });

  it('names what came to be without a "from" and lists several values', () => {
    expect(describeChange('assignee', { from: null, to: 'Anna Nowak' }, t, 'pl')).toBe('Przypisane do: Anna Nowak');
    expect(describeChange('assignee', { from: 'Anna Nowak', to: null }, t, 'pl')).toBe('Przypisane do: Anna Nowak → —');
    expect(describeChange('escalatedTo', { from: null, to: ['WI', 'DK-03'] }, t, 'pl')).toBe('Eskalacja do: WI, DK-03');
  });
});

describe('shownChanges', () => {
  it('leaves out ids, whose readable twins the server writes beside them', () => {
    const shown = shownChanges({
      unitId: { from: null, to: 'b0c…' },
      unit: { from: null, to: 'ZDMK' },
      assigneeId: { from: null, to: 'a1…' },
      commentId: { from: null, to: 'c2…' },
      informedUnitIds: { from: [], to: ['d3…'] },
    });
    expect(shown.map(([field]) => field)).toEqual(['unit']);
  });
});
