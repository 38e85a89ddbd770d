// A survey's status as a small coloured chip, the same in the list, the editor and the results.
import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SurveyStatus } from '@kck/contracts';
import '../i18n/register';

const COLOR: Record<SurveyStatus, 'default' | 'success' | 'info'> = {
  draft: 'default',
  active: 'success',
  closed: 'info',
};

export function SurveyStatusChip({ status }: { status: SurveyStatus }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      color={COLOR[status]}
      label={t(`surveys.status.${status}`)}
      data-testid="survey-status"
      data-status={status}
    />
  );
}
