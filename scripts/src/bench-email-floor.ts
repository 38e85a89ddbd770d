// The floor bench:email compares against: the steps of e-mail intake with no application code, in its own process
// like the intake's. A bare SMTP server reads each message, parses it with mailparser (the parser the issue names),
// writes its attachments to disk, writes the ticket, the message and its attachments in one transaction and adds
// one BullMQ job; bench-public-floor.ts's worker (FLOOR_ROLE=worker) makes the UPDATE and publishes the id.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { createRedis } from '@kck/backend/platform/redis';
import { FLOOR_QUEUE } from './bench-public-floor.ts';
import { bareSmtpServer } from './bench-support.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** Made by the benchmark, next to bench-public-floor.ts's FLOOR_TABLES (the ticket table the worker updates). */
export const EMAIL_FLOOR_TABLES = `
  CREATE TABLE floor_mail (id bigserial PRIMARY KEY, message_id text UNIQUE, ticket_id bigint NOT NULL,
                           subject text, size_bytes int);
  CREATE TABLE floor_attachment (id bigserial PRIMARY KEY, ticket_id bigint NOT NULL, file_name text,
                                 storage_key text NOT NULL, sha256 text, size_bytes int)`;

async function server() {
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: Number(env('FLOOR_POOL')) });
  const queue = new Queue(FLOOR_QUEUE, {
    connection: createRedis(env('REDIS_URL'), 'producer'),
    prefix: `${env('REDIS_PREFIX')}:bull`,
  });
  const dir = env('FLOOR_FILES_DIR');
  await mkdir(dir, { recursive: true });

  const take = async (raw: Buffer): Promise<string> => {
    const mail = await simpleParser(raw, { skipTextToHtml: true, checksumAlgo: 'sha256' });
    const keys = await Promise.all(
      mail.attachments.map(async (file, i) => {
        const key = `${file.checksum}-${i}-${process.hrtime.bigint()}`;
        await writeFile(path.join(dir, key), file.content);
        return key;
      }),
    );
    const client = await pool.connect();
    let id: string;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO floor_ticket (title, description, email) VALUES ($1, $2, $3) RETURNING id`,
        [mail.subject ?? '', mail.text ?? '', mail.from?.value[0]?.address ?? null],
      );
      id = rows[0]!.id;
      await client.query(
        `INSERT INTO floor_mail (message_id, ticket_id, subject, size_bytes) VALUES ($1, $2, $3, $4)`,
        [mail.messageId ?? null, id, mail.subject ?? null, raw.length],
      );
      for (const [i, file] of mail.attachments.entries())
        await client.query(
          `INSERT INTO floor_attachment (ticket_id, file_name, storage_key, sha256, size_bytes)
           VALUES ($1, $2, $3, $4, $5)`,
          [id, file.filename ?? null, keys[i], file.checksum, file.size],
        );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
    await queue.add('route', { id }, { removeOnComplete: true });
    return id;
  };

  const smtp = await bareSmtpServer(async (raw) => `Accepted: floor ${await take(raw)}`, Number(env('FLOOR_PORT')));
  process.on('SIGTERM', () => {
    void smtp
      .close()
      .then(() => Promise.all([queue.close(), pool.end()]))
      .then(() => process.exit(0));
  });
}

// Imported by the benchmark for its tables: the server starts only in the process started for it.
if (process.env.FLOOR_ROLE === 'email-server') void server();
