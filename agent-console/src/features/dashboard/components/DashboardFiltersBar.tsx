// The dashboard's filters: a period (presets or custom dates) and unit, district, channel and category. They are
// written to the URL, which is where the page reads them from, so a filtered view can be bookmarked and shared.
import type { SetURLSearchParams } from 'react-router';
import { Alert, Box, Button, Paper, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '@kck/contracts';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { useUnits } from '../../../api/units.api';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { FILTER_KEYS, PERIOD_PRESETS, type DashboardFilters } from '../dashboard-filters';

interface Props {
  filters: DashboardFilters;
  params: URLSearchParams;
  setParams: SetURLSearchParams;
}

export function DashboardFiltersBar({ filters, params, setParams }: Props) {
  const { t, i18n } = useTranslation();
  const units = useUnits();
  const districts = useDictionary('district');
  const categories = useDictionary('category');

  // The selects whose options are loaded are mounted again once they are (see the `key`s below): a native select
  // given a value before its option exists shows the first option, and React does not select it when it arrives.
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const setPreset = (preset: string) =>
    // A custom period starts from the dates shown now, so switching to it changes nothing until a date is edited.
    set(
      preset === 'custom'
        ? { period: preset, from: filters.from, to: filters.to }
        : { period: preset, from: '', to: '' },
    );
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const key of ['period', 'from', 'to', ...FILTER_KEYS]) next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Paper
      component="form"
      role="search"
      aria-label={t('analytics.filters.label')}
      onSubmit={(event) => event.preventDefault()}
      sx={{ p: 2 }}
      data-testid="dashboard-filters"
    >
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, 1fr)' } }}>
        <NativeSelectField
          id="dashboard-period"
          label={t('analytics.filters.period')}
          value={filters.preset}
          onChange={setPreset}
          options={PERIOD_PRESETS.map((value) => ({ value, label: t(`analytics.periods.${value}`) }))}
          testId="dashboard-period"
        />
        {filters.preset === 'custom' ? (
          <>
            <TextField
              id="dashboard-from"
              type="date"
              size="small"
              label={t('analytics.filters.from')}
              value={filters.from}
              onChange={(event) => set({ from: event.target.value })}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dashboard-from' } }}
            />
            <TextField
              id="dashboard-to"
              type="date"
              size="small"
              label={t('analytics.filters.to')}
              value={filters.to}
              onChange={(event) => set({ to: event.target.value })}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dashboard-to' } }}
            />
          </>
        ) : null}
        <NativeSelectField
          key={units.data ? 'dashboard-unit' : 'dashboard-unit-loading'}
          id="dashboard-unit"
          label={t('analytics.filters.unit')}
          value={filters.unitId ?? ''}
          onChange={(value) => set({ unitId: value })}
          options={(units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }))}
          placeholder={t('analytics.filters.all')}
          testId="dashboard-unit"
        />
        <NativeSelectField
          key={districts.data ? 'dashboard-district' : 'dashboard-district-loading'}
          id="dashboard-district"
          label={t('analytics.filters.district')}
          value={filters.districtId ?? ''}
          onChange={(value) => set({ districtId: value })}
          options={dictionaryOptions(districts.data, i18n.language)}
          placeholder={t('analytics.filters.all')}
          testId="dashboard-district"
        />
        <NativeSelectField
          id="dashboard-channel"
          label={t('analytics.filters.channel')}
          value={filters.channel ?? ''}
          onChange={(value) => set({ channel: value })}
          options={CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
          placeholder={t('analytics.filters.all')}
          testId="dashboard-channel"
        />
        <NativeSelectField
          key={categories.data ? 'dashboard-category' : 'dashboard-category-loading'}
          id="dashboard-category"
          label={t('analytics.filters.category')}
          value={filters.categoryId ?? ''}
          onChange={(value) => set({ categoryId: value })}
          options={dictionaryOptions(categories.data, i18n.language)}
          placeholder={t('analytics.filters.all')}
          testId="dashboard-category"
          helperText={t('analytics.filters.categoryHelp')}
        />
        <Box sx={{ display: 'flex', alignItems: 'flex-start' }}>
          <Button onClick={clear} data-testid="dashboard-filters-clear">
            {t('analytics.filters.clear')}
          </Button>
        </Box>
      </Box>
      {filters.periodError ? (
        <Alert severity="warning" sx={{ mt: 2 }} role="alert">
          {t(`analytics.filters.periodError.${filters.periodError}`)}
        </Alert>
      ) : null}
    </Paper>
  );
}
