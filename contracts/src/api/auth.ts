// Staff sign-in: request schemas and the signed-in user as the console sees it.
import { z } from 'zod';
import type { Role } from '../domain.ts';

export const loginRequest = z.object({
  login: z.string().trim().min(1, 'login is required').max(100),
  password: z.string().min(1, 'password is required').max(200),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export interface MeDto {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitCode: string | null;
}

/** Answer of login and of `GET /api/auth/me`: the user and the CSRF token to send as `X-CSRF-Token`. */
export interface SessionDto {
  user: MeDto;
  csrfToken: string;
}

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'kck_sid';

/** A TOTP code as authenticator apps show it: six digits (spaces some apps put in the middle are dropped). */
export const totpCode = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'the code has 6 digits'));

/**
 * The password was right but a second factor is due: `totp` asks for a code, `totp_enrol` (admin and supervisor
 * accounts without TOTP) first shows the QR code to enrol. The challenge is short-lived and allows few attempts.
 */
export interface SecondFactorDto {
  secondFactor: 'totp' | 'totp_enrol';
  challenge: string;
  expiresInSeconds: number;
}

/** Answer of `POST /api/auth/login`: a session, or the second factor still to give. */
export type LoginAnswerDto = SessionDto | SecondFactorDto;

export const isSecondFactor = (answer: LoginAnswerDto): answer is SecondFactorDto => 'secondFactor' in answer;

export const loginChallengeRequest = z.object({ challenge: z.string().min(20).max(200) });
export type LoginChallengeRequest = z.infer<typeof loginChallengeRequest>;

export const totpLoginRequest = z.object({ challenge: z.string().min(20).max(200), code: totpCode });
export type TotpLoginRequest = z.infer<typeof totpLoginRequest>;

export const totpConfirmRequest = z.object({ code: totpCode });
export type TotpConfirmRequest = z.infer<typeof totpConfirmRequest>;

/** A TOTP secret waiting for its first code: the URI authenticator apps read, as text and as a QR image. */
export interface TotpSetupDto {
  otpauthUri: string;
  /** PNG data URL of the QR code of `otpauthUri`. */
  qrDataUrl: string;
  /** Base32, for typing into an app by hand. */
  secret: string;
}

/** `GET /api/auth/providers`: what the login page offers. */
export interface AuthProvidersDto {
  oidc: { label: string; startUrl: string } | null;
}

/** Roles whose local accounts must have a TOTP second factor. */
export const TOTP_REQUIRED_ROLES = ['admin', 'supervisor'] as const satisfies readonly Role[];
