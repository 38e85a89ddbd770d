// Sign-in, sign-out and the current session; the session carries the CSRF token for later writes.
// GET /api/auth/me answers 401 when nobody is signed in, which is a normal state here, not an error.
import {
  isSecondFactor,
  type AuthProvidersDto,
  type LoginAnswerDto,
  type LoginRequest,
  type SessionDto,
  type TotpSetupDto,
} from '@kck/contracts';
import { http, isApiError, setCsrfToken } from './http';

// The session cookie is httpOnly, so the page cannot see it. This hint remembers that this browser
// signed out (or was told 401), so the login page is not preceded by a certain 401 from /me on every
// visit. Without a hint (a fresh browser, or a session made elsewhere) we ask the server.
const SIGNED_OUT_HINT = 'kck.console.signedOut';

function knownSignedOut(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_OUT_HINT) === '1';
  } catch {
    return false; // storage blocked: ask the server
  }
}

export function setSignedInHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.removeItem(SIGNED_OUT_HINT);
    else window.localStorage.setItem(SIGNED_OUT_HINT, '1');
  } catch {
    // without storage we simply ask /me on every load
  }
}

export async function fetchSession(signal?: AbortSignal): Promise<SessionDto | null> {
  if (knownSignedOut()) return null;
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

/** The password step: a session, or the TOTP step (code, or enrolment for admins and supervisors) still due. */
export async function login(body: LoginRequest): Promise<LoginAnswerDto> {
  const answer = await http.post<LoginAnswerDto>('/api/auth/login', body);
  if (isSecondFactor(answer)) return answer;
  setCsrfToken(answer.csrfToken);
  setSignedInHint(true);
  return answer;
}

export async function loginWithTotp(body: { challenge: string; code: string }): Promise<SessionDto> {
  const session = await http.post<SessionDto>('/api/auth/login/totp', body);
  setCsrfToken(session.csrfToken);
  setSignedInHint(true);
  return session;
}

/** The QR code to enrol with, inside the sign-in (admin and supervisor accounts without TOTP). */
export const totpSetupInLogin = (challenge: string): Promise<TotpSetupDto> =>
  http.post<TotpSetupDto>('/api/auth/login/totp/setup', { challenge });

export const fetchAuthProviders = (signal?: AbortSignal): Promise<AuthProvidersDto> =>
  http.get<AuthProvidersDto>('/api/auth/providers', undefined, signal);

/** Leaves for the identity provider; it sends the browser back signed in, so /me must be asked again then. */
export function startOidcSignIn(startUrl: string): void {
  setSignedInHint(true);
  window.location.assign(startUrl);
}

export async function logout(): Promise<void> {
  try {
    await http.post<void>('/api/auth/logout');
  } finally {
    setCsrfToken(null);
    setSignedInHint(false);
  }
}
