// "Today" for the hotline's figures: the calendar day in Kraków, as a bound the started_at indexes can use.
// Shared by the wallboard and the city matters' call counts, so their figures agree.
export const TODAY_START = `(date_trunc('day', now() AT TIME ZONE 'Europe/Warsaw') AT TIME ZONE 'Europe/Warsaw')`;
