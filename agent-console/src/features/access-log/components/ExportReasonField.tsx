// The optional reason asked before data leaves the system (an export); the server keeps it in the access log.
// A field beside the download buttons rather than a dialog: the download stays one click, as a plain link.
import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ACCESS_REASON_MAX } from '@kck/contracts';
import '../i18n/register';

export function ExportReasonField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <TextField
      id="export-reason"
      size="small"
      label={t('accessLog.reason.label')}
      title={t('accessLog.reason.helper')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      slotProps={{ htmlInput: { maxLength: ACCESS_REASON_MAX, 'data-testid': 'export-reason' } }}
      sx={{ minWidth: 260 }}
    />
  );
}
