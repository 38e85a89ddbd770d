// The supervisor's wallboard: agents' states, today's calls with handling and wrap-up times, calls waiting,
// open and overdue tickets per unit queue, and the calls each open city matter brought. Read live from the tables.
import type { DataSource } from 'typeorm';
import type { WallboardCallsDto, WallboardDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import type { SessionLimits } from '../auth/sessions.ts';
import { monitoringUnits } from '../monitoring/monitoring.queries.ts';
import { listAgentPresence } from '../presence/presence.service.ts';
import { TODAY_START } from './today.ts';

interface CallFigures {
  today: number;
  last_hour: number;
  answered_today: number;
  missed_today: number;
  average_handling_seconds: number | null;
  average_wrap_up_seconds: number | null;
}

/** Answered, or recorded by hand without telephony (those have no answered_at). */
const HANDLED = `(answered_at IS NOT NULL OR state = 'recorded')`;
const SECONDS = (interval: string) => `round(extract(epoch FROM ${interval})::numeric, 1)::float8`;

export async function wallboard(db: DataSource, actor: Actor, limits: SessionLimits): Promise<WallboardDto> {
  const [agents, perAgent, sessions, figures, waiting, tickets, matters, clock] = await Promise.all([
    listAgentPresence(db),
    db.query(
      `SELECT agent_id, count(*)::int AS calls
         FROM interaction
        WHERE started_at >= ${TODAY_START} AND ${HANDLED} AND agent_id IS NOT NULL
        GROUP BY agent_id`,
    ) as Promise<{ agent_id: string; calls: number }[]>,
    // The same rule as the unit workspace's "present": a session within the idle and absolute limits.
    db.query(
      `SELECT DISTINCT s.user_id FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE u.role = 'agent'
          AND s.last_seen_at > now() - $1 * interval '1 millisecond'
          AND s.created_at > now() - $2 * interval '1 millisecond'`,
      [limits.idleMs, limits.absoluteMs],
    ) as Promise<{ user_id: string }[]>,
    // One pass over today's calls (and the last hour's, which may reach into yesterday just after midnight).
    db.query(
      `WITH day AS (SELECT ${TODAY_START} AS start)
       SELECT count(*) FILTER (WHERE i.started_at >= day.start)::int AS today,
              count(*) FILTER (WHERE i.started_at >= now() - interval '1 hour')::int AS last_hour,
              count(*) FILTER (WHERE i.started_at >= day.start AND ${HANDLED})::int AS answered_today,
              count(*) FILTER (WHERE i.started_at >= day.start AND i.state = 'missed')::int AS missed_today,
              ${SECONDS(`avg(i.ended_at - i.answered_at) FILTER (WHERE i.started_at >= day.start AND i.answered_at IS NOT NULL AND i.ended_at IS NOT NULL)`)}
                AS average_handling_seconds,
              ${SECONDS(`avg(i.recorded_at - i.ended_at) FILTER (WHERE i.started_at >= day.start AND i.answered_at IS NOT NULL AND i.ended_at IS NOT NULL AND i.recorded_at IS NOT NULL)`)}
                AS average_wrap_up_seconds
         FROM day, interaction i
        WHERE i.started_at >= least(day.start, now() - interval '1 hour')`,
    ) as Promise<[CallFigures]>,
    db.query(
      `SELECT count(*)::int AS waiting, min(started_at) AS oldest
         FROM interaction WHERE state = 'ringing' AND agent_id IS NULL`,
    ) as Promise<[{ waiting: number; oldest: Date | null }]>,
    monitoringUnits(db, actor),
    db.query(
      `SELECT m.id, m.title, m.declared_at,
              count(i.id) FILTER (WHERE i.started_at >= ${TODAY_START})::int AS calls_today,
              count(i.id)::int AS calls_total
         FROM city_matter m LEFT JOIN interaction i ON i.city_matter_id = m.id
        WHERE m.ended_at IS NULL
        GROUP BY m.id ORDER BY m.declared_at, m.id`,
    ) as Promise<{ id: string; title: string; declared_at: Date; calls_today: number; calls_total: number }[]>,
    db.query(`SELECT now() AS at`) as Promise<[{ at: Date }]>,
  ]);
  const callsByAgent = new Map(perAgent.map((row) => [row.agent_id, row.calls]));
  const signedIn = new Set(sessions.map((row) => row.user_id));
  const [f] = figures;
  const calls: WallboardCallsDto = {
    today: f.today,
    lastHour: f.last_hour,
    answeredToday: f.answered_today,
    missedToday: f.missed_today,
    waiting: waiting[0].waiting,
    oldestWaitingSince: waiting[0].oldest?.toISOString() ?? null,
    averageHandlingSeconds: f.average_handling_seconds,
    averageWrapUpSeconds: f.average_wrap_up_seconds,
  };
  return {
    at: clock[0].at.toISOString(),
    agents: agents.map((agent) => ({
      ...agent,
      callsToday: callsByAgent.get(agent.userId) ?? 0,
      signedIn: signedIn.has(agent.userId),
    })),
    calls,
    tickets: {
      open: tickets.totals.open,
      overdue: tickets.totals.overdue,
      queues: tickets.units.map((unit) => ({
        unitId: unit.unitId,
        unitCode: unit.unitCode,
        unitName: unit.unitName,
        open: unit.open,
        overdue: unit.overdue,
      })),
    },
    cityMatters: matters.map((m) => ({
      id: m.id,
      title: m.title,
      declaredAt: m.declared_at.toISOString(),
      callsToday: m.calls_today,
      callsTotal: m.calls_total,
    })),
  };
}
