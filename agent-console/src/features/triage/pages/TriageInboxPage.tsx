// DK-03's triage inbox: tickets no routing rule could place, those units returned and those reopened. Filter them
// (and save the filter), choose several for one move (route, merge, reject as spam), or open one and act on it. A
// claim says who works on a ticket and colleagues see who has it open, so nobody handles a report twice unknowingly.
// Everything works from the keyboard (J/K, Enter, X, C, R, M, S, /) and the list follows every console live.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Box, Button, Checkbox, FormControlLabel, Paper, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { rooms, type BulkTriageRequest, type InboxFilter, type TicketDto } from '@kck/contracts';
import { useShortcuts } from '../../../app/shortcuts';
import { fetchTickets, useTicket } from '../../../api/tickets.api';
import { ticketKeys } from '../../../api/query-keys';
import {
  useBulkTriage,
  useClaimTicket,
  useReleaseTicket,
  useTicketViewers,
  type ViewersByTicket,
} from '../../../api/triage.api';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';
import { useWatchedRoom } from '../../../realtime/watched-rooms';
import { useMe } from '../../auth/session';
import { TicketActions } from '../../tickets/components/TicketActions';
import { TicketDetail } from '../../tickets/components/TicketDetail';
import { useNewArrivals } from '../../tickets/hooks/use-new-arrivals';
import { BULK_UNIT_FIELD, BulkBar, BulkDialog } from '../components/BulkActions';
import { ClaimBar, inInbox } from '../components/ClaimBar';
import { InboxFilters } from '../components/InboxFilters';
import { NewTicketDialog } from '../components/NewTicketDialog';
import { SavedFilters } from '../components/SavedFilters';
import { rowOf, TriageList } from '../components/TriageList';
import { filterFromParams, filterToParams, liveClaim, listParamsOf, normalFilter } from '../inbox-filter';

/** A claim lapses on the clock with no event; the list is asked again now and then to show that. */
const REFRESH_MS = 60_000;
/** Someone still acting on a ticket this long after starting (a form, a dialog) claims it. */
const AUTO_CLAIM_AFTER_MS = 15_000;

type BulkDialogState = { kind: 'merge' | 'reject'; ticketIds: string[] };

