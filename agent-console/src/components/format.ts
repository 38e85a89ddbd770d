// Dates and durations as staff read them: Kraków local time, in the language the console shows.
// The API sends ISO timestamps in UTC; nothing else in the console formats dates by hand.
const TIME_ZONE = 'Europe/Warsaw';

const locale = (language: string) => (language.startsWith('en') ? 'en-GB' : 'pl-PL');

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date);
}

/** A calendar day `YYYY-MM-DD` (no time, no zone: a date the Mayor set is the same day everywhere). */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '—';
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale(language), { timeZone: 'UTC', dateStyle: 'short' }).format(date);
}

export function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), { timeZone: TIME_ZONE, timeStyle: 'short' }).format(date);
}

/** `mm:ss`, minutes growing past 59 for long calls (an agent reads "72:05" faster than "1:12:05"). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const mm = Math.floor(seconds / 60);
  const ss = seconds % 60;
  return `${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}
