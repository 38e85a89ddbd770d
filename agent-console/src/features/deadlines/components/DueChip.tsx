// A ticket's due date as a chip: red when overdue, amber when due soon, grey while the clock is paused
// (waiting for the resident). The state comes from the server, by the same rules as the list filters.
import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TicketDto } from '@kck/contracts';
import { formatDateTime } from '../../../components/format';

const COLORS = { overdue: 'error', due_soon: 'warning', paused: 'default', on_time: 'default' } as const;

export function DueChip({ ticket }: { ticket: Pick<TicketDto, 'dueAt' | 'dueState'> }) {
  const { t, i18n } = useTranslation();
  if (!ticket.dueAt) return <>—</>;
  const date = formatDateTime(ticket.dueAt, i18n.language);
  const state = ticket.dueState;
  const label = state && state !== 'on_time' ? `${date} · ${t(`deadlines.state.${state}`)}` : date;
  return (
    <Chip
      size="small"
      variant={state === 'overdue' || state === 'due_soon' ? 'filled' : 'outlined'}
      color={state ? COLORS[state] : 'default'}
      label={label}
      data-testid="due-chip"
      data-due-state={state ?? 'closed'}
    />
  );
}
