// The web form's rules, apart from its screens: the request it sends (built from what the resident typed), the
// same checks the server makes run first in the browser, the order errors are read in, and search by folded text.
import {
  publicReportRequest,
  type FieldError,
  type PublicCategoryDto,
  type PublicLanguage,
  type PublicReportRequest,
  type StreetDto,
  type TicketLocation,
} from '@kck/contracts';

export type ReportType = 'problem' | 'idea';

export interface ReportDraft {
  type: ReportType;
  categoryId: string;
  attributes: Record<string, string | string[]>;
  description: string;
  address: string;
  districtId: string;
  location: TicketLocation | null;
  photoIds: string[];
  email: string;
  consent: boolean;
  /** The honeypot: people never see it. */
  website: string;
}

export const emptyDraft = (): ReportDraft => ({
  type: 'problem',
  categoryId: '',
  attributes: {},
  description: '',
  address: '',
  districtId: '',
  location: null,
  photoIds: [],
  email: '',
  consent: false,
  website: '',
});

/** A v4 UUID, also on plain HTTP (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function reportRequest(
  draft: ReportDraft,
  submissionId: string,
  consentVersion: string,
  language: PublicLanguage,
  attributes: Record<string, string | string[]>,
): PublicReportRequest {
  const email = draft.email.trim();
  return {
    submissionId,
    type: draft.type,
    categoryId: draft.categoryId,
    description: draft.description,
    ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
    ...(draft.districtId ? { districtId: draft.districtId } : {}),
    ...(draft.location ? { location: draft.location } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
    ...(draft.photoIds.length ? { photoIds: draft.photoIds } : {}),
    ...(email ? { email, ...(draft.consent ? { consentVersion } : {}) } : {}),
    language,
    ...(draft.website ? { website: draft.website } : {}),
  };
}

/** The server's schema run in the browser: each bad field by its request path. */
export function requestErrors(request: PublicReportRequest): FieldError[] {
  const parsed = publicReportRequest.safeParse(request);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The order the form shows its fields in: errors are read, and focus goes, in this order. */
const FIELD_ORDER = [
  'type',
  'categoryId',
  'attributes',
  'description',
  'address',
  'districtId',
  'location',
  'photoIds',
  'email',
  'consentVersion',
];

export function inFormOrder(errors: readonly FieldError[]): FieldError[] {
  const rank = (path: string) => {
    const index = FIELD_ORDER.indexOf(path.split('.')[0] ?? '');
    return index < 0 ? FIELD_ORDER.length : index;
  };
  return [...errors].sort((a, b) => rank(a.path) - rank(b.path));
}

/** Lower case, no Polish (or other) diacritics, ł as l: what category search compares. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every word typed starts a word of the category's name or of its group's name, in any of its languages. */
export function matchesCategory(category: PublicCategoryDto, ukrainian: string, query: string): boolean {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = ` ${fold(
    [category.labelPl, category.labelEn, category.groupLabelPl, category.groupLabelEn, ukrainian].join(' '),
  )}`;
  return words.every((word) => haystack.includes(` ${word}`));
}

/** A picked street replaces what was typed, keeping a house number typed after it (`florianska 12` → `ul. Floriańska 12`). */
export function addressWithStreet(typed: string, street: Pick<StreetDto, 'label'>): string {
  const number = /\s(\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)?)\s*$/.exec(typed)?.[1];
  return number ? `${street.label} ${number}` : street.label;
}

/** `10 MB` for messages. */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
