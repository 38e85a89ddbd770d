// The access log (issue 9): every view of a resident's contact data, every listen to a recording and every export,
// append-only and hash-chained; read, exported and verified by the auditor (and admin).
import { z } from 'zod';
import type { Role } from '../domain.ts';

/** What was done. A new kind is added here and in the table's CHECK (a migration). */
export const ACCESS_ACTIONS = [
  'contact_viewed',
  'recording_listened',
  'export',
  'access_log_exported',
  'data_subject_export',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** What it was done to: a ticket or call (by id), a report (by its period), a person (a RODO request), the log. */
export const ACCESS_SUBJECT_KINDS = ['ticket', 'call', 'report', 'person', 'access_log'] as const;
export type AccessSubjectKind = (typeof ACCESS_SUBJECT_KINDS)[number];

export const ACCESS_REASON_MAX = 500;
/** The reason the console asks for before a recording or an export; optional, stored as given. */
export const accessReason = z
  .string()
  .trim()
  .max(ACCESS_REASON_MAX, `reason is at most ${ACCESS_REASON_MAX} characters`)
  .transform((value) => value || undefined)
  .optional();

/** `?reason=` on a read that is logged (a recording). */
export const accessReasonQuery = z.object({ reason: accessReason }).strict();

const PHONE_SHAPE = /^\+?[0-9 ()-]{9,20}$/;

export const ACCESS_LOG_PAGE_MAX = 200;

export const accessLogQuery = z
  .object({
    /** A user id, or a login. */
    user: z.string().trim().min(1).max(100).optional(),
    action: z.enum(ACCESS_ACTIONS, `action must be one of ${ACCESS_ACTIONS.join(', ')}`).optional(),
    /** A ticket's number (KCK/2026/…) or a ticket's or call's id. */
    subject: z.string().trim().min(1).max(100).optional(),
    /** The resident's phone: entries on tickets and calls with this number (compared by the last nine digits). */
    phone: z
      .string()
      .trim()
      .regex(PHONE_SHAPE, 'phone is a phone number: digits, spaces, +, - or brackets, at least 9 digits')
      .optional(),
    /** The resident's e-mail: entries on tickets with this address. */
    email: z.email('email is not an e-mail address').max(254).optional(),
    from: z.iso.date('from must be a date (YYYY-MM-DD)').optional(),
    to: z.iso.date('to must be a date (YYYY-MM-DD)').optional(),
    /** Keyset paging, newest first: entries with a seq lower than this. */
    before: z.coerce.number('before must be a number').int().positive().optional(),
    limit: z.coerce.number('limit must be a number').int().min(1).max(ACCESS_LOG_PAGE_MAX).default(50),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  });
export type AccessLogQuery = z.infer<typeof accessLogQuery>;

export interface AccessLogEntryDto {
  seq: number;
  at: string;
  user: { id: string | null; login: string | null; displayName: string | null; role: Role | null };
  action: AccessAction;
  subject: { kind: AccessSubjectKind; id: string | null; label: string | null };
  description: string;
  reason: string | null;
  clientAddress: string | null;
  /** The previous entry's hash, which this entry's hash covers. */
  prevHash: string;
  hash: string;
}

export interface AccessLogPageDto {
  entries: AccessLogEntryDto[];
  /** Pass as `before` for the next (older) page; null when this was the last. */
  nextBefore: number | null;
}

/** The chain walked from its first entry: ok, or the first entry whose link or own hash does not match. */
export interface AccessLogVerificationDto {
  ok: boolean;
  checked: number;
  brokenAt: { seq: number; problem: 'prev_hash' | 'hash' } | null;
  lastSeq: number | null;
}
