// unit_scope articles of the knowledge base: one per unit whose scope comes from an ordinance,
// built from the same scope text, opening hours and contacts as the unit rows (no second copy to drift).
import type { OpeningHours, UnitContactDto } from '@kck/contracts';
import type { SeedArticle } from './article-model.ts';
import { ORDINANCE_UNITS, UNITS, type SeedUnit } from './units.ts';

const DAYS: [keyof OpeningHours, string][] = [
  ['mon', 'poniedziałek'],
  ['tue', 'wtorek'],
  ['wed', 'środa'],
  ['thu', 'czwartek'],
  ['fri', 'piątek'],
  ['sat', 'sobota'],
  ['sun', 'niedziela'],
];

/** "poniedziałek–piątek: 07:30–15:30", one line per run of days with the same hours. */
export function formatOpeningHours(hours: OpeningHours): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < DAYS.length) {
    const [day, first] = DAYS[i]!;
    const ranges = hours[day]?.join(', ') ?? '';
    let j = i;
    while (j + 1 < DAYS.length && (hours[DAYS[j + 1]![0]]?.join(', ') ?? '') === ranges) j++;
    if (ranges) {
      const span = j > i ? `${first}–${DAYS[j]![1]}` : first;
      lines.push(`${span}: ${ranges.replaceAll('-', '–')}`);
    }
    i = j + 1;
  }
  return lines;
}

const formatContact = (c: UnitContactDto): string =>
  [c.name, c.function, c.phone && `tel. ${c.phone}`, c.email].filter(Boolean).join(', ');

const SCOPE_TAGS: Record<string, string[]> = {
  'DK-02': ['infolinia', 'Krakowskie Centrum Kontaktu', 'zgłoszenia', 'ankiety'],
  'DK-03': ['Baza Wiedzy', 'zgłoszenia', 'KPUM'],
  'DK-04': ['budżet obywatelski', 'inicjatywa lokalna', 'konsultacje społeczne'],
  'DK-05': ['analizy', 'słowniki', 'awarie'],
  'DK-06': ['komunikacja', 'promocja', 'konsultacje społeczne'],
  'KP-01': ['współpraca zagraniczna', 'miasta partnerskie'],
  'KP-02': ['sprawy do Prezydenta', 'spotkania z mieszkańcami'],
  'KP-03': ['patronat honorowy', 'Cracoviae Merenti', 'Honoris Gratia'],
  SZ: ['organizacje pozarządowe', 'NGO', 'Otwarty Kraków', 'cudzoziemcy'],
};

/** Web addresses the ordinances give for a unit (the only contact data they carry; phones and e-mails they do not). */
const WEBSITES: Record<string, string> = {
  SZ: 'https://www.ngo.krakow.pl/',
};

/**
 * The numbered points of a scope, each one item (its lettered sub-points kept with it). A scope with several
 * numbered lists (SZ, KP-04) gives all their points; a list introduced by a bold heading ("**Stanowisko
 * Fotografii…**:") has it before each of its points, so a point still says whose it is when read alone.
 * A scope without any numbered point gives its paragraphs, the source line left out.
 */
export function scopePoints(scope: string): string[] {
  const points: string[] = [];
  let current: string[] | null = null;
  let heading: string | null = null;
  const close = () => {
    if (current) points.push((heading ? `${heading}: ` : '') + current.join(' '));
    current = null;
  };
  for (const line of scope.split('\n')) {
    const numbered = /^\d+\.\s+(.*)$/.exec(line);
    if (numbered) {
      close();
      current = [numbered[1]!.trim()];
    } else if (current && line.trim() !== '' && /^\s/.test(line)) {
      current.push(line.trim().replace(/^-\s+/, ''));
    } else if (line.trim() !== '') {
      close();
      const bold = /^\*\*(.+?)\*\*.*:$/.exec(line.trim());
      heading = bold ? bold[1]!.trim() : null;
    } else {
      close();
    }
  }
  close();
  if (points.length > 0) return points;
  return scope
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '' && !paragraph.startsWith('Źródło:'));
}

function unitScopeArticle(unit: SeedUnit): SeedArticle {
  const parent = unit.parentCode ? UNITS.find((u) => u.code === unit.parentCode) : undefined;
  const hours = formatOpeningHours(unit.openingHours);
  const email = unit.contacts.find((c) => c.email)?.email ?? '';
  const phone = unit.contacts.find((c) => c.phone)?.phone ?? '';
  const website = WEBSITES[unit.code];
  const body = [
    `# ${unit.name} (${unit.code})`,
    parent ? `Jednostka nadrzędna: ${parent.name} (${parent.code}).` : null,
    '## Zakres działania',
    unit.scope,
    '## Godziny pracy',
    hours.length > 0 ? hours.map((l) => `- ${l}`).join('\n') : 'Brak danych o godzinach pracy.',
    '## Kontakt',
    [
      ...unit.contacts.map((c) => `- ${formatContact(c)}`),
      ...(website ? [`- strona internetowa: ${website}`] : []),
    ].join('\n') || 'Brak danych kontaktowych w dokumentach źródłowych.',
  ]
    .filter((part) => part !== null)
    .join('\n\n');
  return {
    externalId: `zakres-${unit.code.toLowerCase()}`,
    type: 'unit_scope',
    status: 'published',
    title: `${unit.name} (${unit.code}) – zakres działania`,
    body,
    responsibleUnit: unit.code,
    tags: ['zakres działania', unit.code, ...(SCOPE_TAGS[unit.code] ?? [])],
    fields: {
      scope: scopePoints(unit.scope),
      openingHours: hours.join('\n'),
      address: '',
      phone,
      email,
      ...(website ? { website } : {}),
    },
  };
}

export const UNIT_SCOPE_ARTICLES: SeedArticle[] = ORDINANCE_UNITS.map(unitScopeArticle);
