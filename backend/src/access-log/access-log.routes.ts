// HTTP for the access log: the auditor's (and admin's) search, the CSV export (itself logged) and the chain check.
// Nothing here writes an entry except the export: every other module calls recordAccess where the access happens.
import type { Response } from 'express';
import { accessLogQuery, type AccessLogEntryDto, type Role } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { csvLine, UTF8_BOM } from '../surveys/csv.ts';
import { CSV_TYPE, REPORT_CSV_DELIMITER } from '../reports/report-render.ts';
import type { Logger } from '../platform/logger.ts';
import { accessLogPages, recordAccess, searchAccessLog, verifyChain } from './access-log.service.ts';

export const ACCESS_LOG_READERS = ['auditor', 'admin'] as const satisfies readonly Role[];

const COLUMNS = [
  'Nr',
  'Czas (UTC)',
  'Login',
  'Użytkownik',
  'Rola',
  'Czynność',
  'Rodzaj obiektu',
  'Obiekt',
  'Opis',
  'Powód',
  'Adres klienta',
  'Skrót poprzedniego',
  'Skrót',
];

const cells = (e: AccessLogEntryDto) => [
  e.seq,
  e.at,
  e.user.login,
  e.user.displayName,
  e.user.role,
  e.action,
  e.subject.kind,
  e.subject.label ?? e.subject.id,
  e.description,
  e.reason,
  e.clientAddress,
  e.prevHash,
  e.hash,
];

async function streamCsv(res: Response, logger: Logger, pages: AsyncGenerator<AccessLogEntryDto[]>): Promise<void> {
  res.attachment(`rejestr-dostepu-${new Date().toISOString().slice(0, 10)}.csv`);
  res.set({ 'Content-Type': CSV_TYPE, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
  res.status(200);
  let rows = 0;
  try {
    res.write(UTF8_BOM + csvLine(COLUMNS, REPORT_CSV_DELIMITER));
    for await (const page of pages) {
      res.write(page.map((e) => csvLine(cells(e), REPORT_CSV_DELIMITER)).join(''));
      rows += page.length;
    }
    res.end();
    logger.info({ rows }, 'access log exported');
  } catch (err) {
    // Headers are gone: the only way to tell the client is to cut the download short.
    logger.error({ err, rows }, 'access log export failed mid-stream');
    res.destroy(err as Error);
  }
}

/** The export's filters in its own entry; a resident's phone or e-mail is named, not copied into the log. */
function describeFilters(filters: Record<string, unknown>): string {
  const parts = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => (key === 'phone' || key === 'email' ? key : `${key}=${String(value)}`));
  return parts.length ? parts.join(', ') : 'brak';
}

export function accessLogRoutes({ db, logger }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/access-log', roles: ACCESS_LOG_READERS, query: accessLogQuery },
      ({ query }) => searchAccessLog(db, query),
    ),
    defineRoute(
      { method: 'get', path: '/api/access-log/export.csv', roles: ACCESS_LOG_READERS, query: accessLogQuery },
      async ({ actor, query, req, res }) => {
        const { limit: _limit, before: _before, ...filters } = query;
        // Logged before the first byte: a download cut short was still an export.
        await recordAccess(db, {
          actor,
          action: 'access_log_exported',
          subject: { kind: 'access_log' },
          description: `Eksport rejestru dostępu (filtry: ${describeFilters(filters)})`.slice(0, 500),
          clientAddress: req.ip ?? null,
        });
        await streamCsv(res, logger, accessLogPages(db, filters));
      },
    ),
    defineRoute({ method: 'get', path: '/api/access-log/verify', roles: ACCESS_LOG_READERS }, () => verifyChain(db)),
  ];
}
