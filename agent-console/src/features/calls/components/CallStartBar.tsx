// The top of the call panel: "Rozpocznij rozmowę" and the running mm:ss timer of the current call.
// The button is disabled while a call runs, so a double press cannot restart the clock.
import { Button, Stack, Typography } from '@mui/material';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../components/format';
import { useCallTimer } from '../hooks/use-call-timer';

export function CallStartBar({ startedAt, onStart }: { startedAt: string | null; onStart: () => void }) {
  const { t } = useTranslation();
  const elapsed = useCallTimer(startedAt);
  const running = Boolean(startedAt);
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
      <Button
        id="call-start"
        variant="contained"
        color={running ? 'success' : 'primary'}
        startIcon={<PhoneInTalkIcon />}
        onClick={onStart}
        disabled={running}
        data-testid="call-start"
      >
        {running ? t('callPanel.running') : t('callPanel.start')}
      </Button>
      <Typography
        component="span"
        variant="h5"
        sx={{ fontVariantNumeric: 'tabular-nums', fontFamily: 'monospace' }}
        data-testid="call-timer"
        data-running={running ? 'true' : 'false'}
        role="timer"
        aria-label={t('callPanel.timer')}
      >
        {formatDuration(elapsed)}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ flexGrow: 1, textAlign: 'right' }}>
        {t('callPanel.shortcuts')}
      </Typography>
    </Stack>
  );
}
