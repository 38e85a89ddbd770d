// Limits per client address on the public routes, counted in Redis so every backend process shares them. When
// Redis does not answer, each process counts on its own (in memory) rather than turning residents away.
import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import type { Redis } from '../platform/redis.ts';
import { tooManyRequests } from '../platform/errors.ts';

export type PublicLimit = 'writes' | 'uploads' | 'reads';

const WHAT: Record<PublicLimit, { pl: string; en: string }> = {
  writes: { pl: 'Za dużo zgłoszeń i wiadomości', en: 'Too many reports and messages' },
  uploads: { pl: 'Za dużo zdjęć', en: 'Too many photos' },
  reads: { pl: 'Za dużo zapytań', en: 'Too many requests' },
};

/** `5 min`, `1 h`: how long to wait, in the message (Retry-After has the seconds). */
function waitText(seconds: number): { pl: string; en: string } {
  if (seconds < 90) return { pl: `${seconds} s`, en: `${seconds} s` };
  const minutes = Math.ceil(seconds / 60);
  return { pl: `${minutes} min`, en: `${minutes} min` };
}

export class PublicRateLimits {
  private readonly limiters: Record<PublicLimit, RateLimiterRedis>;

  constructor(
    redis: Redis,
    config: Pick<
      Config,
      'REDIS_PREFIX' | 'PUBLIC_REPORTS_PER_HOUR' | 'PUBLIC_UPLOADS_PER_HOUR' | 'PUBLIC_READS_PER_MINUTE'
    >,
    private readonly logger: Logger,
  ) {
    const make = (name: PublicLimit, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.REDIS_PREFIX}:public-limit:${name}`,
        points,
        duration,
        // Once an address has used its last point, this process refuses it from memory until the window ends:
        // a flood from one address then costs no Redis round trip per request (the count is Redis's still).
        inMemoryBlockOnConsumed: points,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    this.limiters = {
      writes: make('writes', config.PUBLIC_REPORTS_PER_HOUR, 3600),
      uploads: make('uploads', config.PUBLIC_UPLOADS_PER_HOUR, 3600),
      reads: make('reads', config.PUBLIC_READS_PER_MINUTE, 60),
    };
  }

  /** Counts one request from the client's address; over the limit, a 429 saying (in Polish and English) when to retry. */
  async consume(limit: PublicLimit, req: Request): Promise<void> {
    const address = req.ip ?? 'unknown';
    try {
      await this.limiters[limit].consume(address);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      const wait = waitText(seconds);
      this.logger.warn({ limit, address, retryAfterSeconds: seconds }, 'public rate limit reached');
      throw tooManyRequests(
        `${WHAT[limit].pl} z tego adresu. Spróbuj ponownie za ${wait.pl}. / ` +
          `${WHAT[limit].en} from this address. Try again in ${wait.en}.`,
        seconds,
      );
    }
  }
}

/**
 * The same per-address 'reads' count as a middleware, for public reads whose handlers do not count themselves
 * (Open311 GETs, the public dictionaries and category questions): mount it on their path prefixes in app.ts.
 * Signed-in staff are not counted: a whole call centre may sit behind one address.
 */
export function publicReadLimit(
  redis: Redis,
  config: ConstructorParameters<typeof PublicRateLimits>[1],
  logger: Logger,
): RequestHandler {
  // Built on first use, as in the routes: building the app needs no Redis.
  let limits: PublicRateLimits | undefined;
  return (req, _res, next) => {
    if (req.actor || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    (limits ??= new PublicRateLimits(redis, config, logger)).consume('reads', req).then(() => next(), next);
  };
}
