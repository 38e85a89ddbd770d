// Figures for DK-05's dashboard; today's figures are recomputed and pushed live.
import type { TicketStatus } from '../domain.ts';

export interface TodayFiguresDto {
  /** Local date in Europe/Warsaw, `YYYY-MM-DD`. */
  date: string;
  calls: number;
  callsWithInformationOnly: number;
  ticketsCreated: number;
  ticketsByStatus: Partial<Record<TicketStatus, number>>;
  ticketsByUnit: { unitId: string | null; unitCode: string | null; unitName: string | null; count: number }[];
  callsByHour: { hour: number; count: number }[];
}
