// Editing one street of the register: its prefix and name, the district it lies in, validity dates and a note for
// the history. Sends the version it was opened with; a 409 says another analyst (or an import) saved first.
import { useState } from 'react';
import { Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DICTIONARY_LIMITS, type DictionaryEntryDto } from '@kck/contracts';
import { useUpdateStreetEntry } from '../../../api/dictionary-admin.api';
import { FormDialog } from '../../../components/FormDialog';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';

interface Props {
  entry: DictionaryEntryDto;
  /** Districts a street may move to (active ones, plus its own). */
  districts: readonly DictionaryEntryDto[];
  onClose: () => void;
}

export function StreetDialog({ entry, districts, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const update = useUpdateStreetEntry();
  const [prefix, setPrefix] = useState(entry.street?.prefix ?? '');
  const [name, setName] = useState(entry.street?.name ?? entry.labelPl);
  const [districtId, setDistrictId] = useState(entry.parentId ?? '');
  const [validFrom, setValidFrom] = useState(entry.validFrom ?? '');
  const [validTo, setValidTo] = useState(entry.validTo ?? '');
  const [note, setNote] = useState('');
  const fieldError = useFieldErrors(fieldErrorsOf(update.error));
  const english = i18n.language.startsWith('en');

  const submit = () =>
    update.mutate(
      {
        id: entry.id,
        body: {
          prefix: prefix.trim() || null,
          name,
          ...(districtId ? { districtId } : {}),
          validFrom: validFrom || null,
          validTo: validTo || null,
          version: entry.version,
          ...(note.trim() ? { note } : {}),
        },
      },
      { onSuccess: onClose },
    );

  return (
    <FormDialog
      testId="dictionary-street"
      title={t('dictionaries.street.editTitle', { label: entry.labelPl })}
      explain={t('dictionaries.street.explain')}
      confirm={t('dictionaries.dialog.save')}
      pending={update.isPending}
      error={update.error}
      onSubmit={submit}
      onCancel={onClose}
      action="edit"
    >
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            id="dictionary-street-prefix"
            label={t('dictionaries.street.prefix')}
            value={prefix}
            onChange={(event) => setPrefix(event.target.value)}
            error={Boolean(fieldError('prefix'))}
            helperText={fieldError('prefix') ?? t('dictionaries.street.prefixHelp')}
            sx={{ maxWidth: { sm: 160 } }}
            slotProps={{ htmlInput: { maxLength: 20, 'data-testid': 'dictionary-street-prefix', lang: 'pl' } }}
          />
          <TextField
            id="dictionary-street-name"
            label={t('dictionaries.street.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            fullWidth
            error={Boolean(fieldError('name'))}
            helperText={fieldError('name')}
            slotProps={{
              htmlInput: { maxLength: DICTIONARY_LIMITS.label, 'data-testid': 'dictionary-street-name', lang: 'pl' },
            }}
          />
        </Stack>
        <NativeSelectField
          id="dictionary-street-district"
          label={t('dictionaries.street.district')}
          value={districtId}
          options={districts.map((district) => ({
            value: district.id,
            label: english ? district.labelEn : district.labelPl,
          }))}
          onChange={setDistrictId}
          required
          error={fieldError('districtId')}
          testId="dictionary-street-district"
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            id="dictionary-street-valid-from"
            label={t('dictionaries.dialog.validFrom')}
            type="date"
            value={validFrom}
            onChange={(event) => setValidFrom(event.target.value)}
            error={Boolean(fieldError('validFrom'))}
            helperText={fieldError('validFrom')}
            fullWidth
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dictionary-street-valid-from' } }}
          />
          <TextField
            id="dictionary-street-valid-to"
            label={t('dictionaries.dialog.validTo')}
            type="date"
            value={validTo}
            onChange={(event) => setValidTo(event.target.value)}
            error={Boolean(fieldError('validTo'))}
            helperText={fieldError('validTo')}
            fullWidth
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dictionary-street-valid-to' } }}
          />
        </Stack>
        <TextField
          id="dictionary-street-note"
          label={t('dictionaries.dialog.note')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          multiline
          minRows={2}
          error={Boolean(fieldError('note'))}
          helperText={fieldError('note')}
          slotProps={{ htmlInput: { maxLength: DICTIONARY_LIMITS.note, 'data-testid': 'dictionary-street-note' } }}
        />
      </Stack>
    </FormDialog>
  );
}
