// RODO (GDPR): retention policies, residents' access and erasure requests (articles 15 and 17), consent texts.
// The console's forms and the server check the same schemas; phone numbers are compared by their last nine digits.
import { z } from 'zod';
import { CHANNELS, type Channel } from '../domain.ts';

/**
 * A phone number as the platform compares it: its digits, the last nine (a Polish number without +48 or 0048),
 * as the ticket_reporter_phone_key_idx and interaction_caller_key_idx indexes do. Null when it has fewer than nine.
 */
export function phoneKey(raw: string): string | null {
  const digits = raw.replace(/[^0-9]/g, '');
  return digits.length >= 9 ? digits.slice(-9) : null;
}

const PHONE_SHAPE = /^\+?[0-9 ()-]{9,20}$/;

/** Exactly one identifier: a phone number (9 to 15 digits) or an e-mail address. */
export const privacyIdentifier = z
  .object({
    phone: z
      .string()
      .trim()
      .regex(PHONE_SHAPE, 'phone is a phone number: digits, spaces, +, - or brackets, at least 9 digits')
      .refine((value) => {
        const digits = value.replace(/[^0-9]/g, '').length;
        return digits >= 9 && digits <= 15;
      }, 'phone needs 9 to 15 digits')
      .optional(),
    email: z.email('email is not an e-mail address').max(254).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.phone === !value.email)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'give either phone or email (exactly one)' });
  });
export type PrivacyIdentifier = z.infer<typeof privacyIdentifier>;

export const PRIVACY_REQUEST_KINDS = ['access', 'erasure'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];
export const PRIVACY_REQUEST_VIA = ['phone', 'email', 'letter', 'in_person'] as const;
export type PrivacyRequestVia = (typeof PRIVACY_REQUEST_VIA)[number];
export const PRIVACY_REQUEST_OUTCOMES = ['pending', 'exported', 'erased'] as const;
export type PrivacyRequestOutcome = (typeof PRIVACY_REQUEST_OUTCOMES)[number];

/** What a search finds, counted per kind of record (the data map's groups). */
export const PRIVACY_FOUND_KINDS = [
  'tickets',
  'openTickets',
  'calls',
  'emails',
  'attachments',
  'residentMessages',
  'surveyAnswers',
  'notifications',
  'open311Requests',
  'ratings',
] as const;
export type PrivacyFoundKind = (typeof PRIVACY_FOUND_KINDS)[number];
export type PrivacyCounts = Record<PrivacyFoundKind, number>;

export interface PrivacyTicketSummary {
  id: string;
  number: string | null;
  status: string;
  open: boolean;
  channel: Channel;
  categoryLabel: string;
  unitName: string | null;
  createdAt: string;
  anonymisedAt: string | null;
}

export interface PrivacyCallSummary {
  id: string;
  startedAt: string;
  direction: string;
  ticketNumbers: string[];
}

export interface PrivacySearchResult {
  identifierKind: 'phone' | 'email';
  identifierMasked: string;
  counts: PrivacyCounts;
  tickets: PrivacyTicketSummary[];
  calls: PrivacyCallSummary[];
}

export const privacyRequestCreate = z
  .object({
    kind: z.enum(PRIVACY_REQUEST_KINDS, { error: 'kind is access or erasure' }),
    phone: z.string().optional(),
    email: z.string().optional(),
    requestedVia: z.enum(PRIVACY_REQUEST_VIA, { error: `requestedVia is one of ${PRIVACY_REQUEST_VIA.join(', ')}` }),
    /** When the resident's request reached the office (the one-month clock of article 12(3) starts here). */
    receivedAt: z.iso.datetime({ offset: true, error: 'receivedAt is an ISO date-time' }).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const parsed = privacyIdentifier.safeParse({ phone: value.phone, email: value.email });
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type PrivacyRequestCreate = z.infer<typeof privacyRequestCreate>;

export interface DataSubjectRequestDto {
  id: string;
  kind: PrivacyRequestKind;
  identifierKind: 'phone' | 'email';
  identifierMasked: string;
  requestedVia: PrivacyRequestVia;
  receivedAt: string;
  recordedBy: string;
  recordedAt: string;
  handledBy: string | null;
  handledAt: string | null;
  outcome: PrivacyRequestOutcome;
  found: Partial<PrivacyCounts>;
  erased: Record<string, number> | null;
  note: string | null;
}

export interface PrivacyEraseResult {
  request: DataSubjectRequestDto;
  /** Rows changed per table.column group, and files deleted. */
  erased: Record<string, number>;
  /** Open tickets whose contact was removed and whose unit was told; they stay open. */
  openTicketNumbers: string[];
}

export const RETENTION_SUBJECTS = ['ticket', 'call', 'mail'] as const;
export type RetentionSubject = (typeof RETENTION_SUBJECTS)[number];

export const retentionPolicyInput = z
  .object({
    subject: z.enum(RETENTION_SUBJECTS, { error: 'subject is ticket, call or mail' }),
    channel: z.enum(CHANNELS, { error: `channel is one of ${CHANNELS.join(', ')}` }).nullable(),
    categoryId: z.uuid('categoryId must be a category id').nullable(),
    months: z.number().int('months is a whole number').min(1).max(1200),
    active: z.boolean(),
    note: z.string().trim().max(500).nullish(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.subject !== 'ticket' && (value.channel !== null || value.categoryId !== null))
      ctx.addIssue({
        code: 'custom',
        path: ['channel'],
        message: 'calls and e-mails without a ticket have one policy',
      });
  });
export type RetentionPolicyInput = z.infer<typeof retentionPolicyInput>;

/** The whole table at once: rows not sent are deleted; the three defaults (no channel, no category) must stay. */
export const retentionPoliciesPut = z
  .object({ policies: z.array(retentionPolicyInput).min(3).max(500) })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.policies.forEach((p, i) => {
      const key = `${p.subject}/${p.channel ?? ''}/${p.categoryId ?? ''}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['policies', i], message: 'two policies for the same scope' });
      seen.add(key);
    });
    for (const subject of RETENTION_SUBJECTS)
      if (!value.policies.some((p) => p.subject === subject && !p.channel && !p.categoryId && p.active))
        ctx.addIssue({
          code: 'custom',
          path: ['policies'],
          message: `an active default policy for ${subject} (no channel, no category) is required`,
        });
  });
export type RetentionPoliciesPut = z.infer<typeof retentionPoliciesPut>;

export interface RetentionPolicyDto extends RetentionPolicyInput {
  id: string;
  categoryLabel: string | null;
  updatedAt: string;
}

export const consentTextPublish = z
  .object({
    version: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/, 'version: lower-case letters, digits, dots, dashes'),
    textPl: z.string().trim().min(20).max(5000),
    textEn: z.string().trim().min(20).max(5000),
    textUk: z.string().trim().min(20).max(5000),
  })
  .strict();
export type ConsentTextPublish = z.infer<typeof consentTextPublish>;

export interface ConsentTextDto {
  version: string;
  textPl: string;
  textEn: string;
  textUk: string;
  publishedAt: string;
  /** The one shown now: published last. */
  current: boolean;
  submissions: number;
}
