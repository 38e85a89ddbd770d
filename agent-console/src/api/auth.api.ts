// Sign-in, sign-out and the current session; the session carries the CSRF token for later writes.
// GET /api/auth/me answers 401 when nobody is signed in, which is a normal state here, not an error.
import type { LoginRequest, SessionDto } from '@kck/contracts';
import { http, isApiError, setCsrfToken } from './http';

// The session cookie is httpOnly, so the page cannot see it. This hint remembers whether we signed in
// here, so a fresh browser goes straight to the login page instead of asking /me for a certain 401.
const SIGNED_IN_HINT = 'kck.console.signedIn';

function hasSignedInHint(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true; // storage blocked: ask the server, as we would without the hint
  }
}

export function setSignedInHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_HINT, '1');
    else window.localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // without storage we simply ask /me on every load
  }
}

export async function fetchSession(signal?: AbortSignal): Promise<SessionDto | null> {
  if (!hasSignedInHint()) return null;
  try {
    const session = await http.get<SessionDto>('/api/auth/me', undefined, signal);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.code === 'unauthenticated') {
      setCsrfToken(null);
      setSignedInHint(false);
      return null;
    }
    throw error;
  }
}

export async function login(body: LoginRequest): Promise<SessionDto> {
  const session = await http.post<SessionDto>('/api/auth/login', body);
  setCsrfToken(session.csrfToken);
  setSignedInHint(true);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await http.post<void>('/api/auth/logout');
  } finally {
    setCsrfToken(null);
    setSignedInHint(false);
  }
}
