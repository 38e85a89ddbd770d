// The ticket's history: every event with who, when, what changed and why (nothing changes without a trace).
// A table, so screen readers can move through it by column.
import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TicketEventDto } from '@kck/contracts';
import { formatDateTime } from '../../../components/format';

function formatValue(value: unknown, field: string, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return t(`status.${value}`, { defaultValue: value });
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  return JSON.stringify(value);
}

// Ids (unitId, informedUnitIds, routingRuleId) mean nothing to a person; the server sends readable twins (unit codes).
const readableChanges = (changes: TicketEventDto['changes']) =>
  Object.entries(changes).filter(([field]) => !/Ids?$/.test(field));

export function TicketHistory({ events }: { events: readonly TicketEventDto[] }) {
  const { t, i18n } = useTranslation();
  if (events.length === 0) {
    return <Typography color="text.secondary">{t('ticket.noHistory')}</Typography>;
  }
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <TableContainer>
      <Table size="small" aria-label={t('ticket.history')} data-testid="ticket-history">
        <TableHead>
          <TableRow>
            <TableCell>{t('ticket.event.at')}</TableCell>
            <TableCell>{t('ticket.event.kind')}</TableCell>
            <TableCell>{t('ticket.event.actor')}</TableCell>
            <TableCell>{t('ticket.event.changes')}</TableCell>
            <TableCell>{t('ticket.event.reason')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ordered.map((event) => (
            <TableRow key={event.seq} data-testid="ticket-event" data-kind={event.kind}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at, i18n.language)}</TableCell>
              <TableCell>{t(`eventKinds.${event.kind.replace(/\./g, '_')}`, { defaultValue: event.kind })}</TableCell>
              <TableCell>{event.actorName ?? t('ticket.event.system')}</TableCell>
              <TableCell>
                {readableChanges(event.changes).map(([field, change]) => (
                  <div key={field}>
                    {t(`ticket.fields.${field}`, { defaultValue: field })}: {formatValue(change.from, field, t)} →{' '}
                    {formatValue(change.to, field, t)}
                  </div>
                ))}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{event.reason ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