export function TriageInboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const openedId = params.get('ticket');
  const listParams = listParamsOf(filter);
  // A new filter keeps the rows on screen until its own arrive: the list (and the focus on its row) stays put.
  const inbox = useQuery({
    queryKey: ticketKeys.list(listParams),
    queryFn: ({ signal }) => fetchTickets(listParams, signal),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const detail = useTicket(openedId);
  const viewers = useTicketViewers();
  const claim = useClaimTicket();
  const release = useReleaseTicket();
  const bulk = useBulkTriage();
  useWatchedRoom(openedId ? rooms.ticket(openedId) : undefined);

  const listRef = useRef<HTMLUListElement>(null);
  const filterTextRef = useRef<HTMLInputElement>(null);
  const [cursorId, setCursorId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [dialog, setDialog] = useState<BulkDialogState | null>(null);
  const [registering, setRegistering] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [arrivals, setArrivals] = useState<{ highlightIds: ReadonlySet<string>; fresh: readonly TicketDto[] }>(() => ({
    highlightIds: new Set(),
    fresh: [],
  }));
  const onArrivals = useCallback(
    (highlightIds: ReadonlySet<string>, fresh: readonly TicketDto[]) => setArrivals({ highlightIds, fresh }),
    [],
  );
  /** An element to focus once the ticket opening now is shown (R on a ticket not open yet). */
  const [focusAfterOpen, setFocusAfterOpen] = useState<string | null>(null);

  const rows = inbox.data ?? [];
  const chosenTickets = rows.filter((ticket) => chosen.has(ticket.id));
  const current = rows.find((ticket) => ticket.id === (cursorId ?? openedId)) ?? null;
  const others = useCallback(
    (ticketId: string) => (viewers[ticketId] ?? []).filter((viewer) => viewer.id !== me.id),
    [viewers, me.id],
  );

  const open = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('ticket', id);
    setParams(next, { replace: true });
  };
  const setFilter = (next: InboxFilter) => setParams(filterToParams(normalFilter(next), params), { replace: true });

  const focusRow = (id: string) => {
    setCursorId(id);
    rowOf(listRef.current, id)?.focus();
  };
  const moveCursor = (step: 1 | -1) => {
    if (rows.length === 0) return;
    const index = rows.findIndex((ticket) => ticket.id === (cursorId ?? openedId));
    const next = index < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, index + step));
    focusRow(rows[next]!.id);
  };

  // A row that left the list (moved by someone, or by a bulk move) hands the cursor to the row now in its place.
  const lastCursorIndex = useRef(0);
  useEffect(() => {
    if (!inbox.data) return;
    const index = inbox.data.findIndex((ticket) => ticket.id === cursorId);
    if (index >= 0) lastCursorIndex.current = index;
    else if (cursorId) {
      const replacement = inbox.data[Math.min(lastCursorIndex.current, inbox.data.length - 1)];
      // The focus went with the row (to the page's body): give it to the row now in its place.
      const focusLost = !document.activeElement || document.activeElement === document.body;
      setCursorId(replacement?.id ?? null);
      if (replacement && focusLost) rowOf(listRef.current, replacement.id)?.focus();
    }
  }, [inbox.data, cursorId]);

  useEffect(() => {
    if (!focusAfterOpen || detail.data?.id !== openedId) return;
    // The detail and its forms render together: the field is there now, or this ticket has none (no routing).
    document.getElementById(focusAfterOpen)?.focus();
    setFocusAfterOpen(null);
  }, [focusAfterOpen, detail.data, openedId]);

  const toggle = (ticket: TicketDto) => {
    const next = new Set(chosen);
    const on = !next.has(ticket.id);
    if (on) next.add(ticket.id);
    else next.delete(ticket.id);
    setChosen(next);
    const count = rows.filter((row) => next.has(row.id)).length;
    setAnnouncement(
      t(on ? 'triageInbox.announce.chosen' : 'triageInbox.announce.unchosen', { number: ticket.number, count }),
    );
  };
  const toggleAll = () => {
    const all = rows.length > 0 && chosenTickets.length === rows.length;
    setChosen(all ? new Set() : new Set(rows.map((ticket) => ticket.id)));
    setAnnouncement(t('triageInbox.announce.chosenAll', { count: all ? 0 : rows.length }));
  };

  const claimTicket = (ticket: TicketDto, takeOver: boolean) => {
    const holder = liveClaim(ticket);
    if (holder && holder.id !== me.id && !takeOver) {
      setAnnouncement(t('triageInbox.announce.claimedByOther', { number: ticket.number, name: holder.displayName }));
      return;
    }
    claim.mutate(
      { id: ticket.id, takeOver: takeOver || undefined },
      {
        onSuccess: (claimed) =>
          setAnnouncement(
            holder && holder.id !== me.id
              ? t('triageInbox.announce.tookOver', { number: claimed.number, name: holder.displayName })
              : t('triageInbox.announce.claimed', { number: claimed.number }),
          ),
      },
    );
  };
  /**
   * Starting an action on a ticket nobody holds claims it, so colleagues see it is being handled; a quick route or
   * rejection is done before the claim would be taken (no history entry for it; colleagues see the viewer instead).
   */
  const autoClaimTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const autoClaim = (ticket: TicketDto) => {
    if (!inInbox(ticket.status) || liveClaim(ticket) || autoClaimTimer.current) return;
    autoClaimTimer.current = setTimeout(() => {
      autoClaimTimer.current = undefined;
      // Only if still free: a colleague may have taken it, or the action moved it, meanwhile.
      claim.mutate({ id: ticket.id, ifFree: true });
    }, AUTO_CLAIM_AFTER_MS);
  };
  // Another ticket opened (or the page left): what was started on the previous one claims nothing.
  useEffect(
    () => () => {
      clearTimeout(autoClaimTimer.current);
      autoClaimTimer.current = undefined;
    },
    [openedId],
  );

  const routeShortcut = () => {
    if (chosenTickets.length > 0) return void document.getElementById(BULK_UNIT_FIELD)?.focus();
    const target = current ?? detail.data;
    if (!target) return;
    const field = `route-unit-${target.id}`;
    if (target.id === openedId && document.getElementById(field)) return void document.getElementById(field)!.focus();
    setFocusAfterOpen(field);
    open(target.id);
  };
  const openDialog = (kind: BulkDialogState['kind']) => {
    const targets = chosenTickets.length > 0 ? chosenTickets : current ? [current] : [];
    if (targets.length === 0) return setAnnouncement(t('triageInbox.announce.nothingChosen'));
    bulk.reset();
    setDialog({ kind, ticketIds: targets.map((ticket) => ticket.id) });
  };

  const runBulk = (request: BulkTriageRequest) => {
    bulk.mutate(request, {
      onSuccess: (result) => {
        setDialog(null);
        setChosen(new Set());
        // The form or dialog that had the focus is gone: it goes back to the list, on a row still in it.
        const now = new Map(result.tickets.map((ticket) => [ticket.id, ticket]));
        const stays = (ticket: TicketDto) => inInbox((now.get(ticket.id) ?? ticket).status);
        const next = rows.find((ticket) => ticket.id === cursorId && stays(ticket)) ?? rows.find(stays);
        if (next) requestAnimationFrame(() => focusRow(next.id));
        // A merge's main ticket may be among those listed: only the tickets that left the inbox count.
        const gone = result.tickets.filter((ticket) => !inInbox(ticket.status));
        const unit = gone[0]?.unitCode ?? '';
        setAnnouncement(t(`triageInbox.bulk.done.${result.action}`, { count: gone.length, unit }));
      },
    });
  };

  useShortcuts({
    'triage.next': () => moveCursor(1),
    'triage.previous': () => moveCursor(-1),
    'triage.toggle': () => current && toggle(current),
    'triage.claim': () => {
      const target = current ?? detail.data;
      if (target) claimTicket(target, false);
    },
    'triage.route': routeShortcut,
    'triage.merge': () => openDialog('merge'),
    'triage.spam': () => openDialog('reject'),
    'triage.focusFilter': () => filterTextRef.current?.focus(),
  });

  // Colleagues opening or leaving the ticket on screen are said aloud as well as shown.
  const openedViewers = openedId ? others(openedId) : [];
  const viewerNames = openedViewers.map((viewer) => viewer.displayName).join(', ');
  useEffect(() => {
    if (viewerNames) setAnnouncement(t('triageInbox.viewers', { names: viewerNames }));
  }, [viewerNames, t]);

  const dialogTickets = dialog ? rows.filter((ticket) => dialog.ticketIds.includes(ticket.id)) : [];
  const filterKey = JSON.stringify(normalFilter(filter));

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(360px, 2fr) 3fr' }, gap: 2 }}>
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
        <SavedFilters filter={filter} onPick={setFilter} onDone={setAnnouncement} />
        <InboxFilters
          filter={filter}
          onChange={setFilter}
          textRef={filterTextRef}
          onLeave={() => {
            const target = current ?? rows[0];
            if (target) focusRow(target.id);
          }}
        />
        <LiveRegion message={announcement} testId="triage-announcement" />
        <LiveRegion
          message={
            arrivals.fresh.length
              ? t('triage.newArrivals', { numbers: arrivals.fresh.map((a) => a.number).join(', ') })
              : ''
          }
        />
        {inbox.data && !inbox.isPlaceholderData ? (
          <ArrivalsTracker key={filterKey} tickets={inbox.data} onChange={onArrivals} />
        ) : null}
        {chosenTickets.length > 0 ? (
          <BulkBar
            chosen={chosenTickets}
            meId={me.id}
            pending={bulk.isPending}
            error={dialog ? null : bulk.error}
            onSubmit={runBulk}
            onDialog={openDialog}
            onClear={() => setChosen(new Set())}
          />
        ) : null}
        <QueryState
          isPending={inbox.isPending}
          error={inbox.error}
          data={inbox.data}
          onRetry={() => void inbox.refetch()}
        >
          {(tickets) => (
            <InboxList
              tickets={tickets}
              busy={inbox.isPlaceholderData}
              highlightIds={arrivals.highlightIds}
              listRef={listRef}
              meId={me.id}
              openedId={openedId}
              cursorId={cursorId}
              chosen={chosen}
              viewers={viewers}
              onOpen={(ticket) => {
                setCursorId(ticket.id);
                open(ticket.id);
              }}
              onToggle={toggle}
              onToggleAll={toggleAll}
              onCursor={(ticket) => setCursorId(ticket.id)}
            />
          )}
        </QueryState>
      </Paper>
      <Box>
        {openedId ? (
          <QueryState isPending={detail.isPending} error={detail.error} data={detail.data}>
            {(ticket) => (
              <>
                <ClaimBar
                  ticket={ticket}
                  meId={me.id}
                  others={others(ticket.id)}
                  pending={claim.isPending || release.isPending}
                  error={
                    (claim.variables?.id === ticket.id ? claim.error : null) ??
                    (release.variables === ticket.id ? release.error : null)
                  }
                  onClaim={(takeOver) => claimTicket(ticket, takeOver)}
                  onRelease={() =>
                    release.mutate(ticket.id, {
                      onSuccess: (released) =>
                        setAnnouncement(t('triageInbox.announce.released', { number: released.number })),
                    })
                  }
                />
                <TicketDetail
                  ticket={ticket}
                  actions={
                    // Focus entering the actions (a form, a dialog) is starting an action: a lingering one claims the ticket.
                    <Box onFocus={() => autoClaim(ticket)} data-testid="triage-actions">
                      <TicketActions ticket={ticket} />
                    </Box>
                  }
                />
              </>
            )}
          </QueryState>
        ) : (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {t('triage.selectHint')}
          </Typography>
        )}
      </Box>
      {dialog && dialogTickets.length > 0 ? (
        <BulkDialog
          kind={dialog.kind}
          tickets={dialogTickets}
          meId={me.id}
          pending={bulk.isPending}
          error={bulk.error}
          onSubmit={runBulk}
          onCancel={() => {
            bulk.reset();
            setDialog(null);
          }}
        />
      ) : null}
      {registering ? (
        <NewTicketDialog
          onClose={() => setRegistering(false)}
          onCreated={(ticket) => {
            setRegistering(false);
            open(ticket.id);
          }}
        />
      ) : null}
    </Box>
  );
}

