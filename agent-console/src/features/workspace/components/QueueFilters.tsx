// The unit queue's filters: status, who works on it (me / nobody / anyone), and the order (newest, oldest,
// earliest due date). Kept in the address, so a reload or a shared link shows the same list.
import { Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TicketListQuery } from '@kck/contracts';
import { NativeSelectField } from '../../../components/NativeSelectField';

export interface QueueFilterValues {
  status: TicketListQuery['status'] | undefined;
  assignee: NonNullable<TicketListQuery['assignee']>;
  sort: TicketListQuery['sort'] | undefined;
}

const QUEUE_STATUSES = ['routed', 'accepted', 'in_progress', 'reopened'] as const;

export function QueueFilters({
  value,
  onChange,
}: {
  value: QueueFilterValues;
  onChange: (next: QueueFilterValues) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, px: 2, pb: 1 }} data-testid="queue-filters">
      <NativeSelectField
        id="queue-status"
        label={t('workspace.filters.status')}
        value={value.status ?? ''}
        placeholder={t('workspace.filters.anyStatus')}
        options={QUEUE_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        onChange={(status) => onChange({ ...value, status: (status || undefined) as QueueFilterValues['status'] })}
        testId="queue-status"
        size="small"
      />
      <NativeSelectField
        id="queue-assignee"
        label={t('workspace.filters.assignee')}
        value={value.assignee}
        options={(['any', 'me', 'unassigned'] as const).map((a) => ({ value: a, label: t(`workspace.filters.${a}`) }))}
        onChange={(assignee) => onChange({ ...value, assignee: assignee as QueueFilterValues['assignee'] })}
        testId="queue-assignee"
        size="small"
      />
      <NativeSelectField
        id="queue-sort"
        label={t('workspace.filters.sort')}
        value={value.sort ?? ''}
        placeholder={t('workspace.filters.newest')}
        options={(['age', 'due'] as const).map((sort) => ({ value: sort, label: t(`workspace.filters.${sort}`) }))}
        onChange={(sort) => onChange({ ...value, sort: (sort || undefined) as QueueFilterValues['sort'] })}
        testId="queue-sort"
        size="small"
      />
    </Stack>
  );
}
