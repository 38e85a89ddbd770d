// A value that follows another once it has stopped changing for a moment: typing asks the server once per pause.
import { useEffect, useState } from 'react';

export function useDebounced<T>(value: T, delayMs: number, same: (a: T, b: T) => boolean = Object.is): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (same(settled, value)) return;
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs, settled, same]);
  return settled;
}

/** Equal as JSON: a search rebuilt on every render with the same content is the same search. */
export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
