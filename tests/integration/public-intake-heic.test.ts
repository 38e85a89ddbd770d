// HEIC photos, as iPhones send them, through the residents' public API: the form's upload and the status page's
// message. Each is judged by its content, its EXIF GPS offered, and stored as a JPEG with no EXIF; a file claiming
// a huge picture is refused before it is decoded, and a HEIF the decoder cannot read is refused as damaged.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import exifr from 'exifr';
import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import {
  STATUS_TOKEN_HEADER,
  ticketRefOf,
  type ErrorBody,
  type PublicFormDto,
  type PublicPhotoDto,
  type PublicReportCreatedDto,
  type TicketAttachmentsDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { download } from '../support/uploads.ts';
import { heicPhoto } from '../support/heic.ts';

let backend: TestBackend;
let dir: string;
let triage: TestClient;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-public-heic-'));
  backend = await startTestBackend({ config: { ATTACHMENTS_DIR: dir, TRUST_PROXY: 'true' } });
  triage = await signedIn(backend.url, 'triage');
});

afterAll(async () => {
  await backend?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Answer<T> {
  status: number;
  body: T & ErrorBody;
}

let addressCount = 0;
/** Each test speaks from an address of its own: the upload limit is per address. */
const nextAddress = () => `192.0.2.${++addressCount}`;

async function answer<T>(res: Response): Promise<Answer<T>> {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function upload(submissionId: string, address: string, name: string, bytes: Uint8Array) {
  const body = new FormData();
  // What an iPhone's browser declares; the server reads the content anyway.
  body.append('file', new Blob([bytes], { type: 'image/heic' }), name);
  const res = await fetch(`${backend.url}/api/public/uploads?submissionId=${submissionId}`, {
    method: 'POST',
    headers: { 'X-Forwarded-For': address },
    body,
  });
  return answer<PublicPhotoDto>(res);
}

async function postJson<T>(url: string, address: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(backend.url + url, {
    method: 'POST',
    headers: { 'X-Forwarded-For': address, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return answer<T>(res);
}

/** Taken on the Main Market Square with a phone whose owner's name is in the EXIF. */
const IPHONE_EXIF = {
  IFD0: { Make: 'Apple', Model: 'iPhone 15', Artist: 'Jan Kowalski' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '50/1 3/1 4140/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '19/1 56/1 1380/100',
  },
};

const stagedFor = async (submissionId: string): Promise<number> =>
  Number(
    (await backend.ctx.db.query(`SELECT count(*) AS n FROM public_upload WHERE submission_id = $1`, [submissionId]))[0]
      .n,
  );

/** Downloads a ticket's attachment as staff see it, and checks it is a plain JPEG of the photo: red, no EXIF. */
async function expectCleanRedJpeg(downloadUrl: string, size: { width: number; height: number }) {
  const stored = await download(triage, downloadUrl);
  expect(stored.status).toBe(200);
  expect(await fileTypeFromBuffer(stored.bytes)).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
  const metadata = await sharp(stored.bytes).metadata();
  expect(metadata).toMatchObject({ format: 'jpeg', ...size });
  expect(metadata.exif).toBeUndefined();
  expect(await exifr.parse(stored.bytes)).toBeUndefined();
  expect(stored.bytes.includes('Jan Kowalski')).toBe(false);
  expect(stored.bytes.includes('iPhone')).toBe(false);
  // The pixels came through the decoder: the photo is red, not the black or grey of a failed decode.
  const [red, green, blue] = (await sharp(stored.bytes).stats()).channels;
  expect(red!.mean).toBeGreaterThan(200);
  expect(green!.mean).toBeLessThan(60);
  expect(blue!.mean).toBeLessThan(60);
}

describe('HEIC photos from residents', () => {
  let report: PublicReportCreatedDto;

  it('are offered to the form, which says so', async () => {
    const res = await fetch(`${backend.url}/api/public/form`, { headers: { 'X-Forwarded-For': nextAddress() } });
    const form = (await res.json()) as PublicFormDto;
    expect(form.photoTypes).toEqual(expect.arrayContaining(['image/heic', 'image/heif']));
  });

  it("are taken on the form, their GPS offered, and stored as a JPEG without the phone's EXIF", async () => {
    const address = nextAddress();
    const submissionId = randomUUID();
    const original = await heicPhoto({ width: 96, height: 64, exif: IPHONE_EXIF });
    // The fixture is what a phone sends: a HEIC by its content, with its GPS in EXIF.
    expect(await fileTypeFromBuffer(original)).toEqual({ ext: 'heic', mime: 'image/heic' });
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(50.0615, 3) });

    const photo = await upload(submissionId, address, 'IMG_0042.HEIC', original);
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({
      fileName: 'IMG_0042.jpg',
      contentType: 'image/jpeg',
      location: { latitude: expect.closeTo(50.0615, 4), longitude: expect.closeTo(19.9372, 4) },
      locationInKrakow: true,
    });

    const created = await postJson<PublicReportCreatedDto>('/api/public/reports', address, {
      submissionId,
      type: 'problem',
      categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
      description: 'Zapadnięta studzienka na środku jezdni, zdjęcie z telefonu.',
      address: 'ul. Floriańska 12',
      language: 'pl',
      photoIds: [photo.body.id],
    });
    expect(created.status).toBe(201);
    report = created.body;

    const ticketId: string = (await backend.ctx.db.query(`SELECT id FROM ticket WHERE number = $1`, [report.number]))[0]
      .id;
    const files = (await triage.get<TicketAttachmentsDto>(`/api/tickets/${ticketId}/attachments`)).body.attachments;
    expect(files).toEqual([
      expect.objectContaining({ fileName: 'IMG_0042.jpg', contentType: 'image/jpeg', uploadedBy: null }),
    ]);
    await expectCleanRedJpeg(files[0]!.downloadUrl, { width: 96, height: 64 });
  });

  it("are taken with a resident's message on the status page the same way", async () => {
    const address = nextAddress();
    const submissionId = randomUUID();
    const photo = await upload(submissionId, address, 'IMG_0043.heic', await heicPhoto({ width: 64, height: 64 }));
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ fileName: 'IMG_0043.jpg', contentType: 'image/jpeg', location: null });

    const sent = await postJson(
      `/api/public/tickets/${ticketRefOf(report.number)}/messages`,
      address,
      { submissionId, text: 'Jeszcze jedno zdjęcie, z drugiej strony.', photoIds: [photo.body.id] },
      { [STATUS_TOKEN_HEADER]: report.token },
    );
    expect(sent.status).toBe(201);
    const ticketId: string = (await backend.ctx.db.query(`SELECT id FROM ticket WHERE number = $1`, [report.number]))[0]
      .id;
    const files = (await triage.get<TicketAttachmentsDto>(`/api/tickets/${ticketId}/attachments`)).body.attachments;
    expect(files.map((f) => [f.fileName, f.contentType])).toEqual([
      ['IMG_0042.jpg', 'image/jpeg'],
      ['IMG_0043.jpg', 'image/jpeg'],
    ]);
    await expectCleanRedJpeg(files[1]!.downloadUrl, { width: 64, height: 64 });
  });

  it('refuses a HEIC claiming more pixels than allowed before decoding it, keeping nothing', async () => {
    const submissionId = randomUUID();
    const bomb = await heicPhoto({ width: 32, height: 32, claimedSize: { width: 30_000, height: 30_000 } });
    expect(bomb.length).toBeLessThan(10_000);
    const refused = await upload(submissionId, nextAddress(), 'bomba.heic', bomb);
    expect(refused.status).toBe(415);
    expect(refused.body.error.fields).toEqual([
      { path: 'file', message: 'The photo is 30000×30000 pixels; at most 67 million pixels are taken' },
    ]);
    expect(await stagedFor(submissionId)).toBe(0);
  });

  it('refuses a damaged HEIC and an AV1-coded HEIF (which the decoder does not read) as unreadable', async () => {
    const whole = await heicPhoto({ width: 64, height: 64 });
    // The container intact, the picture's data cut short.
    const damaged = whole.subarray(0, whole.length - 2_000);
    // sharp writes AV1 only; with the general HEIF brand it is an image/heif by its content.
    const av1 = Buffer.from(
      await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c00' } })
        .heif({ compression: 'av1' })
        .toBuffer(),
    );
    av1.write('mif1', 8, 'latin1');
    expect(await fileTypeFromBuffer(av1)).toMatchObject({ mime: 'image/heif' });

    for (const [name, bytes] of [
      ['uszkodzone.heic', damaged],
      ['av1.heif', av1],
    ] as const) {
      const submissionId = randomUUID();
      const refused = await upload(submissionId, nextAddress(), name, bytes);
      expect(refused.status, name).toBe(415);
      expect(refused.body.error.fields, name).toEqual([
        { path: 'file', message: 'The photo could not be read as an image: is it damaged?' },
      ]);
      expect(await stagedFor(submissionId), name).toBe(0);
    }
  });
});
