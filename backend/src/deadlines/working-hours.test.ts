// Office-hours arithmetic in Kraków time: 7:30-15:30 on working days, weekends and holidays (movable ones too) skipped.
import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  clampToOfficeHours,
  parseOfficeHours,
  subtractWorkingMinutes,
  warsawDate,
  workingMinutesBetween,
} from './working-days.ts';
import { alertTimes, dueAfterPause } from './deadline-times.ts';

const at = (s: string) => new Date(s);
const utc = (d: Date) => d.toISOString();

describe('parseOfficeHours', () => {
  it('reads HH:MM-HH:MM as minutes after midnight and refuses anything else', () => {
    expect(parseOfficeHours('07:30-15:30')).toEqual({ start: 450, end: 930 });
    expect(() => parseOfficeHours('15:30-07:30')).toThrow(/not a range/);
    expect(() => parseOfficeHours('7.30-15.30')).toThrow(/07:30-15:30/);
  });
});

describe('clampToOfficeHours', () => {
  it('keeps a moment within office hours', () => {
    expect(utc(clampToOfficeHours(at('2026-11-23T10:00:00+01:00')))).toBe('2026-11-23T09:00:00.000Z');
  });

  it('moves an early morning to the opening and an evening to the next working morning', () => {
    expect(utc(clampToOfficeHours(at('2026-11-23T06:00:00+01:00')))).toBe('2026-11-23T06:30:00.000Z');
    expect(utc(clampToOfficeHours(at('2026-11-23T15:30:00+01:00')))).toBe('2026-11-24T06:30:00.000Z');
    expect(utc(clampToOfficeHours(at('2026-11-23T23:59:00+01:00')))).toBe('2026-11-24T06:30:00.000Z');
  });

  it('moves a weekend and a holiday to the next working morning', () => {
    // Saturday 21 November -> Monday 23; Independence Day, Wednesday 11 November -> Thursday 12.
    expect(utc(clampToOfficeHours(at('2026-11-21T10:00:00+01:00')))).toBe('2026-11-23T06:30:00.000Z');
    expect(utc(clampToOfficeHours(at('2026-11-11T12:00:00+01:00')))).toBe('2026-11-12T06:30:00.000Z');
  });
});

describe('addWorkingMinutes', () => {
  it('counts 8 working hours across the Easter weekend and Easter Monday (summer time)', () => {
    // Friday 3 April 2026, 14:30: one hour left that day; Sat, Sun, Easter Monday skipped; 7 hours on Tuesday.
    expect(utc(addWorkingMinutes(at('2026-04-03T14:30:00+02:00'), 480))).toBe('2026-04-07T12:30:00.000Z');
  });

  it('skips Corpus Christi', () => {
    // Wednesday 3 June 2026, 15:00: 30 minutes that day, Thursday 4 June a holiday, 30 minutes on Friday.
    expect(utc(addWorkingMinutes(at('2026-06-03T15:00:00+02:00'), 60))).toBe('2026-06-05T06:00:00.000Z');
  });

  it('starts counting at the next opening when asked outside office hours', () => {
    expect(utc(addWorkingMinutes(at('2026-11-21T22:00:00+01:00'), 120))).toBe('2026-11-23T08:30:00.000Z');
  });

  it('ends exactly at closing time rather than the next morning', () => {
    expect(utc(addWorkingMinutes(at('2026-11-23T07:30:00+01:00'), 480))).toBe('2026-11-23T14:30:00.000Z');
  });
});

describe('subtractWorkingMinutes', () => {
  it('counts back over Easter Monday and the weekend', () => {
    // Tuesday 7 April 9:30: two hours since opening; the remaining hour comes off Friday's closing.
    expect(utc(subtractWorkingMinutes(at('2026-04-07T09:30:00+02:00'), 180))).toBe('2026-04-03T12:30:00.000Z');
  });

  it('treats the end of a working day as its closing time', () => {
    // A whole office day back from Friday's end is Friday's opening (the same office moment as Thursday's closing).
    expect(utc(subtractWorkingMinutes(at('2026-12-04T23:59:59+01:00'), 480))).toBe('2026-12-04T06:30:00.000Z');
    expect(utc(subtractWorkingMinutes(at('2026-12-04T23:59:59+01:00'), 500))).toBe('2026-12-03T14:10:00.000Z');
  });
});

