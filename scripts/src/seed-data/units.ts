// Every unit the demo database starts with: the hotline's department, the Mayor's office, the social-policy
// units from the ordinances (seeds 000–004) and the city bodies that receive routed tickets.
import type { SeedUnit } from './unit-model.ts';
import { DK_UNITS } from './units-dk.ts';
import { KP_UNITS } from './units-kp.ts';
import { SOCIAL_UNITS } from './units-social.ts';
import { CITY_UNITS } from './units-city.ts';

export type { SeedUnit } from './unit-model.ts';

/** Units whose scope comes from an ordinance in ../shared/seeds; each gets a unit_scope article. */
export const ORDINANCE_UNITS: SeedUnit[] = [...DK_UNITS, ...KP_UNITS, ...SOCIAL_UNITS];

/** Parents come before their children, so the list can be inserted in order. */
export const UNITS: SeedUnit[] = [...ORDINANCE_UNITS, ...CITY_UNITS];
