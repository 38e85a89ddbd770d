// HTTP for the accessibility statement's data (entity, contact, dates of publication, update and review), read by
// the public page /deklaracja-dostepnosci; no account needed, counted per address like the other public reads.
import type { AccessibilityStatementDto } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { PublicRateLimits } from '../public-intake/public-rate-limits.ts';

export function accessibilityRoutes({ config, logger, redis }: BackendContext) {
  let limits: PublicRateLimits | undefined;
  return [
    defineRoute(
      { method: 'get', path: '/api/public/accessibility-statement', roles: 'public' },
      async ({ req }): Promise<AccessibilityStatementDto> => {
        await (limits ??= new PublicRateLimits(redis, config, logger)).consume('reads', req);
        return {
          entity: config.ACCESSIBILITY_ENTITY,
          siteUrl: config.PUBLIC_URL,
          publishedOn: config.ACCESSIBILITY_PUBLISHED_ON,
          updatedOn: config.ACCESSIBILITY_UPDATED_ON,
          reviewedOn: config.ACCESSIBILITY_REVIEWED_ON,
          contact: {
            name: config.ACCESSIBILITY_CONTACT_NAME,
            email: config.ACCESSIBILITY_CONTACT_EMAIL,
            phone: config.ACCESSIBILITY_CONTACT_PHONE,
          },
        };
      },
    ),
  ];
}
