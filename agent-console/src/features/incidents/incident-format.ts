// How the incident screens show and take times: datetime-local fields in the browser's own time zone (as the other
// forms of the console do), durations as staff say them, and field errors in the staff's language.
import { useTranslation } from 'react-i18next';
import type { IncidentSeverity } from '@kck/contracts';
import { fieldErrorsOf } from '../../components/field-errors';
import './i18n/register';

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO timestamp → the value of an <input type="datetime-local">. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value → ISO (undefined when empty, so the server takes "now"). */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** `3 d 4 h`, `2 h 15 min`, `7 min` from start to end (or to now for an open one). */
export function formatIncidentDuration(startedAt: string, endedAt: string | null, now = Date.now()): string {
  const minutes = Math.max(0, Math.round(((endedAt ? Date.parse(endedAt) : now) - Date.parse(startedAt)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}

export const severityColor = (severity: IncidentSeverity): 'error' | 'warning' | 'info' =>
  severity === 'critical' ? 'error' : severity === 'major' ? 'warning' : 'info';

const stripPrefix = (path: string) => path.replace(/^(body|query|params)\./, '');

/** The message for one field of a failed request: Polish hints by field, the server's own words in English. */
export function useIncidentFieldErrors(error: unknown) {
  const { t, i18n } = useTranslation();
  const fields = fieldErrorsOf(error);
  return (path: string): string | undefined => {
    const found = fields.find((field) => stripPrefix(field.path) === path);
    if (!found) return undefined;
    if (i18n.language.startsWith('en')) return found.message;
    return t(`incidents.fieldErrors.${path.split('.').pop() ?? path}`, { defaultValue: found.message });
  };
}
