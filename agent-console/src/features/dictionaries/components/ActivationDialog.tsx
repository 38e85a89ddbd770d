// Deactivating an entry (it leaves the selection lists; old tickets keep showing it) or bringing it back, with a
// note for the history. Sends the version the table showed, so a change by someone else meanwhile is a 409.
import { useState } from 'react';
import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DICTIONARY_LIMITS, type DictionaryEntryDto, type DictionaryCode } from '@kck/contracts';
import { useSetDictionaryEntryActive } from '../../../api/dictionary-admin.api';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';

interface Props {
  dictionary: DictionaryCode;
  entry: DictionaryEntryDto;
  onClose: () => void;
}

export function ActivationDialog({ dictionary, entry, onClose }: Props) {
  const { t } = useTranslation();
  const command = useSetDictionaryEntryActive(dictionary);
  const [note, setNote] = useState('');
  const fieldError = useFieldErrors(fieldErrorsOf(command.error));
  const deactivating = entry.active;

  return (
    <FormDialog
      testId="dictionary-activation"
      title={t(deactivating ? 'dictionaries.activation.deactivateTitle' : 'dictionaries.activation.reactivateTitle', {
        code: entry.street ? entry.labelPl : entry.code,
      })}
      explain={t(
        deactivating ? 'dictionaries.activation.deactivateExplain' : 'dictionaries.activation.reactivateExplain',
      )}
      confirm={t(deactivating ? 'dictionaries.deactivate' : 'dictionaries.reactivate')}
      confirmColor={deactivating ? 'warning' : 'primary'}
      pending={command.isPending}
      error={command.error}
      onSubmit={() =>
        command.mutate(
          { id: entry.id, active: !deactivating, body: { version: entry.version, ...(note.trim() ? { note } : {}) } },
          { onSuccess: onClose },
        )
      }
      onCancel={onClose}
      action={deactivating ? 'deactivate' : 'reactivate'}
    >
      <TextField
        id="dictionary-activation-note"
        label={t('dictionaries.activation.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        fullWidth
        multiline
        minRows={2}
        error={Boolean(fieldError('note') ?? fieldError('active'))}
        helperText={fieldError('note') ?? fieldError('active')}
        slotProps={{ htmlInput: { maxLength: DICTIONARY_LIMITS.note, 'data-testid': 'dictionary-activation-note' } }}
      />
    </FormDialog>
  );
}
