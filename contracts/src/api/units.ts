// Units: whoever can own a ticket (departments, municipal units, city companies, offices).
import type { UnitKind } from '../domain.ts';

export interface UnitContactDto {
  name: string;
  function?: string;
  phone?: string;
  email?: string;
}

/** Opening hours per weekday, `mon`..`sun`, each a list of `HH:MM-HH:MM` ranges. */
export type OpeningHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>;

export interface UnitDto {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  contacts: UnitContactDto[];
  openingHours: OpeningHours;
  active: boolean;
}
