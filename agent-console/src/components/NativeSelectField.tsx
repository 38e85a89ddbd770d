// A labelled native <select> (MUI TextField in native mode): fast with the keyboard, and end-to-end tests
// can pick options on the real element through its data-testid.
import type { ChangeEvent } from 'react';
import { TextField } from '@mui/material';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  id: string;
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  testId?: string;
  /** Text of the empty first option; without it the first real option is preselected. */
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  error?: string | undefined;
  helperText?: string;
  size?: 'small' | 'medium';
  fullWidth?: boolean;
}

export function NativeSelectField(props: Props) {
  const { id, label, value, options, onChange, testId, placeholder, required, disabled, error, helperText } = props;
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      required={required}
      disabled={disabled}
      error={Boolean(error)}
      helperText={error ?? helperText}
      size={props.size ?? 'small'}
      fullWidth={props.fullWidth ?? true}
      slotProps={{
        select: { native: true },
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': testId },
      }}
    >
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
