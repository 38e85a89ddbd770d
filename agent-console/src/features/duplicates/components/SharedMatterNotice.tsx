// On the resident's status page: how many residents reported the matter, and for a report merged into another (a
// voice added on the form) where that main report stands, by its number only.
import { Alert, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PublicTicketStatusDto } from '@kck/contracts';

export function SharedMatterNotice({ status }: { status: PublicTicketStatusDto }) {
  const { t } = useTranslation();
  const { handledUnder, reporters } = status;
  if (!handledUnder && reporters < 2) return null;
  return (
    <Alert severity="info" data-testid="status-shared-matter">
      {handledUnder ? (
        <Typography variant="body2">
          {t('duplicates.public.handledUnder', {
            number: handledUnder.number,
            state: t(`public.state.${handledUnder.state}`),
          })}
          {handledUnder.unitName ? ` (${handledUnder.unitName})` : ''}
        </Typography>
      ) : null}
      {reporters > 1 ? (
        <Typography variant="body2" data-testid="status-reporters">
          {t('duplicates.public.reportedBy', { count: reporters })}
        </Typography>
      ) : null}
    </Alert>
  );
}
