// The banner every console shows while an incident is open: which system, since when, what it affects, and a link
// to the incident's page. New and ended incidents are announced politely; nothing here takes the focus.
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { Alert, AlertTitle, Box, Link, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { IncidentDto } from '@kck/contracts';
import { useOpenIncidents } from '../../api/incidents.api';
import { formatDateTime } from '../../components/format';
import { LiveRegion } from '../../components/LiveRegion';
import './i18n/register';

/** Says what changed since the last list: incidents opened and ended while the console was on screen. */
function useIncidentAnnouncement(incidents: IncidentDto[] | undefined): string {
  const { t } = useTranslation();
  const known = useRef<Map<string, string> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!incidents) return;
    const before = known.current;
    known.current = new Map(incidents.map((i) => [i.id, i.title]));
    // The first list is what was already open when the page loaded: nothing new to announce.
    if (!before) return;
    const opened = incidents
      .filter((i) => !before.has(i.id))
      .map((i) => t('incidents.banner.opened', { title: i.title }));
    const ended = [...before]
      .filter(([id]) => !known.current!.has(id))
      .map(([, title]) => t('incidents.banner.ended', { title }));
    if (opened.length + ended.length > 0) setMessage([...opened, ...ended].join(' '));
  }, [incidents, t]);
  return message;
}

export function IncidentBanner() {
  const { t, i18n } = useTranslation();
  const open = useOpenIncidents();
  const incidents = open.data?.incidents;
  const announcement = useIncidentAnnouncement(incidents);

  return (
    <>
      <LiveRegion message={announcement} testId="incident-announcement" />
      {incidents && incidents.length > 0 ? (
        <Stack spacing={1} sx={{ mb: 3 }} data-testid="incident-banners">
          {incidents.map((incident) => {
            const headingId = `incident-banner-${incident.id}`;
            return (
              <Alert
                key={incident.id}
                severity={incident.severity === 'minor' ? 'warning' : 'error'}
                variant="outlined"
                component="section"
                // A landmark named by its heading, not an alert: it is there on every page, and the live region
                // above says when one appears or ends.
                role="region"
                aria-labelledby={headingId}
                data-testid="incident-banner"
                data-incident-id={incident.id}
                sx={{ bgcolor: 'background.paper', '& .MuiAlert-message': { width: '100%' } }}
              >
                <AlertTitle id={headingId} component="h2" sx={{ fontSize: 18, fontWeight: 700 }}>
                  {t('incidents.banner.heading', { system: incident.system.name, title: incident.title })}
                </AlertTitle>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {[
                    t('incidents.banner.severity', { severity: t(`incidents.severity.${incident.severity}`) }),
                    t('incidents.banner.since', { time: formatDateTime(incident.startedAt, i18n.language) }),
                    incident.openedAutomatically ? t('incidents.banner.automatic') : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
                <Typography
                  variant="body2"
                  sx={{
                    whiteSpace: 'pre-wrap',
                    mt: 0.5,
                    display: '-webkit-box',
                    WebkitLineClamp: 3,
                    WebkitBoxOrient: 'vertical',
                    overflow: 'hidden',
                  }}
                  data-testid="incident-banner-impact"
                >
                  {incident.impact}
                </Typography>
                <Box sx={{ mt: 1 }}>
                  <Link
                    component={RouterLink}
                    to={`/incidents/${incident.id}`}
                    aria-label={t('incidents.banner.detailsOf', { title: incident.title })}
                    data-testid="incident-banner-link"
                    sx={{ fontWeight: 600 }}
                  >
                    {t('incidents.banner.details')}
                  </Link>
                </Box>
              </Alert>
            );
          })}
        </Stack>
      ) : null}
    </>
  );
}
