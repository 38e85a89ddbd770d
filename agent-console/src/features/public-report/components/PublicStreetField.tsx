// Where the problem is, as an address: matching streets appear with their districts as the resident types; ↓ and
// Enter pick one, which writes the street's name (keeping a house number typed) and fills the district. Any place
// not in the dictionary ("park przy stawie") can still be typed freely.
import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PublicLanguage, StreetDto } from '@kck/contracts';
import { useDebouncedValue } from '../../knowledge/hooks/use-debounced-value';
import { MIN_STREET_QUERY, usePublicStreets } from '../public-api';

interface Props {
  id: string;
  value: string;
  onChange: (address: string) => void;
  onStreet: (street: StreetDto) => void;
  language: PublicLanguage;
  error?: string;
}

export function PublicStreetField({ id, value, onChange, onStreet, language, error }: Props) {
  const { t } = useTranslation();
  const query = useDebouncedValue(value, 200);
  const search = usePublicStreets(query);
  const options = value.trim().length >= MIN_STREET_QUERY ? (search.data ?? []) : [];
  const district = (street: StreetDto) => (language === 'en' ? street.districtLabelEn : street.districtLabelPl);

  return (
    <Autocomplete<StreetDto, false, false, true>
      id={id}
      freeSolo
      options={options}
      filterOptions={(all) => all}
      getOptionLabel={(option) => (typeof option === 'string' ? option : option.label)}
      getOptionKey={(option) => (typeof option === 'string' ? option : option.id)}
      inputValue={value}
      onInputChange={(_event, text, reason) => {
        if (reason === 'input' || reason === 'clear') onChange(text);
      }}
      value={null}
      onChange={(_event, picked) => {
        if (picked && typeof picked !== 'string') onStreet(picked);
      }}
      loading={search.isFetching}
      loadingText={t('public.form.searching')}
      noOptionsText={t('public.form.noStreets')}
      clearText={t('public.form.clear')}
      renderOption={(props, option) => {
        const { key, ...rest } = props;
        return (
          <Box component="li" key={key} {...rest} data-testid="street-option" data-district-code={option.districtCode}>
            <span>
              {option.label}
              <Typography component="span" variant="body2" color="text.secondary">
                {' — '}
                {district(option)}
              </Typography>
            </span>
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('public.form.address')}
          error={Boolean(error)}
          helperText={error ?? t('public.form.addressHelp')}
          slotProps={{
            ...params.slotProps,
            htmlInput: {
              ...params.slotProps.htmlInput,
              'data-testid': 'report-address',
              maxLength: 300,
              autoComplete: 'off',
            },
          }}
        />
      )}
    />
  );
}
