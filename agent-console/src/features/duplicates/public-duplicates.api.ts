// The residents' form asks for open reports like theirs and adds a voice to one, without the staff session
// (publicFetch sends no cookie), limited per address like the rest of the public API.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  ticketRefOf,
  type PublicSimilarReportDto,
  type PublicVoiceCreatedDto,
  type PublicVoiceRequest,
  type SimilarSearch,
} from '@kck/contracts';
import { publicFetch } from '../public-report/public-api';

const similarKey = (search: SimilarSearch | null) => ['public', 'similar-reports', search] as const;

export function usePublicSimilarReports(search: SimilarSearch | null) {
  return useQuery({
    queryKey: similarKey(search),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(search ?? {}))
        if (value !== undefined && key !== 'excludeId') params.set(key, String(value));
      return publicFetch<PublicSimilarReportDto[]>(`/api/public/similar-reports?${params}`, { signal });
    },
    enabled: search !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

export function useAddVoice() {
  return useMutation({
    mutationFn: ({ number, body }: { number: string; body: PublicVoiceRequest }) =>
      publicFetch<PublicVoiceCreatedDto>(`/api/public/tickets/${encodeURIComponent(ticketRefOf(number))}/voices`, {
        method: 'POST',
        body,
      }),
  });
}
