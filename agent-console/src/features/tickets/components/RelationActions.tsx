// DK-03's actions on how a ticket relates to others: merge it as a duplicate, link a related ticket, split it
// into parts. Offered only where the contracts' lifecycle allows each move for the user's role.
import { useState } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import LinkIcon from '@mui/icons-material/Link';
import MergeIcon from '@mui/icons-material/MergeType';
import { useTranslation } from 'react-i18next';
import { canMoveTicket, linkTicketRequest, mergeTicketRequest, type TicketDto } from '@kck/contracts';
import { useLinkTicket, useMergeTicket } from '../../../api/ticket-relations.api';
import { useMe } from '../../auth/session';
import { SplitDialog } from './SplitDialog';
import { TicketNumberDialog } from './TicketNumberDialog';

type Dialog = 'merge' | 'link' | 'split';

export function RelationActions({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState<Dialog | null>(null);
  const [done, setDone] = useState<Dialog | null>(null);
  const merge = useMergeTicket(ticket.id);
  const link = useLinkTicket(ticket.id);
  if (me.role !== 'triage' && me.role !== 'admin') return null;

  const offered: Dialog[] = [];
  if (canMoveTicket(ticket, 'duplicate', me.role, 'ticket.merged')) offered.push('merge');
  if (!['duplicate', 'rejected'].includes(ticket.status)) offered.push('link');
  if (canMoveTicket(ticket, 'closed', me.role, 'ticket.split')) offered.push('split');
  const close = (dialog: Dialog) => (ok: boolean) => {
    setOpen(null);
    // The next time the dialog opens it starts clean, without this attempt's failure.
    merge.reset();
    link.reset();
    if (ok) setDone(dialog);
  };
  const icons = { merge: <MergeIcon />, link: <LinkIcon />, split: <CallSplitIcon /> };

  return (
    <Box component="section" aria-labelledby={`relation-actions-${ticket.id}`} data-testid="relation-actions">
      {offered.length > 0 ? (
        <>
          <Typography variant="subtitle2" component="h3" id={`relation-actions-${ticket.id}`} sx={{ mb: 0.5 }}>
            {t('relations.actions')}
          </Typography>
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
            {offered.map((dialog) => (
              <Button
                key={dialog}
                variant="outlined"
                startIcon={icons[dialog]}
                onClick={() => {
                  setDone(null);
                  setOpen(dialog);
                }}
                data-testid={`ticket-${dialog}`}
              >
                {t(`relations.${dialog}.button`)}
              </Button>
            ))}
          </Stack>
        </>
      ) : null}
      {done ? (
        <Alert severity="success" sx={{ mt: 1 }} data-testid="relation-success">
          {t(`relations.${done}.done`)}
        </Alert>
      ) : null}
      {open === 'merge' ? (
        <TicketNumberDialog
          kind="merge"
          field="into"
          schema={mergeTicketRequest}
          command={merge}
          reasonRequired
          ticket={ticket}
          onClose={close('merge')}
        />
      ) : null}
      {open === 'link' ? (
        <TicketNumberDialog
          kind="link"
          field="other"
          schema={linkTicketRequest}
          command={link}
          reasonRequired={false}
          ticket={ticket}
          onClose={close('link')}
        />
      ) : null}
      {open === 'split' ? <SplitDialog ticket={ticket} onClose={close('split')} /> : null}
    </Box>
  );
}
