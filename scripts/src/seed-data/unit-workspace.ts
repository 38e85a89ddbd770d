// Demo settings that let deadlines and the unit workspace show themselves: a contact e-mail for every unit that
// receives tickets and for DK-03 (reminders and escalations go there), answer templates for ZDMK and ZZM, and
// round-robin assignment switched on for ZZM.
import type { AssignmentMode, UnitContactDto } from '@kck/contracts';
import { CITY_UNITS } from './units-city.ts';

/**
 * Addresses on `.example`, a top-level domain reserved for examples (RFC 2606), so no demo mail can reach a real
 * mailbox (a name under krakow.pl would be the city's own domain). Kept apart from the units' own contacts, which
 * come from the ordinances and are printed in the knowledge base's unit articles.
 */
const demoContact = (code: string): UnitContactDto => ({
  name: `Sekretariat ${code} (adres demonstracyjny)`,
  email: `${code.toLowerCase().replace(/[^a-z0-9]+/g, '')}@krakow.example`,
});

/** Every unit tickets are routed to, and DK-03, which hears every escalation. */
export const DEMO_UNIT_CONTACTS: Record<string, UnitContactDto[]> = Object.fromEntries(
  [...CITY_UNITS.map((unit) => unit.code), 'DK-03'].map((code) => [code, [demoContact(code)]]),
);

export interface SeedAnswerTemplate {
  unitCode: string;
  name: string;
  /** Placeholders as in contracts/src/api/workspace.ts: {{numer}}, {{tytul}}, {{adres}}, {{zglaszajacy}}, … */
  body: string;
}

export const ANSWER_TEMPLATES: SeedAnswerTemplate[] = [
  {
    unitCode: 'ZDMK',
    name: 'Ubytek naprawiony',
    body: `Szanowna Pani / Szanowny Panie {{zglaszajacy}},

dziękujemy za zgłoszenie {{numer}} („{{tytul}}”). Ubytek w nawierzchni pod adresem {{adres}} został naprawiony.

Z poważaniem
{{jednostka}}`,
  },
  {
    unitCode: 'ZDMK',
    name: 'Naprawa zaplanowana',
    body: `Szanowna Pani / Szanowny Panie {{zglaszajacy}},

w sprawie zgłoszenia {{numer}} informujemy, że naprawa pod adresem {{adres}} została ujęta w planie robót i zostanie wykonana do {{termin}}. Miejsce zostało oznakowane.

Z poważaniem
{{jednostka}}`,
  },
  {
    unitCode: 'ZDMK',
    name: 'Droga w zarządzie innego podmiotu',
    body: `Szanowna Pani / Szanowny Panie {{zglaszajacy}},

droga wskazana w zgłoszeniu {{numer}} ({{adres}}) nie jest zarządzana przez Zarząd Dróg Miasta Krakowa. Przekazaliśmy sprawę zarządcy terenu, który odpowie bezpośrednio.

Z poważaniem
{{jednostka}}`,
  },
  {
    unitCode: 'ZZM',
    name: 'Drzewo usunięte',
    body: `Szanowna Pani / Szanowny Panie {{zglaszajacy}},

w odpowiedzi na zgłoszenie {{numer}} („{{tytul}}”) informujemy, że drzewo pod adresem {{adres}} zostało usunięte, a teren uporządkowany.

Z poważaniem
{{jednostka}}`,
  },
  {
    unitCode: 'ZZM',
    name: 'Oględziny dendrologa',
    body: `Szanowna Pani / Szanowny Panie {{zglaszajacy}},

zgłoszenie {{numer}} przekazaliśmy dendrologowi, który obejrzy drzewo pod adresem {{adres}} do {{termin}} i zdecyduje o dalszych pracach.

Z poważaniem
{{jednostka}}`,
  },
];

/**
 * Units whose routed tickets go automatically to the next colleague present (the others take them by hand). ZZM,
 * not ZDMK: the intake benchmark routes every ticket to ZDMK and measures intake without an assignment step.
 */
export const UNIT_ASSIGNMENT_MODES: Record<string, AssignmentMode> = { ZZM: 'round_robin' };
