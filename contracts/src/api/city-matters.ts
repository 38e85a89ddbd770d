// City-wide matters: a major event (a burst water main, a snowstorm, a transport strike) that floods the lines.
// A supervisor declares it with the agreed script and an article; every console shows it; calls are linked to it.
import { z } from 'zod';

export const CITY_MATTER_TITLE_MAX = 200;
export const CITY_MATTER_SCRIPT_MAX = 4000;

/** POST /api/city-matters (declare) and PUT /api/city-matters/:id (edit while open). */
export const cityMatterRequest = z
  .object({
    title: z
      .string()
      .trim()
      .min(3, 'title must be at least 3 characters')
      .max(CITY_MATTER_TITLE_MAX, `title must be at most ${CITY_MATTER_TITLE_MAX} characters`),
    script: z
      .string()
      .trim()
      .min(1, 'script must not be empty')
      .max(CITY_MATTER_SCRIPT_MAX, `script must be at most ${CITY_MATTER_SCRIPT_MAX} characters`),
    /** A published knowledge-base article the banner links to. */
    articleId: z.uuid('articleId must be an article id').nullable().default(null),
  })
  .strict();
export type CityMatterRequest = z.input<typeof cityMatterRequest>;

/** GET /api/city-matters?status=open|all (default open: what the banner shows). */
export const cityMatterListQuery = z
  .object({ status: z.enum(['open', 'all'], 'status must be open or all').default('open') })
  .strict();
export type CityMatterListQuery = z.input<typeof cityMatterListQuery>;

export const cityMatterIdParams = z.object({ id: z.uuid('id must be a city matter id') });
export const cityMatterCallParams = z.object({
  id: z.uuid('id must be a city matter id'),
  callId: z.uuid('callId must be a call id'),
});

export interface CityMatterPersonDto {
  id: string;
  displayName: string;
}

export interface CityMatterDto {
  id: string;
  title: string;
  script: string;
  article: { id: string; title: string } | null;
  declaredBy: CityMatterPersonDto;
  declaredAt: string;
  updatedAt: string;
  endedAt: string | null;
  endedBy: CityMatterPersonDto | null;
  /** Calls linked to it that started today (Europe/Warsaw), and ever. */
  callsToday: number;
  callsTotal: number;
}

export interface CityMatterListDto {
  matters: CityMatterDto[];
}

/** POST /api/city-matters/:id/calls/:callId → the call's link (DELETE takes it off again). */
export interface CityMatterCallLinkDto {
  cityMatterId: string;
  callId: string;
  linked: boolean;
}
