// Every ticket the user may see, newest first, in a table with a status filter (triage, analysts, admins).
// Filters live in the URL, so a filtered view can be bookmarked or shared, and the monitoring figures link here.
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import {
  Button,
  Chip,
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
import { CHANNELS, TICKET_STATUSES, TICKET_TYPES, type TicketStatus } from '@kck/contracts';
import { useTickets } from '../../../api/tickets.api';
import type { TicketListParams } from '../../../api/query-keys';
import { useUnits } from '../../../api/units.api';
import { entryLabelById, useDictionary } from '../../../api/dictionaries.api';
import { formatDateTime, formatDay } from '../../../components/format';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { StatusChip } from '../components/StatusChip';
import { DueChip } from '../../deadlines/components/DueChip';
import { DeadlineFilters } from '../../deadlines/components/DeadlineFilters';

const LIMIT = 200;
/** The monitoring page's filters; `status` (the select below) is separate and combines with them. */
const FILTER_PARAMS = [
  'unitId',
  'statuses',
  'overdue',
  'notPickedUp',
  'deliveryFailed',
  'sort',
  'dueSoon',
  'escalated',
  // DK-05's dashboard: the tickets behind a figure.
  'createdFrom',
  'createdTo',
  'channel',
  'categoryId',
  'districtId',
  'type',
] as const;

const isStatus = (value: string): value is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(value);

// Unknown values from a hand-edited URL are dropped rather than sent, so the page still shows a list.
function filtersFrom(params: URLSearchParams): Omit<TicketListParams, 'view' | 'status' | 'limit'> {
  const statuses = (params.get('statuses') ?? '').split(',').filter(isStatus);
  const sort = params.get('sort');
  return {
    unitId: params.get('unitId') || undefined,
    statuses: statuses.length ? statuses : undefined,
    overdue: params.get('overdue') === 'true' || undefined,
    notPickedUp: params.get('notPickedUp') === 'true' || undefined,
    deliveryFailed: params.get('deliveryFailed') === 'true' || undefined,
    dueSoon: params.get('dueSoon') === 'true' || undefined,
    escalated: params.get('escalated') === 'true' || undefined,
    sort: sort === 'age' || sort === 'due' ? sort : undefined,
    ...dashboardFiltersFrom(params),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The dashboard's drill-down filters (period written, channel, category, district, type). */
function dashboardFiltersFrom(
  params: URLSearchParams,
): Pick<TicketListParams, 'createdFrom' | 'createdTo' | 'channel' | 'categoryId' | 'districtId' | 'type'> {
  const get = (key: string) => params.get(key) ?? '';
  return {
    createdFrom: DATE.test(get('createdFrom')) ? get('createdFrom') : undefined,
    createdTo: DATE.test(get('createdTo')) ? get('createdTo') : undefined,
    channel: CHANNELS.find((value) => value === get('channel')),
    categoryId: UUID.test(get('categoryId')) ? get('categoryId') : undefined,
    districtId: UUID.test(get('districtId')) ? get('districtId') : undefined,
    type: TICKET_TYPES.find((value) => value === get('type')),
  };
}

export function AllTicketsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = TICKET_STATUSES.find((value) => value === rawStatus) as TicketStatus | undefined;
  const filters = filtersFrom(params);
  const tickets = useTickets({ view: 'all', status, limit: LIMIT, ...filters });
  const units = useUnits();
  const categories = useDictionary('category');
  const districts = useDictionary('district');
  const lang = i18n.language;
  const unitCode = units.data?.find((unit) => unit.id === filters.unitId)?.code ?? filters.unitId;
  const chips = [
    unitCode ? t('tickets.filters.unit', { unit: unitCode }) : null,
    filters.statuses
      ? t('tickets.filters.statuses', { list: filters.statuses.map((s) => t(`status.${s}`)).join(', ') })
      : null,
    filters.overdue ? t('tickets.filters.overdue') : null,
    filters.notPickedUp ? t('tickets.filters.notPickedUp') : null,
    filters.deliveryFailed ? t('tickets.filters.deliveryFailed') : null,
    filters.dueSoon ? t('deadlines.filters.dueSoon') : null,
    filters.escalated ? t('deadlines.filters.escalated') : null,
    filters.sort === 'age' ? t('tickets.filters.sortAge') : null,
    filters.sort === 'due' ? t('tickets.filters.sortDue') : null,
    filters.createdFrom || filters.createdTo
      ? t('tickets.filters.created', {
          from: formatDay(filters.createdFrom, lang),
          to: formatDay(filters.createdTo, lang),
        })
      : null,
    filters.channel ? t('tickets.filters.channel', { channel: t(`channel.${filters.channel}`) }) : null,
    filters.type ? t('tickets.filters.type', { type: t(`ticketType.${filters.type}`) }) : null,
    filters.categoryId
      ? t('tickets.filters.category', {
          category: entryLabelById(filters.categoryId, categories.data, lang, filters.categoryId),
        })
      : null,
    filters.districtId
      ? t('tickets.filters.district', {
          district: entryLabelById(filters.districtId, districts.data, lang, filters.districtId),
        })
      : null,
  ].filter((chip): chip is string => chip !== null);

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('status', value);
    else next.delete('status');
    setParams(next, { replace: true });
  };
  const clearFilters = () => {
    const next = new URLSearchParams(params);
    for (const key of FILTER_PARAMS) next.delete(key);
    setParams(next, { replace: true });
  };

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
          onChange={setStatus}
          options={TICKET_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
          placeholder={t('tickets.allStatuses')}
          testId="tickets-status-filter"
          fullWidth={false}
        />
        <DeadlineFilters params={params} setParams={setParams} />
      </Stack>
      {chips.length ? (
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          role="group"
          aria-label={t('tickets.filters.label')}
          data-testid="tickets-filters"
          sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }}
        >
          {chips.map((chip) => (
            <Chip key={chip} label={chip} size="small" />
          ))}
          <Button size="small" onClick={clearFilters}>
            {t('tickets.filters.clear')}
          </Button>
        </Stack>
      ) : null}
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
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <DueChip ticket={ticket} />
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
