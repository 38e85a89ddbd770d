// Above an open ticket in the inbox: who is working on it (a claim: take it, let it go, or take it over from a
// colleague) and who else has it open right now, so two DK-03 people never handle one report unknowingly.
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { useTranslation } from 'react-i18next';
import { TRIAGE_INBOX_STATUSES, type TicketDto, type TicketStatus, type TicketViewer } from '@kck/contracts';
import { ariaKeys } from '../../../app/shortcuts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatTime } from '../../../components/format';
import { liveClaim } from '../inbox-filter';

export const inInbox = (status: TicketStatus) => (TRIAGE_INBOX_STATUSES as readonly TicketStatus[]).includes(status);

interface Props {
  ticket: TicketDto;
  meId: string;
  /** Everyone else with the ticket open now. */
  others: readonly TicketViewer[];
  pending: boolean;
  error: unknown;
  onClaim: (takeOver: boolean) => void;
  onRelease: () => void;
}

export function ClaimBar({ ticket, meId, others, pending, error, onClaim, onRelease }: Props) {
  const { t, i18n } = useTranslation();
  const holder = liveClaim(ticket);
  const since = ticket.claimedAt ? formatTime(ticket.claimedAt, i18n.language) : '';
  const until = ticket.claimExpiresAt ? formatTime(ticket.claimExpiresAt, i18n.language) : '';

  return (
    <Stack spacing={1} sx={{ mb: 2 }} data-testid="claim-bar" data-claimed-by={holder?.id ?? ''}>
      {inInbox(ticket.status) ? (
        holder && holder.id !== meId ? (
          <Alert
            severity="warning"
            icon={<LockIcon />}
            data-testid="claim-other"
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => onClaim(true)}
                disabled={pending}
                data-testid="claim-takeover"
              >
                {t('triageInbox.claim.takeOver')}
              </Button>
            }
          >
            {t('triageInbox.claim.byOther', { name: holder.displayName, since })}
          </Alert>
        ) : holder ? (
          <Alert
            severity="info"
            icon={<LockIcon />}
            data-testid="claim-mine"
            action={
              <Button color="inherit" size="small" onClick={onRelease} disabled={pending} data-testid="claim-release">
                {t('triageInbox.claim.release')}
              </Button>
            }
          >
            {t('triageInbox.claim.byMe', { until })}
          </Alert>
        ) : (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <LockOpenIcon color="action" aria-hidden />
            <Typography variant="body2" sx={{ flexGrow: 1 }}>
              {t('triageInbox.claim.none')}
            </Typography>
            <Button
              variant="outlined"
              size="small"
              onClick={() => onClaim(false)}
              disabled={pending}
              aria-keyshortcuts={ariaKeys('triage.claim')}
              data-testid="claim-ticket"
            >
              {t('triageInbox.claim.take')}
            </Button>
          </Stack>
        )
      ) : null}
      {error ? <ErrorAlert error={error} testId="claim-error" /> : null}
      {others.length > 0 ? (
        <Box
          sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.primary' }}
          data-testid="ticket-viewers"
          data-viewers={others.map((viewer) => viewer.displayName).join(', ')}
        >
          <VisibilityIcon fontSize="small" color="primary" aria-hidden />
          <Typography variant="body2">
            {t('triageInbox.viewers', { names: others.map((viewer) => viewer.displayName).join(', ') })}
          </Typography>
        </Box>
      ) : null}
    </Stack>
  );
}
