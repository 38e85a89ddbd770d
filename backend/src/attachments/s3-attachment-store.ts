// Attachments as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph...), one object per key.
// A PUT with a known length makes the object appear whole or not at all; nothing is buffered in memory.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { notFound } from '../platform/errors.ts';
import { assertKey, type AttachmentStore, type StoredFile, type StoredObject } from './attachment-store.ts';

export interface S3StoreOptions {
  /** Empty for AWS itself; e.g. `http://minio:9000` for a self-hosted server. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `endpoint/bucket/key` rather than `bucket.endpoint/key`: what most self-hosted servers expect. */
  forcePathStyle: boolean;
}

export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // Newer SDKs add CRC checksums to every request by default, which many S3-compatible servers reject;
      // we keep our own SHA-256 of every file in the database.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, file: StoredFile): Promise<void> {
    assertKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: createReadStream(file.path),
        ContentLength: file.sizeBytes,
        ContentType: file.contentType,
      }),
    );
  }

  async read(key: string): Promise<Readable> {
    assertKey(key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (answer.Body instanceof Readable) return answer.Body;
      throw new Error('S3 answered without a readable body');
    } catch (err) {
      if (err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404))
        throw notFound('Attachment file');
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    assertKey(key);
    // S3 answers 204 for a key that does not exist, so removing twice is fine.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  /** Closes the SDK's connection pool (tests and shutdown). */
  destroy(): void {
    this.client.destroy();
  }
  async *list(prefix: string): AsyncIterable<StoredObject[]> {
    assertKey(prefix);
    let token: string | undefined;
    do {
      const answer = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: `${prefix}/`, ContinuationToken: token }),
      );
      const page = (answer.Contents ?? []).flatMap((object) =>
        object.Key ? [{ key: object.Key, modifiedAt: object.LastModified ?? new Date() }] : [],
      );
      if (page.length > 0) yield page;
      token = answer.IsTruncated ? answer.NextContinuationToken : undefined;
    } while (token);
  }
}
