// Ticket attachments through the API on the disk store: upload (streamed, sized, hashed, typed by content), the
// list and the download within the ticket's visibility, the size and type limits leaving nothing behind, and
// the history event with its outbox row, removal with a reason, and the sweep of orphaned files. The same flow on
// an S3-compatible server closes the file.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TicketAttachmentsDto, TicketDetailDto, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, signedInAll, TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUser, routedCategory, TEST_PASSWORD, unitId } from '../../backend/src/test-support/builders.ts';
import { download, SAMPLE, upload } from '../support/uploads.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';
import { DiskAttachmentStore } from '../../backend/src/attachments/disk-attachment-store.ts';
import { handleAttachmentSweepJob } from '../../backend/src/attachments/attachment-sweep.job.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';

const LIMIT = 64 * 1024;
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a folder, recursively (empty folders do not count). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

let backend: TestBackend;
let dir: string;
let agent: TestClient;
let triage: TestClient;
let roads: TestClient;
let greenery: TestClient;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-attachments-'));
  // No relay and no worker: the history event's outbox row stays in place to be looked at.
  backend = await startTestBackend({
    relay: false,
    config: { ATTACHMENTS_DIR: dir, ATTACHMENTS_MAX_BYTES: String(LIMIT) },
  });
  [agent, triage, roads, greenery] = await signedInAll(backend.url, 'agent', 'triage', 'drogi', 'zielen');
});
afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ticketAtRoads(): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
    title: 'Zapadnięta studzienka',
    description: 'Studzienka kanalizacyjna zapadła się na jezdni.',
  });
  expect(created.status).toBe(201);
  const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, {
    unitId: await unitId(backend.ctx.db, 'ZDMK'),
  });
  expect(routed.body.status).toBe('routed');
  return routed.body;
}

const attachmentRows = async (ticketId: string): Promise<unknown[]> =>
  backend.ctx.db.query(`SELECT id FROM ticket_attachment WHERE ticket_id = $1`, [ticketId]);

describe('uploading a photo to a ticket', () => {
  it('stores it with its size and SHA-256, lists it, records it in the history and the outbox', async () => {
    const ticket = await ticketAtRoads();
    const res = await upload(roads, ticket.id, { name: 'studzienka.png', bytes: SAMPLE.png, type: 'image/png' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ticketId: ticket.id,
      fileName: 'studzienka.png',
      contentType: 'image/png',
      sizeBytes: SAMPLE.png.length,
      sha256: sha256(SAMPLE.png),
      uploadedBy: { name: expect.stringMatching(/\w/) },
      downloadUrl: `/api/tickets/${ticket.id}/attachments/${res.body.id}`,
    });

    const stored = path.join(dir, 'tickets', ticket.id, res.body.id);
    expect(readFileSync(stored).equals(SAMPLE.png)).toBe(true);
    // Nothing waits in the incoming folder once the upload is done.
    expect(filesUnder(path.join(dir, '.incoming'))).toEqual([]);

    const list = await agent.get<TicketAttachmentsDto>(`/api/tickets/${ticket.id}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.maxBytes).toBe(LIMIT);
    expect(list.body.canUpload).toBe(true); // the agent wrote the ticket
    expect(list.body.attachments).toEqual([res.body]);

    const detail = await triage.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    const event = detail.body.events.at(-1)!;
    expect(event).toMatchObject({ kind: 'ticket.attachment_added', actorName: expect.stringMatching(/\w/) });
    expect(event.changes.attachment).toEqual({ from: null, to: 'studzienka.png' });
    const outbox: { payload: { ticketId: string; seq: number } }[] = await backend.ctx.db.query(
      `SELECT payload FROM outbox WHERE event = 'ticket.attachment_added' AND payload->>'ticketId' = $1`,
      [ticket.id],
    );
    expect(outbox.map((row) => row.payload)).toEqual([{ ticketId: ticket.id, seq: event.seq }]);
  });

  it('takes a file of exactly the limit, judges plain text by its content, and keeps a safe UTF-8 name', async () => {
    const ticket = await ticketAtRoads();
    const text = 'Notatka z oględzin: ułamana krawędź, głębokość ok. 12 cm.\n';
    const full = text.repeat(Math.ceil(LIMIT / Buffer.byteLength(text))).slice(0, LIMIT);
    const exact = Buffer.from(full).subarray(0, LIMIT);
    // Reserved characters do not survive into the stored name; Polish letters do.
    const res = await upload(triage, ticket.id, { name: 'oględziny <jezdnia>|.txt', bytes: exact });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      fileName: 'oględziny _jezdnia__.txt',
      contentType: 'text/plain',
      sizeBytes: LIMIT,
    });
  });
});

describe('downloading an attachment', () => {
  it('answers as a download with the stored type, nosniff and the UTF-8 file name', async () => {
    const ticket = await ticketAtRoads();
    const up = await upload(roads, ticket.id, { name: 'protokół odbioru.pdf', bytes: SAMPLE.pdf });
    expect(up.status).toBe(201);
    expect(up.body.contentType).toBe('application/pdf');

    const res = await download(agent, up.body.downloadUrl);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(SAMPLE.pdf)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-length')).toBe(String(SAMPLE.pdf.length));
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment;/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('protokół odbioru.pdf')}`);
  });
});

