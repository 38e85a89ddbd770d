// DK-03's triage inbox: tickets no routing rule could place, and those units returned. Pick one, read it
// (a unit's reason is in the history), route it or reject it. The list is live, no reload needed.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { useTicket, useTickets } from '../../../api/tickets.api';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';
import { TicketDetail } from '../../tickets/components/TicketDetail';
import { TicketList } from '../../tickets/components/TicketList';
import { useNewArrivals } from '../../tickets/hooks/use-new-arrivals';
import { TicketActions } from '../../tickets/components/TicketActions';
import { NewTicketDialog } from '../components/NewTicketDialog';

export function TriageInboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('ticket');
  const inbox = useTickets({ view: 'inbox', limit: 100 });
  const detail = useTicket(selectedId);
  const { highlightIds, arrivals } = useNewArrivals(inbox.data);

  const select = (id: string) => setParams({ ticket: id }, { replace: true });
  const [registering, setRegistering] = useState(false);

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(320px, 2fr) 3fr' }, gap: 2 }}>
      <Paper component="section" aria-labelledby="triage-heading" sx={{ overflow: 'hidden', alignSelf: 'start' }}>
        <Stack direction="row" sx={{ alignItems: 'center', p: 2, pb: 1, gap: 1 }}>
          <Typography variant="h6" component="h1" id="triage-heading" sx={{ flexGrow: 1 }}>
            {t('triage.title')}
            {inbox.data ? ` (${inbox.data.length})` : ''}
          </Typography>
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => setRegistering(true)}
            data-testid="new-ticket-open"
          >
            {t('newTicket.open')}
          </Button>
        </Stack>
        <LiveRegion
          message={
            arrivals.length ? t('triage.newArrivals', { numbers: arrivals.map((a) => a.number).join(', ') }) : ''
          }
        />
        <QueryState
          isPending={inbox.isPending}
          error={inbox.error}
          data={inbox.data}
          onRetry={() => void inbox.refetch()}
        >
          {(rows) => (
            <>
              <TicketList
                tickets={rows}
                selectedId={selectedId}
                onSelect={(ticket) => select(ticket.id)}
                testId="triage-inbox"
                label={t('triage.title')}
                highlightIds={highlightIds}
              />
              {rows.length === 0 ? (
                <Typography color="text.secondary" sx={{ p: 2 }}>
                  {t('triage.empty')}
                </Typography>
              ) : null}
            </>
          )}
        </QueryState>
      </Paper>
      <Box>
        {selectedId ? (
          <QueryState isPending={detail.isPending} error={detail.error} data={detail.data}>
            {(ticket) => <TicketDetail ticket={ticket} actions={<TicketActions ticket={ticket} />} />}
          </QueryState>
        ) : (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {t('triage.selectHint')}
          </Typography>
        )}
      </Box>
      {registering ? (
        <NewTicketDialog
          onClose={() => setRegistering(false)}
          onCreated={(ticket) => {
            setRegistering(false);
            select(ticket.id);
          }}
        />
      ) : null}
    </Box>
  );
}
