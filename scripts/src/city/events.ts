// The generated history in compact form: twenty million ticket events as typed arrays, their changes and texts
// interned (most histories repeat the same moves), sorted into time order before they are written.
import type { TicketEventKind } from '@kck/contracts';

/** Event kinds the generator writes; the index is the code kept per event. */
export const KINDS = [
  'ticket.created',
  'ticket.routed',
  'ticket.sent_to_triage',
  'ticket.accepted',
  'ticket.started',
  'ticket.resolved',
  'ticket.returned',
  'ticket.rejected',
  'ticket.reopened',
  'ticket.closed',
  'ticket.commented',
  'ticket.answered',
  'ticket.resident_message',
  'ticket.assigned',
  'ticket.merged',
  'ticket.linked',
  'ticket.idea_decided',
  'ticket.waiting_for_resident',
  'ticket.resumed',
  'ticket.rated',
  'ticket.deadline_reminded',
  'ticket.escalated',
] as const satisfies readonly TicketEventKind[];
export type Kind = (typeof KINDS)[number];
export const K = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<Kind, number>;

/** Kinds that write a ticket_comment row, with the comment's kind. */
export const COMMENT_KINDS: Partial<Record<Kind, 'internal' | 'answer' | 'resident'>> = {
  'ticket.commented': 'internal',
  'ticket.answered': 'answer',
  'ticket.resident_message': 'resident',
};

/** Strings kept once, referred to by index. */
export class Interned {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      // writer.ts separates texts with these two: checked once here rather than per event written.
      if (value.includes('\u001e') || value.includes('\u001f')) throw new Error(`a control character in ${value}`);
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** `changes` of events whose JSON names a ticket number: composed when written (see writer.ts). */
export const CHANGES_FROM_TICKET = -1;

export class EventStore {
  n = 0;
  ticket: Int32Array;
  at: Float64Array;
  kind: Uint8Array;
  actor: Int32Array;
  /** Index into `changes`, or CHANGES_FROM_TICKET. */
  changesId: Int32Array;
  /** Index into `texts`, -1: no reason. */
  reason: Int32Array;
  /** Per kind: the other ticket (merged, linked), the score (rated), the recipients' index (alerts). */
  aux: Int32Array;
  /** The due date an alert was about, by event index. */
  readonly alertDue = new Map<number, number>();
  readonly changes = new Interned();
  readonly texts = new Interned();

  constructor(capacity: number) {
    this.ticket = new Int32Array(capacity);
    this.at = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.actor = new Int32Array(capacity);
    this.changesId = new Int32Array(capacity);
    this.reason = new Int32Array(capacity);
    this.aux = new Int32Array(capacity);
  }

  private grow(): void {
    const size = Math.ceil(this.ticket.length * 1.5) + 1024;
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.ticket = copy(this.ticket, (n) => new Int32Array(n));
    this.at = copy(this.at, (n) => new Float64Array(n));
    this.kind = copy(this.kind, (n) => new Uint8Array(n));
    this.actor = copy(this.actor, (n) => new Int32Array(n));
    this.changesId = copy(this.changesId, (n) => new Int32Array(n));
    this.reason = copy(this.reason, (n) => new Int32Array(n));
    this.aux = copy(this.aux, (n) => new Int32Array(n));
  }

  push(
    ticket: number,
    at: number,
    kind: Kind,
    actor: number,
    changes: string | number,
    reason: string | null,
    aux = -1,
  ): number {
    if (this.n === this.ticket.length) this.grow();
    const i = this.n++;
    this.ticket[i] = ticket;
    // Whole milliseconds: two events of a ticket never swap places within one millisecond.
    this.at[i] = Math.round(at);
    this.kind[i] = K[kind];
    this.actor[i] = actor;
    this.changesId[i] = typeof changes === 'number' ? changes : this.changes.id(changes);
    this.reason[i] = reason === null ? -1 : this.texts.id(reason);
    this.aux[i] = aux;
    return i;
  }

  /**
   * Event indices in time order (ties keep the order they were planned in, so a ticket's history stays in order):
   * bucketed by day, then sorted within each day on one packed number.
   */
  timeOrder(startMs: number): Uint32Array {
    const DAY = 86_400_000;
    let lastDay = 0;
    const dayOf = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const d = Math.max(0, Math.floor((this.at[i]! - startMs) / DAY));
      dayOf[i] = d;
      if (d > lastDay) lastDay = d;
    }
    const starts = new Uint32Array(lastDay + 2);
    for (let i = 0; i < this.n; i++) starts[dayOf[i]! + 1]! += 1;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
    const order = new Uint32Array(this.n);
    const fill = starts.slice();
    for (let i = 0; i < this.n; i++) order[fill[dayOf[i]!]!++] = i;
    // Within a day: milliseconds of the day (< 2^27) times 2^26 plus the index's rank in the bucket.
    for (let d = 0; d <= lastDay; d++) {
      const from = starts[d]!;
      const to = starts[d + 1]!;
      if (to - from < 2) continue;
      const keys = new Float64Array(to - from);
      for (let k = from; k < to; k++) {
        const i = order[k]!;
        const ms = Math.max(0, this.at[i]! - startMs - d * DAY);
        keys[k - from] = Math.floor(ms) * 2 ** 26 + (k - from);
      }
      keys.sort();
      const slice = order.slice(from, to);
      for (let k = from; k < to; k++) order[k] = slice[keys[k - from]! % 2 ** 26]!;
    }
    return order;
  }
}
