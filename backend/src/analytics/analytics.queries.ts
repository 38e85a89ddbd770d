// Today's figures for DK-05's dashboard. Today is small, so these read the tables directly;
// the analytics issue replaces them with rollups kept up to date by the worker.
import type { DataSource } from 'typeorm';
import type { TodayFiguresDto } from '@kck/contracts';

const TODAY = `(now() AT TIME ZONE 'Europe/Warsaw')::date`;
const LOCAL_DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/Warsaw')::date`;

export async function todayFigures(db: DataSource): Promise<TodayFiguresDto> {
  const [callRows, byHour, byStatus, byUnit, created, dateRow] = await Promise.all([
    db.query(
      `SELECT count(*)::int AS calls,
              count(*) FILTER (WHERE outcome = 'information_given' AND NOT EXISTS
                (SELECT 1 FROM ticket t WHERE t.interaction_id = i.id))::int AS information_only
         FROM interaction i WHERE ${LOCAL_DAY('started_at')} = ${TODAY}`,
    ) as Promise<{ calls: number; information_only: number }[]>,
    db.query(
      `SELECT extract(hour FROM started_at AT TIME ZONE 'Europe/Warsaw')::int AS hour, count(*)::int AS count
         FROM interaction WHERE ${LOCAL_DAY('started_at')} = ${TODAY} GROUP BY 1 ORDER BY 1`,
    ) as Promise<{ hour: number; count: number }[]>,
    db.query(
      `SELECT status, count(*)::int AS count FROM ticket WHERE ${LOCAL_DAY('created_at')} = ${TODAY} GROUP BY status`,
    ) as Promise<{ status: string; count: number }[]>,
    db.query(
      `SELECT t.unit_id, u.code AS unit_code, u.name AS unit_name, count(*)::int AS count
         FROM ticket t LEFT JOIN unit u ON u.id = t.unit_id
        WHERE ${LOCAL_DAY('t.created_at')} = ${TODAY}
        GROUP BY t.unit_id, u.code, u.name ORDER BY count DESC, u.code`,
    ) as Promise<{ unit_id: string | null; unit_code: string | null; unit_name: string | null; count: number }[]>,
    db.query(`SELECT count(*)::int AS count FROM ticket WHERE ${LOCAL_DAY('created_at')} = ${TODAY}`) as Promise<
      { count: number }[]
    >,
    db.query(`SELECT to_char(${TODAY}, 'YYYY-MM-DD') AS date`) as Promise<{ date: string }[]>,
  ]);
  return {
    date: dateRow[0]!.date,
    calls: callRows[0]?.calls ?? 0,
    callsWithInformationOnly: callRows[0]?.information_only ?? 0,
    ticketsCreated: created[0]?.count ?? 0,
    ticketsByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.count])),
    ticketsByUnit: byUnit.map((r) => ({
      unitId: r.unit_id,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      count: r.count,
    })),
    callsByHour: byHour,
  };
}
