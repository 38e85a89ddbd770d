// The top of the call screen: the call's state and the caller's number as the telephony reports them, the talk
// time (and the wrap-up time once the caller hung up), and the two actions of a call without telephony: start
// (Alt+N) and end (Alt+K). A call from the telephony pops up here by itself.
import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import CallEndIcon from '@mui/icons-material/CallEnd';
import { useTranslation } from 'react-i18next';
import type { LiveCallDto } from '@kck/contracts';
import { ariaKeys } from '../../../app/shortcuts';
import { formatDuration } from '../../../components/format';
import { useCallTimer } from '../hooks/use-call-timer';

interface Props {
  call: LiveCallDto | null;
  onStart: () => void;
  onEnd: () => void;
  starting: boolean;
  ending: boolean;
  /** The agent has a connected call (maybe not this one): no second one can start. */
  busy: boolean;
}

const STATE_COLOR = { ringing: 'warning', active: 'success', wrap_up: 'info' } as const;

export function CallStartBar({ call, onStart, onEnd, starting, ending, busy }: Props) {
  const { t } = useTranslation();
  const talkFrom = call ? (call.answeredAt ?? (call.state === 'ringing' ? null : call.startedAt)) : null;
  const talk = useCallTimer(talkFrom, call?.endedAt ?? null);
  const ringing = useCallTimer(call?.state === 'ringing' ? call.startedAt : null);
  const wrapUp = useCallTimer(call?.state === 'wrap_up' ? call.endedAt : null);
  const state = call && call.state in STATE_COLOR ? (call.state as keyof typeof STATE_COLOR) : null;

  return (
    <Stack
      direction="row"
      spacing={2}
      sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
      data-testid="call-bar"
      data-call-id={call?.id ?? ''}
    >
      {!busy ? (
        <Button
          id="call-start"
          variant="contained"
          startIcon={<PhoneInTalkIcon />}
          onClick={onStart}
          disabled={starting}
          data-testid="call-start"
          aria-keyshortcuts={ariaKeys('call.start')}
        >
          {t('callPanel.start')}
        </Button>
      ) : null}
      {call?.state === 'active' ? (
        <Button
          id="call-end"
          variant="outlined"
          color="error"
          startIcon={<CallEndIcon />}
          onClick={onEnd}
          disabled={ending}
          data-testid="call-end"
          aria-keyshortcuts={ariaKeys('call.end')}
        >
          {t('callPanel.end')}
        </Button>
      ) : null}
      {state ? (
        <Chip
          color={STATE_COLOR[state]}
          label={t(`callPanel.state.${state}`)}
          data-testid="call-state"
          data-state={state}
          sx={{ fontWeight: 600 }}
        />
      ) : (
        <Typography color="text.secondary" data-testid="call-state" data-state="none">
          {t('callPanel.noCall')}
        </Typography>
      )}
      {call ? (
        <Typography component="span" variant="h6" data-testid="call-caller" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {call.callerPhone ?? t('callPanel.withheld')}
          {call.direction === 'out' ? ` (${t('callPanel.outbound')})` : ''}
        </Typography>
      ) : null}
      <Box sx={{ flexGrow: 1 }} />
      {call?.state === 'ringing' ? (
        <Typography component="span" variant="h6" sx={{ fontFamily: 'monospace' }} data-testid="call-ringing-time">
          {t('callPanel.ringingFor', { time: formatDuration(ringing) })}
        </Typography>
      ) : null}
      <Typography
        component="span"
        variant="h5"
        sx={{ fontVariantNumeric: 'tabular-nums', fontFamily: 'monospace' }}
        data-testid="call-timer"
        data-running={call?.state === 'active' ? 'true' : 'false'}
        role="timer"
        aria-label={t('callPanel.timer')}
      >
        {formatDuration(talk)}
      </Typography>
      {call?.state === 'wrap_up' ? (
        <Typography
          component="span"
          variant="body1"
          sx={{ fontFamily: 'monospace' }}
          data-testid="call-wrap-up-timer"
          role="timer"
          aria-label={t('callPanel.wrapUpTimer')}
        >
          {t('callPanel.wrapUpFor', { time: formatDuration(wrapUp) })}
        </Typography>
      ) : null}
    </Stack>
  );
}
