// Said in place of a ticket's detail once the ticket left the user's sight (returned to DK-03, rerouted),
// so the pane does not turn into a bare "not found" right after the user's own return.
import { Alert, Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { GoneTicket } from '../../../api/tickets.api';

export function TicketGoneNotice({ gone, onClose }: { gone: GoneTicket; onClose?: () => void }) {
  const { t } = useTranslation();
  const { number, unitCode } = gone;
  return (
    <Alert
      severity="info"
      data-testid="ticket-gone"
      action={
        onClose ? (
          <Button color="inherit" size="small" onClick={onClose} data-testid="ticket-gone-close">
            {t('common.close')}
          </Button>
        ) : undefined
      }
    >
      {number && unitCode
        ? t('ticket.goneTo', { number, unit: unitCode })
        : number
          ? t('ticket.gone', { number })
          : t('ticket.goneUnknown')}
    </Alert>
  );
}
