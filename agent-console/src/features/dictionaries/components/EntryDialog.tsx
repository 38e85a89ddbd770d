// Adding an entry to a dictionary or editing one: labels, the group (categories only), order, validity dates and
// a note for the history. An edit sends the version it was opened with; a 409 says another analyst saved first.
import { useState } from 'react';
import { Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DICTIONARY_LIMITS, type DictionaryEntryDto, type EntryDictionaryCode } from '@kck/contracts';
import { useCreateDictionaryEntry, useUpdateDictionaryEntry } from '../../../api/dictionary-admin.api';
import { FormDialog } from '../../../components/FormDialog';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { warsawToday } from '../dictionary-view';

interface Props {
  dictionary: EntryDictionaryCode;
  /** null: a new entry. */
  entry: DictionaryEntryDto | null;
  /** Possible parents (top-level categories); empty for flat dictionaries. */
  groups: readonly DictionaryEntryDto[];
  onClose: () => void;
}

export function EntryDialog({ dictionary, entry, groups, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const create = useCreateDictionaryEntry(dictionary);
  const update = useUpdateDictionaryEntry(dictionary);
  const command = entry ? update : create;
  const [code, setCode] = useState(entry?.code ?? '');
  const [labelPl, setLabelPl] = useState(entry?.labelPl ?? '');
  const [labelEn, setLabelEn] = useState(entry?.labelEn ?? '');
  const [parentId, setParentId] = useState(entry?.parentId ?? '');
  const [sortOrder, setSortOrder] = useState(String(entry?.sortOrder ?? 0));
  // A new entry starts valid today, as the server would make it; clearing the date makes it valid since always.
  const [validFrom, setValidFrom] = useState(entry ? (entry.validFrom ?? '') : warsawToday());
  const [validTo, setValidTo] = useState(entry?.validTo ?? '');
  const [note, setNote] = useState('');
  const fieldError = useFieldErrors(fieldErrorsOf(command.error));
  const dictionaryName = t(`dictionaries.names.${dictionary}`);
  const english = i18n.language.startsWith('en');

  const submit = () => {
    const common = {
      labelPl,
      labelEn,
      sortOrder: Number.isInteger(Number(sortOrder)) ? Number(sortOrder) : Number.NaN,
      validFrom: validFrom || null,
      validTo: validTo || null,
      ...(groups.length > 0 ? { parentId: parentId || null } : {}),
      ...(note.trim() ? { note } : {}),
    };
    if (entry) update.mutate({ id: entry.id, body: { ...common, version: entry.version } }, { onSuccess: onClose });
    else create.mutate({ code, ...common }, { onSuccess: onClose });
  };

  return (
    <FormDialog
      testId="dictionary-entry"
      title={
        entry
          ? t('dictionaries.dialog.editTitle', { code: entry.code })
          : t('dictionaries.dialog.createTitle', { dictionary: dictionaryName })
      }
      explain={t('dictionaries.dialog.explain')}
      confirm={entry ? t('dictionaries.dialog.save') : t('dictionaries.dialog.create')}
      pending={command.isPending}
      error={command.error}
      onSubmit={submit}
      onCancel={onClose}
      action={entry ? 'edit' : 'create'}
    >
      <Stack spacing={2}>
        {entry ? null : (
          <TextField
            id="dictionary-entry-code"
            label={t('dictionaries.dialog.code')}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            required
            error={Boolean(fieldError('code'))}
            helperText={fieldError('code')}
            slotProps={{ htmlInput: { maxLength: DICTIONARY_LIMITS.code, 'data-testid': 'dictionary-entry-code' } }}
          />
        )}
        <TextField
          id="dictionary-entry-label-pl"
          label={t('dictionaries.dialog.labelPl')}
          value={labelPl}
          onChange={(event) => setLabelPl(event.target.value)}
          required
          error={Boolean(fieldError('labelPl'))}
          helperText={fieldError('labelPl')}
          slotProps={{
            htmlInput: { maxLength: DICTIONARY_LIMITS.label, 'data-testid': 'dictionary-entry-label-pl', lang: 'pl' },
          }}
        />
        <TextField
          id="dictionary-entry-label-en"
          label={t('dictionaries.dialog.labelEn')}
          value={labelEn}
          onChange={(event) => setLabelEn(event.target.value)}
          required
          error={Boolean(fieldError('labelEn'))}
          helperText={fieldError('labelEn')}
          slotProps={{
            htmlInput: { maxLength: DICTIONARY_LIMITS.label, 'data-testid': 'dictionary-entry-label-en', lang: 'en' },
          }}
        />
        {groups.length > 0 ? (
          <NativeSelectField
            id="dictionary-entry-parent"
            label={t('dictionaries.dialog.parent')}
            value={parentId}
            options={groups
              .filter((group) => group.id !== entry?.id)
              .map((group) => ({
                value: group.id,
                label: `${english ? group.labelEn : group.labelPl} (${group.code})`,
              }))}
            onChange={setParentId}
            placeholder={t('dictionaries.dialog.noParent')}
            error={fieldError('parentId')}
            testId="dictionary-entry-parent"
          />
        ) : null}
        <TextField
          id="dictionary-entry-sort-order"
          label={t('dictionaries.dialog.sortOrder')}
          type="number"
          value={sortOrder}
          onChange={(event) => setSortOrder(event.target.value)}
          error={Boolean(fieldError('sortOrder'))}
          helperText={fieldError('sortOrder')}
          slotProps={{ htmlInput: { step: 1, 'data-testid': 'dictionary-entry-sort-order' } }}
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            id="dictionary-entry-valid-from"
            label={t('dictionaries.dialog.validFrom')}
            type="date"
            value={validFrom}
            onChange={(event) => setValidFrom(event.target.value)}
            error={Boolean(fieldError('validFrom'))}
            helperText={fieldError('validFrom')}
            fullWidth
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dictionary-entry-valid-from' } }}
          />
          <TextField
            id="dictionary-entry-valid-to"
            label={t('dictionaries.dialog.validTo')}
            type="date"
            value={validTo}
            onChange={(event) => setValidTo(event.target.value)}
            error={Boolean(fieldError('validTo'))}
            helperText={fieldError('validTo')}
            fullWidth
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dictionary-entry-valid-to' } }}
          />
        </Stack>
        <TextField
          id="dictionary-entry-note"
          label={t('dictionaries.dialog.note')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          multiline
          minRows={2}
          error={Boolean(fieldError('note'))}
          helperText={fieldError('note')}
          slotProps={{ htmlInput: { maxLength: DICTIONARY_LIMITS.note, 'data-testid': 'dictionary-entry-note' } }}
        />
      </Stack>
    </FormDialog>
  );
}
