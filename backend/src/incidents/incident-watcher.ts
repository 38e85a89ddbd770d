// Runs in every backend process (not the worker: it must see Redis and the queues fail too): every few seconds
// it runs /health's probes and looks at the queues, and opens or closes the automatic incidents of the register.
import { QUEUES, type IncidentProbe, type QueueName } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { probeDependencies, runProbe, type ProbeOutcome } from '../platform/health.ts';
import type { Logger } from '../platform/logger.ts';
import { openAutomaticIncident, openAutomaticIncidents, recordRecovery } from './incident-automation.ts';
import { FailedJobWindow, WatchState, type ProbeReading } from './incident-watch-state.ts';

/** Failed jobs are counted over this long (INCIDENT_QUEUE_FAILED_JOBS of them count the queues as down). */
const FAILED_JOBS_WINDOW_MS = 5 * 60_000;

export interface IncidentWatcher {
  readonly state: WatchState;
  /** One round now (tests; the timer runs them otherwise). Rounds never overlap. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

const reading = (probe: IncidentProbe, outcome: ProbeOutcome, name: string): ProbeReading =>
  outcome.state === 'ok'
    ? { probe, failing: false, detail: '' }
    : { probe, failing: true, detail: `${name}: ${outcome.reason}` };

/** The queues are down when no worker takes jobs from one of them, or jobs keep failing for good. */
async function queueReading(
  ctx: BackendContext,
  failed: FailedJobWindow,
  failedJobsLimit: number,
): Promise<ProbeReading | undefined> {
  const names = Object.values(QUEUES) as QueueName[];
  let workers: number[] = [];
  let failedCounts: number[] = [];
  const outcome = await runProbe(async () => {
    [workers, failedCounts] = await Promise.all([
      Promise.all(names.map((name) => ctx.queues[name].getWorkersCount())),
      Promise.all(names.map((name) => ctx.queues[name].getFailedCount())),
    ]);
  });
  // Not known this round (Redis has its own incident); the state stays as it was.
  if (outcome.state === 'failing') return undefined;
  const idle = names.filter((_, i) => workers[i] === 0);
  if (idle.length > 0)
    return { probe: 'queues', failing: true, detail: `No worker takes jobs from: ${idle.join(', ')}` };
  const rise = failed.note(
    Date.now(),
    failedCounts.reduce((sum, count) => sum + count, 0),
  );
  if (failedJobsLimit > 0 && rise >= failedJobsLimit)
    return { probe: 'queues', failing: true, detail: `${rise} jobs failed for good in the last 5 minutes` };
  return { probe: 'queues', failing: false, detail: '' };
}

async function readAll(ctx: BackendContext, failed: FailedJobWindow): Promise<ProbeReading[]> {
  const [report, queues] = await Promise.all([
    probeDependencies(ctx),
    queueReading(ctx, failed, ctx.config.INCIDENT_QUEUE_FAILED_JOBS),
  ]);
  const readings = [reading('postgres', report.postgres, 'PostgreSQL'), reading('redis', report.redis, 'Redis')];
  // Without MEILI_URL there is no Meilisearch to watch (search is PostgreSQL's, with its incident).
  const meili = report.searchEngines.meilisearch;
  if (meili) readings.push(reading('meilisearch', meili, 'Meilisearch'));
  if (report.redis.state === 'ok' && queues) readings.push(queues);
  return readings;
}

/** Starts the watcher, or returns undefined when INCIDENT_AUTO_OPEN_AFTER_MS is 0 (the platform opens none). */
export function startIncidentWatcher(ctx: BackendContext, logger: Logger): IncidentWatcher | undefined {
  const openAfterMs = ctx.config.INCIDENT_AUTO_OPEN_AFTER_MS;
  if (openAfterMs === 0) return undefined;
  const state = new WatchState(openAfterMs);
  const failed = new FailedJobWindow(FAILED_JOBS_WINDOW_MS);
  let writesFailing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  /** Writes what the readings call for; on a failure (PostgreSQL down) the rest waits for the next round. */
  async function write(now: Date): Promise<void> {
    for (const outage of state.pendingRecoveries()) {
      const recorded = await recordRecovery(ctx.db, outage, openAfterMs);
      state.markRecorded(outage);
      if (recorded)
        logger.info(
          { probe: outage.probe, incidentId: recorded.incidentId, from: outage.from, to: outage.to },
          recorded.retrospective
            ? 'incident recorded after the outage ended'
            : 'incident closed: the system answers again',
        );
    }
    for (const due of state.dueToOpen(now)) {
      const incidentId = await openAutomaticIncident(ctx.db, due.probe, due.since, due.detail);
      state.markOpened(due.probe);
      if (incidentId)
        logger.warn({ probe: due.probe, incidentId, since: due.since }, 'incident opened: a dependency is down');
    }
    // An incident whose opener stopped before the recovery: whoever sees the system answer closes it.
    for (const open of await openAutomaticIncidents(ctx.db)) {
      const since = state.goodSince(open.probe);
      if (!since) continue;
      const recorded = await recordRecovery(
        ctx.db,
        { probe: open.probe, from: open.startedAt, to: since, detail: '' },
        openAfterMs,
      );
      if (recorded)
        logger.info(
          { probe: open.probe, incidentId: recorded.incidentId },
          'incident closed: the system answers again',
        );
    }
  }

  async function round(): Promise<void> {
    const readings = await readAll(ctx, failed);
    // Stamped once the checks have answered: a check sent just before a failure must not date it earlier.
    const now = new Date();
    state.observe(readings, now);
    try {
      await write(now);
      if (writesFailing) logger.info('incident register writable again');
      writesFailing = false;
    } catch (err) {
      if (!writesFailing) logger.warn({ err: String(err) }, 'incident register not writable; trying again next round');
      writesFailing = true;
    }
  }

  const tick = () => {
    running = running.then(round).catch((err: unknown) => logger.error({ err }, 'incident watcher round failed'));
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick().then(schedule), ctx.config.INCIDENT_CHECK_EVERY_MS);
    timer.unref();
  };
  schedule();

  return {
    state,
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
