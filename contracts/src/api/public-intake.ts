// The residents' web form and the status page behind its private link: what the public (no account) may send and
// read. Nothing here names staff; the unit is named, as units' names are public.
import { z } from 'zod';
import type { TicketStatus, TicketType } from '../domain.ts';
import type { IdeaDecision } from '../lifecycle.ts';
import { ticketAttributes, type TicketLocation } from './tickets.ts';

/** Languages of the public pages (the staff console has Polish and English only). */
export const PUBLIC_LANGUAGES = ['pl', 'en', 'uk'] as const;
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number];

/** The private status-page token travels in this header, never in an API URL (URLs end up in access logs). */
export const STATUS_TOKEN_HEADER = 'X-Status-Token';

/** Photo types the form takes, judged by content; each is re-encoded on the server, which drops EXIF. */
export const PUBLIC_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PublicPhotoType = (typeof PUBLIC_PHOTO_TYPES)[number];
/** HEIC/HEIF (what iPhones send by default) is taken too, judged by content, and stored as a JPEG. */
export const PUBLIC_PHOTO_HEIF_TYPES = ['image/heic', 'image/heif'] as const;
/** What the form's photo upload takes. */
export const PUBLIC_PHOTO_UPLOAD_TYPES = [...PUBLIC_PHOTO_TYPES, ...PUBLIC_PHOTO_HEIF_TYPES] as const;
export type PublicPhotoUploadType = (typeof PUBLIC_PHOTO_UPLOAD_TYPES)[number];
/**
 * The file picker's `accept`: the types, and the HEIC extensions for systems that do not name HEIC's type (a hint
 * only; the server judges the content).
 */
export const PUBLIC_PHOTO_ACCEPT = [...PUBLIC_PHOTO_UPLOAD_TYPES, '.heic', '.heif'].join(',');

/** A pin must fall within Kraków (with a margin): the city's units cannot act elsewhere. */
export const KRAKOW_BOUNDS = { south: 49.96, north: 50.14, west: 19.78, east: 20.23 } as const;
export const isInKrakow = ({ latitude, longitude }: TicketLocation): boolean =>
  latitude >= KRAKOW_BOUNDS.south &&
  latitude <= KRAKOW_BOUNDS.north &&
  longitude >= KRAKOW_BOUNDS.west &&
  longitude <= KRAKOW_BOUNDS.east;

/**
 * A ticket number in a URL: `KCK/2026/000123` is written `KCK-2026-000123` (slashes would split the path).
 * The status page is `/zgloszenie/KCK-2026-000123?token=…`.
 */
export const TICKET_REF_PATTERN = /^KCK-\d{4}-\d{6}$/;
export const ticketRefOf = (number: string): string => number.replaceAll('/', '-');
export const ticketNumberOf = (ref: string): string => ref.replaceAll('-', '/');
export const statusPagePath = (number: string, token: string): string =>
  `/zgloszenie/${ticketRefOf(number)}?token=${encodeURIComponent(token)}`;

const submissionId = z.uuid('submissionId must be a UUID the form generates once per report');
const photoIds = (max: number) =>
  z.array(z.uuid('each photo id must come from POST /api/public/uploads')).max(max, `at most ${max} photos`);

/** Upper bound of the schema; the configured PUBLIC_MAX_PHOTOS (≤ this) is checked by the server. */
export const PUBLIC_MAX_PHOTOS_LIMIT = 10;

const location = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .strict()
  .refine(isInKrakow, 'the pin must be within Kraków');

/**
 * `POST /api/public/reports`. `submissionId` makes it idempotent: sent again (a double click, a retry after a lost
 * answer) it answers the same ticket. `website` is a honeypot people never see: anything in it is a bot.
 */
