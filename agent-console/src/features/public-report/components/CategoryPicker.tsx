// The category as a searchable list grouped by area: typing any word of its name (without Polish letters, in the
// page's language or another) narrows it; arrows and Enter pick one. Ukrainian names come from the uk resources.
import { Autocomplete, Box, ListSubheader, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PublicCategoryDto, PublicLanguage } from '@kck/contracts';
import { labelIn } from '../public-language';
import { matchesCategory } from '../report-form';

interface Props {
  id: string;
  categories: readonly PublicCategoryDto[];
  value: string;
  onChange: (categoryId: string) => void;
  language: PublicLanguage;
  error?: string;
}

export function useCategoryLabels(language: PublicLanguage) {
  const { t } = useTranslation();
  const ukrainian = (category: PublicCategoryDto) =>
    t(`public.categories.${category.code}`, { lng: 'uk', defaultValue: '' });
  return {
    ukrainian,
    label: (category: PublicCategoryDto) =>
      language === 'uk' ? ukrainian(category) || category.labelPl : labelIn(language, category),
    group: (category: PublicCategoryDto) =>
      language === 'uk'
        ? t(`public.categoryGroups.${category.groupCode}`, { defaultValue: category.groupLabelPl })
        : labelIn(language, { labelPl: category.groupLabelPl, labelEn: category.groupLabelEn }),
  };
}

export function CategoryPicker({ id, categories, value, onChange, language, error }: Props) {
  const { t } = useTranslation();
  const labels = useCategoryLabels(language);
  const chosen = categories.find((category) => category.id === value) ?? null;
  return (
    <Autocomplete<PublicCategoryDto, false, false, false>
      id={id}
      options={categories}
      value={chosen}
      onChange={(_event, picked) => onChange(picked?.id ?? '')}
      groupBy={labels.group}
      getOptionLabel={labels.label}
      isOptionEqualToValue={(option, current) => option.id === current.id}
      filterOptions={(all, state) => all.filter((c) => matchesCategory(c, labels.ukrainian(c), state.inputValue))}
      autoHighlight
      noOptionsText={t('public.form.noCategory')}
      openText={t('public.form.openList')}
      closeText={t('public.form.closeList')}
      clearText={t('public.form.clear')}
      // A group of options as ARIA has it (listbox › group › option): MUI's default nests list items in a listbox,
      // which screen readers and axe read as a broken list.
      renderGroup={(params) => (
        <li key={params.key} role="group" aria-labelledby={`${id}-group-${params.key}`}>
          <ListSubheader id={`${id}-group-${params.key}`} component="div" sx={{ lineHeight: 2.5 }}>
            {params.group}
          </ListSubheader>
          <Box component="ul" role="presentation" sx={{ p: 0 }}>
            {params.children}
          </Box>
        </li>
      )}
      renderOption={(props, option) => {
        const { key, ...rest } = props;
        return (
          <li key={key} {...rest} data-testid="category-option" data-code={option.code}>
            {labels.label(option)}
          </li>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('public.form.category')}
          required
          error={Boolean(error)}
          helperText={error ?? t('public.form.categoryHelp')}
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'report-category' },
          }}
        />
      )}
    />
  );
}
