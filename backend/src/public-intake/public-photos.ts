// Photos from residents (form and status page): received and typed by content like any attachment, their EXIF GPS
// read, then re-encoded so no EXIF (GPS, camera, time) is ever stored (HEIC as JPEG); staged until their report or
// message is sent.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import exifr from 'exifr';
import sharp from 'sharp';
import {
  ATTACHMENT_FILE_FIELD,
  isInKrakow,
  PUBLIC_PHOTO_HEIF_TYPES,
  PUBLIC_PHOTO_TYPES,
  type PublicPhotoDto,
  type PublicPhotoType,
  type TicketLocation,
} from '@kck/contracts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import { receiveUpload } from '../attachments/attachment-upload.ts';
import { badField, notFound, unsupportedMediaType } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { decodeHeic, HeicTooLarge, HeicUnreadable } from './heic-photo.ts';

const PHOTO_TYPES: ReadonlySet<string> = new Set(PUBLIC_PHOTO_TYPES);
const HEIF_TYPES: ReadonlySet<string> = new Set(PUBLIC_PHOTO_HEIF_TYPES);

/** Bigger photos are scaled down: enough to see a pothole, and a stored file far below the upload limit. */
const MAX_SIDE = 4096;
/** A decompression bomb (a small file claiming a huge image) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 8192 * 8192;
const MAX_MEGAPIXELS = Math.round(MAX_INPUT_PIXELS / 1e6);

/** A staged photo nobody sent within this is deleted with its file. */
export const STAGED_PHOTO_LIFETIME_MS = 24 * 3_600_000;

export interface PhotoLimits {
  incomingDir: string;
  maxBytes: number;
  maxPhotos: number;
  /** The virus scan (CLAMAV_SCAN) every photo passes before it is looked into. */
  scan?: Parameters<typeof receiveUpload>[1]['scan'];
}

/** The GPS position in the photo's EXIF, if it has a sensible one. */
async function exifLocation(file: string): Promise<TicketLocation | null> {
  try {
    const gps = await exifr.gps(file);
    if (!gps || !Number.isFinite(gps.latitude) || !Number.isFinite(gps.longitude)) return null;
    if (Math.abs(gps.latitude) > 90 || Math.abs(gps.longitude) > 180) return null;
    // Seven decimals is about a centimetre: more is noise.
    const round = (n: number) => Math.round(n * 1e7) / 1e7;
    return { latitude: round(gps.latitude), longitude: round(gps.longitude) };
  } catch {
    return null; // broken EXIF is no reason to refuse the photo
  }
}

/**
 * Writes the photo again from its pixels: turned upright by its EXIF orientation, at most MAX_SIDE pixels a side,
 * in its own format. sharp writes no metadata unless asked to, so EXIF, XMP and IPTC are gone.
 */
export async function reencodePhoto(source: string, target: string, type: PublicPhotoType): Promise<void> {
  const image = sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const encoded =
    type === 'image/jpeg'
      ? image.jpeg({ quality: 85, mozjpeg: true })
      : type === 'image/png'
        ? image.png({ compressionLevel: 9 })
        : image.webp({ quality: 85 });
  await encoded.toFile(target);
}

/**
 * A HEIC/HEIF photo written as a JPEG from its decoded pixels (already upright: the decoder applies the file's
 * rotation), at most MAX_SIDE a side. Raw pixels carry no metadata, so neither does the JPEG.
 */
export async function reencodeHeif(source: string, target: string): Promise<void> {
  const { width, height, data } = await decodeHeic(source, MAX_INPUT_PIXELS);
  await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
    raw: { width, height, channels: 4 },
    limitInputPixels: MAX_INPUT_PIXELS,
  })
    .removeAlpha()
    .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85, mozjpeg: true })
    .toFile(target);
}

/** `IMG_0042.HEIC` is stored as `IMG_0042.jpg`: the name says what the file now is. */
export const jpegFileName = (name: string): string =>
  /\.hei[cf]$/i.test(name) ? name.replace(/\.hei[cf]$/i, '.jpg') : `${name}.jpg`;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Receives one photo for a submission (a form report or a status-page message, by the id the browser made),
 * refuses what is not a JPEG, PNG, WebP or HEIC/HEIF by its content, reads its GPS, re-encodes it and stages it.
 */
