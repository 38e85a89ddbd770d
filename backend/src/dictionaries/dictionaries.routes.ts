// HTTP for the central dictionaries: read by the console and, without a session, by other city systems (ETag,
// asOf, tree); edited, imported and exported by analysts (DK-05) and admins. Entries are never deleted.
import type { Request } from 'express';
import { z } from 'zod';
import {
  DICTIONARY_LIMITS,
  dictionaryEntryActivationRequest,
  dictionaryEntryCreateRequest,
  dictionaryEntryParams,
  dictionaryEntryUpdateRequest,
  dictionaryHistoryQuery,
  dictionaryImportRequest,
  dictionaryListQuery,
  dictionaryParams,
  editableDictionaryParams,
  streetEntryParams,
  streetEntryUpdateRequest,
  type FieldError,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { payloadTooLarge, validationFailed } from '../platform/errors.ts';
import {
  createEntry,
  isEntryDictionary,
  listDictionary,
  listVersions,
  setEntryActive,
  toTree,
  updateEntry,
} from './dictionaries.service.ts';
import {
  listStreetEntries,
  listStreetVersions,
  setStreetActive,
  updateStreet,
} from '../streets/street-entries.service.ts';
import { exportDictionaryCsv, exportStreetsCsv, importDictionaryCsv } from './dictionary-interchange.service.ts';
import { ifNoneMatchHits, strongEtag } from './dictionary-etag.ts';

/** DK-05 runs the dictionaries (seed 004 §8 point 1); admins stand in. */
const KEEPERS = ['analyst', 'admin'] as const;

const importQuery = z
  .object({
    note: z
      .string({ error: 'note must be text' })
      .trim()
      .max(DICTIONARY_LIMITS.note, `note must be at most ${DICTIONARY_LIMITS.note} characters`)
      .optional(),
  })
  .strict();

/** The file itself (Content-Type text/csv), read up to the limit; a city system can POST its export as it is. */
async function readCsvBody(req: Request): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DICTIONARY_LIMITS.csvBytes)
      throw payloadTooLarge('csv', `the CSV file must be at most ${DICTIONARY_LIMITS.csvBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw validationFailed([{ path: 'csv', message: 'csv must not be empty' }]);
  return text;
}

function parseJsonImport(body: unknown): { csv: string; note?: string } {
  const parsed = dictionaryImportRequest.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  throw validationFailed(fields);
}

export function dictionaryRoutes({ db, logger }: BackendContext) {
  return [
    // Public: codes and labels of the city's dictionaries hold no personal data, and every city system can read
    // them without a key to distribute; the ETag keeps polling cheap. History (who changed what) stays staff-only.
    defineRoute(
      {
        method: 'get',
        path: '/api/dictionaries/:code',
        roles: 'public',
        params: dictionaryParams,
        query: dictionaryListQuery,
      },
      async ({ params, query, req, res }) => {
        const options = { includeInactive: query.includeInactive === 'true', asOf: query.asOf };
        const entries = isEntryDictionary(params.code)
          ? await listDictionary(db, params.code, options)
          : await listStreetEntries(db, options);
        const body = JSON.stringify(query.format === 'tree' ? toTree(entries) : entries);
        const etag = strongEtag(body);
        // Caches keep the answer but ask again each time (a cheap 304), so an analyst's edit shows at once.
        res.set({ ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' });
        if (ifNoneMatchHits(req.get('If-None-Match'), etag)) {
          res.status(304).end();
          return undefined;
        }
        res.status(200).type('application/json').send(body);
        return undefined;
      },
    ),
    defineRoute(
      { method: 'get', path: '/api/dictionaries/:code/export', roles: KEEPERS, params: dictionaryParams },
      async ({ params, res }) => {
        const csv = isEntryDictionary(params.code)
          ? await exportDictionaryCsv(db, params.code)
          : await exportStreetsCsv(db);
        const day = new Date().toISOString().slice(0, 10);
        res
          .status(200)
          .set({
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="slownik-${params.code}-${day}.csv"`,
            'Cache-Control': 'no-store',
          })
          .send(csv);
        return undefined;
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/dictionaries/:code/import',
        roles: KEEPERS,
        params: editableDictionaryParams,
        query: importQuery,
      },
      async ({ actor, params, query, req }) => {
        const input = req.is('text/csv')
          ? { csv: await readCsvBody(req), note: query.note }
          : parseJsonImport(req.body);
        return importDictionaryCsv(db, logger, actor, params.code, input.csv, input.note ?? query.note);
      },
    ),
    // Streets (their own table, added by the street import) are edited one by one on the entries' paths; these
    // literal paths come before the `:code` ones, which take only the dictionary_entry dictionaries.
    defineRoute(
      { method: 'get', path: '/api/dictionaries/street/history', roles: KEEPERS, query: dictionaryHistoryQuery },
      ({ query }) => listStreetVersions(db, null, query.limit),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/api/dictionaries/street/entries/:id',
        roles: KEEPERS,
        params: streetEntryParams,
        body: streetEntryUpdateRequest,
      },
      ({ actor, params, body }) => updateStreet(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/dictionaries/street/entries/:id/deactivate',
        roles: KEEPERS,
        params: streetEntryParams,
        body: dictionaryEntryActivationRequest,
      },
      ({ actor, params, body }) => setStreetActive(db, actor, params.id, false, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/dictionaries/street/entries/:id/reactivate',
        roles: KEEPERS,
        params: streetEntryParams,
        body: dictionaryEntryActivationRequest,
      },
      ({ actor, params, body }) => setStreetActive(db, actor, params.id, true, body),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/dictionaries/street/entries/:id/history',
        roles: KEEPERS,
        params: streetEntryParams,
        query: dictionaryHistoryQuery,
      },
      ({ params, query }) => listStreetVersions(db, params.id, query.limit),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/dictionaries/:code/history',
        roles: KEEPERS,
        params: editableDictionaryParams,
        query: dictionaryHistoryQuery,
      },
      ({ params, query }) => listVersions(db, params.code, null, query.limit),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/dictionaries/:code/entries',
        roles: KEEPERS,
        params: editableDictionaryParams,
        body: dictionaryEntryCreateRequest,
        status: 201,
      },
      ({ actor, params, body }) => createEntry(db, actor, params.code, body),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/api/dictionaries/:code/entries/:id',
        roles: KEEPERS,
        params: dictionaryEntryParams,
        body: dictionaryEntryUpdateRequest,
      },
      ({ actor, params, body }) => updateEntry(db, actor, params.code, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/dictionaries/:code/entries/:id/deactivate',
        roles: KEEPERS,
        params: dictionaryEntryParams,
        body: dictionaryEntryActivationRequest,
      },
      ({ actor, params, body }) => setEntryActive(db, actor, params.code, params.id, false, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/dictionaries/:code/entries/:id/reactivate',
        roles: KEEPERS,
        params: dictionaryEntryParams,
        body: dictionaryEntryActivationRequest,
      },
      ({ actor, params, body }) => setEntryActive(db, actor, params.code, params.id, true, body),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/dictionaries/:code/entries/:id/history',
        roles: KEEPERS,
        params: dictionaryEntryParams,
        query: dictionaryHistoryQuery,
      },
      ({ params, query }) => listVersions(db, params.code, params.id, query.limit),
    ),
  ];
}
