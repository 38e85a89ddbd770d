// Limits failed logins per account and per client address, counted in Redis over a window.
// Over the limit the login answers 429 before the password is even checked.
import type { Redis } from 'ioredis';
import type { Config } from '../platform/config.ts';
import { tooManyRequests } from '../platform/errors.ts';

export class LoginLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly config: Config,
  ) {}

  private keys(login: string, address: string) {
    const p = `${this.config.REDIS_PREFIX}:login-failures`;
    return { account: `${p}:account:${login.toLowerCase()}`, address: `${p}:address:${address}` };
  }

  /** Throws 429 when the account or the address has failed too often. */
  async assertAllowed(login: string, address: string): Promise<void> {
    const keys = this.keys(login, address);
    const [account, fromAddress] = await this.redis.mget(keys.account, keys.address);
    const retryAfter = this.config.LOGIN_FAILURE_WINDOW_MINUTES * 60;
    if (Number(account ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
      throw tooManyRequests(
        `Too many failed logins for this account; try again in ${this.config.LOGIN_FAILURE_WINDOW_MINUTES} minutes`,
        retryAfter,
      );
    }
    if (Number(fromAddress ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ADDRESS) {
      throw tooManyRequests(
        `Too many failed logins from this address; try again in ${this.config.LOGIN_FAILURE_WINDOW_MINUTES} minutes`,
        retryAfter,
      );
    }
  }

  async recordFailure(login: string, address: string): Promise<void> {
    const keys = this.keys(login, address);
    const ttl = this.config.LOGIN_FAILURE_WINDOW_MINUTES * 60;
    await this.redis
      .multi()
      .incr(keys.account)
      .expire(keys.account, ttl, 'NX')
      .incr(keys.address)
      .expire(keys.address, ttl, 'NX')
      .exec();
  }

  async recordSuccess(login: string, address: string): Promise<void> {
    await this.redis.del(this.keys(login, address).account);
  }
}
