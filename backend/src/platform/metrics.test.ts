// Who may read /metrics: the bearer token when METRICS_TOKEN is set, else only the loopback interface.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { metricsAllowed } from './metrics.ts';

const request = (remoteAddress: string, authorization?: string) =>
  ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;

describe('metricsAllowed', () => {
  it('without a token, lets only loopback connections in (X-Forwarded-For plays no part)', () => {
    expect(metricsAllowed(request('127.0.0.1'), '')).toBe(true);
    expect(metricsAllowed(request('::1'), '')).toBe(true);
    expect(metricsAllowed(request('::ffff:127.0.0.1'), '')).toBe(true);
    expect(metricsAllowed(request('10.0.0.7'), '')).toBe(false);
    expect(metricsAllowed(request('10.0.0.7', 'Bearer anything'), '')).toBe(false);
  });

  it('with a token, asks every caller for it, loopback ones too', () => {
    const token = 'a-long-metrics-token';
    expect(metricsAllowed(request('10.0.0.7', `Bearer ${token}`), token)).toBe(true);
    expect(metricsAllowed(request('127.0.0.1'), token)).toBe(false);
    expect(metricsAllowed(request('10.0.0.7', `Bearer ${token}x`), token)).toBe(false);
    expect(metricsAllowed(request('10.0.0.7', token), token)).toBe(false);
  });
});
