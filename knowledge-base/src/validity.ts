// Article validity dates as the engines filter them: YYYY-MM-DD checked strictly, and as day numbers for Meilisearch.
// One place, so both engines reject the same malformed date the same way.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date; throws a RangeError on anything else. */
export function dayNumber(date: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Math.round(ms / DAY_MS);
}
