// Baza Wiedzy: search while the agent types, the article, agents' feedback, and the editors' work
// (articles and their workflow, versions, the worklist, synonyms, the gaps report).
// Searches keep the previous hits on screen while the next answer is on its way, so the list never flickers.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ArticleDiffDto,
  ArticleDto,
  ArticleFeedbackDto,
  ArticleFeedbackRequest,
  ArticleListQuery,
  ArticleStatus,
  ArticleSummaryDto,
  ArticleVersionDto,
  CreateArticleRequest,
  EditorWorklistDto,
  KnowledgeGapsDto,
  KnowledgeSearchDto,
  ResolveFeedbackRequest,
  SynonymGroupsDto,
  SynonymGroupsRequest,
  UpdateArticleRequest,
} from '@kck/contracts';
import { http } from './http';
import { knowledgeKeys, type KnowledgeSearchParams } from './query-keys';

export const MIN_QUERY_LENGTH = 2;

const articlePath = (id: string, action = '') =>
  `/api/knowledge/articles/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function useKnowledgeSearch(q: string, params: KnowledgeSearchParams) {
  const text = q.trim();
  return useQuery({
    queryKey: knowledgeKeys.search(text, params),
    queryFn: ({ signal }) =>
      http.get<KnowledgeSearchDto>(
        '/api/knowledge/search',
        {
          q: text,
          limit: params.limit,
          type: params.types.join(','),
          unit: params.units.join(','),
          includeExpired: params.includeExpired ? 'true' : undefined,
        },
        signal,
      ),
    enabled: text.length >= MIN_QUERY_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Which article the agent opened from a search: feeds the "most used" report. Nothing to wait for. */
export function recordSearchChoice(searchId: string, articleId: string): void {
  http.post(`/api/knowledge/searches/${encodeURIComponent(searchId)}/choice`, { articleId }).catch(() => undefined); // the log must never get in the agent's way
}

export function useArticle(id: string | null) {
  return useQuery({
    queryKey: knowledgeKeys.article(id ?? ''),
    queryFn: ({ signal }) => http.get<ArticleDto>(articlePath(id ?? ''), undefined, signal),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export type ArticleListParams = Partial<Omit<ArticleListQuery, 'limit' | 'offset'>> & {
  limit: number;
  offset: number;
};

export function useArticles(params: ArticleListParams) {
  return useQuery({
    queryKey: knowledgeKeys.articles(params),
    queryFn: ({ signal }) => http.get<ArticleSummaryDto[]>('/api/knowledge/articles', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useArticleVersions(id: string) {
  return useQuery({
    queryKey: knowledgeKeys.versions(id),
    queryFn: ({ signal }) => http.get<ArticleVersionDto[]>(articlePath(id, 'versions'), undefined, signal),
  });
}

export function useArticleDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: knowledgeKeys.diff(id, from ?? 0, to ?? 0),
    queryFn: ({ signal }) => http.get<ArticleDiffDto>(articlePath(id, 'diff'), { from, to }, signal),
    enabled: from !== null && to !== null && from !== to,
  });
}

/** Every article edit answers with the article; lists, worklist and search results may all have changed. */
function useArticleMutation<Vars>(mutationFn: (vars: Vars) => Promise<ArticleDto>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (article) => {
      queryClient.setQueryData(knowledgeKeys.article(article.id), article);
      return queryClient.invalidateQueries({ queryKey: knowledgeKeys.all() });
    },
  });
}

export const useCreateArticle = () =>
  useArticleMutation((body: CreateArticleRequest) => http.post<ArticleDto>('/api/knowledge/articles', body));

export const useUpdateArticle = () =>
  useArticleMutation(({ id, body }: { id: string; body: UpdateArticleRequest }) =>
    http.patch<ArticleDto>(articlePath(id), body),
  );

export const useArticleTransition = () =>
  useArticleMutation(({ id, to, version, note }: { id: string; to: ArticleStatus; version: number; note?: string }) =>
    http.post<ArticleDto>(articlePath(id, 'transitions'), { to, version, note }),
  );

export const useMarkReviewed = () =>
  useArticleMutation((id: string) => http.post<ArticleDto>(articlePath(id, 'reviewed')));

export function useSendFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ articleId, body }: { articleId: string; body: ArticleFeedbackRequest }) =>
      http.post<ArticleFeedbackDto>(articlePath(articleId, 'feedback'), body),
    onSuccess: (feedback) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: knowledgeKeys.worklist() }),
        queryClient.invalidateQueries({ queryKey: knowledgeKeys.articleFeedback(feedback.articleId) }),
      ]),
  });
}

export function useEditorWorklist() {
  return useQuery({
    queryKey: knowledgeKeys.worklist(),
    queryFn: ({ signal }) => http.get<EditorWorklistDto>('/api/knowledge/editor-worklist', undefined, signal),
  });
}

/** Open feedback on one article, shown to the editor beside the form (a proposal can be taken over). */
export function useArticleFeedback(articleId: string | null) {
  return useQuery({
    queryKey: knowledgeKeys.articleFeedback(articleId ?? ''),
    queryFn: ({ signal }) =>
      http.get<ArticleFeedbackDto[]>('/api/knowledge/feedback', { articleId, status: 'open' }, signal),
    enabled: Boolean(articleId),
  });
}

export function useResolveFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveFeedbackRequest }) =>
      http.post<ArticleFeedbackDto>(`/api/knowledge/feedback/${encodeURIComponent(id)}/resolve`, body),
    onSuccess: (feedback) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: knowledgeKeys.worklist() }),
        queryClient.invalidateQueries({ queryKey: knowledgeKeys.articleFeedback(feedback.articleId) }),
      ]),
  });
}

export function useSynonyms() {
  return useQuery({
    queryKey: knowledgeKeys.synonyms(),
    queryFn: ({ signal }) => http.get<SynonymGroupsDto>('/api/knowledge/synonyms', undefined, signal),
  });
}

export function useSaveSynonyms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SynonymGroupsRequest) => http.put<SynonymGroupsDto>('/api/knowledge/synonyms', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(knowledgeKeys.synonyms(), saved);
      // Search answers cached before the change would not know the new synonyms.
      queryClient.removeQueries({ queryKey: [...knowledgeKeys.all(), 'search'] });
    },
  });
}

export function useKnowledgeGaps(from: string, to: string) {
  return useQuery({
    queryKey: knowledgeKeys.gaps(from, to),
    queryFn: ({ signal }) => http.get<KnowledgeGapsDto>('/api/knowledge/gaps', { from, to }, signal),
    placeholderData: keepPreviousData,
  });
}
