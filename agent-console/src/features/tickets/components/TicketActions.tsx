// The one set of actions on a ticket, wherever its detail is shown (unit queue, triage inbox, /tickets/:id):
// exactly the moves the contracts' lifecycle allows this role from this status, each sent with the version seen.
import { useCallback, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Divider, Stack, Typography, type ButtonProps } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import CheckIcon from '@mui/icons-material/Check';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplayIcon from '@mui/icons-material/Replay';
import UndoIcon from '@mui/icons-material/Undo';
import { useTranslation } from 'react-i18next';
import type { TicketDto } from '@kck/contracts';
import { useTicketMove, type TicketAction, type TicketMove } from '../../../api/tickets.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf } from '../../../components/field-errors';
import { useMe } from '../../auth/session';
import { RouteForm } from '../../triage/components/RouteForm';
import { availableActions, isDialogAction, type DialogAction } from '../ticket-moves';
import { MoveDialog } from './MoveDialog';
import { ResolveForm } from './ResolveForm';
import { IdeaDecisionForm } from './IdeaDecisionForm';
import { RelationActions } from './RelationActions';
import { DuplicateCandidates } from '../../duplicates/components/DuplicateCandidates';

type ButtonAction = Extract<TicketAction, 'accept' | 'start' | DialogAction>;

const BUTTONS: Record<ButtonAction, { icon: ReactNode; variant: ButtonProps['variant']; color: ButtonProps['color'] }> =
  {
    accept: { icon: <CheckIcon />, variant: 'contained', color: 'primary' },
    start: { icon: <PlayArrowIcon />, variant: 'contained', color: 'primary' },
    close: { icon: <DoneAllIcon />, variant: 'outlined', color: 'primary' },
    reopen: { icon: <ReplayIcon />, variant: 'outlined', color: 'warning' },
    return: { icon: <UndoIcon />, variant: 'outlined', color: 'warning' },
    reject: { icon: <BlockIcon />, variant: 'outlined', color: 'error' },
  };
const isButtonAction = (action: TicketAction): action is ButtonAction => action in BUTTONS;

export function TicketActions({ ticket }: { ticket: TicketDto }) {
  // A fresh state per ticket: a half-typed reason or an error must not follow the user to the next one.
  return <ActionsForTicket key={ticket.id} ticket={ticket} />;
}

function ActionsForTicket({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const me = useMe();
  // Unit staff read only their unit's tickets: after a return the ticket is no longer theirs to fetch.
  const stillVisible = useCallback(
    (moved: TicketDto) => me.role !== 'unit_staff' || moved.unitId === me.unitId,
    [me.role, me.unitId],
  );
  const move = useTicketMove(ticket.id, stillVisible);
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [done, setDone] = useState<TicketAction | null>(null);

  const actions = availableActions(ticket.status, me.role, ticket.type);
  const buttons = actions.filter(isButtonAction);
  const pendingAction = move.isPending ? move.variables.action : null;
  const failed = move.isError ? move.variables.action : null;
  const errorOf = (action: TicketAction) => (failed === action ? move.error : null);
  // A dialog whose move the ticket no longer allows (someone else moved it) closes by itself.
  const openDialog = dialog && actions.includes(dialog) ? dialog : null;

  const run = (next: TicketMove, onSuccess?: (updated: TicketDto) => void) => {
    setDone(null);
    move.mutate(next, {
      onSuccess: (updated) => {
        setDialog(null);
        if (next.action !== 'route') setDone(next.action);
        onSuccess?.(updated);
      },
    });
  };

  const onButton = (action: ButtonAction) => {
    if (isDialogAction(action)) {
      move.reset();
      setDialog(action);
    } else {
      run({ action, body: { version: ticket.version } });
    }
  };

  // A failure without field errors is shown once, next to what the user just did, or under the buttons
  // when that form is gone (a 409 refetch changed the status).
  const shownError = move.isError && fieldErrorsOf(move.error).length === 0 ? move.error : null;
  const errorSpot: 'dialog' | 'resolve' | 'route' | 'bar' | null = !shownError
    ? null
    : openDialog && failed === openDialog
      ? 'dialog'
      : failed === 'resolve' && actions.includes('resolve')
        ? 'resolve'
        : failed === 'route' && actions.includes('route')
          ? 'route'
          : 'bar';
  const errorAlert = shownError ? <ErrorAlert error={shownError} testId="move-error" /> : null;

  if (actions.length === 0 && !shownError && !done && ticket.status !== 'resolved') return null;
  const hasForms = actions.length > 0 || shownError !== null;

  return (
    <>
      <Divider sx={{ my: 2 }} />
      <Stack spacing={2} data-testid="ticket-actions" data-actions={actions.join(' ')}>
        {buttons.length > 0 ? (
          <Box component="section" aria-labelledby={`actions-${ticket.id}`}>
            <Typography variant="subtitle2" component="h3" id={`actions-${ticket.id}`} sx={{ mb: 0.5 }}>
              {t('moves.title')}
            </Typography>
            {actions.includes('accept') ? (
              <Typography variant="body2" sx={{ mb: 1 }}>
                {t('unitQueue.acceptHint')}
              </Typography>
            ) : null}
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
              {buttons.map((action) => (
                <Button
                  key={action}
                  variant={BUTTONS[action].variant}
                  color={BUTTONS[action].color}
                  startIcon={BUTTONS[action].icon}
                  onClick={() => onButton(action)}
                  disabled={move.isPending}
                  data-testid={`ticket-${action}`}
                >
                  {pendingAction === action ? t('common.saving') : t(`moves.${action}.button`)}
                </Button>
              ))}
            </Stack>
          </Box>
        ) : null}
        {errorSpot === 'bar' ? errorAlert : null}
        {actions.includes('resolve') ? (
          <ResolveForm
            ticket={ticket}
            pending={pendingAction === 'resolve'}
            error={errorOf('resolve')}
            onSubmit={(next) => run(next)}
          />
        ) : null}
        {errorSpot === 'resolve' ? errorAlert : null}
        {actions.includes('route') ? (
          <RouteForm
            ticket={ticket}
            pending={pendingAction === 'route'}
            error={errorOf('route')}
            onSubmit={(next, onRouted) => run(next, onRouted)}
          />
        ) : null}
        {errorSpot === 'route' ? errorAlert : null}
        <IdeaDecisionForm ticket={ticket} />
        <DuplicateCandidates ticket={ticket} />
        <RelationActions ticket={ticket} />
      </Stack>
      <Box aria-live="polite" sx={{ mt: hasForms && (done || ticket.status === 'resolved') ? 2 : 0 }}>
        {done ? (
          <Alert severity="success" data-testid="move-success">
            {t(`moves.${done}.done`)}
          </Alert>
        ) : ticket.status === 'resolved' ? (
          <Alert severity="success" data-testid="ticket-resolved">
            {t('unitQueue.resolvedInfo')}
          </Alert>
        ) : null}
      </Box>
      {openDialog ? (
        <MoveDialog
          action={openDialog}
          ticket={ticket}
          pending={pendingAction === openDialog}
          error={errorOf(openDialog)}
          onCancel={() => {
            move.reset();
            setDialog(null);
          }}
          onConfirm={(next) => run(next)}
        />
      ) : null}
    </>
  );
}
