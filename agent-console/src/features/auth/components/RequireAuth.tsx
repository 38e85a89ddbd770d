// Gatekeepers for the router: signed-in pages, and pages the user's role may open.
// Nobody signed in → login (remembering where they wanted to go); wrong role → their own home.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Box, CircularProgress } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { canUsePage, homeOf, type PageKey } from '../access';
import { MeContext, useMe, useSession, wasSignedOutOnPurpose } from '../session';

export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <Box
      sx={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}
      role="status"
      aria-label={t('common.loading')}
    >
      <CircularProgress />
    </Box>
  );
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.data === undefined) {
    if (session.isPending) return <FullPageSpinner />;
    return (
      <Box sx={{ p: 3 }}>
        <ErrorAlert error={session.error} />
      </Box>
    );
  }
  if (session.data === null) {
    const next = `${location.pathname}${location.search}`;
    const remember = next !== '/' && !wasSignedOutOnPurpose();
    return <Navigate to={remember ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  return <MeContext.Provider value={session.data.user}>{children}</MeContext.Provider>;
}

export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const me = useMe();
  if (!canUsePage(me.role, page)) return <Navigate to={homeOf(me.role)} replace />;
  return <>{children}</>;
}

export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homeOf(me.role)} replace />;
}
