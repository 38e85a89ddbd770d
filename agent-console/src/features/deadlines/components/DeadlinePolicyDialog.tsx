// The form that adds or edits one deadline policy, in a dialog over the list. The shared zod schema checks it
// first; the server's 400 then puts each message next to its field, and a 409 (a twin, or a ticket type left
// without its catch-all) shows in the dialog with the server's reason.
import { useState } from 'react';
import { Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  deadlinePolicyRequest,
  TICKET_PRIORITIES,
  TICKET_TYPES,
  type DeadlinePolicyDto,
  type FieldError,
} from '@kck/contracts';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { useSaveDeadlinePolicy } from '../../../api/deadline-policies.api';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';

interface Props {
  /** The policy to edit, or null to add one. */
  policy: DeadlinePolicyDto | null;
  onClose: () => void;
  onSaved: (policy: DeadlinePolicyDto) => void;
}

type Unit = 'days' | 'hours';

export function DeadlinePolicyDialog({ policy, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useDictionary('category');
  const save = useSaveDeadlinePolicy();
  const [ticketType, setTicketType] = useState<string>(policy?.ticketType ?? 'problem');
  const [categoryId, setCategoryId] = useState(policy?.categoryId ?? '');
  const [priority, setPriority] = useState<string>(policy?.priority ?? '');
  const [channel, setChannel] = useState<string>(policy?.channel ?? '');
  const [unit, setUnit] = useState<Unit>(policy?.workingHours ? 'hours' : 'days');
  const [amount, setAmount] = useState(String(policy?.workingHours ?? policy?.workingDays ?? ''));
  const [note, setNote] = useState(policy?.note ?? '');
  const [active, setActive] = useState(policy?.active ?? true);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(save.error));
  const amountField = unit === 'hours' ? 'workingHours' : 'workingDays';

  const submit = () => {
    const number = amount.trim() === '' ? null : Number(amount);
    const parsed = deadlinePolicyRequest.safeParse({
      ticketType,
      categoryId: categoryId || null,
      priority: priority || null,
      channel: channel || null,
      workingDays: unit === 'days' ? number : null,
      workingHours: unit === 'hours' ? number : null,
      note,
      active,
    });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate({ id: policy?.id ?? null, body: parsed.data }, { onSuccess: onSaved });
  };

  return (
    <FormDialog
      testId="deadline-policy"
      title={policy ? t('deadlinePolicies.editTitle') : t('deadlinePolicies.addTitle')}
      explain={t('deadlinePolicies.explain')}
      confirm={t('common.save')}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onCancel={onClose}
      action={policy ? 'edit' : 'add'}
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        <NativeSelectField
          id="policy-type"
          label={t('deadlinePolicies.columns.type')}
          value={ticketType}
          onChange={setTicketType}
          options={TICKET_TYPES.map((type) => ({ value: type, label: t(`ticketType.${type}`) }))}
          testId="policy-type"
          required
          error={fieldError('ticketType')}
        />
        <NativeSelectField
          id="policy-category"
          label={t('deadlinePolicies.columns.category')}
          value={categoryId}
          onChange={setCategoryId}
          options={dictionaryOptions(categories.data, i18n.language)}
          placeholder={categories.isPending ? t('common.loading') : t('deadlinePolicies.anyCategory')}
          testId="policy-category"
          error={fieldError('categoryId')}
          helperText={t('deadlinePolicies.categoryHelp')}
        />
        <NativeSelectField
          id="policy-priority"
          label={t('deadlinePolicies.columns.priority')}
          value={priority}
          onChange={setPriority}
          options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`priority.${value}`) }))}
          placeholder={t('deadlinePolicies.anyPriority')}
          testId="policy-priority"
          error={fieldError('priority')}
        />
        <NativeSelectField
          id="policy-channel"
          label={t('deadlinePolicies.columns.channel')}
          value={channel}
          onChange={setChannel}
          options={CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
          placeholder={t('deadlinePolicies.anyChannel')}
          testId="policy-channel"
          error={fieldError('channel')}
          helperText={t('deadlinePolicies.channelHelp')}
        />
        <Stack direction="row" spacing={2}>
          <TextField
            id="policy-amount"
            label={t('deadlinePolicies.amount')}
            type="number"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            size="small"
            required
            error={Boolean(fieldError(amountField))}
            helperText={fieldError(amountField)}
            slotProps={{ htmlInput: { 'data-testid': 'policy-amount', min: 1, step: 1 } }}
            sx={{ flex: 1 }}
          />
          <NativeSelectField
            id="policy-unit"
            label={t('deadlinePolicies.unit')}
            value={unit}
            onChange={(value) => setUnit(value as Unit)}
            options={[
              { value: 'days', label: t('deadlinePolicies.workingDays') },
              { value: 'hours', label: t('deadlinePolicies.workingHours') },
            ]}
            testId="policy-unit"
            fullWidth={false}
          />
        </Stack>
        <TextField
          id="policy-note"
          label={t('deadlinePolicies.columns.note')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          size="small"
          multiline
          error={Boolean(fieldError('note'))}
          helperText={fieldError('note')}
          slotProps={{ htmlInput: { 'data-testid': 'policy-note', maxLength: 500 } }}
        />
        {policy ? (
          <FormControlLabel
            control={
              <Checkbox
                checked={active}
                onChange={(event) => setActive(event.target.checked)}
                slotProps={{ input: { 'data-testid': 'policy-active' } as object }}
              />
            }
            label={t('deadlinePolicies.activeLabel')}
          />
        ) : null}
      </Stack>
    </FormDialog>
  );
}