describe('an attachment outside the reader’s scope', () => {
  it('is 404 for another unit and for another agent: list, download and upload, and nothing is written', async () => {
    const ticket = await ticketAtRoads();
    const up = await upload(roads, ticket.id, { name: 'zdjecie.png', bytes: SAMPLE.png });
    expect(up.status).toBe(201);
    const otherAgentUser = await buildUser(backend.ctx.db, { role: 'agent' });
    const otherAgent = new TestClient(backend.url);
    await otherAgent.login(otherAgentUser.login, TEST_PASSWORD);

    for (const outsider of [greenery, otherAgent]) {
      expect((await outsider.get(`/api/tickets/${ticket.id}/attachments`)).status).toBe(404);
      const got = await download(outsider, up.body.downloadUrl);
      expect(got.status).toBe(404);
      expect(got.bytes.toString()).not.toContain('PNG');
      const sent = await upload(outsider, ticket.id, { name: 'obce.png', bytes: SAMPLE.png });
      expect(sent.status).toBe(404);
    }
    expect(await attachmentRows(ticket.id)).toHaveLength(1);
    expect(filesUnder(path.join(dir, 'tickets', ticket.id))).toHaveLength(1);
  });

  it('an analyst reads and downloads but may not upload (403)', async () => {
    const ticket = await ticketAtRoads();
    const up = await upload(roads, ticket.id, { name: 'zdjecie.png', bytes: SAMPLE.png });
    const analyst = await signedIn(backend.url, 'analityk');
    const list = await analyst.get<TicketAttachmentsDto>(`/api/tickets/${ticket.id}/attachments`);
    expect(list.body.canUpload).toBe(false);
    expect((await download(analyst, up.body.downloadUrl)).status).toBe(200);
    expect((await upload(analyst, ticket.id, { name: 'a.png', bytes: SAMPLE.png })).status).toBe(403);
  });
});

describe('the limits', () => {
  it('answers 413 naming the limit for a file one byte over it, and leaves nothing on disk or in the database', async () => {
    const ticket = await ticketAtRoads();
    const res = await upload(roads, ticket.id, { name: 'za-duzy.txt', bytes: 'x'.repeat(LIMIT + 1) });
    expect(res.status).toBe(413);
    const error = (res.body as ErrorBody).error;
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toContain('64 KB');
    expect(error.fields).toEqual([{ path: 'file', message: expect.stringContaining(`${LIMIT} bytes`) }]);
    expect(filesUnder(path.join(dir, '.incoming'))).toEqual([]);
    expect(filesUnder(path.join(dir, 'tickets', ticket.id))).toEqual([]);
    expect(await attachmentRows(ticket.id)).toEqual([]);
  });

  it('answers 415 naming the type for an .exe renamed to .pdf and sent as application/pdf', async () => {
    const ticket = await ticketAtRoads();
    const res = await upload(roads, ticket.id, { name: 'faktura.pdf', bytes: SAMPLE.exe, type: 'application/pdf' });
    expect(res.status).toBe(415);
    const error = (res.body as ErrorBody).error;
    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toContain('application/x-msdownload');
    expect(filesUnder(path.join(dir, '.incoming'))).toEqual([]);
    expect(filesUnder(path.join(dir, 'tickets', ticket.id))).toEqual([]);
    expect(await attachmentRows(ticket.id)).toEqual([]);
  });

  it('answers 415 for binary content of no known type, and 400 naming the field without a file', async () => {
    const ticket = await ticketAtRoads();
    const binary = await upload(roads, ticket.id, { name: 'dane.txt', bytes: new Uint8Array([0xde, 0xad, 0, 1, 2]) });
    expect(binary.status).toBe(415);
    const noFile = await roads.post<ErrorBody>(`/api/tickets/${ticket.id}/attachments`, {});
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.fields?.map((f) => f.path)).toEqual(['file']);
  });
});

