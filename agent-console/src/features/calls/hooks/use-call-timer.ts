// Seconds between two moments of a call, ticking once a second while the second one is still open (null).
// Computed from the timestamps (not counted), so a busy tab or a sleeping laptop never drifts.
import { useEffect, useState } from 'react';

export function useCallTimer(from: string | null, until: string | null = null): number {
  const [now, setNow] = useState(() => Date.now());
  const running = Boolean(from) && !until;
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [running, from]);
  if (!from) return 0;
  const end = until ? Date.parse(until) : now;
  return Math.max(0, Math.floor((end - Date.parse(from)) / 1_000));
}
