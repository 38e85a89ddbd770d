// One contract for both attachment stores, run against the disk store and against an S3-compatible server in
// this process (s3rver over HTTP, the real AWS SDK on our side): put, read back, remove, and what is missing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentStore } from '../../backend/src/attachments/attachment-store.ts';
import { DiskAttachmentStore } from '../../backend/src/attachments/disk-attachment-store.ts';
import { S3AttachmentStore } from '../../backend/src/attachments/s3-attachment-store.ts';
import { AppError } from '../../backend/src/platform/errors.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kck-stores-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

let fileCount = 0;
function localFile(bytes: Buffer) {
  const file = path.join(work, `upload-${++fileCount}`);
  writeFileSync(file, bytes);
  return { path: file, sizeBytes: bytes.length, contentType: 'application/pdf' };
}

function defineAttachmentStoreContract(
  name: string,
  storeFactory: () => AttachmentStore,
  listingStoreFactory: () => AttachmentStore = storeFactory,
) {
  describe(`the ${name} attachment store`, () => {
    const key = (id: string) => `tickets/0b8f5d0e-7a51-4c1e-9f3a-${id.padStart(12, '0')}/a1`;

    it('reads back exactly the bytes it was given, also past one read chunk', async () => {
      const store = storeFactory();
      const bytes = Buffer.alloc(300 * 1024, 'kraków ');
      await store.put(key('1'), localFile(bytes));
      expect((await readAll(await store.read(key('1')))).equals(bytes)).toBe(true);
    });

    it('answers 404 for a missing object, and removes an object for good (twice is fine)', async () => {
      const store = storeFactory();
      await store.put(key('2'), localFile(Buffer.from('%PDF-1.4 test')));
      await store.remove(key('2'));
      await store.remove(key('2'));
      const missing = await store.read(key('2')).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(missing).toBeInstanceOf(AppError);
      expect((missing as AppError).status).toBe(404);
    });

    it('lists the objects under a prefix with when each was written, and no longer lists a removed one', async () => {
      const store = listingStoreFactory();
      const before = Date.now() - 60_000;
      await store.put(key('3'), localFile(Buffer.from('%PDF-1.4 a')));
      await store.put(key('4'), localFile(Buffer.from('%PDF-1.4 b')));
      const listed = async () => {
        const objects = [];
        for await (const page of store.list('tickets')) objects.push(...page);
        return objects;
      };
      const first = await listed();
      expect(first.map((o) => o.key)).toEqual(expect.arrayContaining([key('3'), key('4')]));
      for (const object of first) expect(object.modifiedAt.getTime()).toBeGreaterThan(before);
      await store.remove(key('3'));
      const keys = (await listed()).map((o) => o.key);
      expect(keys).toContain(key('4'));
      expect(keys).not.toContain(key('3'));
    });

    it('refuses keys that are not ours (a path climbing out of the store)', async () => {
      const store = storeFactory();
      await expect(store.put('../escape', localFile(Buffer.from('x')))).rejects.toThrow(/invalid attachment key/);
      await expect(store.read('tickets/../../etc/passwd')).rejects.toThrow(/invalid attachment key/);
    });
  });
}

defineAttachmentStoreContract('disk', () => new DiskAttachmentStore(path.join(work, 'store')));

let s3: TestS3Server;
// s3rver miscomputes the signature of every request with a query string (a listing), which real S3, MinIO and
// Ceph check correctly: the listing runs against a second s3rver that lets such a signature pass.
let s3Listing: TestS3Server;
const s3Stores: S3AttachmentStore[] = [];
beforeAll(async () => {
  s3 = await startS3Server('kck-contract');
  s3Listing = await startS3Server('kck-contract-listing', { allowMismatchedSignatures: true });
});
afterAll(async () => {
  for (const store of s3Stores) store.destroy();
  await s3?.close();
  await s3Listing?.close();
});
const s3Store = (server: () => TestS3Server) => () => {
  const store = new S3AttachmentStore({
    endpoint: server().endpoint,
    region: 'us-east-1',
    bucket: server().bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
  s3Stores.push(store);
  return store;
};
defineAttachmentStoreContract(
  'S3',
  s3Store(() => s3),
  s3Store(() => s3Listing),
);
