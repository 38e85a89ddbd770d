// Whether what the agent typed is safe: saved on the server (and when), being saved, or — when the server cannot be
// reached — kept in this browser until it can. Quiet text, not an alert: it changes with every pause in typing.
import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../components/format';
import type { DraftStatus } from '../hooks/use-wrap-up-draft';

interface Props {
  status: DraftStatus;
  savedAt: Date | null;
  hasCall: boolean;
}

export function CallDraftStatus({ status, savedAt, hasCall }: Props) {
  const { t, i18n } = useTranslation();
  if (!hasCall) return null;
  const text =
    status === 'saved' && savedAt
      ? t('callPanel.draft.saved', { time: formatTime(savedAt.toISOString(), i18n.language) })
      : status === 'idle'
        ? t('callPanel.draft.idle')
        : t(`callPanel.draft.${status}`);
  return (
    <Typography
      variant="body2"
      color={status === 'offline' || status === 'failed' ? 'error' : 'text.secondary'}
      data-testid="call-draft-status"
      data-state={status}
    >
      {text}
    </Typography>
  );
}
