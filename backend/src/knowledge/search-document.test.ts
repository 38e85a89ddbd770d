// The date until which agents find an article: validTo, or an event's last day when that comes first (in Kraków).
import { describe, expect, it } from 'vitest';
import { effectiveValidTo, warsawDate } from './search-document.ts';

describe('effectiveValidTo', () => {
  it('is validTo for every type but events', () => {
    expect(effectiveValidTo('service_card', '2027-01-31', { startsAt: '2020-01-01T10:00:00Z' })).toBe('2027-01-31');
    expect(effectiveValidTo('procedure', null, {})).toBeNull();
  });

  it("is an event's end day in Kraków, or its start day without an end, whichever of it and validTo comes first", () => {
    // 23:30 UTC on 31 May is already 1 June in Kraków.
    expect(effectiveValidTo('event', null, { startsAt: '2026-05-31T20:00:00Z', endsAt: '2026-05-31T23:30:00Z' })).toBe(
      '2026-06-01',
    );
    expect(effectiveValidTo('event', null, { startsAt: '2026-06-10T08:00:00+02:00', endsAt: null })).toBe('2026-06-10');
    expect(effectiveValidTo('event', '2026-06-05', { startsAt: '2026-06-10T08:00:00+02:00' })).toBe('2026-06-05');
    expect(effectiveValidTo('event', '2026-06-30', { startsAt: '2026-06-10T08:00:00+02:00' })).toBe('2026-06-10');
  });

  it('keeps validTo when an event has no readable date', () => {
    expect(effectiveValidTo('event', '2026-06-30', { startsAt: 'soon' })).toBe('2026-06-30');
    expect(effectiveValidTo('event', null, null)).toBeNull();
  });
});

describe('warsawDate', () => {
  it('is the calendar day in Kraków', () => {
    expect(warsawDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(warsawDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});