describe('a commit that fails after the file was stored', () => {
  it('removes the stored object, so there is never a file without its row', async () => {
    const ticket = await ticketAtRoads();
    // A trigger makes this one insert fail, as a lost connection or a constraint would.
    await backend.ctx.db.query(`
      CREATE OR REPLACE FUNCTION test_refuse_attachment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await backend.ctx.db.query(`
      CREATE TRIGGER test_refuse_attachment BEFORE INSERT ON ticket_attachment
      FOR EACH ROW WHEN (NEW.file_name = 'odrzucony.png') EXECUTE FUNCTION test_refuse_attachment()`);
    try {
      const res = await upload(roads, ticket.id, { name: 'odrzucony.png', bytes: SAMPLE.png });
      expect(res.status).toBe(500);
    } finally {
      await backend.ctx.db.query(`DROP TRIGGER test_refuse_attachment ON ticket_attachment`);
      await backend.ctx.db.query(`DROP FUNCTION test_refuse_attachment()`);
    }
    expect(filesUnder(path.join(dir, 'tickets', ticket.id))).toEqual([]);
    expect(filesUnder(path.join(dir, '.incoming'))).toEqual([]);
    const events: unknown[] = await backend.ctx.db.query(
      `SELECT 1 FROM ticket_event WHERE ticket_id = $1 AND kind = 'ticket.attachment_added'`,
      [ticket.id],
    );
    expect(events).toEqual([]);
  });
});

describe('removing an attachment', () => {
  it('needs a reason, takes the file off the ticket and the disk, and keeps its name and the reason in the history', async () => {
    const ticket = await ticketAtRoads();
    const added = await upload(roads, ticket.id, { name: 'zła-ulica.png', bytes: SAMPLE.png });
    const url = `/api/tickets/${ticket.id}/attachments/${added.body.id}`;
    const file = path.join(dir, 'tickets', ticket.id, added.body.id);
    expect(existsSync(file)).toBe(true);

    const noReason = await roads.request<ErrorBody>('DELETE', url, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields?.map((f) => f.path)).toEqual(['reason']);
    // Another unit cannot see the ticket at all; an analyst reads but may not remove.
    expect((await greenery.request('DELETE', url, { reason: 'nie nasze' })).status).toBe(404);
    const analyst = await signedIn(backend.url, 'analityk');
    expect((await analyst.request('DELETE', url, { reason: 'porządki' })).status).toBe(403);
    expect(existsSync(file)).toBe(true);

    const removed = await roads.request('DELETE', url, { reason: 'Zdjęcie innej ulicy' });
    expect(removed.status).toBe(204);
    expect(existsSync(file)).toBe(false);
    expect((await roads.get(url)).status).toBe(404);
    expect((await roads.get<TicketAttachmentsDto>(`/api/tickets/${ticket.id}/attachments`)).body.attachments).toEqual(
      [],
    );
    // Twice is 404: there is nothing left to remove.
    expect((await roads.request('DELETE', url, { reason: 'Zdjęcie innej ulicy' })).status).toBe(404);

    const detail = await roads.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    const event = detail.body.events.find((e) => e.kind === 'ticket.attachment_removed');
    expect(event).toMatchObject({
      reason: 'Zdjęcie innej ulicy',
      changes: { attachment: { from: 'zła-ulica.png', to: null } },
    });
    const [row] = await backend.ctx.db.query(
      `SELECT removal_reason, removed_by IS NOT NULL AS by FROM ticket_attachment WHERE id = $1`,
      [added.body.id],
    );
    expect(row).toEqual({ removal_reason: 'Zdjęcie innej ulicy', by: true });
  });
});

describe('the attachment sweep', () => {
  it('deletes old objects no live row points to and old half-received uploads, and leaves the rest alone', async () => {
    const { db } = backend.ctx;
    const store = new DiskAttachmentStore(dir);
    const ticket = await ticketAtRoads();
    const kept = await upload(roads, ticket.id, { name: 'zostaje.png', bytes: SAMPLE.png });
    const keptFile = path.join(dir, 'tickets', ticket.id, kept.body.id);
    // What a crash between the put and the commit leaves: an object with no row, old and young.
    const orphanOld = path.join(dir, 'tickets', ticket.id, 'a0a0a0a0-0000-4000-8000-000000000001');
    const orphanYoung = path.join(dir, 'tickets', ticket.id, 'a0a0a0a0-0000-4000-8000-000000000002');
    const incomingOld = path.join(dir, '.incoming', 'upload-crashed');
    mkdirSync(path.join(dir, '.incoming'), { recursive: true });
    for (const file of [orphanOld, orphanYoung, incomingOld]) writeFileSync(file, SAMPLE.png);
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const file of [orphanOld, incomingOld, keptFile]) utimesSync(file, twoHoursAgo, twoHoursAgo);

    const logger = createLogger('test-sweep', 'silent');
    const options = { incomingDir: path.join(dir, '.incoming'), graceMs: 3_600_000 };
    const result = await handleAttachmentSweepJob(db, store, logger, options);
    expect(result).toEqual({ removedObjects: 1, removedIncoming: 1 });
    expect([existsSync(orphanOld), existsSync(incomingOld)]).toEqual([false, false]);
    expect([existsSync(orphanYoung), existsSync(keptFile)]).toEqual([true, true]);
    // A second run finds nothing more to do.
    expect(await handleAttachmentSweepJob(db, store, logger, options)).toEqual({
      removedObjects: 0,
      removedIncoming: 0,
    });
  });
});

describe('attachments in an S3-compatible bucket', () => {
  let s3: TestS3Server;
  let s3Backend: TestBackend;
  let s3Roads: TestClient;
  let s3Agent: TestClient;

  beforeAll(async () => {
    s3 = await startS3Server();
    s3Backend = await startTestBackend({
      relay: false,
      config: { ...s3.env, ATTACHMENTS_DIR: dir, ATTACHMENTS_MAX_BYTES: String(LIMIT) },
    });
    [s3Roads, s3Agent] = await Promise.all([signedIn(s3Backend.url, 'drogi'), signedIn(s3Backend.url, 'agent')]);
  });
  afterAll(async () => {
    await s3Backend?.close();
    await s3?.close();
  });

  it('keeps the file as an object in the bucket and serves it back; a refused type leaves no object', async () => {
    const created = await s3Agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await routedCategory(s3Backend.ctx.db, 'ZDMK'),
      title: 'Uszkodzony krawężnik',
      description: 'Krawężnik wypadł na jezdnię.',
    });
    await triage.post(`/api/tickets/${created.body.id}/route`, { unitId: await unitId(s3Backend.ctx.db, 'ZDMK') });
    const refused = await upload(s3Roads, created.body.id, { name: 'setup.pdf', bytes: SAMPLE.exe });
    expect(refused.status).toBe(415);
    expect(filesUnder(s3.directory).filter((f) => f.includes(created.body.id))).toEqual([]);

    const up = await upload(s3Roads, created.body.id, { name: 'krawężnik.png', bytes: SAMPLE.png });
    expect(up.status).toBe(201);
    // s3rver keeps each object as files in a folder named after its key.
    expect(filesUnder(s3.directory).some((f) => f.includes(path.join(created.body.id, up.body.id)))).toBe(true);
    expect(filesUnder(path.join(dir, 'tickets', created.body.id))).toEqual([]);

    const res = await download(s3Agent, up.body.downloadUrl);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(SAMPLE.png)).toBe(true);
    expect(sha256(res.bytes)).toBe(up.body.sha256);
  });
});
