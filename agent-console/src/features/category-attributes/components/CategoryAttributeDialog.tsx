// Adds or edits one question of a category. Code and answer type are set once (old tickets' answers are read by
// them); a list's answers can be added, renamed and deactivated, never removed. The contracts' schema checks the
// form first, the server's 400 then puts each message next to its field.
import { useState } from 'react';
import { Box, Button, Checkbox, FormControlLabel, IconButton, Stack, TextField, Typography } from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import {
  ATTRIBUTE_DATATYPES,
  createCategoryAttributeRequest,
  isListDatatype,
  updateCategoryAttributeRequest,
  type AttributeDatatype,
  type CategoryAttributeDto,
  type CategoryAttributeValue,
  type FieldError,
} from '@kck/contracts';
import { useCreateCategoryAttribute, useUpdateCategoryAttribute } from '../../../api/category-attributes.api';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';

interface Props {
  categoryId: string;
  /** The question to edit, or null to add one. */
  attribute: CategoryAttributeDto | null;
  onClose: () => void;
  onSaved: (attribute: CategoryAttributeDto) => void;
}

/** A list answer being edited; `saved` ones exist on the server and may only be deactivated. */
type ValueRow = CategoryAttributeValue & { saved: boolean };

export function CategoryAttributeDialog({ categoryId, attribute, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const create = useCreateCategoryAttribute(categoryId);
  const update = useUpdateCategoryAttribute();
  const save = attribute ? update : create;
  const [code, setCode] = useState(attribute?.code ?? '');
  const [datatype, setDatatype] = useState<AttributeDatatype>(attribute?.datatype ?? 'string');
  const [labelPl, setLabelPl] = useState(attribute?.labelPl ?? '');
  const [labelEn, setLabelEn] = useState(attribute?.labelEn ?? '');
  const [hintPl, setHintPl] = useState(attribute?.hintPl ?? '');
  const [hintEn, setHintEn] = useState(attribute?.hintEn ?? '');
  const [required, setRequired] = useState(attribute?.required ?? false);
  const [active, setActive] = useState(attribute?.active ?? true);
  const [values, setValues] = useState<ValueRow[]>(
    (attribute?.values ?? []).map((value) => ({ ...value, saved: true })),
  );
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(save.error));
  const list = isListDatatype(datatype);

  const changeValue = (index: number, patch: Partial<ValueRow>) =>
    setValues((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  // The schema's own message is English; this one the admin is most likely to meet is said in the console's language.
  const issuesOf = (issues: Parameters<typeof fieldErrorsFromIssues>[0]) =>
    fieldErrorsFromIssues(issues).map((field) =>
      field.path === 'values' && list && !values.some((value) => value.active)
        ? { ...field, message: t('categoryAttributes.valuesNeeded') }
        : field,
    );

  const submit = () => {
    const common = {
      labelPl,
      labelEn,
      hintPl: hintPl || null,
      hintEn: hintEn || null,
      required,
      values: list ? values.map(({ saved: _saved, ...value }) => value) : [],
    };
    if (attribute) {
      const parsed = updateCategoryAttributeRequest.safeParse({ ...common, active });
      setClientFields(parsed.success ? [] : issuesOf(parsed.error.issues));
      if (parsed.success) update.mutate({ id: attribute.id, body: parsed.data }, { onSuccess: onSaved });
    } else {
      const parsed = createCategoryAttributeRequest.safeParse({ ...common, code, datatype });
      setClientFields(parsed.success ? [] : issuesOf(parsed.error.issues));
      if (parsed.success) create.mutate(parsed.data, { onSuccess: onSaved });
    }
  };

  const text = (
    id: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
    path: string,
    extra: { required?: boolean; disabled?: boolean; helperText?: string; max?: number } = {},
  ) => (
    <TextField
      id={id}
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      size="small"
      fullWidth
      required={extra.required}
      disabled={extra.disabled}
      error={Boolean(fieldError(path))}
      helperText={fieldError(path) ?? extra.helperText}
      slotProps={{ htmlInput: { 'data-testid': id, maxLength: extra.max } }}
    />
  );

  return (
    <FormDialog
      testId="category-attribute"
      title={attribute ? t('categoryAttributes.editTitle') : t('categoryAttributes.addTitle')}
      explain={t('categoryAttributes.explain')}
      confirm={t('common.save')}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onCancel={onClose}
      action={attribute ? 'edit' : 'add'}
      maxWidth="md"
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
          {text('attribute-code', t('categoryAttributes.fields.code'), code, setCode, 'code', {
            required: true,
            disabled: Boolean(attribute),
            helperText: t('categoryAttributes.codeHelp'),
            max: 64,
          })}
          <NativeSelectField
            id="attribute-datatype"
            label={t('categoryAttributes.fields.datatype')}
            value={datatype}
            onChange={(value) => setDatatype(value as AttributeDatatype)}
            options={ATTRIBUTE_DATATYPES.map((value) => ({ value, label: t(`categoryAttributes.datatypes.${value}`) }))}
            testId="attribute-datatype"
            required
            disabled={Boolean(attribute)}
            error={fieldError('datatype')}
          />
          {text('attribute-label-pl', t('categoryAttributes.fields.labelPl'), labelPl, setLabelPl, 'labelPl', {
            required: true,
            max: 200,
          })}
          {text('attribute-label-en', t('categoryAttributes.fields.labelEn'), labelEn, setLabelEn, 'labelEn', {
            required: true,
            max: 200,
          })}
          {text('attribute-hint-pl', t('categoryAttributes.fields.hintPl'), hintPl, setHintPl, 'hintPl', { max: 500 })}
          {text('attribute-hint-en', t('categoryAttributes.fields.hintEn'), hintEn, setHintEn, 'hintEn', { max: 500 })}
        </Box>
        <Stack direction="row" spacing={2}>
          <FormControlLabel
            control={
              <Checkbox
                checked={required}
                onChange={(event) => setRequired(event.target.checked)}
                slotProps={{ input: { 'data-testid': 'attribute-required' } as object }}
              />
            }
            label={t('categoryAttributes.fields.required')}
          />
          {attribute ? (
            <FormControlLabel
              control={
                <Checkbox
                  checked={active}
                  onChange={(event) => setActive(event.target.checked)}
                  slotProps={{ input: { 'data-testid': 'attribute-active' } as object }}
                />
              }
              label={t('categoryAttributes.fields.active')}
            />
          ) : null}
        </Stack>
        {list ? (
          <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
            <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>
              {t('categoryAttributes.values')}
            </Typography>
            {fieldError('values') ? (
              <Typography color="error" variant="body2" sx={{ mb: 1 }} role="alert">
                {fieldError('values')}
              </Typography>
            ) : null}
            <Stack spacing={1}>
              {values.map((row, index) => (
                <Box
                  key={index}
                  sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr 2fr auto' }, gap: 1 }}
                  data-testid="attribute-value-row"
                >
                  {text(
                    `attribute-value-key-${index}`,
                    t('categoryAttributes.fields.valueKey'),
                    row.key,
                    (key) => changeValue(index, { key }),
                    `values.${index}.key`,
                    { required: true, disabled: row.saved, max: 64 },
                  )}
                  {text(
                    `attribute-value-label-pl-${index}`,
                    t('categoryAttributes.fields.valueLabelPl'),
                    row.labelPl,
                    (value) => changeValue(index, { labelPl: value }),
                    `values.${index}.labelPl`,
                    { required: true, max: 200 },
                  )}
                  {text(
                    `attribute-value-label-en-${index}`,
                    t('categoryAttributes.fields.valueLabelEn'),
                    row.labelEn,
                    (value) => changeValue(index, { labelEn: value }),
                    `values.${index}.labelEn`,
                    { required: true, max: 200 },
                  )}
                  {row.saved ? (
                    <FormControlLabel
                      control={
                        <Checkbox
                          checked={row.active}
                          onChange={(event) => changeValue(index, { active: event.target.checked })}
                          slotProps={{ input: { 'data-testid': `attribute-value-active-${index}` } as object }}
                        />
                      }
                      label={t('categoryAttributes.fields.valueActive')}
                    />
                  ) : (
                    <IconButton
                      aria-label={t('categoryAttributes.removeValue')}
                      onClick={() => setValues((rows) => rows.filter((_, i) => i !== index))}
                      data-testid={`attribute-value-remove-${index}`}
                    >
                      <DeleteOutlineIcon />
                    </IconButton>
                  )}
                </Box>
              ))}
            </Stack>
            <Button
              size="small"
              startIcon={<AddIcon />}
              sx={{ mt: 1 }}
              onClick={() =>
                setValues((rows) => [...rows, { key: '', labelPl: '', labelEn: '', active: true, saved: false }])
              }
              data-testid="attribute-value-add"
            >
              {t('categoryAttributes.addValue')}
            </Button>
          </Box>
        ) : null}
      </Stack>
    </FormDialog>
  );
}
