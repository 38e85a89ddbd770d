import { describe, expect, it } from 'vitest';
import { SeqCursor } from './seq-cursor';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the catch-up cursor', () => {
  it('has none before anything was heard', () => {
    expect(new SeqCursor().resumeFrom()).toBe(0);
  });

  it('resumes from the highest number heard long enough ago', () => {
    const time = clock();
    const cursor = new SeqCursor(5_000, time.now);
    cursor.note(10);
    cursor.note(12);
    time.advance(6_000);
    expect(cursor.resumeFrom()).toBe(12);
  });

  it('trails the numbers heard just before the drop, so a lower one still committing is asked for', () => {
    const time = clock();
    const cursor = new SeqCursor(5_000, time.now);
    cursor.note(10);
    time.advance(6_000);
    cursor.note(15); // 14 may still be committing
    expect(cursor.resumeFrom()).toBe(10);
    expect(cursor.highest).toBe(15);
  });

  it('starts below the lowest number when everything was heard just now', () => {
    const time = clock();
    const cursor = new SeqCursor(5_000, time.now);
    cursor.note(42);
    cursor.note(40);
    expect(cursor.resumeFrom()).toBe(39);
  });

  it('ignores what is not a sequence number', () => {
    const cursor = new SeqCursor();
    cursor.note(Number.NaN);
    cursor.note(-3);
    cursor.note(0);
    expect(cursor.highest).toBe(0);
    expect(cursor.resumeFrom()).toBe(0);
  });
});
