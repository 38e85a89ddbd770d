// The inbox's rows: a box to choose each for a bulk move, the number and status, who holds it (a claim) and whether
// colleagues have it open (an eye). Keyboard-first: ↓/↑ (or J/K anywhere on the page) move, Enter opens, X chooses.
import type { KeyboardEvent, RefObject } from 'react';
import { Box, Checkbox, Chip, List, ListItemButton, Stack, Tooltip, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { useTranslation } from 'react-i18next';
import type { TicketDto } from '@kck/contracts';
import type { ViewersByTicket } from '../../../api/triage.api';
import { formatDateTime } from '../../../components/format';
import { DueChip } from '../../deadlines/components/DueChip';
import { StatusChip } from '../../tickets/components/StatusChip';
import { liveClaim } from '../inbox-filter';

interface Props {
  tickets: readonly TicketDto[];
  listRef: RefObject<HTMLUListElement | null>;
  label: string;
  /** Showing the previous filter's rows while this one's load. */
  busy: boolean;
  meId: string;
  openedId: string | null;
  cursorId: string | null;
  chosen: ReadonlySet<string>;
  viewers: ViewersByTicket;
  highlightIds: ReadonlySet<string>;
  onOpen: (ticket: TicketDto) => void;
  onToggle: (ticket: TicketDto) => void;
  onCursor: (ticket: TicketDto) => void;
}

/** The row element of a ticket, for moving the focus to it. */
export const rowOf = (list: HTMLElement | null, ticketId: string) =>
  list?.querySelector<HTMLElement>(`[data-testid="ticket-row"][data-ticket-id="${ticketId}"]`) ?? null;

export function TriageList(props: Props) {
  const { tickets, listRef, label, busy, meId, openedId, cursorId, chosen, viewers, highlightIds } = props;
  const { t, i18n } = useTranslation();

  // ↓/↑ between rows, as in a mail inbox (J/K do the same from anywhere on the page).
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
    <List
      ref={listRef}
      data-testid="triage-inbox"
      aria-label={label}
      aria-busy={busy}
      onKeyDown={onKeyDown}
      disablePadding
      dense
    >
      {tickets.map((ticket) => {
        const holder = liveClaim(ticket);
        const looking = (viewers[ticket.id] ?? []).filter((viewer) => viewer.id !== meId);
        const isChosen = chosen.has(ticket.id);
        const flagged = ticket.dueState === 'overdue' || ticket.dueState === 'due_soon';
        const highlighted = highlightIds.has(ticket.id);
        const lookingText = t('triageInbox.list.looking', { names: looking.map((v) => v.displayName).join(', ') });
        return (
          <Box
            component="li"
            key={ticket.id}
            sx={{
              display: 'flex',
              alignItems: 'flex-start',
              borderBottom: 1,
              borderColor: 'divider',
              // The row with the keyboard's cursor keeps a mark even when the focus is elsewhere (in the detail).
              boxShadow: ticket.id === cursorId ? (theme) => `inset 4px 0 0 ${theme.palette.primary.main}` : 'none',
              bgcolor: isChosen ? 'action.selected' : highlighted ? 'warning.light' : undefined,
              transition: 'background-color 1.5s ease',
            }}
          >
            <Checkbox
              checked={isChosen}
              onChange={() => props.onToggle(ticket)}
              size="small"
              sx={{ mt: 0.5 }}
              // X chooses the row with the cursor; the box stays out of the Tab order so rows are one stop each.
              tabIndex={-1}
              slotProps={{
                input: {
                  'aria-label': t('triageInbox.list.choose', { number: ticket.number }),
                  'data-testid': 'ticket-choose',
                } as object,
              }}
            />
            <ListItemButton
              data-testid="ticket-row"
              data-number={ticket.number}
              data-ticket-id={ticket.id}
              data-status={ticket.status}
              data-chosen={isChosen ? 'true' : undefined}
              data-claimed-by={holder?.displayName ?? ''}
              data-viewers={looking.map((viewer) => viewer.displayName).join(', ')}
              data-new={highlighted ? 'true' : undefined}
              data-cursor={ticket.id === cursorId ? 'true' : undefined}
              selected={ticket.id === openedId}
              aria-current={ticket.id === openedId ? 'true' : undefined}
              aria-keyshortcuts="Enter X"
              onClick={() => props.onOpen(ticket)}
              onFocus={() => props.onCursor(ticket)}
              sx={{
                alignItems: 'flex-start',
                pl: 0.5,
                '&.Mui-focusVisible, &:focus-visible': {
                  outline: '3px solid',
                  outlineColor: 'primary.main',
                  outlineOffset: -3,
                },
              }}
            >
              <Box sx={{ width: '100%', minWidth: 0 }}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <Typography variant="body2" sx={{ fontWeight: 700, flexGrow: 1 }}>
                    {ticket.number}
                  </Typography>
                  {looking.length > 0 ? (
                    <Tooltip title={lookingText}>
                      <VisibilityIcon
                        fontSize="small"
                        color="primary"
                        titleAccess={lookingText}
                        data-testid="row-viewers"
                      />
                    </Tooltip>
                  ) : null}
                  {holder ? (
                    <Chip
                      size="small"
                      variant="outlined"
                      color={holder.id === meId ? 'primary' : 'default'}
                      icon={<LockIcon />}
                      label={holder.id === meId ? t('triageInbox.list.claimedByMe') : holder.displayName}
                      data-testid="row-claim"
                    />
                  ) : null}
                  <StatusChip status={ticket.status} />
                </Stack>
                <Typography variant="body2" noWrap title={ticket.title}>
                  {ticket.title}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {formatDateTime(ticket.createdAt, i18n.language)} · {t(`channel.${ticket.channel}`)} ·{' '}
                  {ticket.categoryLabel}
                  {ticket.districtLabel ? ` · ${ticket.districtLabel}` : ''}
                </Typography>
                {flagged ? (
                  <Box sx={{ mt: 0.5 }}>
                    <DueChip ticket={ticket} />
                  </Box>
                ) : null}
              </Box>
            </ListItemButton>
          </Box>
        );
      })}
    </List>
  );
}
