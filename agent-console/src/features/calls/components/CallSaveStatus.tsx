// What happened to "Zapisz rozmowę": the fields to fix, a server failure, or the saved call with the
// numbers of the tickets it created. One polite live region, so screen readers hear each outcome.
import { Alert, AlertTitle, Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CallDto, FieldError } from '@kck/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';

interface Props {
  fields: readonly FieldError[];
  fieldError: (path: string) => string | undefined;
  error: unknown;
  saved: CallDto | null;
  onDismiss: () => void;
}

export function CallSaveStatus({ fields, fieldError, error, saved, onDismiss }: Props) {
  const { t } = useTranslation();
  return (
    <Box aria-live="polite">
      {fields.length > 0 ? (
        <Alert severity="error" data-testid="call-errors">
          <AlertTitle>{t('callPanel.fixFields')}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {fields.map((field) => (
              <li key={`${field.path}:${field.message}`}>{fieldError(field.path) ?? field.message}</li>
            ))}
          </Box>
        </Alert>
      ) : error ? (
        <ErrorAlert error={error} />
      ) : null}
      {saved ? (
        <Alert severity="success" data-testid="call-saved" onClose={onDismiss} sx={{ mt: 1 }}>
          <AlertTitle>{t('callPanel.saved')}</AlertTitle>
          {saved.ticketNumbers.length > 0
            ? t('callPanel.savedTickets', { numbers: saved.ticketNumbers.join(', ') })
            : t('callPanel.savedNoTickets')}
        </Alert>
      ) : null}
    </Box>
  );
}
