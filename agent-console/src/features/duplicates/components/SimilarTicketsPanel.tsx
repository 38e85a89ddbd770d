// While staff type a report (call panel, DK-03's new ticket) or look at one to triage: the open tickets of the same
// category nearby in similar words, each with where it stands and how many residents reported it.
import { useId, type ReactNode } from 'react';
import { Box, Link, Paper, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role, SimilarTicketDto } from '@kck/contracts';
import { useSimilarTickets } from '../../../api/duplicates.api';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { StatusChip } from '../../tickets/components/StatusChip';
import { useMe } from '../../auth/session';
import { distanceLabel, similarSearchOf, SIMILAR_DEBOUNCE_MS, type ReportSoFar } from '../similar-search';
import { sameJson, useDebounced } from '../use-debounced';

/** Roles that read every ticket: the number opens it. Others (the hotline) see the facts without a link. */
const READS_ALL: readonly Role[] = ['triage', 'supervisor', 'admin', 'analyst'];

interface Props {
  report: ReportSoFar;
  /** Shown beside each candidate (DK-03's "merge into this one"). */
  action?: (ticket: SimilarTicketDto) => ReactNode;
  heading?: string;
  testId?: string;
}

export function SimilarTicketsPanel({ report, action, heading, testId = 'similar-tickets' }: Props) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const headingId = useId();
  const search = useDebounced(similarSearchOf(report), SIMILAR_DEBOUNCE_MS, sameJson);
  const similar = useSimilarTickets(search);
  const found = search ? (similar.data ?? []) : [];
  // Said once there is something to look at; an empty answer stays quiet while the agent types.
  const announcement = found.length > 0 ? t('duplicates.staff.found', { count: found.length }) : '';

  return (
    <>
      <LiveRegion message={announcement} />
      {found.length > 0 ? (
        <Paper
          variant="outlined"
          component="section"
          aria-labelledby={headingId}
          sx={{ p: 1.5, borderColor: 'warning.main' }}
          data-testid={testId}
        >
          <Typography variant="subtitle2" component="h3" id={headingId}>
            {heading ?? t('duplicates.staff.heading')} ({found.length})
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('duplicates.staff.explain')}
          </Typography>
          <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
            {found.map((ticket) => (
              <Box
                component="li"
                key={ticket.id}
                data-testid="similar-ticket"
                data-number={ticket.number}
                sx={{ py: 1, borderTop: 1, borderColor: 'divider', '&:first-of-type': { borderTop: 0 } }}
              >
                <Stack
                  direction={{ xs: 'column', sm: 'row' }}
                  sx={{ gap: 1, justifyContent: 'space-between', alignItems: { sm: 'center' } }}
                >
                  <Box sx={{ minWidth: 0 }}>
                    <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                      {READS_ALL.includes(me.role) ? (
                        <Link component={RouterLink} to={`/tickets/${ticket.id}`} sx={{ fontWeight: 600 }}>
                          {ticket.number}
                        </Link>
                      ) : (
                        <Typography component="span" sx={{ fontWeight: 600 }}>
                          {ticket.number}
                        </Typography>
                      )}
                      <StatusChip status={ticket.status} />
                      {ticket.unitCode ? (
                        <Typography variant="body2" component="span">
                          {ticket.unitCode}
                        </Typography>
                      ) : null}
                    </Stack>
                    <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                      {ticket.title}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" component="p" sx={{ m: 0 }}>
                      {[
                        ticket.distanceM !== null
                          ? t('duplicates.staff.distance', { distance: distanceLabel(ticket.distanceM, i18n.language) })
                          : t(`duplicates.staff.matchedBy.${ticket.matchedBy}`),
                        ticket.address,
                        t('duplicates.reporters', { count: ticket.reporters }),
                        formatDateTime(ticket.createdAt, i18n.language),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography>
                  </Box>
                  {action ? <Box sx={{ flexShrink: 0 }}>{action(ticket)}</Box> : null}
                </Stack>
              </Box>
            ))}
          </Box>
        </Paper>
      ) : null}
    </>
  );
}
