// TOTP (RFC 6238) for the staff second factor: secrets sealed with AES-256-GCM at rest, codes checked ±1 step,
// and the step of each accepted code recorded so the same code (or an older one) never works twice.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { TotpSetupDto } from '@kck/contracts';
import type { Config } from '../platform/config.ts';

export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'KCK Kraków';

/** The key from TOTP_ENCRYPTION_KEY: any long text, hashed to the 32 bytes AES-256 needs. */
const keyOf = (config: Pick<Config, 'TOTP_ENCRYPTION_KEY'>) =>
  createHash('sha256').update(`kck-totp:${config.TOTP_ENCRYPTION_KEY}`).digest();

/**
 * Encrypts a base32 secret for one user; the user id is the additional data, so a sealed secret copied onto
 * another account does not open.
 */
export function sealTotpSecret(config: Pick<Config, 'TOTP_ENCRYPTION_KEY'>, userId: string, base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(config), iv);
  cipher.setAAD(Buffer.from(userId));
  const sealed = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(
    '.',
  );
}

export function openTotpSecret(config: Pick<Config, 'TOTP_ENCRYPTION_KEY'>, userId: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('TOTP secret in an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(config), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

export const totpOf = (base32: string, label = 'kck') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(base32),
  });

/** The time step a code belongs to (now, one before or one after), or null when it is wrong. */
export function matchingStep(base32: string, code: string, now = Date.now()): number | null {
  const delta = totpOf(base32).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: now }) + delta;
}

/** A new secret kept pending on the account until its first code confirms it (an unconfirmed one does nothing). */
export async function beginTotpSetup(
  db: DataSource,
  config: Config,
  user: { id: string; login: string },
): Promise<TotpSetupDto> {
  const secret = new Secret({ size: 20 }).base32;
  await db.query(`UPDATE app_user SET totp_pending_secret = $2 WHERE id = $1`, [
    user.id,
    sealTotpSecret(config, user.id, secret),
  ]);
  const otpauthUri = totpOf(secret, user.login).toString();
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { otpauthUri, qrDataUrl, secret };
}

export type TotpCheck = 'ok' | 'wrong' | 'reused' | 'not_enrolled';

/**
 * Checks a code against the enabled secret (or, with `pending`, against the secret being enrolled, which it then
 * enables). The step is recorded in the same statement that accepts it: two requests with one code cannot both pass.
 */
export async function checkTotp(
  db: DataSource,
  config: Config,
  userId: string,
  code: string,
  options: { pending?: boolean } = {},
): Promise<TotpCheck> {
  const rows: { totp_secret: string | null; totp_pending_secret: string | null }[] = await db.query(
    `SELECT totp_secret, totp_pending_secret FROM app_user WHERE id = $1`,
    [userId],
  );
  const sealed = options.pending ? rows[0]?.totp_pending_secret : rows[0]?.totp_secret;
  if (!sealed) return 'not_enrolled';
  const step = matchingStep(openTotpSecret(config, userId, sealed), code);
  if (step === null) return 'wrong';
  // TypeORM answers a bare UPDATE with [rows, count].
  const [, accepted]: [unknown[], number] = options.pending
    ? await db.query(
        `UPDATE app_user SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = now(),
                totp_last_step = $2
          WHERE id = $1 AND totp_pending_secret = $3 RETURNING id`,
        [userId, step, sealed],
      )
    : await db.query(
        `UPDATE app_user SET totp_last_step = $2
          WHERE id = $1 AND totp_secret = $3 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
        [userId, step, sealed],
      );
  return accepted > 0 ? 'ok' : 'reused';
}
