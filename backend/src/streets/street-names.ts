// How street names are written and typed: the kind before the name (ul., al., os.…), the house number after it,
// and the folding that makes „Św. Filipa”, „sw filipa” and „świętego Filipa” the same street (as street_fold in SQL).

/** Long and short forms of a street's kind, as the city register and agents write them; the short form is kept. */
const PREFIXES: [short: string, forms: string[]][] = [
  ['ul.', ['ul', 'ulica']],
  ['al.', ['al', 'aleja', 'aleje']],
  ['pl.', ['pl', 'plac']],
  ['os.', ['os', 'osiedle']],
  ['rondo', ['rondo']],
  ['skwer', ['skwer']],
  ['bulw.', ['bulw', 'bulwar']],
  ['park', ['park']],
  ['rynek', ['rynek']],
];

const PREFIX_BY_FORM = new Map(PREFIXES.flatMap(([short, forms]) => forms.map((form) => [form, short] as const)));

// A known kind followed by a dot or a space; `Rynek Główny` keeps its first word (it is the name), see splitPrefix.
const LEADING_KIND = /^\s*(ul|ulica|al|aleja|aleje|pl|plac|os|osiedle|bulw|bulwar)(?:\.\s*|\s+)(?=\S)/iu;

// A house number (and flat) at the end of what the agent typed: `12`, `12a`, `12 A`, `12/4`, `12a m. 4`.
const HOUSE_NUMBER = /\s+\d+\s*[a-z]?(?:\s*(?:\/|m\.?)\s*\d+[a-z]?)?\s*$/iu;

/** Lower case, no Polish letters or other accents, punctuation as single spaces, saints' titles as `sw`. */
export function foldStreetName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\b(swietego|swietej|swietych)\b/g, 'sw');
}

/** The short form of a street kind (`ulica` → `ul.`), or the text as given when it is not a known kind. */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/\s+/g, ' ');
  return PREFIX_BY_FORM.get(foldStreetName(trimmed)) ?? trimmed;
}

/** Splits `ul. św. Filipa` into its kind and name; a name with no known kind in front comes back whole. */
export function splitPrefix(text: string): { prefix: string | null; name: string } {
  const clean = text.trim().replace(/\s+/g, ' ');
  const match = LEADING_KIND.exec(clean);
  if (!match?.[1]) return { prefix: null, name: clean };
  return { prefix: PREFIX_BY_FORM.get(match[1].toLowerCase()) ?? null, name: clean.slice(match[0].length) };
}

/**
 * What to look up for a street the agent typed as the start of an address: the kind in front and the house
 * number behind are dropped (`ul. Św. Filipa 17/3` → `Św. Filipa`). A query that is only a number is kept.
 */
export function streetQueryText(typed: string): string {
  const { name } = splitPrefix(typed);
  const withoutNumber = name.replace(HOUSE_NUMBER, '');
  return withoutNumber.trim() ? withoutNumber.trim() : name;
}

/** `ul. św. Filipa`: how an address starts. */
export const streetLabel = (prefix: string | null, name: string): string => (prefix ? `${prefix} ${name}` : name);
