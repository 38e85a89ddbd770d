// The ticket's history: every event with who, when, what changed and why (nothing changes without a trace).
// A table, so screen readers can move through it by column.
import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TicketEventDto } from '@kck/contracts';
import { formatDateTime } from '../../../components/format';
import { describeChange, shownChanges } from '../history-changes';

/** A message the resident wrote: no staff author, shown as the resident's. */
const RESIDENT_MESSAGE = 'ticket.resident_message';

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
            <TableRow
              key={event.seq}
              data-testid="ticket-event"
              data-kind={event.kind}
              // The resident's own words (an e-mail reply, the status page) stand apart from staff notes.
              sx={
                event.kind === RESIDENT_MESSAGE
                  ? { bgcolor: 'grey.100', '& td:first-of-type': { borderLeft: 4, borderLeftColor: 'info.main' } }
                  : undefined
              }
            >
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at, i18n.language)}</TableCell>
              <TableCell>{t(`eventKinds.${event.kind.replace(/\./g, '_')}`, { defaultValue: event.kind })}</TableCell>
              <TableCell>
                {event.actorName ??
                  (event.kind === RESIDENT_MESSAGE || event.changes.author?.to === 'resident'
                    ? t('ticket.event.resident')
                    : t('ticket.event.system'))}
              </TableCell>
              <TableCell>
                {/* `author: resident` (status page) says who acted: the actor column shows it already. */}
                {shownChanges(event.changes)
                  .filter(([field]) => field !== 'author')
                  .map(([field, change]) => (
                    <div key={field} data-field={field}>
                      {describeChange(field, change, t, i18n.language)}
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