describe('workingMinutesBetween', () => {
  it('counts only office time', () => {
    expect(workingMinutesBetween(at('2026-04-03T14:00:00+02:00'), at('2026-04-07T09:00:00+02:00'))).toBe(180);
    expect(workingMinutesBetween(at('2026-11-21T08:00:00+01:00'), at('2026-11-22T18:00:00+01:00'))).toBe(0);
    expect(workingMinutesBetween(at('2026-11-23T08:00:00+01:00'), at('2026-11-23T09:15:00+01:00'))).toBe(75);
  });
});

describe('dueAfterPause', () => {
  it('moves the due date by the office time the ticket waited for the resident', () => {
    // Waited Wed 3 June 15:00 -> Fri 5 June 8:00 (Corpus Christi between): 60 office minutes.
    const due = at('2026-06-05T23:59:59+02:00');
    expect(utc(dueAfterPause(due, at('2026-06-03T15:00:00+02:00'), at('2026-06-05T08:00:00+02:00')))).toBe(
      '2026-06-08T06:30:00.000Z',
    );
  });

  it('leaves the due date alone after a pause over a weekend', () => {
    const due = at('2026-12-04T23:59:59+01:00');
    expect(dueAfterPause(due, at('2026-11-21T09:00:00+01:00'), at('2026-11-22T17:00:00+01:00'))).toBe(due);
  });
});

describe('alertTimes', () => {
  it('reminds a quarter of a short deadline before it and escalates at the deadline', () => {
    // 8 working hours from Monday 23 November 8:00 end on Tuesday 8:00; reminder 2 office hours before.
    const start = at('2026-11-23T08:00:00+01:00');
    const due = addWorkingMinutes(start, 480);
    expect(utc(due)).toBe('2026-11-24T07:00:00.000Z');
    const times = alertTimes(start, due, start);
    expect(utc(times.reminderAt!)).toBe('2026-11-23T13:00:00.000Z');
    expect(utc(times.escalationAt)).toBe('2026-11-24T07:00:00.000Z');
  });

  it('reminds one working day before a long deadline and escalates the next working morning, never at night', () => {
    const due = at('2026-12-04T23:59:59+01:00'); // end of Friday
    const times = alertTimes(at('2026-11-03T10:00:00+01:00'), due, at('2026-11-03T10:00:00+01:00'));
    expect(utc(times.reminderAt!)).toBe('2026-12-04T06:30:00.000Z'); // the morning of the last day, 7:30
    expect(utc(times.escalationAt)).toBe('2026-12-07T06:30:00.000Z'); // Monday 7:30
  });

  it('reminds at once (within office hours) when planned inside the lead time, and escalates at once when late', () => {
    const due = at('2026-12-07T12:00:00+01:00'); // Monday noon
    const saturday = at('2026-12-05T20:00:00+01:00');
    expect(utc(alertTimes(at('2026-11-03T10:00:00+01:00'), due, saturday).reminderAt!)).toBe(
      '2026-12-07T06:30:00.000Z',
    );
    const late = alertTimes(at('2026-11-03T10:00:00+01:00'), due, at('2026-12-07T18:00:00+01:00'));
    expect(late.reminderAt).toBeNull();
    expect(utc(late.escalationAt)).toBe('2026-12-08T06:30:00.000Z');
  });

  // The clock reads Warsaw's offset once per UTC hour (working-days.ts): each instant must still land on the wall
  // clock Intl gives, on both sides of the switches to and from summer time.
  it('reads Kraków wall-clock time right through the nights the clocks change', () => {
    const reference = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' });
    for (const night of ['2026-03-28T22:00:00Z', '2026-10-24T22:00:00Z']) {
      for (let minute = 0; minute < 8 * 60; minute += 7) {
        const instant = new Date(new Date(night).getTime() + minute * 60_000);
        expect(warsawDate(instant)).toBe(reference.format(instant));
      }
    }
    // Friday 15:00 CET plus an hour of office time: 30 minutes on Friday, 30 on Monday from 7:30 CEST.
    expect(utc(addWorkingMinutes(at('2026-03-27T15:00:00+01:00'), 60))).toBe('2026-03-30T06:00:00.000Z');
    // Friday 15:00 CEST back to Monday in CET: 7:30 CET is 6:30 UTC.
    expect(utc(addWorkingMinutes(at('2026-10-23T15:00:00+02:00'), 60))).toBe('2026-10-26T07:00:00.000Z');
    expect(workingMinutesBetween(at('2026-03-27T15:00:00+01:00'), at('2026-03-30T08:00:00+02:00'))).toBe(60);
  });
});
