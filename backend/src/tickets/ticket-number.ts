// Human ticket numbers, KCK/2026/000123: unique and gap-free per year. The counter row is
// locked by the creating transaction, so a rolled-back ticket gives its number back.
import type { EntityManager } from 'typeorm';

/** The calendar year in Kraków (a ticket at 00:30 on 1 January belongs to the new year). */
export function warsawYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' }).format(at));
}

export const formatTicketNumber = (year: number, sequence: number) => `KCK/${year}/${String(sequence).padStart(6, '0')}`;

export async function nextTicketNumber(em: EntityManager, at: Date): Promise<string> {
  const year = warsawYear(at);
  const rows: { last_value: number }[] = await em.query(
    `INSERT INTO ticket_number_counter (year, last_value) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counter.last_value + 1
     RETURNING last_value`,
    [year],
  );
  return formatTicketNumber(year, rows[0]!.last_value);
}
