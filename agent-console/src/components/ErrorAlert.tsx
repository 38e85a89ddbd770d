// Shows any failed request the same way: what kind of failure (translated) and the server's own message;
// on a ticket 409 also where the ticket stands now. 401 never stays here: the session layer signs the user out.
import { Alert, AlertTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/http';

interface Props {
  error: unknown;
  testId?: string;
}

export function ErrorAlert({ error, testId }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = isApiError(error) ? error.code : 'internal';
  const detail = isApiError(error) ? error.message : error instanceof Error ? error.message : String(error);
  const title = t(`errors.${code}`, { defaultValue: t('errors.internal') });
  return (
    <Alert severity={code === 'too_many_requests' ? 'warning' : 'error'} data-testid={testId} role="alert">
      <AlertTitle>{title}</AlertTitle>
      {detail && detail !== code ? detail : null}
      {isApiError(error) && error.requestId ? ` (${t('errors.requestId')}: ${error.requestId})` : null}
      {isApiError(error) && error.current ? (
        <div data-testid="error-current-status" data-status={error.current.status}>
          {t('errors.currentStatus', {
            status: t(`status.${error.current.status}`, { defaultValue: error.current.status }),
          })}
        </div>
      ) : null}
    </Alert>
  );
}
