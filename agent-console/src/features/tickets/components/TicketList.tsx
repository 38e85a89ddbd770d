// A selectable list of tickets for the triage inbox and the unit queue: keyboard-first (Tab/arrows, Enter),
// newest live arrivals highlighted for a moment so staff notice them.
import { useRef, type KeyboardEvent } from 'react';
import { Box, Chip, List, ListItemButton, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TicketDto } from '@kck/contracts';
import { formatDateTime } from '../../../components/format';
import { StatusChip } from './StatusChip';
import { DueChip } from '../../deadlines/components/DueChip';
import { isEscalated } from '../../deadlines/escalation';

interface Props {
  tickets: readonly TicketDto[];
  selectedId: string | null;
  onSelect: (ticket: TicketDto) => void;
  testId: string;
  label: string;
  highlightIds?: ReadonlySet<string>;
}

export function TicketList({ tickets, selectedId, onSelect, testId, label, highlightIds }: Props) {
  const { t, i18n } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);

  // Up/Down move between rows, as in a mail inbox; Tab still works for those who prefer it.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-testid="ticket-row"]') ?? []);
    const index = rows.findIndex((row) => row === document.activeElement);
    const next = rows[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <List ref={listRef} data-testid={testId} aria-label={label} onKeyDown={onKeyDown} disablePadding dense>
      {tickets.map((ticket) => {
        const highlighted = highlightIds?.has(ticket.id) ?? false;
        // Worth a chip of its own (which then carries the due date): overdue, due soon or escalated.
        const flagged = ticket.dueState === 'overdue' || ticket.dueState === 'due_soon' || isEscalated(ticket);
        return (
          <li key={ticket.id}>
            <ListItemButton
              data-testid="ticket-row"
              data-number={ticket.number}
              data-ticket-id={ticket.id}
              data-status={ticket.status}
              data-assignee={ticket.assigneeId ?? ''}
              data-new={highlighted ? 'true' : undefined}
              selected={ticket.id === selectedId}
              aria-current={ticket.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(ticket)}
              sx={{
                borderBottom: 1,
                borderColor: 'divider',
                alignItems: 'flex-start',
                transition: 'background-color 1.5s ease',
                bgcolor: highlighted ? 'warning.light' : undefined,
              }}
            >
              <Box sx={{ width: '100%' }}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
                  <Typography variant="body2" sx={{ fontWeight: 700 }}>
                    {ticket.number}
                  </Typography>
                  <StatusChip status={ticket.status} />
                </Stack>
                <Typography variant="body2" noWrap title={ticket.title}>
                  {ticket.title}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {formatDateTime(ticket.createdAt, i18n.language)} · {ticket.categoryLabel}
                  {ticket.districtLabel ? ` · ${ticket.districtLabel}` : ''}
                  {ticket.dueAt && !flagged
                    ? ` · ${t('ticket.fields.dueAt')}: ${formatDateTime(ticket.dueAt, i18n.language)}`
                    : ''}
                  {ticket.assigneeName ? ` · ${t('workspace.assignee')}: ${ticket.assigneeName}` : ''}
                </Typography>
                {flagged ? (
                  <Stack direction="row" spacing={0.5} sx={{ mt: 0.5 }}>
                    <DueChip ticket={ticket} />
                    {isEscalated(ticket) ? (
                      <Chip size="small" color="error" variant="outlined" label={t('deadlines.escalated')} />
                    ) : null}
                  </Stack>
                ) : null}
              </Box>
            </ListItemButton>
          </li>
        );
      })}
    </List>
  );
}
