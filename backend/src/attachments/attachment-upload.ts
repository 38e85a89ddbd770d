// Receives one multipart upload into a local file while counting its size and its SHA-256, stops keeping bytes
// at the size limit, then decides its type from the content (magic bytes), never from its name or header.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import busboy from 'busboy';
import { fileTypeFromFile } from 'file-type';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_FILE_FIELD, type AttachmentContentType } from '@kck/contracts';
import { badField, payloadTooLarge, unsupportedMediaType } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { scanUpload, type UploadScanMode } from './upload-scan.ts';

export interface ReceivedFile {
  /** The complete upload on local disk; the caller removes it when done. */
  path: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  contentType: AttachmentContentType;
}

const ALLOWED: ReadonlySet<string> = new Set(ATTACHMENT_CONTENT_TYPES);

/** `10 MB`, `512 KB`: how the limit is named in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/**
 * The uploader's file name, safe to store and to send back in Content-Disposition: no folders (browsers on
 * Windows may send `C:\…`), no control or reserved characters, at most 200 characters keeping the extension.
 */
export function safeFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (!cleaned) return 'zalacznik';
  if (cleaned.length <= 200) return cleaned;
  const ext = path.extname(cleaned).slice(0, 20);
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/** Plain text has no magic bytes: we take UTF-8 (ASCII included) without NUL bytes, judged on the first 64 KB. */
async function looksLikeText(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return false;
    // `stream: true`: a character cut at the 64 KB boundary is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

async function detectContentType(file: string): Promise<AttachmentContentType> {
  const detected = await fileTypeFromFile(file);
  if (detected) {
    if (ALLOWED.has(detected.mime)) return detected.mime as AttachmentContentType;
    throw unsupportedMediaType(
      ATTACHMENT_FILE_FIELD,
      `Files of type ${detected.mime} (.${detected.ext}) are not accepted: send an image, a PDF, an office document or plain text`,
    );
  }
  if (await looksLikeText(file)) return 'text/plain';
  throw unsupportedMediaType(
    ATTACHMENT_FILE_FIELD,
    'The file is of an unrecognised type: send an image, a PDF, an office document or plain text',
  );
}

/** Counts and hashes the bytes on their way to disk: nothing is held in memory beyond one chunk. */
function measure(into: { size: number; hash: ReturnType<typeof createHash> }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      into.size += chunk.length;
      into.hash.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Streams the request's one file (field `file`) into `incomingDir`. Over `maxBytes` the rest of the request
 * is read and dropped (so the client gets our answer, not a reset connection), the partial file is removed
 * and the answer is 413 naming the limit; content of a type we do not take is removed and answered with 415.
 */
export async function receiveUpload(
  req: Request,
  options: { incomingDir: string; maxBytes: number; scan?: { mode: UploadScanMode; logger?: Logger } },
): Promise<ReceivedFile> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send UTF-8 file names (Polish letters) without the RFC 5987 marker.
      defParamCharset: 'utf8',
      // busboy flags a file that *reaches* its limit; one byte more lets exactly maxBytes through.
      limits: { files: 1, fileSize: options.maxBytes + 1, fields: 10, fieldSize: 1024, parts: 20 },
    });
  } catch {
    throw badField(
      ATTACHMENT_FILE_FIELD,
      `send the file as multipart/form-data in the field "${ATTACHMENT_FILE_FIELD}"`,
    );
  }
  await mkdir(options.incomingDir, { recursive: true });
  const target = path.join(options.incomingDir, randomUUID());
  const seen = { size: 0, hash: createHash('sha256') };
  let fileName: string | undefined;
  let truncated = false;
  let written: Promise<void> | undefined;

  parser.on('file', (field: string, stream: Readable, info: busboy.FileInfo) => {
    if (field !== ATTACHMENT_FILE_FIELD || written) {
      stream.resume(); // not ours, or a second file: read and drop
      return;
    }
    fileName = safeFileName(info.filename);
    stream.on('limit', () => {
      truncated = true;
    });
    written = pipeline(stream, measure(seen), createWriteStream(target, { flags: 'wx' }));
    // Awaited below; until then a failure must not count as unhandled.
    written.catch(() => undefined);
  });

  try {
    try {
      await pipeline(req, parser);
    } catch (err) {
      // A malformed body or a client that went away; either way the request itself is at fault.
      throw badField(ATTACHMENT_FILE_FIELD, `the upload could not be read: ${(err as Error).message}`);
    }
    await written; // a failure here is ours (disk full...): a 500
    if (!written) throw badField(ATTACHMENT_FILE_FIELD, `attach one file in the field "${ATTACHMENT_FILE_FIELD}"`);
    if (truncated || seen.size > options.maxBytes)
      throw payloadTooLarge(
        ATTACHMENT_FILE_FIELD,
        `The file is larger than the limit of ${formatBytes(options.maxBytes)} (${options.maxBytes} bytes)`,
      );
    if (seen.size === 0) throw badField(ATTACHMENT_FILE_FIELD, 'the file is empty');
    // Before the file is looked into or stored anywhere; a refusal removes it below.
    if (options.scan) await scanUpload(target, fileName ?? 'zalacznik', options.scan.mode, options.scan.logger);
    const contentType = await detectContentType(target);
    return {
      path: target,
      fileName: fileName ?? 'zalacznik',
      sizeBytes: seen.size,
      sha256: seen.hash.digest('hex'),
      contentType,
    };
  } catch (err) {
    await rm(target, { force: true });
    throw err;
  }
}
