// The team's call-back list: inbound calls nobody answered (the telephony's hangup cause says so), longest wait
// first. "Oddzwoń" dials out as a new call with the number filled in; "Oddzwoniono" takes the call off the list,
// naming the call that did it when it was started from here. Alt+O brings the focus to the list.
import { useState } from 'react';
import {
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useCallbackDone, useCallbacks } from '../../../api/calls.api';
import { ariaKeys, useShortcut } from '../../../app/shortcuts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';

interface Props {
  /** Starts an outbound call to the number; resolves with the new call's id. */
  onCallBack: (phone: string) => Promise<string | null>;
  /** The agent is on a call: no second one can be dialled. */
  busy: boolean;
}

export function CallbackList({ onCallBack, busy }: Props) {
  const { t, i18n } = useTranslation();
  const callbacks = useCallbacks(true);
  const done = useCallbackDone();
  // Which call was dialled for which missed call, so "called back" can say by which call.
  const [dialled, setDialled] = useState<Record<string, string>>({});

  useShortcut('call.callbacks', () => {
    const target =
      document.querySelector<HTMLElement>('[data-testid="callback-row"] button:not([disabled])') ??
      document.getElementById('callbacks-heading');
    target?.focus();
  });

  return (
    <Paper component="section" aria-labelledby="callbacks-heading" sx={{ p: 2 }}>
      <Typography
        variant="h6"
        component="h2"
        id="callbacks-heading"
        tabIndex={-1}
        sx={{ mb: 1 }}
        aria-keyshortcuts={ariaKeys('call.callbacks')}
      >
        {t('callPanel.callbacks.title')}
        {callbacks.data ? ` (${callbacks.data.callbacks.length})` : ''}
      </Typography>
      {done.error ? <ErrorAlert error={done.error} /> : null}
      <QueryState
        isPending={callbacks.isPending}
        error={callbacks.error}
        data={callbacks.data}
        onRetry={() => void callbacks.refetch()}
        isEmpty={(data) => data.callbacks.length === 0}
        emptyText={t('callPanel.callbacks.empty')}
      >
        {(data) => (
          <TableContainer>
            <Table size="small" aria-labelledby="callbacks-heading" data-testid="callbacks">
              <TableHead>
                <TableRow>
                  <TableCell>{t('callPanel.callbacks.when')}</TableCell>
                  <TableCell>{t('callPanel.phone')}</TableCell>
                  <TableCell>{t('callPanel.callbacks.attempts')}</TableCell>
                  <TableCell>{t('callPanel.callbacks.cause')}</TableCell>
                  <TableCell>{t('callPanel.callbacks.actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.callbacks.map((callback) => {
                  const phone = callback.callerPhone;
                  return (
                    <TableRow key={callback.id} data-testid="callback-row" data-call-id={callback.id}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(callback.startedAt, i18n.language)}
                      </TableCell>
                      <TableCell>{phone ?? t('callPanel.withheld')}</TableCell>
                      <TableCell>{callback.attempts}</TableCell>
                      <TableCell>{callback.hangupCause ?? '—'}</TableCell>
                      <TableCell>
                        <Stack direction="row" spacing={1}>
                          {phone ? (
                            <Button
                              size="small"
                              variant="outlined"
                              disabled={busy}
                              onClick={async () => {
                                const callId = await onCallBack(phone);
                                if (callId) setDialled((old) => ({ ...old, [callback.id]: callId }));
                              }}
                              aria-label={t('callPanel.callbacks.callBackTo', { phone })}
                              data-testid="callback-dial"
                            >
                              {t('callPanel.callbacks.callBack')}
                            </Button>
                          ) : null}
                          <Button
                            size="small"
                            variant="contained"
                            disabled={done.isPending}
                            onClick={() =>
                              done.mutate({
                                callId: callback.id,
                                body: dialled[callback.id] ? { callbackCallId: dialled[callback.id] } : {},
                              })
                            }
                            aria-label={t('callPanel.callbacks.doneFor', { phone: phone ?? t('callPanel.withheld') })}
                            data-testid="callback-done"
                          >
                            {t('callPanel.callbacks.done')}
                          </Button>
                        </Stack>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
    </Paper>
  );
}
