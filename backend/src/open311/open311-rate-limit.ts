// Limits Open311 POSTs per client address and per API key, counted in the shared Redis under REDIS_PREFIX so every
// backend process counts together. While Redis is away each process counts in memory instead: intake goes on.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../platform/config.ts';
import { tooManyRequests } from '../platform/errors.ts';

const WINDOW_SECONDS = 60;

function limiter(redis: Redis, keyPrefix: string, points: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_SECONDS }),
  });
}

export class Open311Limits {
  private byAddress: RateLimiterRedis | undefined;
  private byKey: RateLimiterRedis | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly config: Config,
  ) {}

  /** Every POST counts against its address, before the key is even looked at. */
  consumeAddress(address: string): Promise<void> {
    this.byAddress ??= limiter(
      this.redis,
      `${this.config.REDIS_PREFIX}:open311:address`,
      this.config.OPEN311_POSTS_PER_MINUTE_PER_ADDRESS,
    );
    return consume(this.byAddress, address, 'this address');
  }

  consumeKey(clientId: string): Promise<void> {
    this.byKey ??= limiter(
      this.redis,
      `${this.config.REDIS_PREFIX}:open311:key`,
      this.config.OPEN311_POSTS_PER_MINUTE_PER_KEY,
    );
    return consume(this.byKey, clientId, 'this API key');
  }
}

async function consume(limiter: RateLimiterRedis, key: string, who: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw tooManyRequests(
      `Too many reports from ${who}: at most ${limiter.points} a minute; try again in ${seconds} s`,
      seconds,
    );
  }
}
