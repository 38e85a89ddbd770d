// DK-03's "possible duplicates" on a ticket it triages: the open tickets like it nearby, each merged into with one
// click (the existing merge: this ticket becomes a duplicate, its reporter hears the main ticket's answer).
import { Button } from '@mui/material';
import MergeIcon from '@mui/icons-material/MergeType';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TicketDto, TicketStatus } from '@kck/contracts';
import { similarKeys } from '../../../api/duplicates.api';
import { useMergeTicket } from '../../../api/ticket-relations.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMe } from '../../auth/session';
import { SimilarTicketsPanel } from './SimilarTicketsPanel';

/** Where a ticket still waits for DK-03's decision: the moment to see it is already reported. */
const TRIAGED: readonly TicketStatus[] = ['new', 'triage', 'returned'];

export function DuplicateCandidates({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const merge = useMergeTicket(ticket.id);
  // Once merged the ticket is a duplicate: the panel goes, and the detail shows the status and the main ticket.
  if (me.role !== 'triage' && me.role !== 'admin') return null;
  if (!TRIAGED.includes(ticket.status)) return null;

  return (
    <>
      <SimilarTicketsPanel
        heading={t('duplicates.triage.heading')}
        testId="duplicate-candidates"
        report={{
          categoryId: ticket.categoryId,
          location: ticket.location,
          districtId: ticket.districtId ?? undefined,
          address: ticket.address ?? undefined,
          title: ticket.title,
          description: ticket.description,
          excludeId: ticket.id,
        }}
        action={(candidate) => (
          <Button
            size="small"
            variant="outlined"
            startIcon={<MergeIcon />}
            disabled={merge.isPending}
            aria-label={t('duplicates.triage.mergeLabel', { number: candidate.number })}
            data-testid="duplicate-merge"
            onClick={() =>
              merge.mutate(
                {
                  into: candidate.number,
                  reason: t('duplicates.triage.reason', { number: candidate.number }),
                  version: ticket.version,
                },
                { onSuccess: () => void queryClient.invalidateQueries({ queryKey: similarKeys.all() }) },
              )
            }
          >
            {merge.isPending && merge.variables.into === candidate.number
              ? t('common.saving')
              : t('duplicates.triage.merge')}
          </Button>
        )}
      />
      {merge.isError ? <ErrorAlert error={merge.error} testId="duplicate-merge-error" /> : null}
    </>
  );
}
