// Deadline filters as toggles kept in the address: overdue, due soon, escalated. Used by the all-tickets page
// and the unit queue; the server applies the same rules as the due-date chips.
import { Chip, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SetURLSearchParams } from 'react-router';
import type { TicketListParams } from '../../../api/query-keys';

const DEADLINE_FILTERS = ['overdue', 'dueSoon', 'escalated'] as const;
type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];

export function deadlineFiltersFrom(params: URLSearchParams): Pick<TicketListParams, DeadlineFilter> {
  return Object.fromEntries(
    DEADLINE_FILTERS.filter((name) => params.get(name) === 'true').map((name) => [name, true]),
  ) as Pick<TicketListParams, DeadlineFilter>;
}

export function DeadlineFilters({ params, setParams }: { params: URLSearchParams; setParams: SetURLSearchParams }) {
  const { t } = useTranslation();
  const toggle = (name: DeadlineFilter) => {
    const next = new URLSearchParams(params);
    if (next.get(name) === 'true') next.delete(name);
    else next.set(name, 'true');
    setParams(next, { replace: true });
  };
  return (
    <Stack
      direction="row"
      spacing={1}
      role="group"
      aria-label={t('deadlines.filters.label')}
      data-testid="deadline-filters"
      sx={{ px: { xs: 0, sm: 1 }, py: 1, flexWrap: 'wrap', rowGap: 1 }}
    >
      {DEADLINE_FILTERS.map((name) => {
        const on = params.get(name) === 'true';
        return (
          <Chip
            key={name}
            size="small"
            clickable
            color={on ? (name === 'dueSoon' ? 'warning' : 'error') : 'default'}
            variant={on ? 'filled' : 'outlined'}
            label={t(`deadlines.filters.${name}`)}
            aria-pressed={on}
            onClick={() => toggle(name)}
            data-testid={`deadline-filter-${name}`}
          />
        );
      })}
    </Stack>
  );
}