export const publicReportRequest = z
  .object({
    submissionId,
    type: z.enum(['problem', 'idea']),
    categoryId: z.uuid('categoryId: choose a category from the list'),
    description: z
      .string()
      .trim()
      .min(10, 'description needs at least 10 characters')
      .max(5000, 'description must be at most 5000 characters'),
    /** Street and number, or a description of the place, as the resident writes it. */
    address: z.string().trim().max(300, 'address must be at most 300 characters').optional(),
    /** Filled from the street dictionary when a street is picked; the resident may change it. */
    districtId: z.uuid('districtId: choose a district from the list').optional(),
    location: location.optional(),
    attributes: ticketAttributes.optional(),
    photoIds: photoIds(PUBLIC_MAX_PHOTOS_LIMIT).optional(),
    email: z.email('email is not a valid address').max(254).optional(),
    /** Required with an e-mail: the version of the consent text the resident was shown and ticked. */
    consentVersion: z.string().trim().min(1).max(40).optional(),
    language: z.enum(PUBLIC_LANGUAGES).default('pl'),
    website: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.email && !value.consentVersion)
      ctx.addIssue({
        code: 'custom',
        path: ['consentVersion'],
        message: 'consent is required to give an e-mail address',
      });
  });
export type PublicReportRequest = z.input<typeof publicReportRequest>;

export interface PublicReportCreatedDto {
  number: string;
  /** The private status page, absolute: `${PUBLIC_URL}/zgloszenie/KCK-2026-000123?token=…`. Shown once; keep it. */
  statusUrl: string;
  /** The token alone (also in statusUrl); only its hash is stored. */
  token: string;
}

/** `POST /api/public/uploads?submissionId=…`: one photo (multipart, field `file`), staged for the submission. */
export const publicUploadQuery = z.object({ submissionId }).strict();

export interface PublicPhotoDto {
  id: string;
  fileName: string;
  contentType: PublicPhotoType;
  /** After re-encoding (EXIF stripped). */
  sizeBytes: number;
  /** Read from the photo's EXIF before it was stripped: offered to the resident, used only if they confirm. */
  location: TicketLocation | null;
  /** Whether that location lies within Kraków (a pin elsewhere is refused). */
  locationInKrakow: boolean;
}

export interface PublicCategoryDto {
  id: string;
  code: string;
  labelPl: string;
  labelEn: string;
  groupCode: string;
  groupLabelPl: string;
  groupLabelEn: string;
}

export interface PublicDistrictDto {
  id: string;
  code: string;
  labelPl: string;
  labelEn: string;
}

/** `GET /api/public/form`: what the form needs before the resident starts. */
export interface PublicFormDto {
  categories: PublicCategoryDto[];
  districts: PublicDistrictDto[];
  consent: { version: string; text: Record<PublicLanguage, string> };
  maxPhotos: number;
  photoMaxBytes: number;
  photoTypes: readonly PublicPhotoUploadType[];
  /** Null when no tile server is configured: the form then has no map and works without it. */
  map: { tileUrl: string; attribution: string } | null;
  /** How long after the answer the resident may say the matter is not solved. */
  reopenDays: number;
}

/** `/api/public/tickets/:ref…` */
export const publicTicketParams = z.object({
  ref: z.string().regex(TICKET_REF_PATTERN, 'ref is a ticket number written KCK-2026-000123'),
});

/** `POST /api/public/tickets/:ref/messages`: more information, photos, or both; idempotent by submissionId. */
export const publicMessageRequest = z
  .object({
    submissionId,
    text: z.string().trim().max(5000, 'text must be at most 5000 characters').default(''),
    photoIds: photoIds(PUBLIC_MAX_PHOTOS_LIMIT).default([]),
  })
  .strict()
  .refine((value) => value.text.length > 0 || value.photoIds.length > 0, {
    path: ['text'],
    message: 'write a message or add a photo',
  });
export type PublicMessageRequest = z.input<typeof publicMessageRequest>;

