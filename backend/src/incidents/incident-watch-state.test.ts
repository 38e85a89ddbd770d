import { describe, expect, it } from 'vitest';
import { FailedJobWindow, WatchState } from './incident-watch-state.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, seconds));
const down = (detail = 'Meilisearch: connect ECONNREFUSED') => [
  { probe: 'meilisearch' as const, failing: true, detail },
];
const up = [{ probe: 'meilisearch' as const, failing: false, detail: '' }];

describe('WatchState', () => {
  describe('when a dependency fails', () => {
    it('is due to open only once it has failed for the threshold, from its first failed check', () => {
      const state = new WatchState(30_000);
      state.observe(up, at(0));
      state.observe(down(), at(5));
      state.observe(down('Meilisearch: timeout'), at(20));
      expect(state.dueToOpen(at(34))).toEqual([]);
      state.observe(down('Meilisearch: timeout'), at(35));
      expect(state.dueToOpen(at(35))).toEqual([
        { probe: 'meilisearch', since: at(5), detail: 'Meilisearch: connect ECONNREFUSED' },
      ]);
    });

    it('is not due again once the incident exists', () => {
      const state = new WatchState(10_000);
      state.observe(down(), at(0));
      state.observe(down(), at(10));
      state.markOpened('meilisearch');
      expect(state.dueToOpen(at(20))).toEqual([]);
    });

    it('keeps its state through a round in which the check could not run', () => {
      const state = new WatchState(10_000);
      state.observe(down(), at(0));
      state.observe([], at(5));
      state.observe(down(), at(10));
      expect(state.dueToOpen(at(10)).map((d) => d.since)).toEqual([at(0)]);
    });
  });

  describe('when it answers again', () => {
    it('has the outage to record, ending at the first good check', () => {
      const state = new WatchState(10_000);
      state.observe(down(), at(0));
      state.observe(down(), at(12));
      state.markOpened('meilisearch');
      state.observe(up, at(17));
      state.observe(up, at(22));
      expect(state.pendingRecoveries()).toEqual([
        { probe: 'meilisearch', from: at(0), to: at(17), detail: 'Meilisearch: connect ECONNREFUSED' },
      ]);
      // Its recovery not written yet, it does not count as answering for closing other processes' incidents.
      expect(state.goodSince('meilisearch')).toBeNull();
      state.markRecorded(state.pendingRecoveries()[0]!);
      expect(state.pendingRecoveries()).toEqual([]);
      expect(state.goodSince('meilisearch')).toEqual(at(17));
    });

    it('records an outage as long as the threshold even when no incident could be opened (PostgreSQL was down)', () => {
      const state = new WatchState(10_000);
      state.observe([{ probe: 'postgres', failing: true, detail: 'PostgreSQL: ECONNREFUSED' }], at(0));
      state.observe([{ probe: 'postgres', failing: false, detail: '' }], at(25));
      expect(state.pendingRecoveries()).toEqual([
        { probe: 'postgres', from: at(0), to: at(25), detail: 'PostgreSQL: ECONNREFUSED' },
      ]);
    });

    it('forgets a blip shorter than the threshold', () => {
      const state = new WatchState(10_000);
      state.observe(down(), at(0));
      state.observe(up, at(5));
      expect(state.pendingRecoveries()).toEqual([]);
      expect(state.dueToOpen(at(30))).toEqual([]);
    });
  });
});

describe('FailedJobWindow', () => {
  it('counts the rise over the window, not the failed jobs kept from before', () => {
    const window = new FailedJobWindow(60_000);
    expect(window.note(0, 500)).toBe(0);
    expect(window.note(30_000, 510)).toBe(10);
    // The baseline is the last count from before the window began (500, at 0 s).
    expect(window.note(70_000, 530)).toBe(30);
    // Sixty seconds after the last rise, nothing new has failed.
    expect(window.note(140_000, 530)).toBe(0);
  });

  it('does not count a drop (jobs retried or removed) as failures', () => {
    const window = new FailedJobWindow(60_000);
    window.note(0, 40);
    expect(window.note(10_000, 0)).toBe(0);
    expect(window.note(20_000, 3)).toBe(3);
  });
});
