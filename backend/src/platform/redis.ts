// Redis connections through ioredis: for commands, for BullMQ producers and workers, for Socket.IO.
// Keys are separated per deployment or test run by REDIS_PREFIX, never by ioredis keyPrefix (BullMQ forbids it).
import { Redis, type RedisOptions } from 'ioredis';

export type { Redis };

export type RedisRole = 'command' | 'producer' | 'worker' | 'socket';

/**
 * Producers fail fast when Redis is down (the outbox keeps the event; an HTTP request must not hang).
 * Workers and Socket.IO wait and reconnect (BullMQ requires maxRetriesPerRequest: null for workers).
 * Socket.IO's adapter adds one stream entry per emit: auto-pipelining sends the emits of one fan-out batch
 * in one write instead of one each.
 */
export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const byRole: Record<RedisRole, RedisOptions> = {
    command: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 },
    producer: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 },
    worker: { maxRetriesPerRequest: null, enableReadyCheck: true },
    socket: { maxRetriesPerRequest: null, enableAutoPipelining: true },
  };
  const client = new Redis(url, { lazyConnect: false, connectionName: `kck-${role}`, ...byRole[role], ...extra });
  // ioredis emits 'error' on every failed reconnect; callers log state changes, not each attempt.
  client.on('error', () => undefined);
  return client;
}

/** The BullMQ key prefix: `bull` namespaced by the deployment prefix. */
export const bullPrefix = (redisPrefix: string) => `${redisPrefix}:bull`;
export const socketStreamName = (redisPrefix: string) => `${redisPrefix}:socket.io`;

/** Resolves once the client is connected, or rejects after `timeoutMs` naming the address. */
export function whenReady(client: Redis, timeoutMs = 5000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}
