// The shape of a seeded unit and the opening hours the seed files share.
// Kept apart from units.ts so the per-source unit lists can use it without an import cycle.
import type { OpeningHours, UnitContactDto, UnitKind } from '@kck/contracts';

export interface SeedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  contacts: UnitContactDto[];
  openingHours: OpeningHours;
  /** Markdown, in Polish: what the unit handles, with its source. */
  scope: string;
}

// Opening hours are a platform decision for the demo, not taken from the ordinances
// (no seed states them): City Hall Mon–Fri 07:30–15:30, the hotline Mon–Fri 07:00–20:00.
const weekdays = (range: string): OpeningHours => ({
  mon: [range],
  tue: [range],
  wed: [range],
  thu: [range],
  fri: [range],
});

/** Urząd Miasta Krakowa: departments, their internal cells, the Mayor's plenipotentiaries. */
export const CITY_HALL_HOURS: OpeningHours = weekdays('07:30-15:30');

/** DK-02, the city hotline. */
export const HOTLINE_HOURS: OpeningHours = weekdays('07:00-20:00');

/** Hours the seeds do not give (city companies, municipal units, the social advisor). */
export const NO_HOURS: OpeningHours = {};
