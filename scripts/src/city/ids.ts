// The generated rows' ids: UUIDv7 from each row's own time and the seed (random.ts), so a ticket's events name
// their ticket without reading it back, and the same seed gives the same ids.
import type { CallSet } from './calls.ts';
import { ID, uuidV7 } from './random.ts';
import type { TicketSet } from './tickets.ts';

export class CityIds {
  private readonly tickets: string[];

  constructor(
    readonly seed: number,
    private readonly calls: CallSet,
    tickets: TicketSet,
  ) {
    this.tickets = Array.from({ length: tickets.n }, (_, i) => uuidV7(tickets.created[i]!, seed, ID.ticket, i));
  }

  ticket(i: number): string | null {
    return i >= 0 ? this.tickets[i]! : null;
  }

  call(c: number): string | null {
    return c >= 0 ? uuidV7(this.calls.started[c]!, this.seed, ID.call, c) : null;
  }

  /** A row made at `ms`: a comment or an alert (by its event's id), a search, a survey response. */
  row(tag: number, ms: number, n: number): string {
    return uuidV7(ms, this.seed, tag, n);
  }
}

/** `{a,b,NULL}`: a uuid[] parameter, faster than pg's own conversion of a long list. */
export function uuidArray(ids: Iterable<string | null>): string {
  const parts: string[] = [];
  for (const id of ids) parts.push(id ?? 'NULL');
  return `{${parts.join(',')}}`;
}
