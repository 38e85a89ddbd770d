// Sign-in, sign-out and the current session; the session carries the CSRF token for later writes.
// GET /api/auth/me answers 401 when nobody is signed in, which is a normal state here, not an error.
import type { LoginRequest, SessionDto } from '@kck/contracts';
import { http, isApiError, setCsrfToken } from './http';

export async function fetchSession(signal?: AbortSignal): Promise<SessionDto | null> {
  try {
    const session = await http.get<SessionDto>('/api/auth/me', undefined, signal);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.code === 'unauthenticated') {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(body: LoginRequest): Promise<SessionDto> {
  const session = await http.post<SessionDto>('/api/auth/login', body);
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await http.post<void>('/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}
