// When a report being typed is worth comparing with the open ones, and what is sent: the category, and a place
// (a pin, a street, or a district with some words); the words are cut to what the search weighs.
import type { SimilarSearch, TicketLocation } from '@kck/contracts';

export interface ReportSoFar {
  categoryId: string;
  location?: TicketLocation | null;
  districtId?: string;
  address?: string;
  title?: string;
  description?: string;
  excludeId?: string;
}

/** The first words say what the matter is; a whole description would only make the address bar longer. */
export const SIMILAR_TEXT_LENGTH = 300;
/** How long typing must pause before the list is asked for again. */
export const SIMILAR_DEBOUNCE_MS = 400;

/** The search for a report so far, or null while it has no category or nothing to say where. */
export function similarSearchOf(report: ReportSoFar): SimilarSearch | null {
  if (!report.categoryId) return null;
  const text = [report.title, report.description]
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .join(' ')
    .slice(0, SIMILAR_TEXT_LENGTH);
  const address = report.address?.trim() ?? '';
  const hasStreet = /\p{L}{2}/u.test(address);
  const hasWords = text.replace(/[^\p{L}\p{N}]/gu, '').length >= 3;
  if (!report.location && !hasStreet && !(report.districtId && hasWords)) return null;
  return {
    categoryId: report.categoryId,
    ...(report.location ? { latitude: report.location.latitude, longitude: report.location.longitude } : {}),
    ...(report.districtId ? { districtId: report.districtId } : {}),
    ...(hasStreet ? { address } : {}),
    ...(hasWords ? { text } : {}),
    ...(report.excludeId ? { excludeId: report.excludeId } : {}),
  };
}

/** `80 m`, `1,2 km`: how far a report is, in the reader's language. */
export function distanceLabel(metres: number, language: string): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  return `${(metres / 1000).toLocaleString(language, { maximumFractionDigits: 1 })} km`;
}

/** `3 dni temu`, `2 hours ago`: how long ago another report was made, in the reader's language. */
export function ageLabel(createdAt: string, now: Date, language: string): string {
  const seconds = Math.round((new Date(createdAt).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(0, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}
