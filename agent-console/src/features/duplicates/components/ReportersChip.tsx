// On a ticket's detail: how many residents reported its matter (the ticket and every report merged into it, voices
// from the web form included), shown once it is more than one: a matter many reported weighs more.
import { Chip } from '@mui/material';
import GroupsIcon from '@mui/icons-material/Groups';
import { useTranslation } from 'react-i18next';
import { useTicketReporters } from '../../../api/duplicates.api';

export function ReportersChip({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const reporters = useTicketReporters(ticketId).data?.reporters ?? 1;
  if (reporters < 2) return null;
  return (
    <Chip
      size="small"
      color="warning"
      variant="outlined"
      icon={<GroupsIcon />}
      label={t('duplicates.reporters', { count: reporters })}
      data-testid="ticket-reporters"
    />
  );
}
