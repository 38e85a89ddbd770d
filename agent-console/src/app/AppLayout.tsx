// The frame around every signed-in page: app bar (who, live connection, language, logout) and the
// tabs of the pages this role may use. It also owns the socket, so live updates run on every page.
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { AppBar, Box, Button, Chip, Container, Tab, Tabs, Toolbar, Typography } from '@mui/material';
import { Link as MuiLink } from '@mui/material';
import LogoutIcon from '@mui/icons-material/Logout';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { visuallyHidden } from '../components/visually-hidden';
import { PAGE_PATHS, pagesOf, type PageKey } from '../features/auth/access';
import { FullPageSpinner } from '../features/auth/components/RequireAuth';
import { useLogout, useMe } from '../features/auth/session';
import { useRealtime, type ConnectionState } from '../realtime/use-realtime';
import { CityMatterBanner } from '../features/city-matters/CityMatterBanner';
import { IncidentBanner } from '../features/incidents/IncidentBanner';
import { PresenceSelector } from '../features/presence/PresenceSelector';
import { useCurrentCallId } from '../api/calls.api';
import { ShortcutHelp } from './ShortcutHelp';
import { ACCESSIBILITY_STATEMENT_PATH } from '../features/accessibility-statement/paths';

function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const connected = state === 'connected';
  return (
    <Chip
      size="small"
      data-testid="connection-status"
      data-state={connected ? 'connected' : 'disconnected'}
      label={t(`app.connection.${state}`)}
      title={t('app.connection.title')}
      sx={{
        bgcolor: connected ? 'success.light' : 'warning.light',
        color: 'common.black',
        fontWeight: 500,
      }}
      icon={
        <Box
          component="span"
          aria-hidden
          sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: connected ? 'success.dark' : 'warning.dark' }}
        />
      }
    />
  );
}

function currentPage(pathname: string, pages: readonly PageKey[]): PageKey | false {
  return pages.find((page) => pathname === PAGE_PATHS[page] || pathname.startsWith(`${PAGE_PATHS[page]}/`)) ?? false;
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const location = useLocation();
  const connection = useRealtime(me.id, me.role);
  const pages = pagesOf(me.role);
  // The call the agent is on, from any page: the city-matter banner links it (Alt+M).
  const currentCallId = useCurrentCallId(me.role);

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Box
        component="a"
        href="#main"
        sx={{
          ...visuallyHidden,
          '&:focus': {
            position: 'fixed',
            top: 8,
            left: 8,
            width: 'auto',
            height: 'auto',
            clip: 'auto',
            zIndex: 2000,
            bgcolor: 'background.paper',
            p: 1,
          },
        }}
      >
        {t('app.skipToContent')}
      </Box>
      <AppBar position="sticky" elevation={1}>
        <Toolbar sx={{ gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="span" sx={{ fontWeight: 700 }} title={t('app.fullName')}>
            {t('app.shortName')}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          <Box sx={{ textAlign: 'right', lineHeight: 1.2 }}>
            <Typography variant="body2" component="div" sx={{ fontWeight: 600 }} data-testid="user-name">
              {me.displayName}
            </Typography>
            <Typography variant="caption" component="div" data-testid="user-role">
              {t(`roles.${me.role}`)}
              {me.unitCode ? ` · ${me.unitCode}` : ''}
            </Typography>
          </Box>
          {me.role === 'agent' ? <PresenceSelector /> : null}
          <ConnectionIndicator state={connection} />
          <ShortcutHelp />
          <LanguageSwitch />
          <Button
            color="inherit"
            variant="outlined"
            size="small"
            startIcon={<LogoutIcon />}
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
            data-testid="logout"
          >
            {t('app.logout')}
          </Button>
        </Toolbar>
        <Box component="nav" aria-label={t('app.navigation')} sx={{ bgcolor: 'primary.dark' }}>
          <Tabs
            value={currentPage(location.pathname, pages)}
            textColor="inherit"
            indicatorColor="secondary"
            variant="scrollable"
            scrollButtons="auto"
          >
            {pages.map((page) => (
              <Tab
                key={page}
                value={page}
                label={t(`nav.${page}`)}
                component={Link}
                to={PAGE_PATHS[page]}
                data-testid={`nav-${page}`}
              />
            ))}
          </Tabs>
        </Box>
      </AppBar>
      <Container component="main" id="main" tabIndex={-1} maxWidth="xl" sx={{ py: 3, flexGrow: 1, outline: 'none' }}>
        <IncidentBanner />
        <CityMatterBanner currentCallId={currentCallId} />
        <Suspense fallback={<FullPageSpinner />}>
          <Outlet />
        </Suspense>
      </Container>
      <Box component="footer" sx={{ px: 3, py: 1, borderTop: 1, borderColor: 'divider' }}>
        <Typography variant="body2">
          <MuiLink component={Link} to={ACCESSIBILITY_STATEMENT_PATH} data-testid="accessibility-statement-link">
            {t('accessibility.link')}
          </MuiLink>
        </Typography>
      </Box>
    </Box>
  );
}
