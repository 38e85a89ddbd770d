// Staff accounts (admins): list with filters, create, change, deactivate, reactivate, reset TOTP. No delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserRequest, UpdateUserRequest, UserDto } from '@kck/contracts';
import { http } from './http';
import { userKeys } from './query-keys';

export interface UserFilter {
  role?: string;
  active?: 'true' | 'false';
  q?: string;
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: userKeys.list(filter),
    queryFn: ({ signal }) => http.get<UserDto[]>('/api/users', { ...filter }, signal),
  });
}

function useUserMutation<V>(fn: (vars: V) => Promise<UserDto>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all() }),
  });
}

export const useCreateUser = () => useUserMutation((body: CreateUserRequest) => http.post<UserDto>('/api/users', body));
export const useUpdateUser = () =>
  useUserMutation(({ id, body }: { id: string; body: UpdateUserRequest }) =>
    http.patch<UserDto>(`/api/users/${encodeURIComponent(id)}`, body),
  );
export const useUserCommand = () =>
  useUserMutation(({ id, command }: { id: string; command: 'deactivate' | 'reactivate' | 'totp/reset' }) =>
    http.post<UserDto>(`/api/users/${encodeURIComponent(id)}/${command}`),
  );
