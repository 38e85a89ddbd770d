// Notices tickets that appear in a live list after it first loaded (routed to us while we watch),
// so the list can highlight them for a moment and the aria-live region can say so.
import { useEffect, useRef, useState } from 'react';
import type { TicketDto } from '@kck/contracts';

const HIGHLIGHT_MS = 6_000;

export function useNewArrivals(tickets: readonly TicketDto[] | undefined) {
  const known = useRef<Set<string> | null>(null);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const [highlightIds, setHighlightIds] = useState<ReadonlySet<string>>(() => new Set());
  const [arrivals, setArrivals] = useState<readonly TicketDto[]>([]);

  useEffect(() => {
    if (!tickets) return;
    if (known.current === null) {
      known.current = new Set(tickets.map((ticket) => ticket.id)); // the first load is not "new"
      return;
    }
    const seen = known.current;
    const fresh = tickets.filter((ticket) => !seen.has(ticket.id));
    if (fresh.length === 0) return;
    for (const ticket of fresh) seen.add(ticket.id);
    const ids = fresh.map((ticket) => ticket.id);
    setHighlightIds((previous) => new Set([...previous, ...ids]));
    setArrivals(fresh);
    timers.current.push(
      setTimeout(() => {
        setHighlightIds((previous) => new Set([...previous].filter((id) => !ids.includes(id))));
      }, HIGHLIGHT_MS),
    );
  }, [tickets]);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  return { highlightIds, arrivals };
}
