// The one logger (pino) for backend and worker: JSON lines, one child per component.
// Residents' contact data is redacted wherever it could appear in a logged object.
import { pino, type Logger } from 'pino';
import { config } from './config.ts';

export type { Logger };

const REDACT = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.reporter',
  '*.callerPhone',
  '*.reporterPhone',
  '*.reporterEmail',
];

export function createLogger(component: string, level: string = config().LOG_LEVEL): Logger {
  return pino({ name: `kck-${component}`, level, redact: { paths: REDACT, censor: '[redacted]' } });
}
