// What one backend process has seen of each dependency: since when it fails or answers, and the outages that
// ended but are not written down yet (PostgreSQL was down, or the write failed). Pure: the watcher feeds it readings.
import type { IncidentProbe } from '@kck/contracts';

export interface ProbeReading {
  probe: IncidentProbe;
  failing: boolean;
  /** What the check saw, in the platform's words (the error, the missing worker). */
  detail: string;
}

/** A failure that has ended: from the first failed check to the first good one. */
export interface Outage {
  probe: IncidentProbe;
  from: Date;
  to: Date;
  detail: string;
}

export interface ProbeView {
  probe: IncidentProbe;
  state: 'failing' | 'ok';
  since: Date;
  detail: string;
  /** This process opened (or found open) the automatic incident of the current failure. */
  opened: boolean;
}

interface ProbeState {
  failingSince: Date | null;
  goodSince: Date | null;
  detail: string;
  opened: boolean;
}

export class WatchState {
  private readonly probes = new Map<IncidentProbe, ProbeState>();
  private pending: Outage[] = [];

  constructor(private readonly openAfterMs: number) {}

  /** Takes one round of readings; a check that could not run (no reading) leaves its state as it was. */
  observe(readings: readonly ProbeReading[], now: Date): void {
    for (const reading of readings) {
      const state = this.probes.get(reading.probe) ?? {
        failingSince: null,
        goodSince: null,
        detail: '',
        opened: false,
      };
      this.probes.set(reading.probe, state);
      if (reading.failing) {
        state.goodSince = null;
        state.failingSince ??= now;
        // The first failure's words explain the outage; later ones are usually the same or a timeout.
        if (!state.detail) state.detail = reading.detail;
        continue;
      }
      if (state.failingSince) {
        // Short blips below the threshold leave nothing to record, unless this process already opened an incident.
        if (state.opened || now.getTime() - state.failingSince.getTime() >= this.openAfterMs)
          this.pending.push({ probe: reading.probe, from: state.failingSince, to: now, detail: state.detail });
        state.failingSince = null;
        state.detail = '';
        state.opened = false;
      }
      state.goodSince ??= now;
    }
  }

  /** Failures that have lasted the threshold and have no incident yet (from this process's view). */
  dueToOpen(now: Date): { probe: IncidentProbe; since: Date; detail: string }[] {
    const due: { probe: IncidentProbe; since: Date; detail: string }[] = [];
    for (const [probe, state] of this.probes)
      if (state.failingSince && !state.opened && now.getTime() - state.failingSince.getTime() >= this.openAfterMs)
        due.push({ probe, since: state.failingSince, detail: state.detail });
    return due;
  }

  /** The incident of the current failure exists (this process wrote it, or another one had). */
  markOpened(probe: IncidentProbe): void {
    const state = this.probes.get(probe);
    if (state?.failingSince) state.opened = true;
  }

  /** Ended outages waiting to be written, oldest first. */
  pendingRecoveries(): readonly Outage[] {
    return [...this.pending];
  }

  markRecorded(outage: Outage): void {
    this.pending = this.pending.filter((o) => o !== outage);
  }

  /**
   * Since when the check answers, for closing an automatic incident this process knows nothing of (its opener
   * stopped meanwhile); null while it fails, before the first reading, or while its recovery waits to be written.
   */
  goodSince(probe: IncidentProbe): Date | null {
    if (this.pending.some((o) => o.probe === probe)) return null;
    return this.probes.get(probe)?.goodSince ?? null;
  }

  view(): ProbeView[] {
    return [...this.probes].map(([probe, state]) => ({
      probe,
      state: state.failingSince ? 'failing' : 'ok',
      since: (state.failingSince ?? state.goodSince)!,
      detail: state.detail,
      opened: state.opened,
    }));
  }
}

/**
 * Failed-job counts over time, for "jobs keep failing": how many more have failed now than `windowMs` ago
 * (counts drop when admins retry or BullMQ removes old ones; a drop is not a failure).
 */
export class FailedJobWindow {
  private samples: { at: number; count: number }[] = [];

  constructor(private readonly windowMs: number) {}

  /** Notes the current total and returns the rise over the window (over what was seen so far, at first). */
  note(at: number, count: number): number {
    this.samples.push({ at, count });
    while (this.samples.length > 1 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
    return Math.max(0, count - Math.min(...this.samples.map((s) => s.count)));
  }
}
