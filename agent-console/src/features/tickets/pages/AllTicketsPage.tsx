// Every ticket the user may see, newest first, in a table with a status filter (triage, analysts, admins).
// The status filter lives in the URL, so a filtered view can be bookmarked or shared.
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import {
  Link,
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
import { TICKET_STATUSES, type TicketStatus } from '@kck/contracts';
import { useTickets } from '../../../api/tickets.api';
import { formatDateTime } from '../../../components/format';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { StatusChip } from '../components/StatusChip';
import { isOverdue } from '../components/TicketDetail';

const LIMIT = 200;

export function AllTicketsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = TICKET_STATUSES.find((value) => value === rawStatus) as TicketStatus | undefined;
  const tickets = useTickets({ view: 'all', status, limit: LIMIT });
  const lang = i18n.language;

  return (
    <Paper component="section" aria-labelledby="all-tickets-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="all-tickets-heading" sx={{ flexGrow: 1 }}>
          {t('tickets.title')}
          {tickets.data ? ` (${tickets.data.length})` : ''}
        </Typography>
        <NativeSelectField
          id="tickets-status-filter"
          label={t('tickets.statusFilter')}
          value={status ?? ''}
          onChange={(value) => setParams(value ? { status: value } : {}, { replace: true })}
          options={TICKET_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
          placeholder={t('tickets.allStatuses')}
          testId="tickets-status-filter"
          fullWidth={false}
        />
      </Stack>
      <QueryState
        isPending={tickets.isPending}
        error={tickets.error}
        data={tickets.data}
        onRetry={() => void tickets.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('tickets.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-labelledby="all-tickets-heading" data-testid="tickets-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('ticket.fields.number')}</TableCell>
                  <TableCell>{t('ticket.fields.status')}</TableCell>
                  <TableCell>{t('ticket.fields.title')}</TableCell>
                  <TableCell>{t('ticket.fields.categoryId')}</TableCell>
                  <TableCell>{t('ticket.fields.districtId')}</TableCell>
                  <TableCell>{t('ticket.fields.unitId')}</TableCell>
                  <TableCell>{t('ticket.fields.createdAt')}</TableCell>
                  <TableCell>{t('ticket.fields.dueAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((ticket) => (
                  <TableRow
                    key={ticket.id}
                    hover
                    data-testid="ticket-row"
                    data-number={ticket.number}
                    data-status={ticket.status}
                    onClick={() => void navigate(`/tickets/${ticket.id}`)}
                    sx={{ cursor: 'pointer' }}
                  >
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <Link component={RouterLink} to={`/tickets/${ticket.id}`} onClick={(e) => e.stopPropagation()}>
                        {ticket.number}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <StatusChip status={ticket.status} />
                    </TableCell>
                    <TableCell>{ticket.title}</TableCell>
                    <TableCell>{ticket.categoryLabel}</TableCell>
                    <TableCell>{ticket.districtLabel ?? '—'}</TableCell>
                    <TableCell>{ticket.unitCode ?? '—'}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(ticket.createdAt, lang)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap', color: isOverdue(ticket) ? 'error.main' : undefined }}>
                      {formatDateTime(ticket.dueAt, lang)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
    </Paper>
  );
}
