// @kck/contracts: the types and zod schemas backend, worker, console and tests share.
export * from './domain.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './lifecycle.ts';
export * from './queues.ts';
export * from './socket.ts';
export * from './api/auth.ts';
export * from './api/units.ts';
export * from './api/unit-integrations.ts';
export * from './api/dictionaries.ts';
export * from './api/tickets.ts';
export * from './api/routing.ts';
export * from './api/calls.ts';
export * from './api/knowledge.ts';
export * from './api/analytics.ts';
export * from './api/monitoring.ts';
export * from './api/realtime.ts';
