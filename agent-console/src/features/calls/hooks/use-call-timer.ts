// Seconds since the call started, ticking once a second while a call is running.
// Computed from the start time (not counted), so a busy tab or a sleeping laptop never drifts.
import { useEffect, useState } from 'react';

export function useCallTimer(startedAt: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt ? Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1_000)) : 0;
}
