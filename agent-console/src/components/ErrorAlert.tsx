// Shows any failed request the same way: what kind of failure (translated) and the server's own message.
// 401 never reaches here for long: the session layer sends the user to the login page.
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
    </Alert>
  );
}
