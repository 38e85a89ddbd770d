import { describe, expect, it } from 'vitest';
import { publicState, publicTimeline, type HistoryRow } from './public-timeline.ts';

let seq = 0;
const row = (kind: string, extra: Partial<HistoryRow> = {}): HistoryRow => ({
  seq: ++seq,
  kind,
  at: new Date(Date.UTC(2026, 10, 23, 8, seq)),
  changes: {},
  reason: null,
  commentKind: null,
  commentBody: null,
  noActor: false,
  ...extra,
});

const units = new Map([
  ['ZDMK', 'Zarząd Dróg Miasta Krakowa'],
  ['DK-03', 'Krakowskie Centrum Kontaktu'],
]);

describe('publicTimeline', () => {
  it('names units by their public names and shows only words meant for the resident', () => {
    const steps = publicTimeline(
      [
        row('ticket.created', { changes: { status: { from: null, to: 'new' } } }),
        row('ticket.sent_to_triage', { reason: 'Brak reguły' }),
        row('ticket.routed', {
          changes: { unit: { from: 'DK-03', to: 'ZDMK' } },
          reason: 'Przekazane ręcznie: Anna Triażowa',
        }),
        row('ticket.accepted', { reason: 'Jan Drogowiec przyjął' }),
        row('ticket.assigned', { changes: { assignee: { from: null, to: 'Jan Drogowiec' } } }),
        row('ticket.commented', { commentKind: 'internal', commentBody: 'Notatka wewnętrzna: Jan sprawdzi' }),
        row('ticket.started'),
        row('ticket.answered', { commentKind: 'answer', commentBody: 'Ubytek załatamy w tym tygodniu.' }),
        row('ticket.resident_message', { commentKind: 'resident', commentBody: 'Dziura się powiększa.' }),
        row('ticket.attachment_added', { changes: { attachment: { from: null, to: 'scan.pdf' } } }),
        row('ticket.attachment_added', {
          changes: { attachment: { from: null, to: 'dziura.jpg' }, author: { from: null, to: 'resident' } },
          noActor: true,
        }),
        row('ticket.returned', { reason: 'Nie nasza sprawa, Jan' }),
        row('ticket.resolved', { changes: { resolution: { from: null, to: 'Załatane.' } } }),
        row('ticket.reopened', { reason: 'Triaż: ponownie, Anna' }),
        row('ticket.reopened', {
          reason: 'Nadal jest dziura',
          changes: { author: { from: null, to: 'resident' } },
          noActor: true,
        }),
        row('ticket.rated', { changes: { rating: { from: null, to: 4 } }, reason: 'Szybko' }),
      ],
      units,
      'Krakowskie Centrum Kontaktu',
    );
    expect(steps.map((s) => s.kind)).toEqual([
      'received',
      'assessing',
      'routed',
      'accepted',
      'in_progress',
      'answer',
      'your_message',
      'your_photo',
      'assessing',
      'resolved',
      'reopened',
      'reopened',
      'rated',
    ]);
    expect(steps[2]).toMatchObject({ unitName: 'Zarząd Dróg Miasta Krakowa', text: null });
    expect(steps[5]).toMatchObject({ text: 'Ubytek załatamy w tym tygodniu.', unitName: 'Zarząd Dróg Miasta Krakowa' });
    expect(steps[7]).toMatchObject({ fileName: 'dziura.jpg' });
    expect(steps[10]!.text).toBeNull();
    expect(steps[11]!.text).toBe('Nadal jest dziura');
    expect(steps[12]).toMatchObject({ score: 4, text: 'Szybko' });
    const everything = JSON.stringify(steps);
    for (const secret of ['Anna', 'Jan', 'Notatka', 'scan.pdf', 'Brak reguły', 'Nie nasza'])
      expect(everything).not.toContain(secret);
  });

  it('carries merges, splits, rejections and idea decisions with what the resident needs', () => {
    const steps = publicTimeline(
      [
        row('ticket.merged', { changes: { duplicateOf: { from: null, to: 'KCK/2026/000007' } } }),
        row('ticket.split', { changes: { parts: { from: null, to: ['KCK/2026/000008', 'KCK/2026/000009'] } } }),
        row('ticket.rejected', { changes: { resolution: { from: null, to: 'To nie sprawa miasta.' } } }),
        row('ticket.idea_decided', {
          changes: { ideaDecision: { from: null, to: 'accepted' }, resolution: { from: null, to: 'Zrobimy.' } },
        }),
        row('ticket.waiting_for_resident', { reason: 'Proszę podać numer latarni.' }),
      ],
      units,
      null,
    );
    expect(steps.map((s) => [s.kind, s.numbers, s.text, s.decision])).toEqual([
      ['merged', ['KCK/2026/000007'], null, null],
      ['split', ['KCK/2026/000008', 'KCK/2026/000009'], null, null],
      ['rejected', [], 'To nie sprawa miasta.', null],
      ['idea_decided', [], 'Zrobimy.', 'accepted'],
      ['question', [], 'Proszę podać numer latarni.', null],
    ]);
  });
});

describe('publicState', () => {
  it('reads statuses as the resident would, and a question to them while it waits', () => {
    expect(publicState('new', false)).toBe('received');
    expect(publicState('returned', false)).toBe('assessing');
    expect(publicState('accepted', false)).toBe('in_progress');
    expect(publicState('in_progress', true)).toBe('waiting_for_you');
    expect(publicState('duplicate', false)).toBe('merged');
  });
});
