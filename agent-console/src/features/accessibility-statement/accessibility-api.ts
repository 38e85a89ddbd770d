// The accessibility statement's data from the backend (entity, contact, dates), read like the other public pages:
// without the staff session.
import { useQuery } from '@tanstack/react-query';
import type { AccessibilityStatementDto } from '@kck/contracts';
import { publicFetch } from '../public-report/public-api';

export function useAccessibilityStatement() {
  return useQuery({
    queryKey: ['public', 'accessibility-statement'] as const,
    queryFn: ({ signal }) => publicFetch<AccessibilityStatementDto>('/api/public/accessibility-statement', { signal }),
    staleTime: 60 * 60_000,
  });
}
