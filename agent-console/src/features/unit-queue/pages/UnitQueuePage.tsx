// The unit's queue: tickets routed to the user's unit, live — a newly routed ticket appears without
// a reload, highlighted for a moment and announced. Select one to accept, start, resolve or return it.
import { useSearchParams } from 'react-router';
import { Box, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useTicket, useTicketGone, useTickets } from '../../../api/tickets.api';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';
import { useMe } from '../../auth/session';
import { TicketDetail } from '../../tickets/components/TicketDetail';
import { TicketList } from '../../tickets/components/TicketList';
import { useNewArrivals } from '../../tickets/hooks/use-new-arrivals';
import { TicketActions } from '../../tickets/components/TicketActions';
import { TicketGoneNotice } from '../../tickets/components/TicketGoneNotice';
import { QueueFilters, type QueueFilterValues } from '../../workspace/components/QueueFilters';
import { UnitSettingsPanel } from '../../workspace/components/UnitSettingsPanel';
import { DeadlineFilters, deadlineFiltersFrom } from '../../deadlines/components/DeadlineFilters';

export function UnitQueuePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('ticket');
  const filters: QueueFilterValues = {
    status: (params.get('status') ?? undefined) as QueueFilterValues['status'],
    assignee: (params.get('assignee') ?? 'any') as QueueFilterValues['assignee'],
    sort: (params.get('sort') ?? undefined) as QueueFilterValues['sort'],
  };
  const queue = useTickets({ view: 'unit', limit: 100, ...filters, ...deadlineFiltersFrom(params) });
  // Filters and the selected ticket share the address; changing one keeps the other.
  const setParam = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value && value !== 'any') next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const detail = useTicket(selectedId);
  const gone = useTicketGone(selectedId);
  const { highlightIds, arrivals } = useNewArrivals(queue.data);

  const announcement = arrivals.length
    ? t('unitQueue.newArrivals', { count: arrivals.length, numbers: arrivals.map((a) => a.number).join(', ') })
    : '';

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(320px, 2fr) 3fr' }, gap: 2 }}>
      <Paper component="section" aria-labelledby="unit-queue-heading" sx={{ overflow: 'hidden', alignSelf: 'start' }}>
        <Typography variant="h6" component="h1" id="unit-queue-heading" sx={{ p: 2, pb: 1 }}>
          {t('unitQueue.title', { unit: me.unitCode ?? '—' })}
          {queue.data ? ` (${queue.data.length})` : ''}
        </Typography>
        <LiveRegion message={announcement} testId="unit-queue-live" />
        <QueueFilters value={filters} onChange={(next) => setParam({ ...next })} />
        <DeadlineFilters params={params} setParams={setParams} />
        <QueryState
          isPending={queue.isPending}
          error={queue.error}
          data={queue.data}
          onRetry={() => void queue.refetch()}
        >
          {(rows) => (
            <>
              <TicketList
                tickets={rows}
                selectedId={selectedId}
                onSelect={(ticket) => setParam({ ticket: ticket.id })}
                testId="unit-queue"
                label={t('unitQueue.listLabel')}
                highlightIds={highlightIds}
              />
              {rows.length === 0 ? (
                <Typography color="text.secondary" sx={{ p: 2 }}>
                  {t('unitQueue.empty')}
                </Typography>
              ) : null}
            </>
          )}
        </QueryState>
      </Paper>
      <Box>
        {selectedId && gone ? (
          // Returned or rerouted (by this user or a colleague): say so rather than show a 404.
          <TicketGoneNotice gone={gone} onClose={() => setParam({ ticket: undefined })} />
        ) : selectedId ? (
          <QueryState isPending={detail.isPending} error={detail.error} data={detail.data}>
            {(ticket) => <TicketDetail ticket={ticket} actions={<TicketActions ticket={ticket} />} />}
          </QueryState>
        ) : (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {t('unitQueue.selectHint')}
          </Typography>
        )}
        <UnitSettingsPanel />
      </Box>
    </Box>
  );
}
