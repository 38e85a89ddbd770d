// The analysts' side of the central dictionaries (DK-05): every entry of one dictionary with inactive ones, its
// change history, and the commands (create, edit, deactivate/reactivate, CSV import). After any of them the
// dictionary is refetched everywhere, the selects of the other screens included.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DictionaryCode,
  DictionaryEntryActivationRequest,
  DictionaryEntryCreateRequest,
  DictionaryEntryDto,
  DictionaryEntryUpdateRequest,
  DictionaryImportResultDto,
  DictionaryVersionDto,
  EntryDictionaryCode,
  StreetEntryUpdateRequest,
} from '@kck/contracts';
import { http } from './http';
import { dictionaryKeys } from './query-keys';

export const dictionaryAdminKeys = {
  entries: (code: DictionaryCode) => ['dictionaries', code, 'all'] as const,
  history: (code: DictionaryCode, entryId: string | null) => ['dictionaries', code, 'history', entryId] as const,
};

const base = (code: DictionaryCode) => `/api/dictionaries/${encodeURIComponent(code)}`;
const entryPath = (code: DictionaryCode, id: string, action = '') =>
  `${base(code)}/entries/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** Where the browser downloads the dictionary as CSV (a plain link: the file comes with its own name). */
export const dictionaryExportUrl = (code: DictionaryCode) => `${base(code)}/export`;

export function useDictionaryEntries(code: DictionaryCode) {
  return useQuery({
    queryKey: dictionaryAdminKeys.entries(code),
    queryFn: ({ signal }) => http.get<DictionaryEntryDto[]>(base(code), { includeInactive: true }, signal),
  });
}

export function useDictionaryHistory(code: DictionaryCode, entryId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: dictionaryAdminKeys.history(code, entryId),
    queryFn: ({ signal }) =>
      http.get<DictionaryVersionDto[]>(
        entryId ? `${entryPath(code, entryId)}/history` : `${base(code)}/history`,
        { limit: 200 },
        signal,
      ),
    enabled,
  });
}

function useDictionaryCommand<V, R>(code: DictionaryCode, run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: dictionaryKeys.byCode(code) });
  };
  return useMutation({
    mutationFn: run,
    onSuccess: refresh,
    // A 409 means another analyst saved meanwhile: the table shows what they saved.
    onError: refresh,
  });
}

export const useCreateDictionaryEntry = (code: EntryDictionaryCode) =>
  useDictionaryCommand(code, (body: DictionaryEntryCreateRequest) =>
    http.post<DictionaryEntryDto>(`${base(code)}/entries`, body),
  );

export const useUpdateDictionaryEntry = (code: EntryDictionaryCode) =>
  useDictionaryCommand(code, ({ id, body }: { id: string; body: DictionaryEntryUpdateRequest }) =>
    http.patch<DictionaryEntryDto>(entryPath(code, id), body),
  );

/** Streets: prefix, name, district and validity (their label is made of prefix and name). */
export const useUpdateStreetEntry = () =>
  useDictionaryCommand('street', ({ id, body }: { id: string; body: StreetEntryUpdateRequest }) =>
    http.patch<DictionaryEntryDto>(entryPath('street', id), body),
  );

export const useSetDictionaryEntryActive = (code: DictionaryCode) =>
  useDictionaryCommand(
    code,
    ({ id, active, body }: { id: string; active: boolean; body: DictionaryEntryActivationRequest }) =>
      http.post<DictionaryEntryDto>(entryPath(code, id, active ? 'reactivate' : 'deactivate'), body),
  );

export const useImportDictionary = (code: EntryDictionaryCode) =>
  useDictionaryCommand(code, (body: { csv: string; note?: string }) =>
    http.post<DictionaryImportResultDto>(`${base(code)}/import`, body),
  );
