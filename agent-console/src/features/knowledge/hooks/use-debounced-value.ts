// Delays a fast-changing value (search text) so the server is asked once the agent pauses typing.
// ~150 ms feels instant to a person yet skips most intermediate keystrokes.
import { useEffect, useState } from 'react';

export function useDebouncedValue<T>(value: T, delayMs = 150): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
