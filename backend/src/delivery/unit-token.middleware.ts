// Reads a unit system's `Authorization: Bearer <token>` into req.unitActor, for the unit API only.
// No cookie is involved, so CSRF does not arise; only `unit_token` routes look at req.unitActor.
import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { actorForUnitToken } from './unit-integrations.service.ts';

export const UNIT_API_PREFIX = '/api/unit-api';

export function unitTokenMiddleware(db: DataSource): RequestHandler {
  return (req, _res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match) return next();
    actorForUnitToken(db, match[1]!)
      .then((actor) => {
        if (actor) req.unitActor = actor;
        next();
      })
      .catch(next);
  };
}
