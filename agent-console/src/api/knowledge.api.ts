// Baza Wiedzy: search while the agent types, and one article at a time.
// Searches keep the previous hits on screen while the next answer is on its way, so the list never flickers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ArticleDto, KnowledgeSearchDto } from '@kck/contracts';
import { http } from './http';
import { knowledgeKeys } from './query-keys';

export const MIN_QUERY_LENGTH = 2;

export function useKnowledgeSearch(q: string, limit = 10) {
  const text = q.trim();
  return useQuery({
    queryKey: knowledgeKeys.search(text, limit),
    queryFn: ({ signal }) => http.get<KnowledgeSearchDto>('/api/knowledge/search', { q: text, limit }, signal),
    enabled: text.length >= MIN_QUERY_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useArticle(id: string | null) {
  return useQuery({
    queryKey: knowledgeKeys.article(id ?? ''),
    queryFn: ({ signal }) =>
      http.get<ArticleDto>(`/api/knowledge/articles/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}
