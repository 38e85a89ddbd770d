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
