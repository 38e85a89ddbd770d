// How the dashboard writes its figures: hours with one decimal, shares as percentages, seconds as mm:ss, and time
// keys (a day `YYYY-MM-DD` or a month `YYYY-MM`) as people read them.
import { formatDay, formatDuration } from '../../../components/format';

const locale = (language: string) => (language.startsWith('en') ? 'en-GB' : 'pl-PL');

export const formatHours = (hours: number | null, language: string): string =>
  hours === null
    ? '—'
    : `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(hours)} h`;

export const formatShare = (share: number | null, language: string): string =>
  share === null
    ? '—'
    : new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(share);

export const formatSeconds = (seconds: number | null): string => (seconds === null ? '—' : formatDuration(seconds));

export function timeLabel(key: string, language: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return formatDay(key, language);
  if (/^\d{4}-\d{2}$/.test(key))
    return new Intl.DateTimeFormat(locale(language), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${key}-15T12:00:00Z`),
    );
  return key;
}
