// The residents' web form through its public API (no account): a report with photos whose EXIF GPS is offered and
// then stripped, one transaction for ticket, photos and consent, the private link by e-mail too, idempotent resends,
// and every bad input a form meets (a renamed .exe, a sixth photo, bad fields, the honeypot, a flood from one address).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import {
  STATUS_TOKEN_HEADER,
  ticketRefOf,
  type DictionaryEntryDto,
  type ErrorBody,
  type PublicFormDto,
  type PublicPhotoDto,
  type PublicReportCreatedDto,
  type PublicTicketStatusDto,
  type TicketAttachmentsDto,
  type TicketDetailDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { download, SAMPLE } from '../support/uploads.ts';
import { createAttachmentStore } from '../../backend/src/attachments/attachments.storage.ts';
import { sweepAbandonedPhotos } from '../../backend/src/public-intake/public-photos.ts';
import { forgetPublicCategoryLabels } from '../../backend/src/public-intake/public-form.queries.ts';
import { waitForStatus } from '../support/waiting.ts';

const REPORTS_PER_HOUR = 6;
const PHOTO_LIMIT = 256 * 1024;

let environment: IsolatedEnvironment;
let inbox: SmtpInbox;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let dir: string;
let triage: TestClient;
let roads: TestClient;
let form: PublicFormDto;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('public_intake');
  inbox = new SmtpInbox(await freePort());
  await inbox.start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-public-intake-'));
  backend = await startTestBackend({
    config: {
      ...environment.env,
      SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
      ATTACHMENTS_DIR: dir,
      // Each test speaks from an address of its own (X-Forwarded-For), as residents do.
      TRUST_PROXY: 'true',
      PUBLIC_REPORTS_PER_HOUR: String(REPORTS_PER_HOUR),
      PUBLIC_PHOTO_MAX_BYTES: String(PHOTO_LIMIT),
      DATABASE_POOL_SIZE: '10',
    },
  });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  [triage, roads] = await signedInAll(backend.url, 'triage', 'drogi');
  form = (await publicGet<PublicFormDto>('/api/public/form', '198.51.100.1')).body;
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await inbox?.stop();
  await environment?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Answer<T> {
  status: number;
  body: T & ErrorBody;
  headers: Headers;
}

