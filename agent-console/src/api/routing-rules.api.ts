// Routing rules (reguły routingu): the ordered list triage and admins read, and the admin's edits.
// Every edit answers with fresh data; the list is refetched so positions and stamps stay the server's.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReorderRoutingRulesRequest, RoutingRuleDto, RoutingRuleRequest } from '@kck/contracts';
import { http } from './http';
import { routingRuleKeys } from './query-keys';

export function useRoutingRules() {
  return useQuery({
    queryKey: routingRuleKeys.all(),
    queryFn: ({ signal }) => http.get<RoutingRuleDto[]>('/api/routing-rules', undefined, signal),
  });
}

function useRuleMutation<Vars, Result>(mutationFn: (vars: Vars) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: routingRuleKeys.all() }),
  });
}

const rulePath = (id: string, action = '') =>
  `/api/routing-rules/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** Creates a rule (no id) or replaces an existing one. */
export const useSaveRoutingRule = () =>
  useRuleMutation(({ id, body }: { id: string | null; body: RoutingRuleRequest }) =>
    id ? http.put<RoutingRuleDto>(rulePath(id), body) : http.post<RoutingRuleDto>('/api/routing-rules', body),
  );

export const useSetRoutingRuleActive = () =>
  useRuleMutation(({ id, active }: { id: string; active: boolean }) =>
    http.post<RoutingRuleDto>(rulePath(id, active ? 'activate' : 'deactivate')),
  );

export const useReorderRoutingRules = () =>
  useRuleMutation((body: ReorderRoutingRulesRequest) =>
    http.post<RoutingRuleDto[]>('/api/routing-rules/reorder', body),
  );
