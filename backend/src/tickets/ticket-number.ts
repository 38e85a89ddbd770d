// Human ticket numbers, KCK/2026/000123: unique and gap-free per year. The counter row is
// locked by the creating transaction, so a rolled-back ticket gives its number back.
/** The calendar year in Kraków (a ticket at 00:30 on 1 January belongs to the new year). */
const WARSAW_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' });

export function warsawYear(at: Date): number {
  return Number(WARSAW_YEAR.format(at));
}

/**
 * A CTE body that takes the next number of year `$1` and returns it formatted as `number`.
 * Used inside the INSERT of the ticket, so the counter row is locked for as short a time as possible.
 */
export const NEXT_TICKET_NUMBER_SQL = `
  INSERT INTO ticket_number_counter (year, last_value) VALUES ($1, 1)
  ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counter.last_value + 1
  RETURNING 'KCK/' || year || '/' || lpad(last_value::text, 6, '0') AS number`;
