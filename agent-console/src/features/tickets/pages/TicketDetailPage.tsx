// One ticket on its own page (/tickets/:id), reachable from lists and links: all fields, deadline,
// responsible unit, the whole history, and the actions the role has. Live updates arrive via the cache; the page
// watches the ticket's room while open.
import { Link as RouterLink, useParams } from 'react-router';
import { Box, Button, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useTranslation } from 'react-i18next';
import { rooms } from '@kck/contracts';
import { useTicket, useTicketGone } from '../../../api/tickets.api';
import { QueryState } from '../../../components/QueryState';
import { visuallyHidden } from '../../../components/visually-hidden';
import { canUsePage } from '../../auth/access';
import { useMe } from '../../auth/session';
import { TicketActions } from '../components/TicketActions';
import { TicketDetail } from '../components/TicketDetail';
import { TicketGoneNotice } from '../components/TicketGoneNotice';
import { useWatchedRoom } from '../../../realtime/watched-rooms';

export function TicketDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const ticket = useTicket(id);
  const gone = useTicketGone(id);
  useWatchedRoom(id ? rooms.ticket(id) : undefined);
  return (
    <Box sx={{ maxWidth: 1100, mx: 'auto' }}>
      {/* The page's own heading for screen readers; the ticket's number heads its section below. */}
      <Typography component="h1" sx={visuallyHidden}>
        {ticket.data?.number
          ? t('tickets.detailHeading', { number: ticket.data.number })
          : t('tickets.detailHeadingNew')}
      </Typography>
      {canUsePage(me.role, 'tickets') ? (
        <Button component={RouterLink} to="/tickets" startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
          {t('tickets.backToList')}
        </Button>
      ) : null}
      {gone ? (
        <TicketGoneNotice gone={gone} />
      ) : (
        <QueryState
          isPending={ticket.isPending}
          error={ticket.error}
          data={ticket.data}
          onRetry={() => void ticket.refetch()}
        >
          {(data) => <TicketDetail ticket={data} actions={<TicketActions ticket={data} />} />}
        </QueryState>
      )}
    </Box>
  );
}
