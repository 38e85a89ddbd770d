// The survey runner on a page of its own, for one call (/surveys/run/:callId): the call screen embeds the same
// component; this page lets an agent (or a test) run a survey for a call without the rest of the call panel.
import { useParams } from 'react-router';
import { Alert, Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { SurveyRunner } from '../components/SurveyRunner';
import '../i18n/register';

export function SurveyRunPage() {
  const { t } = useTranslation();
  const { callId = '' } = useParams();
  const me = useMe();
  return (
    <Box sx={{ maxWidth: 900 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('surveys.runner.runTitle')}
      </Typography>
      {me.role === 'agent' || me.role === 'supervisor' ? (
        <SurveyRunner callId={callId} autoFocus />
      ) : (
        <Alert severity="info">{t('surveys.runner.notForRole')}</Alert>
      )}
    </Box>
  );
}
