// Loading, failure and empty states shared by every list and detail, so no screen is ever just blank.
// Children render only once data is there; refetches keep the old data visible.
import type { ReactNode } from 'react';
import { Box, Button, CircularProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/http';
import { ErrorAlert } from './ErrorAlert';

interface Props<T> {
  isPending: boolean;
  error: unknown;
  data: T | undefined;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}

export function QueryState<T>({ isPending, error, data, isEmpty, emptyText, onRetry, children }: Props<T>) {
  const { t } = useTranslation();
  if (data === undefined && isPending) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 2 }} role="status">
        <CircularProgress size={20} aria-hidden />
        <Typography variant="body2">{t('common.loading')}</Typography>
      </Box>
    );
  }
  if (data === undefined) {
    return (
      <Box sx={{ p: 1 }}>
        <ErrorAlert error={error ?? new Error(t('errors.internal'))} />
        {/* Asking again helps with outages, not with "not found" or "forbidden". */}
        {onRetry && !(isApiError(error) && error.status >= 400 && error.status < 500) ? (
          <Button onClick={onRetry} sx={{ mt: 1 }}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Box>
    );
  }
  if (isEmpty?.(data)) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
        {emptyText ?? t('common.empty')}
      </Typography>
    );
  }
  return <>{children(data)}</>;
}
