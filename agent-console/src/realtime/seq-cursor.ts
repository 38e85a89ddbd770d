// Where a console resumes after a drop: GET /api/events?after=<cursor>. Ticket events are numbered when written
// but fanned out when committed, so an event with a lower number can arrive after a higher one.
/**
 * Resuming from the highest number seen would skip an event numbered below it that was still committing when
 * the connection dropped. The cursor therefore trails: the highest number seen at least `settleMs` before.
 * Events heard twice cost nothing (catch-up only refetches the tickets named).
 */
export class SeqCursor {
  private settled = 0;
  private recent: { seq: number; at: number }[] = [];

  constructor(
    private readonly settleMs = 5_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  note(seq: number): void {
    if (!Number.isSafeInteger(seq) || seq <= 0) return;
    this.recent.push({ seq, at: this.now() });
    this.settle();
  }

  /** The highest number noted, 0 before any. */
  get highest(): number {
    return Math.max(this.settled, ...this.recent.map((r) => r.seq));
  }

  /** Ask for every event after this; 0 means no cursor yet (a console that heard nothing refetches instead). */
  resumeFrom(): number {
    this.settle();
    if (this.settled > 0 || this.recent.length === 0) return this.settled;
    // Everything heard was recent: start just below the lowest of it.
    return Math.max(0, Math.min(...this.recent.map((r) => r.seq)) - 1);
  }

  private settle(): void {
    const before = this.now() - this.settleMs;
    while (this.recent.length > 0 && this.recent[0]!.at <= before) {
      this.settled = Math.max(this.settled, this.recent.shift()!.seq);
    }
  }
}
