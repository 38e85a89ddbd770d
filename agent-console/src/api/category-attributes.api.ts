// A category's own questions: every ticket form reads the active ones; admins add, change, reorder and deactivate
// them. Any change refetches every category's cached questions, so open forms ask the new ones at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CategoryAttributeDto,
  CreateCategoryAttributeRequest,
  UpdateCategoryAttributeRequest,
} from '@kck/contracts';
import { http } from './http';
import { categoryAttributeKeys } from './query-keys';

/** Active questions for forms; `includeInactive` for the admin page and for reading old tickets' answers. */
export function useCategoryAttributes(categoryId: string | null | undefined, includeInactive = false) {
  return useQuery({
    queryKey: categoryAttributeKeys.ofCategory(categoryId ?? '', includeInactive),
    queryFn: ({ signal }) =>
      http.get<CategoryAttributeDto[]>(
        `/api/categories/${encodeURIComponent(categoryId ?? '')}/attributes`,
        { includeInactive: includeInactive ? 'true' : undefined },
        signal,
      ),
    enabled: Boolean(categoryId),
    staleTime: 60_000,
  });
}

function useInvalidateAttributes() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: categoryAttributeKeys.all() });
}

export function useCreateCategoryAttribute(categoryId: string) {
  const invalidate = useInvalidateAttributes();
  return useMutation({
    mutationFn: (body: CreateCategoryAttributeRequest) =>
      http.post<CategoryAttributeDto>(`/api/categories/${encodeURIComponent(categoryId)}/attributes`, body),
    onSettled: invalidate,
  });
}

export function useUpdateCategoryAttribute() {
  const invalidate = useInvalidateAttributes();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCategoryAttributeRequest }) =>
      http.put<CategoryAttributeDto>(`/api/category-attributes/${encodeURIComponent(id)}`, body),
    onSettled: invalidate,
  });
}

export function useReorderCategoryAttributes(categoryId: string) {
  const invalidate = useInvalidateAttributes();
  return useMutation({
    mutationFn: (ids: string[]) =>
      http.post<CategoryAttributeDto[]>(`/api/categories/${encodeURIComponent(categoryId)}/attributes/reorder`, {
        ids,
      }),
    onSettled: invalidate,
  });
}
