// Duplicates at intake: while a report is entered (the residents' form, the call panel, DK-03) the open tickets of the
// same category near the place and in similar words are shown, and a resident may add their voice to one of them.
import { z } from 'zod';
import type { TicketStatus } from '../domain.ts';
import { isInKrakow, publicReportRequest, type PublicReportCreatedDto, type PublicState } from './public-intake.ts';

/** Residents and clerks type ~a sentence before the list is worth asking for; the rest of a long text adds little. */
export const SIMILAR_TEXT_MAX = 1000;
export const SIMILAR_LIMIT_MAX = 10;

/** A query string sends an empty field as ''; an empty field means "not given". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

const coordinate = (name: string, min: number, max: number) =>
  optional(
    z.coerce.number(`${name} must be a number`).min(min, `${name} is out of range`).max(max, `${name} is out of range`),
  );

const similarFields = {
  categoryId: z.uuid('categoryId must be a category id'),
  latitude: coordinate('latitude', -90, 90),
  longitude: coordinate('longitude', -180, 180),
  districtId: optional(z.uuid('districtId must be a district id')),
  /** Street and number as typed; the street decides when a ticket has no pin. */
  address: optional(z.string().trim().max(300, 'address must be at most 300 characters')),
  /** What the report says so far (title and description); without it only the place and category count. */
  text: optional(z.string().trim().max(SIMILAR_TEXT_MAX, `text must be at most ${SIMILAR_TEXT_MAX} characters`)),
  limit: z.coerce.number().int().min(1).max(SIMILAR_LIMIT_MAX).default(5),
};

const bothOrNeither = (value: { latitude?: number; longitude?: number }, ctx: z.RefinementCtx) => {
  if ((value.latitude === undefined) !== (value.longitude === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [value.latitude === undefined ? 'latitude' : 'longitude'],
      message: 'latitude and longitude come together',
    });
};

/** `GET /api/tickets/similar`: staff (call panel, DK-03's new ticket, triage). */
export const similarTicketsQuery = z
  .object({
    ...similarFields,
    /** The ticket being triaged: it is not its own duplicate. */
    excludeId: optional(z.uuid('excludeId must be a ticket id')),
  })
  .superRefine(bothOrNeither);

/** What a client sends to either search (the public one ignores `excludeId`); empty fields may be left out. */
export interface SimilarSearch {
  categoryId: string;
  latitude?: number;
  longitude?: number;
  districtId?: string;
  address?: string;
  text?: string;
  excludeId?: string;
  limit?: number;
}

/** `GET /api/public/similar-reports`: the residents' form. */
export const publicSimilarQuery = z
  .object({ ...similarFields, limit: z.coerce.number().int().min(1).max(5).default(5) })
  .superRefine(bothOrNeither)
  .superRefine((value, ctx) => {
    if (
      value.latitude !== undefined &&
      value.longitude !== undefined &&
      !isInKrakow({ latitude: value.latitude, longitude: value.longitude })
    )
      ctx.addIssue({ code: 'custom', path: ['latitude'], message: 'the pin must be within Kraków' });
  });

/** How a candidate was found near the report: by the pins, by the street, or only by the district (with words). */
export type DuplicateMatch = 'distance' | 'street' | 'district';

/** One open ticket that may be the same matter, for staff. */
export interface SimilarTicketDto {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  unitCode: string | null;
  unitName: string | null;
  address: string | null;
  districtLabel: string | null;
  /** Between the pins, rounded to a metre; null when either has no pin. */
  distanceM: number | null;
  /** 0–1 (pg_trgm on the folded words); null when no text was given. */
  similarity: number | null;
  matchedBy: DuplicateMatch;
  /** Residents who reported it: the ticket itself and every ticket merged into it (voices included). */
  reporters: number;
  createdAt: string;
}

/**
 * One open report near the resident's, as the public may see it: the category, the street without a house number,
 * where it stands and how old it is. Never the description (another resident's words may name people) or a pin.
 */
export interface PublicSimilarReportDto {
  number: string;
  categoryLabelPl: string;
  categoryLabelEn: string;
  street: string | null;
  districtLabel: string | null;
  state: PublicState;
  unitName: string | null;
  /** Rounded to 10 m; null when either report has no pin. */
  distanceM: number | null;
  reporters: number;
  createdAt: string;
}

/**
 * `POST /api/public/tickets/:ref/voices`: "add my voice". The resident's report is filed as a duplicate of that
 * open report (their own number and status link; the main report's answer by e-mail). The same fields as a report;
 * the description may stay empty, since the report it joins already says what is wrong.
 */
export const publicVoiceRequest = z
  .object({
    ...publicReportRequest.shape,
    description: z.string().trim().max(5000, 'description must be at most 5000 characters').default(''),
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
export type PublicVoiceRequest = z.input<typeof publicVoiceRequest>;

export interface PublicVoiceCreatedDto extends PublicReportCreatedDto {
  /** The report the voice joined (a duplicate chosen by mistake is followed to its main report). */
  mainNumber: string;
  /** Residents who reported the matter now, this voice included. */
  reporters: number;
}

/** `GET /api/tickets/:id/reporters`: how many residents reported the matter of a ticket. */
export interface TicketReportersDto {
  /** The ticket itself and every ticket merged into it. */
  reporters: number;
}
