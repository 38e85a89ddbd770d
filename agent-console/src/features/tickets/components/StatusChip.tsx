// A ticket's status as a coloured chip in the UI language; on a detail view it also carries
// the raw status code (`routed`) as its tooltip and in data-status.
import { Chip, type ChipProps } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '@kck/contracts';

const COLOURS: Record<TicketStatus, ChipProps['color']> = {
  new: 'info',
  triage: 'warning',
  routed: 'primary',
  accepted: 'info',
  in_progress: 'info',
  resolved: 'success',
  closed: 'default',
  returned: 'warning',
  rejected: 'default',
  duplicate: 'default',
  reopened: 'error',
};

export function StatusChip({ status, showCode = false }: { status: TicketStatus; showCode?: boolean }) {
  const { t } = useTranslation();
  if (!showCode) return <Chip size="small" color={COLOURS[status]} label={t(`status.${status}`)} />;
  // The main status of a detail view: the raw code is its tooltip and a data attribute for tests.
  return (
    <Chip
      size="small"
      color={COLOURS[status]}
      label={t(`status.${status}`)}
      title={status}
      data-testid="ticket-status"
      data-status={status}
    />
  );
}
