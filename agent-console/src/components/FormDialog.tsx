// The frame of a dialog that submits one form: title, explanation, the fields, a failure that names no field,
// and cancel / confirm buttons that stay disabled (and the dialog open) while the request runs.
import { useId, type FormEvent, type ReactNode } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  type ButtonProps,
  type DialogProps,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { fieldErrorsOf } from './field-errors';

interface Props {
  /** Test ids `<testId>-dialog`, `-error`, `-cancel` and `-submit`. */
  testId: string;
  title: string;
  explain: string;
  confirm: string;
  pending: boolean;
  /** The last attempt's failure; one about a field is shown by that field instead. */
  error: unknown;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
  maxWidth?: DialogProps['maxWidth'];
  confirmColor?: ButtonProps['color'];
  /** Which command the dialog is for, as `data-action` (tests and styles tell dialogs of one kind apart). */
  action?: string;
}

export function FormDialog({
  testId,
  title,
  explain,
  confirm,
  pending,
  error,
  onSubmit,
  onCancel,
  children,
  maxWidth = 'sm',
  confirmColor = 'primary',
  action,
}: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <Dialog
      open
      onClose={pending ? undefined : onCancel}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={maxWidth}
      data-testid={`${testId}-dialog`}
      data-action={action}
    >
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{explain}</DialogContentText>
          {children}
          {error && fieldErrorsOf(error).length === 0 ? (
            <Box sx={{ mt: 2 }}>
              <ErrorAlert error={error} testId={`${testId}-error`} />
            </Box>
          ) : null}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onCancel} disabled={pending} data-testid={`${testId}-cancel`}>
            {t('moves.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={confirmColor}
            disabled={pending}
            data-testid={`${testId}-submit`}
          >
            {pending ? t('common.saving') : confirm}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
