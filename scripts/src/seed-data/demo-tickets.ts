// A handful of reports in the states a new team member wants to see in the console at once: one in DK-03's
// triage inbox, one urgent and unclaimed in ZDMK's queue, work in progress with an internal note, one waiting
// for the resident, one past its deadline and one resolved with its answer. scripts/src/seed-demo-tickets.ts
// writes them through the same services the API uses.
import type { TicketPriority, TicketType } from '@kck/contracts';

/** Where the demo leaves a ticket; each step is the real command (route, accept, start, …), in order. */
export type DemoTicketState = 'triage' | 'routed' | 'in_progress' | 'waiting' | 'overdue' | 'resolved';

export interface SeedDemoTicket {
  /** Also the key that keeps the seed idempotent: a ticket with this title is not written again. */
  title: string;
  description: string;
  type: TicketType;
  categoryCode: string;
  districtCode?: string;
  address?: string;
  priority?: TicketPriority;
  reporter: { name: string; phone?: string; email?: string };
  state: DemoTicketState;
  /** An internal comment of the unit (in_progress), the question to the resident (waiting), the answer (resolved). */
  text?: string;
}

export const DEMO_TICKETS: SeedDemoTicket[] = [
  {
    title: 'Pytanie o remont kamienicy przy ul. Józefa',
    description: 'Mieszkanka pyta, kto odpowiada za rusztowanie stojące od pół roku przed kamienicą nr 12.',
    type: 'problem',
    categoryCode: 'other.other',
    districtCode: 'I',
    address: 'ul. Józefa 12',
    reporter: { name: 'Anna Wójcik', email: 'anna.wojcik@poczta.example' },
    state: 'triage',
  },
  {
    title: 'Głęboka wyrwa na al. Mickiewicza',
    description: 'Wyrwa na prawym pasie przy przystanku Muzeum Narodowe, samochody gwałtownie hamują.',
    type: 'problem',
    categoryCode: 'roads.pothole',
    districtCode: 'V',
    address: 'al. Mickiewicza 3',
    priority: 'urgent',
    reporter: { name: 'Piotr Zieliński', phone: '+48 600 100 200' },
    state: 'routed',
  },
  {
    title: 'Nie świeci latarnia przy ul. Kamiennej',
    description: 'Od tygodnia nie świeci latarnia naprzeciwko bloku nr 8; wieczorem chodnik jest zupełnie ciemny.',
    type: 'problem',
    categoryCode: 'roads.lighting',
    districtCode: 'V',
    address: 'ul. Kamienna 8',
    reporter: { name: 'Jan Kowalski', email: 'jan.kowalski@poczta.example' },
    state: 'in_progress',
    text: 'Zlecone ekipie oświetleniowej; wymiana oprawy w tym tygodniu.',
  },
  {
    title: 'Pochylone drzewo nad placem zabaw',
    description: 'Duży klon przy placu zabaw mocno się pochylił po ostatniej wichurze.',
    type: 'problem',
    categoryCode: 'greenery.fallen_tree',
    districtCode: 'XVI',
    address: 'os. Kalinowe, plac zabaw',
    priority: 'high',
    reporter: { name: 'Maria Nowak', email: 'maria.nowak@poczta.example' },
    state: 'waiting',
    text: 'Czy może Pani przesłać zdjęcie drzewa albo wskazać, przy którym wejściu na plac rośnie?',
  },
  {
    title: 'Zniszczone ławki w parku Jordana',
    description: 'Trzy ławki przy alejce głównej mają połamane deski siedziska.',
    type: 'problem',
    categoryCode: 'greenery.park',
    districtCode: 'V',
    address: 'Park im. dr. Henryka Jordana',
    reporter: { name: 'Tomasz Lewandowski' },
    // Accepted and forgotten: the demo moves its due date into the past.
    state: 'overdue',
  },
  {
    title: 'Zapadnięte płyty chodnika na ul. Długiej',
    description: 'Kilka płyt chodnika zapadło się przy wejściu do sklepu; łatwo się potknąć.',
    type: 'problem',
    categoryCode: 'roads.pavement',
    districtCode: 'I',
    address: 'ul. Długa 25',
    reporter: { name: 'Ewa Kamińska', email: 'ewa.kaminska@poczta.example' },
    state: 'resolved',
    text: 'Płyty chodnika przełożono i wyrównano podbudowę. Dziękujemy za zgłoszenie.',
  },
];
