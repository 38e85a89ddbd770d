// The street → district dictionary: the agent types a street in a ticket's address and its district fills in.
// Loaded from a CSV list (the city's street register) by admins and analysts; a street spanning two districts is listed twice.
import { z } from 'zod';

export interface StreetDto {
  id: string;
  /** The street's kind as written before its name (`ul.`, `al.`, `pl.`, `os.`, `rondo`…); null when none. */
  prefix: string | null;
  /** The name as the city writes it: `św. Filipa`, `Królewska`, `Centrum A`. */
  name: string;
  /** Prefix and name, as an address begins: `ul. św. Filipa`. */
  label: string;
  districtId: string;
  /** The district's roman numeral (`I`…`XVIII`). */
  districtCode: string;
  districtLabelPl: string;
  districtLabelEn: string;
}

export const STREET_SEARCH_MAX_LIMIT = 50;

/**
 * GET /api/streets?q=… (every staff role): streets whose name (or a word of it) starts with the query, folded so
 * case, Polish letters and punctuation do not matter (`sw. filipa`, `Sw Filipa` find „św. Filipa”). A leading
 * `ul.`/`al.`/`pl.`/`os.` and a trailing house number are ignored, so the agent can type the whole address.
 */
export const streetSearchQuery = z
  .object({
    q: z
      .string({ message: 'q is required' })
      .trim()
      .min(1, 'q is required')
      .max(200, 'q must be at most 200 characters'),
    limit: z.coerce.number().int().min(1).max(STREET_SEARCH_MAX_LIMIT).default(10),
  })
  .strict();
export type StreetSearchQuery = z.input<typeof streetSearchQuery>;

export const STREET_IMPORT_MODES = ['merge', 'replace'] as const;
export type StreetImportMode = (typeof STREET_IMPORT_MODES)[number];

/** Largest CSV accepted in one import (characters); Kraków's whole register is about a fifth of it. */
export const STREET_IMPORT_MAX_CHARS = 900_000;

/**
 * POST /api/streets/import (admin, analyst). `csv` has a header row naming its columns: `street` (or `ulica`,
 * `nazwa`), `district` (or `dzielnica`: the roman numeral, the district's name or its full label) and optionally
 * `prefix` (or `cecha`); separated by `,`, `;` or tabs, quoted as in RFC 4180. All or nothing: one bad line
 * rejects the file, and every bad line is reported as a field `csv.<line>`. `merge` adds and updates (a line
 * naming a deactivated street reactivates it); `replace` also deactivates the streets the file does not list
 * (streets are never deleted: their history stays).
 */
export const importStreetsRequest = z
  .object({
    csv: z
      .string({ message: 'csv must be the text of a CSV file' })
      .min(1, 'csv is empty')
      .max(STREET_IMPORT_MAX_CHARS, `csv must be at most ${STREET_IMPORT_MAX_CHARS} characters`),
    mode: z.enum(STREET_IMPORT_MODES).default('merge'),
  })
  .strict();
export type ImportStreetsRequest = z.input<typeof importStreetsRequest>;

export interface StreetImportResultDto {
  mode: StreetImportMode;
  /** Data lines read (the header and empty lines not counted). */
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Streets the file does not list that `replace` deactivated (never deleted). */
  removed: number;
  /** Active streets in the dictionary after the import. */
  total: number;
}