/** A resident's browser: no session cookie, its own address. */
async function publicRequest<T>(
  method: string,
  url: string,
  address: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await fetch(backend.url + url, {
    method,
    headers: {
      'X-Forwarded-For': address,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
const publicGet = <T>(url: string, address: string, headers?: Record<string, string>) =>
  publicRequest<T>('GET', url, address, undefined, headers);

async function uploadPhoto(
  submissionId: string,
  address: string,
  file: { name: string; bytes: Uint8Array; type?: string },
): Promise<Answer<PublicPhotoDto>> {
  const body = new FormData();
  body.append('file', new Blob([file.bytes], { type: file.type ?? 'image/jpeg' }), file.name);
  const res = await fetch(`${backend.url}/api/public/uploads?submissionId=${submissionId}`, {
    method: 'POST',
    headers: { 'X-Forwarded-For': address },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A real JPEG whose EXIF says where it was taken (Rynek Główny) and with which camera. */
function photoWithGps(color = '#3a6'): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: color } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Phone 1', Artist: 'Jan Kowalski' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '50/1 3/1 4140/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '19/1 56/1 1380/100',
      },
    })
    .toBuffer();
}

const categoryAtRoads = () => routedCategory(backend.ctx.db, 'ZDMK');

async function report(overrides: Record<string, unknown>, address: string) {
  return publicRequest<PublicReportCreatedDto>('POST', '/api/public/reports', address, {
    submissionId: randomUUID(),
    type: 'problem',
    categoryId: await categoryAtRoads(),
    description: 'Głęboka dziura w jezdni przy przejściu dla pieszych.',
    address: 'ul. Floriańska 12',
    language: 'pl',
    ...overrides,
  });
}

const ticketIdOf = async (number: string): Promise<string> =>
  (await backend.ctx.db.query(`SELECT id FROM ticket WHERE number = $1`, [number]))[0].id;
const count = async (table: string): Promise<number> =>
  Number((await backend.ctx.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

describe('the form data', () => {
  it('offers only leaf categories meant for residents, the districts, the consent text now in force and no map without tiles', async () => {
    expect(form.categories.length).toBeGreaterThan(10);
    expect(form.categories.every((c) => c.code.includes('.'))).toBe(true);
    expect(form.consent.version).toBe('2026-11-1');
    expect(form.consent.text.uk).toMatch(/Краків/);
    expect(form.districts).toHaveLength(18);
    expect(form).toMatchObject({
      maxPhotos: 5,
      map: null,
      photoTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'],
    });

    // Reported into once, so this process holds its list of the categories residents may choose.
    expect((await report({}, '198.51.100.1')).status).toBe(201);
    const hidden = await categoryAtRoads();
    await backend.ctx.db.query(`UPDATE dictionary_entry SET public_intake = false WHERE id = $1`, [hidden]);
    // No API changes this flag (migrations and the seed set it): forget the list, as a change of categories
    // through the dictionaries does.
    forgetPublicCategoryLabels(backend.ctx.db);
    try {
      const again = await publicGet<PublicFormDto>('/api/public/form', '198.51.100.1');
      expect(again.body.categories.map((c) => c.id)).not.toContain(hidden);
      const refused = await report({ categoryId: hidden }, '198.51.100.1');
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toEqual([{ path: 'categoryId', message: 'choose a category from the list' }]);
    } finally {
      await backend.ctx.db.query(`UPDATE dictionary_entry SET public_intake = true WHERE id = $1`, [hidden]);
    }
    // Offered again, it is taken at once: a list that lacks the category is read again.
    expect((await report({ categoryId: hidden }, '198.51.100.1')).status).toBe(201);
  });

  it('finds streets without an account, with their district', async () => {
    const found = await publicGet<{ label: string; districtCode: string }[]>(
      '/api/public/streets?q=florianska',
      '198.51.100.1',
    );
    expect(found.status).toBe(200);
    expect(found.body[0]).toMatchObject({ label: 'ul. Floriańska', districtCode: 'I' });
  });
});

describe('a report with photos and an e-mail', () => {
  it('offers the photo GPS, stores the photos without EXIF, and writes ticket, photos and consent together', async () => {
    const address = '198.51.100.10';
    const submissionId = randomUUID();
    const original = await photoWithGps();
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(50.0615, 3) });

    const first = await uploadPhoto(submissionId, address, { name: 'dziura.jpg', bytes: original });
    expect(first.status).toBe(201);
    // Offered to the resident, who decides: nothing is taken as the location until the form sends it.
    expect(first.body.location).toEqual({
      latitude: expect.closeTo(50.0615, 4),
      longitude: expect.closeTo(19.9372, 4),
    });
    expect(first.body.locationInKrakow).toBe(true);
    const png = await uploadPhoto(submissionId, address, { name: 'plan.png', bytes: SAMPLE.png, type: 'image/png' });
    expect(png.status).toBe(201);
    expect(png.body.location).toBeNull();

    const created = await publicRequest<PublicReportCreatedDto>('POST', '/api/public/reports', address, {
      submissionId,
      type: 'problem',
      categoryId: await categoryAtRoads(),
      description: 'Głęboka dziura w jezdni przy przejściu dla pieszych.\nSamochody omijają ją po chodniku.',
      address: 'ul. Floriańska 12',
      districtId: form.districts.find((d) => d.code === 'I')!.id,
      location: first.body.location,
      photoIds: [first.body.id, png.body.id],
      email: 'mieszkanka@example.org',
      consentVersion: form.consent.version,
      language: 'uk',
    });
    expect(created.status).toBe(201);
    expect(created.body.number).toMatch(/^KCK\/\d{4}\/\d{6}$/);
    expect(created.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(created.body.statusUrl).toBe(
      `${backend.ctx.config.PUBLIC_URL}/zgloszenie/${ticketRefOf(created.body.number)}?token=${created.body.token}`,
    );

    const id = await ticketIdOf(created.body.number);
    const [row] = await backend.ctx.db.query(
      `SELECT t.channel, t.title, t.created_by, t.status_token_hash, t.reporter_email, t.latitude,
              s.consent_version, s.consented_at, s.language
         FROM ticket t JOIN public_submission s ON s.ticket_id = t.id WHERE t.id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      channel: 'web_form',
      title: 'Głęboka dziura w jezdni przy przejściu dla pieszych.',
      created_by: null,
      reporter_email: 'mieszkanka@example.org',
      consent_version: '2026-11-1',
      language: 'uk',
    });
    expect(row.consented_at).toBeInstanceOf(Date);
    // Only the token's hash is kept.
    expect(row.status_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.body.token);

    // The unit gets it by the routing rules, with the resident's photos.
    await waitForStatus(roads, id, 'routed');
    const files = (await roads.get<TicketAttachmentsDto>(`/api/tickets/${id}/attachments`)).body.attachments;
    expect(files.map((f) => [f.fileName, f.uploadedBy])).toEqual([
      ['dziura.jpg', null],
      ['plan.png', null],
    ]);
    const stored = await download(roads, files[0]!.downloadUrl);
    expect(stored.status).toBe(200);
    const meta = await sharp(stored.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(await exifr.gps(stored.bytes)).toBeUndefined();
    expect(stored.bytes.includes(Buffer.from('TestCam'))).toBe(false);
    expect(stored.bytes.includes(Buffer.from('Kowalski'))).toBe(false);

    // The link works, and the acknowledgement e-mail carries another private link to the same page.
    const page = await publicGet<PublicTicketStatusDto>(
      `/api/public/tickets/${ticketRefOf(created.body.number)}`,
      address,
      {
        [STATUS_TOKEN_HEADER]: created.body.token,
      },
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ number: created.body.number, location: first.body.location });
    const [mail] = await inbox.waitFor('mieszkanka@example.org', 1);
    const link = /https?:\/\/\S+\/zgloszenie\/(KCK-\d{4}-\d{6})\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text ?? '');
    expect(link?.[1]).toBe(ticketRefOf(created.body.number));
    expect(link![2]).not.toBe(created.body.token);
    const byMail = await publicGet<PublicTicketStatusDto>(`/api/public/tickets/${link![1]}`, address, {
      [STATUS_TOKEN_HEADER]: link![2]!,
    });
    expect(byMail.status).toBe(200);
    expect(byMail.body.number).toBe(created.body.number);
  });

  it('answers a resent form with the same ticket, never a second one, and refuses the id with other content', async () => {
    const address = '198.51.100.11';
    const body = {
      submissionId: randomUUID(),
      type: 'problem',
      categoryId: await categoryAtRoads(),
      description: 'Nie świeci latarnia na rogu ulicy od tygodnia.',
      language: 'pl',
    };
    const before = await count('ticket');
    // A double click: both requests at once.
    const [one, two] = await Promise.all([
      publicRequest<PublicReportCreatedDto>('POST', '/api/public/reports', address, body),
      publicRequest<PublicReportCreatedDto>('POST', '/api/public/reports', address, body),
    ]);
    const retry = await publicRequest<PublicReportCreatedDto>('POST', '/api/public/reports', address, body);
    expect([one.status, two.status, retry.status]).toEqual([201, 201, 201]);
    expect(new Set([one.body.number, two.body.number, retry.body.number]).size).toBe(1);
    expect(await count('ticket')).toBe(before + 1);
    // Each answer's link works (only hashes are kept, so a resend gets a new one).
    for (const answer of [one, two, retry]) {
      const page = await publicGet(`/api/public/tickets/${ticketRefOf(answer.body.number)}`, address, {
        [STATUS_TOKEN_HEADER]: answer.body.token,
      });
      expect(page.status).toBe(200);
    }
    const changed = await publicRequest('POST', '/api/public/reports', address, {
      ...body,
      description: 'Coś innego niż przedtem.',
    });
    expect(changed.status).toBe(409);
    expect(await count('ticket')).toBe(before + 1);
  });
});

describe('categories changed while residents report', () => {
  it('refuses a category at once when an analyst withdraws it, and takes it again when it is back', async () => {
    const [analyst] = await signedInAll(backend.url, 'analityk');
    const address = '198.51.100.12';
    const categoryId = await categoryAtRoads();
    expect((await report({ categoryId }, address)).status).toBe(201);
    const entryNow = async () =>
      (await analyst.get<DictionaryEntryDto[]>('/api/dictionaries/category?includeInactive=true')).body.find(
        (e) => e.id === categoryId,
      )!;

    const off = await analyst.post(`/api/dictionaries/category/entries/${categoryId}/deactivate`, {
      version: (await entryNow()).version,
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    try {
      // Refused as a category the form does not offer: the list this process keeps was read again.
      const refused = await report({ categoryId }, address);
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toEqual([{ path: 'categoryId', message: 'choose a category from the list' }]);
    } finally {
      const on = await analyst.post(`/api/dictionaries/category/entries/${categoryId}/reactivate`, {
        version: (await entryNow()).version,
      });
      expect(on.status, JSON.stringify(on.body)).toBe(200);
    }
    expect((await report({ categoryId }, address)).status).toBe(201);
  });
});

describe('bad input on the form', () => {
  it('refuses a .exe named .jpg by its content, a photo over the limit, and a sixth photo, keeping nothing of them', async () => {
    const address = '198.51.100.20';
    const submissionId = randomUUID();
    const staged = await count('public_upload');
    const exe = await uploadPhoto(submissionId, address, { name: 'zdjecie.jpg', bytes: SAMPLE.exe });
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe('unsupported_media_type');
    expect(exe.body.error.fields?.[0]?.path).toBe('file');
    const pdf = await uploadPhoto(submissionId, address, { name: 'skan.jpg', bytes: SAMPLE.pdf });
    expect(pdf.status).toBe(415);
    const huge = await uploadPhoto(submissionId, address, {
      name: 'duze.jpg',
      bytes: Buffer.concat([(await photoWithGps()).subarray(0, 4), Buffer.alloc(PHOTO_LIMIT, 7)]),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toContain('256 KB');
    expect(await count('public_upload')).toBe(staged);

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ok = await uploadPhoto(submissionId, address, { name: `p${i}.jpg`, bytes: await photoWithGps() });
      expect(ok.status).toBe(201);
      ids.push(ok.body.id);
    }
    const sixth = await uploadPhoto(submissionId, address, { name: 'p5.jpg', bytes: await photoWithGps() });
    expect(sixth.status).toBe(400);
    expect(sixth.body.error.fields).toEqual([
      { path: 'file', message: 'at most 5 photos per report; remove one first' },
    ]);
    expect(await count('public_upload')).toBe(staged + 5);

    // Six ids in the report itself (one from another submission): refused, nothing written.
    const other = await uploadPhoto(randomUUID(), address, { name: 'x.jpg', bytes: await photoWithGps() });
    const tickets = await count('ticket');
    const six = await report({ submissionId, photoIds: [...ids, other.body.id] }, address);
    expect(six.status).toBe(400);
    expect(six.body.error.fields).toEqual([{ path: 'photoIds', message: 'at most 5 photos' }]);
    const foreign = await report({ submissionId, photoIds: [ids[0], other.body.id] }, address);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields?.[0]?.path).toBe('photoIds.1');
    expect(await count('ticket')).toBe(tickets);
    const claimed = await backend.ctx.db.query(
      `SELECT count(*)::int AS n FROM public_upload WHERE id = ANY($1) AND attachment_id IS NOT NULL`,
      [ids],
    );
    expect(claimed[0].n).toBe(0);

    // Taking one back frees its place.
    const removed = await publicRequest(
      'DELETE',
      `/api/public/uploads/${ids[4]}?submissionId=${submissionId}`,
      address,
    );
    expect(removed.status).toBe(204);
    const again = await uploadPhoto(submissionId, address, { name: 'p6.jpg', bytes: await photoWithGps() });
    expect(again.status).toBe(201);
  });

  it('names every bad field and writes nothing', async () => {
    const address = '198.51.100.21';
    const tickets = await count('ticket');
    const bad = await publicRequest('POST', '/api/public/reports', address, {
      submissionId: 'not-a-uuid',
      type: 'complaint',
      categoryId: 'x',
      description: 'krótko',
      location: { latitude: 52.23, longitude: 21.01 },
      email: 'not-an-address',
      language: 'de',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.fields!.map((f) => f.path).sort();
    expect(paths).toEqual(
      ['(body)', 'categoryId', 'description', 'email', 'language', 'location', 'submissionId', 'type'].sort(),
    );
    const noConsent = await report({ email: 'ktos@example.org' }, address);
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error.fields).toEqual([
      { path: 'consentVersion', message: 'consent is required to give an e-mail address' },
    ]);
    const unknownConsent = await report({ email: 'ktos@example.org', consentVersion: '1999-1' }, address);
    expect(unknownConsent.status).toBe(400);
    expect(unknownConsent.body.error.fields?.[0]?.path).toBe('consentVersion');
    expect(await count('ticket')).toBe(tickets);
  });

  it('answers a honeypot hit like a success, writes nothing, and logs it', async () => {
    const tickets = await count('ticket');
    const submissions = await count('public_submission');
    const hit = await report({ website: 'http://cheap-pills.example' }, '198.51.100.22');
    expect(hit.status).toBe(201);
    expect(hit.body.number).toMatch(/^KCK\/\d{4}\/\d{6}$/);
    expect(hit.body.statusUrl).toContain('/zgloszenie/');
    expect(await count('ticket')).toBe(tickets);
    expect(await count('public_submission')).toBe(submissions);
    const page = await publicGet(`/api/public/tickets/${ticketRefOf(hit.body.number)}`, '198.51.100.22', {
      [STATUS_TOKEN_HEADER]: hit.body.token,
    });
    expect(page.status).toBe(404);
  });

  it('limits reports from one address with a clear 429, and other addresses go on', async () => {
    const address = '198.51.100.23';
    const answers: number[] = [];
    for (let i = 0; i < REPORTS_PER_HOUR + 1; i++) answers.push((await report({}, address)).status);
    expect(answers).toEqual([...Array<number>(REPORTS_PER_HOUR).fill(201), 429]);
    const refused = await report({}, address);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_requests');
    expect(refused.body.error.message).toMatch(
      /Za dużo zgłoszeń i wiadomości z tego adresu\. Spróbuj ponownie za \d+ min/,
    );
    expect(refused.body.error.message).toMatch(
      /Too many reports and messages from this address\. Try again in \d+ min/,
    );
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect((await report({}, '198.51.100.24')).status).toBe(201);
  });
});

describe('photos nobody sent', () => {
  it('are deleted with their files a day later; photos of sent reports stay', async () => {
    const address = '198.51.100.40';
    const abandoned = await uploadPhoto(randomUUID(), address, { name: 'porzucone.jpg', bytes: await photoWithGps() });
    const submissionId = randomUUID();
    const sent = await uploadPhoto(submissionId, address, { name: 'wyslane.jpg', bytes: await photoWithGps() });
    expect((await report({ submissionId, photoIds: [sent.body.id] }, address)).status).toBe(201);
    const keyOf = async (id: string) =>
      (await backend.ctx.db.query(`SELECT storage_key FROM public_upload WHERE id = $1`, [id]))[0]?.storage_key as
        string | undefined;
    const abandonedKey = (await keyOf(abandoned.body.id))!;
    const sentKey = (await keyOf(sent.body.id))!;
    const store = createAttachmentStore(backend.ctx.config);
    const logger = createLogger('test-sweep', 'silent');

    expect(await sweepAbandonedPhotos(backend.ctx.db, store, logger)).toBe(0);
    const tomorrow = new Date(Date.now() + 25 * 3_600_000);
    expect(await sweepAbandonedPhotos(backend.ctx.db, store, logger, tomorrow)).toBeGreaterThanOrEqual(1);
    expect(await keyOf(abandoned.body.id)).toBeUndefined();
    await expect(store.read(abandonedKey)).rejects.toThrow();
    expect(await keyOf(sent.body.id)).toBe(sentKey);
    (await store.read(sentKey)).destroy();
  });
});

describe('the staff side', () => {
  it('shows the ticket from the form as channel web_form with the consent the reporter gave', async () => {
    const address = '198.51.100.30';
    const created = await report({ email: 'zgoda@example.org', consentVersion: form.consent.version }, address);
    const id = await ticketIdOf(created.body.number);
    const detail = await waitForStatus(triage, id, 'routed');
    expect(detail).toMatchObject({ channel: 'web_form', reporter: { email: 'zgoda@example.org' } });
    const feedback = await roads.get<{ consent: { version: string } | null }>(`/api/tickets/${id}/resident-feedback`);
    expect(feedback.body.consent?.version).toBe('2026-11-1');
    const detailAsRoads = await roads.get<TicketDetailDto>(`/api/tickets/${id}`);
    expect(detailAsRoads.body.events[0]?.kind).toBe('ticket.created');
  });
});
