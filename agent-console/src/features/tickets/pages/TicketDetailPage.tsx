// One ticket on its own page (/tickets/:id), reachable from lists and links: all fields, deadline,
// responsible unit, the whole history, and the actions the role has. Live updates arrive via the cache.
import { Link as RouterLink, useParams } from 'react-router';
import { Box, Button } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useTranslation } from 'react-i18next';
import { useTicket, useTicketGone } from '../../../api/tickets.api';
import { QueryState } from '../../../components/QueryState';
import { canUsePage } from '../../auth/access';
import { useMe } from '../../auth/session';
import { TicketActions } from '../components/TicketActions';
import { TicketDetail } from '../components/TicketDetail';
import { TicketGoneNotice } from '../components/TicketGoneNotice';

export function TicketDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const ticket = useTicket(id);
  const gone = useTicketGone(id);
  return (
    <Box sx={{ maxWidth: 1100, mx: 'auto' }}>
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