/** `POST /api/public/tickets/:ref/rating`: once, after the answer. */
export const publicRatingRequest = z
  .object({
    score: z.number().int().min(1, 'score is 1 to 5').max(5, 'score is 1 to 5'),
    comment: z.string().trim().max(2000, 'comment must be at most 2000 characters').optional(),
  })
  .strict();
export type PublicRatingRequest = z.input<typeof publicRatingRequest>;

/** `POST /api/public/tickets/:ref/not-solved`: reopens a resolved matter within the configured days. */
export const publicNotSolvedRequest = z
  .object({
    reason: z
      .string()
      .trim()
      .min(10, 'reason needs at least 10 characters: say what is still wrong')
      .max(5000, 'reason must be at most 5000 characters'),
  })
  .strict();
export type PublicNotSolvedRequest = z.input<typeof publicNotSolvedRequest>;

/** Where the matter stands, in the resident's words (several statuses read the same to them). */
export const PUBLIC_STATES = [
  'received',
  'assessing',
  'routed',
  'in_progress',
  'waiting_for_you',
  'resolved',
  'closed',
  'rejected',
  'merged',
  'reopened',
] as const;
export type PublicState = (typeof PUBLIC_STATES)[number];

export const PUBLIC_TIMELINE_KINDS = [
  'received',
  'assessing',
  'routed',
  'accepted',
  'in_progress',
  'question',
  'answer',
  'your_message',
  'your_photo',
  'resolved',
  'idea_decided',
  'rejected',
  'merged',
  'split',
  'closed',
  'reopened',
  'rated',
] as const;
export type PublicTimelineKind = (typeof PUBLIC_TIMELINE_KINDS)[number];

/** One step of the public timeline: never an internal note, never a staff member's name. */
export interface PublicTimelineEntryDto {
  /** The history event's sequence id: stable, increasing. */
  seq: number;
  at: string;
  kind: PublicTimelineKind;
  /** The unit the matter is with at this step (its public name). */
  unitName: string | null;
  /**
   * Words meant for the resident: the unit's answer or justification, the question asked, or the resident's
   * own message or reason.
   */
  text: string | null;
  /** `idea_decided`: the unit's decision. */
  decision: IdeaDecision | null;
  /** `merged`: the number it is handled under; `split`: the new numbers. */
  numbers: string[];
  /** `your_photo`: the file's name. */
  fileName: string | null;
  /** `rated`: the score given. */
  score: number | null;
}

/** `GET /api/public/tickets/:ref` with the token header. */
export interface PublicTicketStatusDto {
  number: string;
  type: TicketType;
  status: TicketStatus;
  state: PublicState;
  categoryLabelPl: string;
  categoryLabelEn: string;
  categoryCode: string;
  description: string;
  address: string | null;
  districtLabel: string | null;
  location: TicketLocation | null;
  createdAt: string;
  /** The unit now responsible, by its public name. */
  unitName: string | null;
  /** What the unit asks while the deadline's clock waits for the resident. */
  question: string | null;
  timeline: PublicTimelineEntryDto[];
  rating: { score: number; comment: string | null; at: string } | null;
  canMessage: boolean;
  canRate: boolean;
  canReopen: boolean;
  /** The last moment "not solved" is accepted, while the matter is resolved. */
  reopenUntil: string | null;
  maxPhotos: number;
  photoMaxBytes: number;
  /** Residents who reported the matter: its main report and every report merged into it (duplicates.ts). */
  reporters: number;
  /** For a report merged into another (or a voice added to one): where that main report stands. */
  handledUnder: { number: string; state: PublicState; unitName: string | null } | null;
}

/** The staff side: what the resident sent and how they rated the answer, on the ticket's detail. */
export interface ResidentFeedbackDto {
  messages: { id: string; body: string; createdAt: string }[];
  rating: { score: number; comment: string | null; at: string } | null;
  /** The form's consent (RODO) for the reporter's e-mail: the version of the text they ticked. */
  consent: { version: string; at: string } | null;
}
