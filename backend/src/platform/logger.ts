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

/**
 * A request URL as the logs may keep it: secrets that travel in URLs are replaced (a status link's `token=`, and
 * a telephony system's token in the path of Zammad's generic CTI format, which bridges cannot send otherwise).
 */
export const redactedUrl = (url: string): string =>
  url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]').replace(/(\/api\/cti\/generic\/)[^/?#]+/i, '$1[redacted]');

export function createLogger(component: string, level: string = config().LOG_LEVEL): Logger {
  return pino({ name: `kck-${component}`, level, redact: { paths: REDACT, censor: '[redacted]' } });
}
