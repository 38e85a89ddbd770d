// Deadline policies for categories whose urgent reports are hazards to life, health or property: counted in
// office hours, not days. The general rules per ticket type (KPA's month, ideas' two months) come with the migration.
import type { TicketPriority, TicketType } from '@kck/contracts';

export interface SeedDeadlinePolicy {
  ticketType: TicketType;
  /** A category code from categories.ts; a group covers its leaves. */
  categoryCode: string;
  priority: TicketPriority | null;
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
];
