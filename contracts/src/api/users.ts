// Staff accounts as admins manage them: listed, created (local), changed, deactivated and reactivated, never
// deleted, so every ticket and call keeps the name of whoever handled it.
import { z } from 'zod';
import { ROLES } from '../domain.ts';
import type { Role } from '../domain.ts';

export interface UserDto {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitCode: string | null;
  email: string | null;
  authSource: 'local' | 'oidc';
  active: boolean;
  totpEnabled: boolean;
  createdAt: string;
  deactivatedAt: string | null;
  deactivatedBy: { id: string; displayName: string } | null;
}

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listUsersQuery = z.object({
  role: z.enum(ROLES).optional(),
  unitId: z.uuid().optional(),
  active: bool.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const createUserRequest = z.object({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._@-]{2,100}$/, 'login: 2–100 lower-case letters, digits, dots, dashes, @ or _'),
  displayName: z.string().trim().min(1, 'display name is required').max(200),
  role: z.enum(ROLES),
  unitId: z.uuid().nullable().default(null),
  email: z.email().max(200).nullable().default(null),
  password: z.string().min(10, 'the password has at least 10 characters').max(200),
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

export const updateUserRequest = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    unitId: z.uuid().nullable().optional(),
    email: z.email().max(200).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const userIdParams = z.object({ id: z.uuid() });
