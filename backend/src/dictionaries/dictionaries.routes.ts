// HTTP for the central dictionaries, read by the console and by other city systems.
import { z } from 'zod';
import { DICTIONARY_CODES } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { listDictionary } from './dictionaries.service.ts';

const params = z.object({
  code: z.enum(DICTIONARY_CODES, { message: `dictionary must be one of ${DICTIONARY_CODES.join(', ')}` }),
});
const query = z.object({ includeInactive: z.enum(['true', 'false']).default('false') }).strict();

export function dictionaryRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/dictionaries/:code', roles: 'staff', params, query },
      ({ params, query }) => listDictionary(db, params.code, query.includeInactive === 'true'),
    ),
  ];
}
