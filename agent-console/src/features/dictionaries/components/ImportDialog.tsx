// CSV import of a dictionary: the analyst picks a file, the good lines are saved and the bad ones listed with
// their line number, column and reason, so the file can be fixed and sent again (unchanged lines stay unchanged).
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DICTIONARY_LIMITS, type EntryDictionaryCode } from '@kck/contracts';
import { useImportDictionary } from '../../../api/dictionary-admin.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf } from '../../../components/field-errors';

interface Props {
  dictionary: EntryDictionaryCode;
  onClose: () => void;
}

export function ImportDialog({ dictionary, onClose }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const resultId = useId();
  const command = useImportDictionary(dictionary);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [missingFile, setMissingFile] = useState(false);
  const result = command.data;
  // A header the server cannot read comes back as a 400 on `csv`; its message says what is wrong.
  const csvError = fieldErrorsOf(command.error).find((f) => f.path === 'csv' || f.path === 'body.csv')?.message;

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setMissingFile(false);
    command.reset();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    command.mutate({ csv: await file.text(), ...(note.trim() ? { note } : {}) });
  };

  return (
    <Dialog
      open
      onClose={command.isPending ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
      data-testid="dictionary-import-dialog"
    >
      <Box component="form" onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>
          {t('dictionaries.importDialog.title', { dictionary: t(`dictionaries.names.${dictionary}`) })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('dictionaries.importDialog.explain')}</DialogContentText>
          <Stack spacing={2}>
            <TextField
              id="dictionary-import-file"
              label={t('dictionaries.importDialog.file')}
              type="file"
              onChange={pick}
              required
              error={missingFile || Boolean(csvError)}
              helperText={missingFile ? t('dictionaries.importDialog.noFile') : csvError}
              slotProps={{
                inputLabel: { shrink: true },
                htmlInput: { accept: '.csv,text/csv', 'data-testid': 'dictionary-import-file' },
              }}
            />
            <TextField
              id="dictionary-import-note"
              label={t('dictionaries.importDialog.note')}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              slotProps={{ htmlInput: { maxLength: DICTIONARY_LIMITS.note, 'data-testid': 'dictionary-import-note' } }}
            />
          </Stack>
          {command.error && !csvError ? (
            <Box sx={{ mt: 2 }}>
              <ErrorAlert error={command.error} testId="dictionary-import-error" />
            </Box>
          ) : null}
          {result ? (
            <Box sx={{ mt: 2 }} role="status" aria-live="polite">
              <Alert
                severity={result.errors.length > 0 ? 'warning' : 'success'}
                data-testid="dictionary-import-result"
                data-created={result.created}
                data-updated={result.updated}
                data-errors={result.errors.length}
              >
                {t('dictionaries.importDialog.result', { ...result, errors: result.errors.length })}
              </Alert>
              {result.errors.length > 0 ? (
                <>
                  <Typography variant="subtitle1" component="h3" id={resultId} sx={{ mt: 2 }}>
                    {t('dictionaries.importDialog.errorsHeading')}
                  </Typography>
                  <Table size="small" aria-labelledby={resultId} data-testid="dictionary-import-errors">
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('dictionaries.importDialog.line')}</TableCell>
                        <TableCell>{t('dictionaries.importDialog.column')}</TableCell>
                        <TableCell>{t('dictionaries.importDialog.message')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {result.errors.map((error) => (
                        <TableRow
                          key={`${error.line}-${error.column ?? ''}`}
                          data-testid="dictionary-import-error-row"
                          data-line={error.line}
                        >
                          <TableCell>{error.line}</TableCell>
                          <TableCell sx={{ fontFamily: 'monospace' }}>{error.column ?? '—'}</TableCell>
                          <TableCell>{error.message}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </>
              ) : null}
            </Box>
          ) : null}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={command.isPending} data-testid="dictionary-import-close">
            {t('dictionaries.importDialog.close')}
          </Button>
          <Button type="submit" variant="contained" disabled={command.isPending} data-testid="dictionary-import-submit">
            {command.isPending ? t('common.saving') : t('dictionaries.importDialog.submit')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