export async function receivePhoto(
  db: DataSource,
  store: AttachmentStore,
  req: Request,
  submissionId: string,
  limits: PhotoLimits,
): Promise<PublicPhotoDto> {
  const staged: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM public_upload WHERE submission_id = $1 AND attachment_id IS NULL`,
    [submissionId],
  );
  // Before reading the body: nothing more is stored for a report that already has its photos.
  if ((staged[0]?.n ?? 0) >= limits.maxPhotos)
    throw badField(ATTACHMENT_FILE_FIELD, `at most ${limits.maxPhotos} photos per report; remove one first`);
  const file = await receiveUpload(req, {
    incomingDir: limits.incomingDir,
    maxBytes: limits.maxBytes,
    scan: limits.scan,
  });
  const clean = path.join(limits.incomingDir, randomUUID());
  try {
    const heif = HEIF_TYPES.has(file.contentType);
    if (!PHOTO_TYPES.has(file.contentType) && !heif)
      throw unsupportedMediaType(
        ATTACHMENT_FILE_FIELD,
        `Files of type ${file.contentType} are not taken here: send a photo (JPEG, PNG, WebP or HEIC)`,
      );
    const type: PublicPhotoType = heif ? 'image/jpeg' : (file.contentType as PublicPhotoType);
    const fileName = heif ? jpegFileName(file.fileName) : file.fileName;
    // exifr reads a HEIC's EXIF item as it reads a JPEG's segment: the offer works the same for both.
    const location = await exifLocation(file.path);
    try {
      if (heif) await reencodeHeif(file.path, clean);
      else await reencodePhoto(file.path, clean, type);
    } catch (err) {
      if (err instanceof HeicTooLarge)
        throw unsupportedMediaType(
          ATTACHMENT_FILE_FIELD,
          `The photo is ${err.width}×${err.height} pixels; at most ${MAX_MEGAPIXELS} million pixels are taken`,
        );
      // A worker that could not start is ours to fix, not a damaged photo.
      if (heif && !(err instanceof HeicUnreadable)) throw err;
      throw unsupportedMediaType(ATTACHMENT_FILE_FIELD, 'The photo could not be read as an image: is it damaged?');
    }
    const sizeBytes = (await stat(clean)).size;
    const sha256 = await sha256Of(clean);
    const id = randomUUID();
    const key = `public-uploads/${id}`;
    // The row first, the object second, then the row says it is stored: a crash in between leaves a row the
    // sweep deletes, never an object nobody knows about nor a claimed photo without its file.
    await db.query(
      `INSERT INTO public_upload (id, submission_id, storage_key, file_name, content_type, size_bytes, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, submissionId, key, fileName, type, sizeBytes, sha256],
    );
    try {
      await store.put(key, { path: clean, sizeBytes, contentType: type });
    } catch (err) {
      await db.query(`DELETE FROM public_upload WHERE id = $1`, [id]);
      throw err;
    }
    await db.query(`UPDATE public_upload SET stored_at = now() WHERE id = $1`, [id]);
    return {
      id,
      fileName,
      contentType: type,
      sizeBytes,
      location,
      locationInKrakow: location !== null && isInKrakow(location),
    };
  } finally {
    await rm(file.path, { force: true });
    await rm(clean, { force: true });
  }
}

/** The resident took a photo back before sending: its row and file go. */
export async function discardPhoto(
  db: DataSource,
  store: AttachmentStore,
  submissionId: string,
  photoId: string,
): Promise<void> {
  const rows: { storage_key: string }[] = await db.query(
    `WITH gone AS (
       DELETE FROM public_upload WHERE id = $1 AND submission_id = $2 AND attachment_id IS NULL RETURNING storage_key)
     SELECT storage_key FROM gone`,
    [photoId, submissionId],
  );
  if (!rows[0]) throw notFound('Photo');
  await store.remove(rows[0].storage_key);
}

/**
 * Turns the submission's staged photos into the ticket's attachments (uploaded_by NULL: the resident sent them), in
 * the caller's transaction. Every id must be a stored, unclaimed photo of this submission, or 400 names it.
 */
export async function claimPhotos(
  em: EntityManager,
  ticketId: string,
  submissionId: string,
  photoIds: string[],
  maxPhotos: number,
): Promise<{ attachmentId: string; fileName: string }[]> {
  if (photoIds.length === 0) return [];
  if (photoIds.length > maxPhotos) throw badField('photoIds', `at most ${maxPhotos} photos`);
  if (new Set(photoIds).size !== photoIds.length) throw badField('photoIds', 'the same photo is listed twice');
  const rows: { id: string; file_name: string }[] = await em.query(
    `SELECT id, file_name FROM public_upload
      WHERE id = ANY($1::uuid[]) AND submission_id = $2 AND attachment_id IS NULL AND stored_at IS NOT NULL
      FOR UPDATE`,
    [photoIds, submissionId],
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = photoIds.findIndex((id) => !found.has(id));
  if (missing >= 0)
    throw badField(
      `photoIds.${missing}`,
      'no such photo for this report: it expired or was already sent; add it again',
    );
  // Two statements, not one: the second's foreign key must see the first's rows.
  const claimed: { id: string; file_name: string }[] = await em.query(
    // A microsecond apart, in the order the resident added them: lists sort attachments by when they came.
    `INSERT INTO ticket_attachment (id, ticket_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by,
                                    created_at)
     SELECT gen_random_uuid(), $1, u.storage_key, u.file_name, u.content_type, u.size_bytes, u.sha256, NULL,
            now() + x.n * interval '1 microsecond'
       FROM public_upload u JOIN unnest($2::uuid[]) WITH ORDINALITY x(id, n) ON x.id = u.id
      ORDER BY x.n
     RETURNING id, file_name`,
    [ticketId, photoIds],
  );
  await em.query(
    `UPDATE public_upload u SET attachment_id = a.id
       FROM ticket_attachment a WHERE a.storage_key = u.storage_key AND u.id = ANY($1::uuid[])`,
    [photoIds],
  );
  return claimed.map((r) => ({ attachmentId: r.id, fileName: r.file_name }));
}

/** Deletes staged photos nobody sent within STAGED_PHOTO_LIFETIME_MS, rows first, then their files. */
export async function sweepAbandonedPhotos(
  db: DataSource,
  store: AttachmentStore,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  const rows: { storage_key: string }[] = await db.query(
    `WITH gone AS (
       DELETE FROM public_upload
        WHERE id IN (SELECT id FROM public_upload WHERE attachment_id IS NULL AND created_at < $1 LIMIT 500)
        RETURNING storage_key)
     SELECT storage_key FROM gone`,
    [new Date(now.getTime() - STAGED_PHOTO_LIFETIME_MS)],
  );
  for (const row of rows) await store.remove(row.storage_key);
  if (rows.length > 0) logger.info({ removed: rows.length }, 'abandoned web-form photos removed');
  return rows.length;
}
