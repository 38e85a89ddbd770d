// Deadline policies for categories whose urgent reports are hazards to life, health or property: counted in
// office hours, not days. The general rules per ticket type (KPA's month, ideas' two months) come with the migration.
import type { Channel, TicketPriority, TicketType } from '@kck/contracts';

export interface SeedDeadlinePolicy {
  ticketType: TicketType;
  /** A category code from categories.ts; a group covers its leaves. null: any category. */
  categoryCode: string | null;
  priority: TicketPriority | null;
  /** Absent: any channel. */
  channel?: Channel;
  workingDays?: number;
  workingHours?: number;
  note: string;
}

const hazard = (categoryCode: string, what: string): SeedDeadlinePolicy[] => [
  {
    ticketType: 'problem',
    categoryCode,
    priority: 'urgent',
    workingHours: 8,
    note: `${what}: zagrożenie, w ciągu jednego dnia pracy`,
  },
  { ticketType: 'problem', categoryCode, priority: 'high', workingDays: 3, note: `${what}: wymaga szybkiej naprawy` },
];

export const DEADLINE_POLICIES: SeedDeadlinePolicy[] = [
  // Roads: a pothole or a missing sign endangers traffic (the road administrator's duty, Public Roads Act art. 20).
  ...hazard('roads', 'Drogi i chodniki'),
  ...hazard('greenery.fallen_tree', 'Powalone lub zagrażające drzewo'),
  ...hazard('water', 'Awaria wodociągu lub zalanie z kanalizacji'),
  {
    ticketType: 'problem',
    categoryCode: 'roads.lighting',
    priority: null,
    workingDays: 7,
    note: 'Oświetlenie uliczne',
  },
  { ticketType: 'problem', categoryCode: 'cleanliness', priority: null, workingDays: 5, note: 'Czystość i odpady' },
  // KP-02, matters addressed to the Mayor. A letter or a request to the Mayor is a complaint or a request under
  // KPA Part VIII, answered within a month (art. 237 § 1, about 21 working days); KP-02 answers it on the basis of
  // what the competent unit reports (ordinance 2658/2022 § 5 pkt 4), so the unit gets 14 working days and KP-02
  // keeps a week to write the answer. A category's own rule (hazards in hours) still wins; a deadline the Mayor
  // set at a meeting replaces the policy altogether.
  ...(['problem', 'idea'] as const).map((ticketType): SeedDeadlinePolicy => ({
    ticketType,
    categoryCode: null,
    priority: null,
    channel: 'mayor',
    workingDays: 14,
    note: 'Sprawa do Prezydenta (KP-02): skarga lub wniosek, odpowiedź w ciągu miesiąca (KPA art. 237 § 1); komórka ma 14 dni roboczych, KP-02 tydzień na odpowiedź',
  })),
];
