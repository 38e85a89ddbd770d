// The agent's presence in the app bar: a native select (quick from the keyboard) of available, a break with its
// reason, or offline. During a call the state follows the telephony, so the choice is limited to what is allowed.
import { useId, useState } from 'react';
import { Box, Snackbar, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { BREAK_REASONS, type ChangePresenceRequest, type PresenceState } from '@kck/contracts';
import { useChangePresence, useMyPresence } from '../../api/presence.api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LiveRegion } from '../../components/LiveRegion';
import { visuallyHidden } from '../../components/visually-hidden';
import { PRESENCE_COLORS, usePresenceLabel } from './presence-labels';

/** Option values: a state, or `break:<reason>`. */
const valueOf = (state: PresenceState, reason: string | null) => (state === 'break' ? `break:${reason}` : state);

function requestOf(value: string): ChangePresenceRequest {
  if (value.startsWith('break:')) return { state: 'break', reason: value.slice(6) as ChangePresenceRequest['reason'] };
  return { state: value as 'available' | 'offline' };
}

export function PresenceSelector() {
  const { t } = useTranslation();
  const id = useId();
  const label = usePresenceLabel();
  const presence = useMyPresence(true);
  const change = useChangePresence();
  const [announced, setAnnounced] = useState('');
  const current = presence.data;
  if (!current) return null;

  const onCall = current.state === 'on_call';
  const inCall = onCall || current.state === 'wrap_up';
  const options: { value: string; label: string }[] = [];
  if (inCall) options.push({ value: current.state, label: label(current.state, null) });
  if (!onCall) {
    options.push({ value: 'available', label: label('available', null) });
    if (!inCall)
      for (const reason of BREAK_REASONS) options.push({ value: `break:${reason}`, label: label('break', reason) });
    options.push({ value: 'offline', label: label('offline', null) });
  }

  const onChange = (value: string) => {
    const request = requestOf(value);
    change.mutate(request, {
      onSuccess: (now) => setAnnounced(t('presence.changed', { state: label(now.state, now.reason) })),
    });
  };

  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
      data-testid="presence"
      data-state={current.state}
      data-reason={current.reason ?? ''}
    >
      <Box
        component="span"
        aria-hidden
        sx={{
          width: 14,
          height: 14,
          borderRadius: '50%',
          bgcolor: PRESENCE_COLORS[current.state],
          border: '2px solid',
          borderColor: 'common.white',
        }}
      />
      <Box component="label" htmlFor={id} sx={{ fontSize: 14, fontWeight: 500 }}>
        {t('presence.label')}
      </Box>
      <TextField
        id={id}
        select
        size="small"
        value={valueOf(current.state, current.reason)}
        onChange={(event) => onChange(event.target.value)}
        disabled={onCall || change.isPending}
        slotProps={{
          select: { native: true },
          htmlInput: {
            'data-testid': 'presence-select',
            'aria-describedby': inCall ? `${id}-hint` : undefined,
          },
        }}
        sx={{ bgcolor: 'background.paper', borderRadius: 1, minWidth: 200, '& select': { fontSize: 14, py: 0.75 } }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.value === current.state && inCall}>
            {option.label}
          </option>
        ))}
      </TextField>
      {inCall ? (
        <Box component="span" id={`${id}-hint`} sx={visuallyHidden}>
          {t('presence.followsCall')}
        </Box>
      ) : null}
      <LiveRegion message={announced} testId="presence-announcement" />
      <Snackbar
        open={change.isError}
        onClose={() => change.reset()}
        autoHideDuration={8_000}
        anchorOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <div>
          <ErrorAlert error={change.error} testId="presence-error" />
        </div>
      </Snackbar>
    </Box>
  );
}
