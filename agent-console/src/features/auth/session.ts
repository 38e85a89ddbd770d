// The signed-in user as the whole console sees it: one cached query, set by login, cleared by logout
// or by any 401 (see app/query-client.ts), which makes the router send the user back to the login page.
import { createContext, useContext } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { isSecondFactor, type LoginRequest, type MeDto, type SessionDto } from '@kck/contracts';
import { fetchSession, login, loginWithTotp, logout, setSignedInHint } from '../../api/auth.api';
import { isApiError, setCsrfToken } from '../../api/http';
import { sessionKey } from '../../api/query-keys';

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Infinity,
    retry: (failures, error) => !isApiError(error) || (error.code === 'network' && failures < 2),
  });
}

// RequireAuth provides the user it checked; pages below it never see "nobody".
export const MeContext = createContext<MeDto | null>(null);

/** Only for components under RequireAuth. */
export function useMe(): MeDto {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside a signed-in page');
  return me;
}

/** Per-tab work in progress (e.g. a call draft) belongs to the user who typed it. */
function forgetTabState(): void {
  try {
    for (const key of Object.keys(window.sessionStorage)) {
      if (key.startsWith('kck.console.')) window.sessionStorage.removeItem(key);
    }
    // Call drafts kept in this browser while the server was unreachable hold callers' numbers.
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith('kck.console.callDraft.')) window.localStorage.removeItem(key);
    }
  } catch {
    // storage blocked: nothing was kept either
  }
}

// After "Wyloguj" the login page should not offer to return to the last page; after an expired
// session it should. RequireAuth reads this to tell the two apart.
let signedOutOnPurpose = false;
export const wasSignedOutOnPurpose = (): boolean => signedOutOnPurpose;

/** Forgets everything the previous user could see; the session becomes "nobody". */
export function forgetSession(queryClient: QueryClient, onPurpose = false): void {
  signedOutOnPurpose = onPurpose;
  setCsrfToken(null);
  forgetTabState();
  setSignedInHint(false);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  queryClient.setQueryData<SessionDto | null>(sessionKey, null);
}

function adoptSession(queryClient: QueryClient, session: SessionDto): void {
  signedOutOnPurpose = false;
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  queryClient.setQueryData<SessionDto | null>(sessionKey, session);
}

/** The password step; when it answers with the TOTP step, the session comes from useTotpLogin. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => login(body),
    onSuccess: (answer) => {
      if (!isSecondFactor(answer)) adoptSession(queryClient, answer);
    },
  });
}

export function useTotpLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { challenge: string; code: string }) => loginWithTotp(body),
    onSuccess: (session) => adoptSession(queryClient, session),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => logout(),
    // Even if the server could not be reached, this browser stops acting as the user.
    onSettled: () => forgetSession(queryClient, true),
  });
}
