// An S3-compatible server in the test process (@20minutes/s3rver), keeping its objects in a temporary folder
// the test can look into; the attachment store talks to it over HTTP like to any S3 endpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the bucket's objects, to check what is (not) stored. */
  directory: string;
  /** Variables for a backend that keeps its attachments in this bucket. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startS3Server(
  bucket = 'kck-attachments',
  options: { allowMismatchedSignatures?: boolean } = {},
): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'kck-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
    allowMismatchedSignatures: options.allowMismatchedSignatures ?? false,
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    directory,
    env: {
      ATTACHMENTS_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      // s3rver's fixed credentials; it checks the signature like S3 does.
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
