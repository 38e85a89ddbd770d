// Reads a generic PBX bridge's body, which comes as JSON, as a URL-encoded form or as multipart form data
// (curl --form), with `user[]` repeated for several names. The app parses only JSON, so the rest is read here.
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import busboy from 'busboy';
import { AppError, badField } from '../platform/errors.ts';

const MAX_BYTES = 64 * 1024;

type Fields = Record<string, string | string[]>;

/** `user[]=a&user[]=b` and `user=a&user=b` both give `user: ['a', 'b']`; a single `user=a` stays a string. */
function addField(fields: Fields, rawName: string, value: string): void {
  const isList = rawName.endsWith('[]');
  const name = isList ? rawName.slice(0, -2) : rawName;
  const existing = fields[name];
  if (existing === undefined) fields[name] = isList ? [value] : value;
  else fields[name] = [...(Array.isArray(existing) ? existing : [existing]), value];
}

async function readText(req: Request): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as Readable) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new AppError(413, 'payload_too_large', `The body is over ${MAX_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readMultipart(req: Request): Promise<Fields> {
  return new Promise((resolve, reject) => {
    const fields: Fields = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 0, fields: 50, fieldSize: 2000 } });
    } catch (err) {
      reject(badField('(body)', `the form could not be read: ${(err as Error).message}`));
      return;
    }
    parser.on('field', (name, value) => addField(fields, name, value));
    parser.on('file', (_name, stream: Readable) => stream.resume());
    parser.on('close', () => resolve(fields));
    parser.on('error', (err) => reject(badField('(body)', `the form could not be read: ${(err as Error).message}`)));
    req.pipe(parser);
  });
}

function readForm(text: string): Fields {
  const fields: Fields = {};
  for (const [name, value] of new URLSearchParams(text)) addField(fields, name, value);
  return fields;
}

export async function readGenericCtiBody(req: Request): Promise<unknown> {
  if (req.is('application/json')) return req.body ?? {};
  if (req.is('application/x-www-form-urlencoded')) return readForm(await readText(req));
  if (req.is('multipart/form-data')) return readMultipart(req);
  // Some bridges post a form without any content type (as Rack, and so Zammad, accepts).
  if (!req.get('content-type')) {
    const text = await readText(req);
    if (text.trimStart().startsWith('{')) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw badField('(body)', 'the body starts like JSON but is not valid JSON');
      }
    }
    return readForm(text);
  }
  throw new AppError(
    415,
    'unsupported_media_type',
    'Send the event as application/json, application/x-www-form-urlencoded or multipart/form-data',
  );
}
