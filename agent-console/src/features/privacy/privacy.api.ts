// RODO for the admin's page: the search for a person, requests (record, export, erase), retention policies.
// Exports are plain links: the browser downloads or opens them with the session cookie.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DataSubjectRequestDto,
  PrivacyEraseResult,
  PrivacyIdentifier,
  PrivacyRequestCreate,
  PrivacySearchResult,
  RetentionPoliciesPut,
  RetentionPolicyDto,
} from '@kck/contracts';
import { http } from '../../api/http';

const keys = {
  requests: ['privacy', 'requests'] as const,
  policies: ['privacy', 'retention-policies'] as const,
};

export function usePersonSearch() {
  return useMutation({
    mutationFn: (identifier: PrivacyIdentifier) =>
      http.post<PrivacySearchResult>('/api/privacy/requests/search', identifier),
  });
}

export function usePrivacyRequests() {
  return useQuery({
    queryKey: keys.requests,
    queryFn: ({ signal }) => http.get<DataSubjectRequestDto[]>('/api/privacy/requests', undefined, signal),
  });
}

export function useRecordRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PrivacyRequestCreate) => http.post<DataSubjectRequestDto>('/api/privacy/requests', input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.requests }),
  });
}

export function useEraseRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.post<PrivacyEraseResult>(`/api/privacy/requests/${id}/erase`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.requests }),
  });
}

export const exportUrl = (id: string, format: 'json' | 'html') => `/api/privacy/requests/${id}/export.${format}`;

export function useRetentionPolicies() {
  return useQuery({
    queryKey: keys.policies,
    queryFn: ({ signal }) => http.get<RetentionPolicyDto[]>('/api/privacy/retention-policies', undefined, signal),
  });
}

export function useSaveRetentionPolicies() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RetentionPoliciesPut) =>
      http.put<RetentionPolicyDto[]>('/api/privacy/retention-policies', input),
    onSuccess: (saved) => client.setQueryData(keys.policies, saved),
  });
}
