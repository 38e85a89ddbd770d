// HTTP for the open data: monthly figures as JSON and CSV for anyone, without an account, limited per client
// address like the other public reads; an ETag and a cache lifetime, since past months' figures change rarely.
import type { Request, Response } from 'express';
import { openDataQuery } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { ifNoneMatchHits, strongEtag } from '../dictionaries/dictionary-etag.ts';
import { PublicRateLimits } from '../public-intake/public-rate-limits.ts';
import { openDataCsv } from './open-data.csv.ts';
import { openDataMonthly } from './open-data.service.ts';

/**
 * Past months change only when their old tickets are resolved or moved: an hour in a cache is fine, and after it
 * the ETag makes asking again cheap (a bodiless 304).
 */
const CACHE_CONTROL = 'public, max-age=3600';

function send(req: Request, res: Response, body: string, etag: string, type: string, filename: string): undefined {
  res.set({
    ETag: etag,
    'Cache-Control': CACHE_CONTROL,
    Vary: 'Accept-Encoding',
    // Open data: any site may read it from a browser (no cookies are involved, nothing personal is in it).
    'Access-Control-Allow-Origin': '*',
    'Content-Disposition': `inline; filename="${filename}"`,
  });
  if (ifNoneMatchHits(req.get('If-None-Match'), etag)) {
    res.status(304).end();
    return undefined;
  }
  res.status(200).type(type).send(body);
  return undefined;
}

export function openDataRoutes({ db, config, logger, redis }: BackendContext) {
  // Built on first use: listing the route table needs no Redis.
  let limits: PublicRateLimits | undefined;
  const limit = (req: Request) => (limits ??= new PublicRateLimits(redis, config, logger)).consume('reads', req);
  const name = (data: { by: string; from: string; to: string }, ext: string) =>
    `kck-dane-${data.by}-${data.from}-${data.to}.${ext}`;

  return [
    defineRoute(
      { method: 'get', path: '/api/public/open-data/monthly.json', roles: 'public', query: openDataQuery },
      async ({ query, req, res }) => {
        await limit(req);
        const data = await openDataMonthly(db, query, config);
        // Weak: the figures decide it, not `refreshedAt`, which moves with every refresh of the rollups (every few
        // seconds) while past months' figures stay the same; a byte-exact tag would never let a cache answer 304.
        const etag = `W/${strongEtag(JSON.stringify({ ...data, refreshedAt: undefined }))}`;
        return send(req, res, JSON.stringify(data), etag, 'application/json; charset=utf-8', name(data, 'json'));
      },
    ),
    defineRoute(
      { method: 'get', path: '/api/public/open-data/monthly.csv', roles: 'public', query: openDataQuery },
      async ({ query, req, res }) => {
        await limit(req);
        const data = await openDataMonthly(db, query, config);
        const csv = openDataCsv(data);
        return send(req, res, csv, strongEtag(csv), 'text/csv; charset=utf-8', name(data, 'csv'));
      },
    ),
  ];
}
