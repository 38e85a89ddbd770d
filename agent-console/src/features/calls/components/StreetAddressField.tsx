// The address of a ticket with the street dictionary behind it: as the agent types, matching streets appear with
// their districts; ↓ and Enter (or a click) pick one, which writes the street's name (keeping the house number
// already typed) and fills the ticket's district. Anything not in the dictionary can still be typed freely.
import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { StreetDto } from '@kck/contracts';
import { MIN_STREET_QUERY, useStreetSearch } from '../../../api/streets.api';
import { useDebouncedValue } from '../../knowledge/hooks/use-debounced-value';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (address: string) => void;
  onStreet: (street: StreetDto) => void;
  error?: string;
}

export function StreetAddressField({ id, label, value, onChange, onStreet, error }: Props) {
  const { t, i18n } = useTranslation();
  const query = useDebouncedValue(value, 150);
  const search = useStreetSearch(query);
  const options = value.trim().length >= MIN_STREET_QUERY ? (search.data ?? []) : [];
  const districtLabel = (street: StreetDto) =>
    i18n.language.startsWith('en') ? street.districtLabelEn : street.districtLabelPl;

  return (
    <Autocomplete<StreetDto, false, false, true>
      id={id}
      freeSolo
      options={options}
      // The server already matched (Polish letters, „św.”, house numbers): show its answer as it is.
      filterOptions={(all) => all}
      getOptionLabel={(option) => (typeof option === 'string' ? option : option.label)}
      getOptionKey={(option) => (typeof option === 'string' ? option : option.id)}
      inputValue={value}
      onInputChange={(_event, text, reason) => {
        // A pick writes the address itself (onChange below); the reset MUI sends after it is ignored.
        if (reason === 'input' || reason === 'clear') onChange(text);
      }}
      value={null}
      onChange={(_event, picked) => {
        if (picked && typeof picked !== 'string') onStreet(picked);
      }}
      loading={search.isFetching}
      loadingText={t('common.loading')}
      noOptionsText={t('callPanel.ticket.noStreets')}
      size="small"
      renderOption={(props, option) => {
        const { key, ...rest } = props;
        return (
          <Box
            component="li"
            key={key}
            {...rest}
            data-testid="street-option"
            data-street-id={option.id}
            data-district-code={option.districtCode}
          >
            <span>
              {option.label}
              <Typography component="span" variant="body2" color="text.secondary">
                {' — '}
                {districtLabel(option)}
              </Typography>
            </span>
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={Boolean(error)}
          helperText={error ?? t('callPanel.ticket.addressHelp')}
          slotProps={{
            ...params.slotProps,
            htmlInput: {
              ...params.slotProps.htmlInput,
              'data-testid': 'ticket-form-address',
              maxLength: 300,
              'aria-keyshortcuts': 'ArrowDown Enter',
            },
          }}
        />
      )}
    />
  );
}