interface InboxListProps {
  tickets: TicketDto[];
  listRef: RefObject<HTMLUListElement | null>;
  meId: string;
  openedId: string | null;
  cursorId: string | null;
  chosen: ReadonlySet<string>;
  viewers: ViewersByTicket;
  /** The rows are the previous filter's, until this one's arrive. */
  busy: boolean;
  highlightIds: ReadonlySet<string>;
  onOpen: (ticket: TicketDto) => void;
  onToggle: (ticket: TicketDto) => void;
  onToggleAll: () => void;
  onCursor: (ticket: TicketDto) => void;
}

/** The inbox's rows under the "choose all" box. */
function InboxList({ tickets, chosen, onToggleAll, ...rest }: InboxListProps) {
  const { t } = useTranslation();
  const count = tickets.filter((ticket) => chosen.has(ticket.id)).length;
  return (
    <>
      {tickets.length > 0 ? (
        <Box sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}>
          <FormControlLabel
            control={
              <Checkbox
                size="small"
                checked={count > 0 && count === tickets.length}
                indeterminate={count > 0 && count < tickets.length}
                onChange={onToggleAll}
                slotProps={{ input: { 'data-testid': 'triage-choose-all' } as object }}
              />
            }
            label={t('triageInbox.list.chooseAll', { count: tickets.length })}
          />
        </Box>
      ) : null}
      <TriageList tickets={tickets} label={t('triage.title')} chosen={chosen} {...rest} />
      {tickets.length === 0 ? (
        <Typography color="text.secondary" sx={{ p: 2 }}>
          {t('triage.empty')}
        </Typography>
      ) : null}
    </>
  );
}

/**
 * Notices tickets arriving live under one filter. Keyed by the filter, so the tickets a new filter shows are not
 * "new arrivals"; the list itself is not remounted with it, so the focus stays on its row.
 */
function ArrivalsTracker({
  tickets,
  onChange,
}: {
  tickets: TicketDto[];
  onChange: (highlightIds: ReadonlySet<string>, arrivals: readonly TicketDto[]) => void;
}) {
  const { highlightIds, arrivals } = useNewArrivals(tickets);
  useEffect(() => onChange(highlightIds, arrivals), [highlightIds, arrivals, onChange]);
  return null;
}
