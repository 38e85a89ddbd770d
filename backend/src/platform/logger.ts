// The one logger (pino) for backend and worker: JSON lines, one child per component.
// Residents' contact data is redacted wherever it could appear in a logged object.
import { pino, type DestinationStream, type Logger } from 'pino';
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
  // A resident's contact under its plain names, anywhere a handler might log an object holding it.
  'phone',
  'email',
  '*.phone',
  '*.email',
  '*.*.phone',
  '*.*.email',
  // Request and response bodies are never logged; these guard against one being passed by mistake.
  'body',
  '*.body',
  // A failed SQL statement's bound values (TypeORM's QueryFailedError) are the row being written: contact data.
  '*.parameters',
  '*.driverError.parameters',
];

/** An e-mail address inside a logged string (an SMTP error naming the refused recipient, for example). */
const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

/** Top-level strings of a log line lose any e-mail address in them; objects are redacted by path above. */
function scrubEmails(object: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(object))
    if (typeof value === 'string' && value.includes('@')) object[key] = value.replace(EMAIL_IN_TEXT, '[e-mail]');
  return object;
}

/**
 * A request URL as the logs may keep it: secrets that travel in URLs are replaced (a status link's `token=`, and
 * a telephony system's token in the path of Zammad's generic CTI format, which bridges cannot send otherwise).
 */
export const redactedUrl = (url: string): string =>
  url
    .replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
    .replace(/(\/api\/cti\/generic\/)[^/?#]+/i, '$1[redacted]')
    // Staff search by whatever the resident gave (a phone number, an e-mail, a name): the terms stay out of logs.
    .replace(/([?&](?:q|phone|email)=)[^&#]*/gi, '$1[redacted]');

/** `destination`: where lines go (default stdout); a test passes a stream that keeps them in memory. */
export function createLogger(
  component: string,
  level: string = config().LOG_LEVEL,
  destination?: DestinationStream,
): Logger {
  const options = {
    name: `kck-${component}`,
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { log: scrubEmails },
  };
  return destination ? pino(options, destination) : pino(options);
}
