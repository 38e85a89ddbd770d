// On a ticket of channel `mayor`: the matter behind it (where it came from, when, the Mayor's deadline), for KP-02
// and for the unit handling it, which must know that the Mayor is waiting and by when.
import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useMayorMatter } from '../../../api/mayor-matters.api';
import { formatDay } from '../../../components/format';
import '../i18n/register';

export function MayorMatterPanel({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const matter = useMayorMatter(ticketId, true);
  // Nothing to add while loading, for a ticket written before matters were registered, or when it fails.
  if (!matter.data) return null;
  const { origin, reference, receivedOn, meetingOn, mayorDeadline, registeredByName } = matter.data;
  const fields: [string, string][] = [
    [t('mayorMatters.fields.origin'), origin ? t(`mayorMatters.origin.${origin}`) : '—'],
    [t('mayorMatters.fields.reference'), reference ?? '—'],
    [t('mayorMatters.fields.receivedOn'), formatDay(receivedOn, i18n.language)],
    ...(meetingOn
      ? [[t('mayorMatters.fields.meetingOn'), formatDay(meetingOn, i18n.language)] as [string, string]]
      : []),
    [t('mayorMatters.fields.mayorDeadline'), formatDay(mayorDeadline, i18n.language)],
    [t('mayorMatters.fields.registeredBy'), registeredByName ?? '—'],
  ];
  return (
    <Box
      component="section"
      aria-labelledby={`mayor-matter-${ticketId}`}
      data-testid="mayor-matter-panel"
      sx={{ mb: 2, p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Typography variant="subtitle2" component="h3" id={`mayor-matter-${ticketId}`} sx={{ mb: 1 }}>
        {t('mayorMatters.panelTitle')}
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 1.5, m: 0 }}
      >
        {fields.map(([label, value]) => (
          <Box key={label}>
            <Typography component="dt" variant="caption" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
