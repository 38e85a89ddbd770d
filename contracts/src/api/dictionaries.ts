// Central dictionaries (categories, call topics, channels, districts) as other modules read them.
import type { DictionaryCode } from '../domain.ts';

export interface DictionaryEntryDto {
  id: string;
  dictionary: DictionaryCode;
  code: string;
  labelPl: string;
  labelEn: string;
  parentId: string | null;
  active: boolean;
  sortOrder: number;
}
