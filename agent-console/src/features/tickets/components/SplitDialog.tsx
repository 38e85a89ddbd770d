// DK-03 splits one report into parts for different units: each part gets a title, description, category,
// optional district and optionally a unit (otherwise the routing rules decide). The original is closed.
import { useState } from 'react';
import { Button, Divider, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MAX_SPLIT_PARTS, splitTicketRequest, type FieldError, type TicketDto } from '@kck/contracts';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { useSplitTicket } from '../../../api/ticket-relations.api';
import { useUnits } from '../../../api/units.api';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';

interface PartDraft {
  title: string;
  description: string;
  categoryId: string;
  districtId: string;
  unitId: string;
}

const partFrom = (ticket: TicketDto): PartDraft => ({
  title: '',
  description: '',
  categoryId: ticket.categoryId,
  districtId: ticket.districtId ?? '',
  unitId: '',
});

export function SplitDialog({ ticket, onClose }: { ticket: TicketDto; onClose: (done: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const split = useSplitTicket(ticket.id);
  const categories = useDictionary('category');
  const districts = useDictionary('district');
  const units = useUnits();
  const [parts, setParts] = useState<PartDraft[]>([partFrom(ticket), partFrom(ticket)]);
  const [reason, setReason] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(split.error));

  const change = (index: number, patch: Partial<PartDraft>) =>
    setParts((all) => all.map((part, i) => (i === index ? { ...part, ...patch } : part)));

  const submit = () => {
    const parsed = splitTicketRequest.safeParse({
      reason,
      version: ticket.version,
      parts: parts.map((part) => ({
        title: part.title,
        description: part.description,
        categoryId: part.categoryId,
        districtId: part.districtId || undefined,
        unitId: part.unitId || undefined,
      })),
    });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) split.mutate(parsed.data, { onSuccess: () => onClose(true) });
  };

  const categoryOptions = dictionaryOptions(categories.data, i18n.language);
  const districtOptions = dictionaryOptions(districts.data, i18n.language);
  const unitOptions = (units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }));

  return (
    <FormDialog
      testId="split"
      title={t('relations.split.title', { number: ticket.number })}
      explain={t('relations.split.explain')}
      confirm={t('relations.split.confirm')}
      pending={split.isPending}
      error={split.error}
      onSubmit={submit}
      onCancel={() => onClose(false)}
      maxWidth="md"
    >
      <Stack spacing={2} divider={<Divider flexItem />}>
        {parts.map((part, i) => (
          <Stack key={i} spacing={1.5} data-testid="split-part" component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
            <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
              <Typography component="legend" variant="subtitle2">
                {t('relations.split.part', { n: i + 1 })}
              </Typography>
              {parts.length > 2 ? (
                <Button size="small" onClick={() => setParts((all) => all.filter((_, j) => j !== i))}>
                  {t('relations.split.removePart')}
                </Button>
              ) : null}
            </Stack>
            <TextField
              label={t('ticket.fields.title')}
              value={part.title}
              onChange={(event) => change(i, { title: event.target.value })}
              required
              size="small"
              error={Boolean(fieldError(`parts.${i}.title`))}
              helperText={fieldError(`parts.${i}.title`)}
              slotProps={{ htmlInput: { 'data-testid': 'split-part-title', maxLength: 200 } }}
            />
            <TextField
              label={t('ticket.fields.description')}
              value={part.description}
              onChange={(event) => change(i, { description: event.target.value })}
              required
              multiline
              minRows={2}
              size="small"
              error={Boolean(fieldError(`parts.${i}.description`))}
              helperText={fieldError(`parts.${i}.description`)}
              slotProps={{ htmlInput: { 'data-testid': 'split-part-description' } }}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
              <NativeSelectField
                id={`split-category-${i}`}
                label={t('ticket.fields.categoryId')}
                value={part.categoryId}
                options={categoryOptions}
                onChange={(value) => change(i, { categoryId: value })}
                testId="split-part-category"
                required
                size="small"
                fullWidth
                error={fieldError(`parts.${i}.categoryId`)}
              />
              <NativeSelectField
                id={`split-district-${i}`}
                label={t('ticket.fields.districtId')}
                value={part.districtId}
                options={districtOptions}
                onChange={(value) => change(i, { districtId: value })}
                placeholder="—"
                size="small"
                fullWidth
                error={fieldError(`parts.${i}.districtId`)}
              />
              <NativeSelectField
                id={`split-unit-${i}`}
                label={t('relations.split.unit')}
                value={part.unitId}
                options={unitOptions}
                onChange={(value) => change(i, { unitId: value })}
                testId="split-part-unit"
                placeholder={t('relations.split.byRules')}
                size="small"
                fullWidth
                error={fieldError(`parts.${i}.unitId`)}
              />
            </Stack>
          </Stack>
        ))}
      </Stack>
      {parts.length < MAX_SPLIT_PARTS ? (
        <Button
          sx={{ mt: 1 }}
          onClick={() => setParts((all) => [...all, partFrom(ticket)])}
          data-testid="split-add-part"
        >
          {t('relations.split.addPart')}
        </Button>
      ) : null}
      <TextField
        label={t('relations.reason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        multiline
        minRows={2}
        fullWidth
        required
        sx={{ mt: 2 }}
        error={Boolean(fieldError('reason'))}
        helperText={fieldError('reason') ?? t('relations.split.reasonHint')}
        slotProps={{ htmlInput: { 'data-testid': 'split-reason', maxLength: 2000 } }}
      />
      {fieldError('parts') ? (
        <Typography color="error" variant="body2" sx={{ mt: 1 }}>
          {fieldError('parts')}
        </Typography>
      ) : null}
    </FormDialog>
  );
}
