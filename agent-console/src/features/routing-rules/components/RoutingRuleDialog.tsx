// The form that adds or edits one routing rule, in a dialog over the list, so the admin keeps their place.
// The shared zod schema checks it first; the server's 400 then puts each message next to its field.
import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormHelperText,
  FormLabel,
  NativeSelect,
  OutlinedInput,
  Stack,
  TextField,
  type NativeSelectProps,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { routingRuleRequest, type FieldError, type RoutingRuleDto } from '@kck/contracts';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { useSaveRoutingRule } from '../../../api/routing-rules.api';
import { useUnits } from '../../../api/units.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';

interface Props {
  /** The rule to edit, or null to add one. */
  rule: RoutingRuleDto | null;
  onClose: () => void;
  onSaved: (rule: RoutingRuleDto) => void;
}

// `multiple` and data-* are not in NativeSelect's types, though both reach the <select> (which supports them).
const informedInputProps = {
  id: 'rule-informed',
  multiple: true,
  size: 6,
  'aria-describedby': 'rule-informed-help',
  'data-testid': 'rule-informed',
} as NativeSelectProps['inputProps'];

const splitKeywords = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((word) => word.trim())
    .filter(Boolean);

export function RoutingRuleDialog({ rule, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useDictionary('category');
  const districts = useDictionary('district');
  const units = useUnits();
  const save = useSaveRoutingRule();
  const [name, setName] = useState(rule?.name ?? '');
  const [categoryId, setCategoryId] = useState(rule?.categoryId ?? '');
  const [districtId, setDistrictId] = useState(rule?.districtId ?? '');
  const [keywords, setKeywords] = useState(rule?.keywords.join(', ') ?? '');
  const [unitId, setUnitId] = useState(rule?.unitId ?? '');
  const [informedUnitIds, setInformedUnitIds] = useState<string[]>(rule?.informedUnitIds ?? []);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  // Fields changed since the last submit: their old message no longer describes what is typed there.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const changed =
    <T,>(field: string, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setEdited((current) => new Set(current).add(field));
    };

  const fields = clientFields.length ? clientFields : fieldErrorsOf(save.error);
  // One message per form field: `keywords.3` and `informedUnitIds.1` land on their whole field.
  const fieldError = (field: string): string | undefined => {
    const found = fields.find((f) => {
      const path = f.path.replace(/^body\./, '');
      return path === field || path.startsWith(`${field}.`);
    });
    if (!found || edited.has(field)) return undefined;
    return i18n.language.startsWith('en')
      ? found.message
      : t(`routingRules.fieldErrors.${field}`, { defaultValue: found.message });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = routingRuleRequest.safeParse({
      name: name.trim() || null,
      categoryId,
      districtId: districtId || null,
      keywords: splitKeywords(keywords),
      unitId,
      informedUnitIds,
    });
    setEdited(new Set());
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate({ id: rule?.id ?? null, body: parsed.data }, { onSuccess: onSaved });
  };

  // The responsible unit is informed anyway; it leaves the informed list (where it is no longer offered).
  const chooseUnit = changed('unitId', (id: string) => {
    setUnitId(id);
    setInformedUnitIds((current) => current.filter((informed) => informed !== id));
  });

  const unitOptions = (units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }));
  const loading = t('common.loading');
  const otherErrors = save.error && fieldErrorsOf(save.error).length === 0;

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="routing-rule-dialog-title">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id="routing-rule-dialog-title">
          {rule ? t('routingRules.editTitle') : t('routingRules.addTitle')}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              id="rule-name"
              label={t('routingRules.form.name')}
              value={name}
              onChange={(event) => changed('name', setName)(event.target.value)}
              size="small"
              error={Boolean(fieldError('name'))}
              helperText={fieldError('name')}
              slotProps={{ htmlInput: { 'data-testid': 'rule-name', maxLength: 200 } }}
            />
            <NativeSelectField
              id="rule-category"
              label={t('routingRules.form.category')}
              value={categoryId}
              onChange={changed('categoryId', setCategoryId)}
              options={dictionaryOptions(categories.data, i18n.language)}
              placeholder={categories.isPending ? loading : t('common.choose')}
              testId="rule-category"
              required
              error={fieldError('categoryId')}
              helperText={t('routingRules.form.categoryHelp')}
            />
            <NativeSelectField
              id="rule-district"
              label={t('routingRules.form.district')}
              value={districtId}
              onChange={changed('districtId', setDistrictId)}
              options={dictionaryOptions(districts.data, i18n.language)}
              placeholder={districts.isPending ? loading : t('routingRules.form.allDistricts')}
              testId="rule-district"
              error={fieldError('districtId')}
            />
            <TextField
              id="rule-keywords"
              label={t('routingRules.form.keywords')}
              value={keywords}
              onChange={(event) => changed('keywords', setKeywords)(event.target.value)}
              size="small"
              error={Boolean(fieldError('keywords'))}
              helperText={fieldError('keywords') ?? t('routingRules.form.keywordsHelp')}
              slotProps={{ htmlInput: { 'data-testid': 'rule-keywords' } }}
            />
            <NativeSelectField
              id="rule-unit"
              label={t('routingRules.form.unit')}
              value={unitId}
              onChange={chooseUnit}
              options={unitOptions}
              placeholder={units.isPending ? loading : t('common.choose')}
              testId="rule-unit"
              required
              error={fieldError('unitId')}
            />
            {/* A static label: a floating one would sit over the options of a list box. */}
            <FormControl fullWidth error={Boolean(fieldError('informedUnitIds'))}>
              <FormLabel htmlFor="rule-informed" sx={{ typography: 'caption', mb: 0.5 }}>
                {t('routingRules.form.informed')}
              </FormLabel>
              <NativeSelect
                value={informedUnitIds}
                onChange={(event: ChangeEvent<HTMLSelectElement>) =>
                  changed(
                    'informedUnitIds',
                    setInformedUnitIds,
                  )(Array.from(event.target.selectedOptions, (option) => option.value))
                }
                input={<OutlinedInput size="small" />}
                inputProps={informedInputProps}
              >
                {unitOptions
                  .filter((option) => option.value !== unitId)
                  .map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
              </NativeSelect>
              <FormHelperText id="rule-informed-help">
                {fieldError('informedUnitIds') ?? t('routingRules.form.informedHelp')}
              </FormHelperText>
            </FormControl>
            {units.error ? <ErrorAlert error={units.error} /> : null}
            {otherErrors ? <ErrorAlert error={save.error} /> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('routingRules.form.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={save.isPending} data-testid="rule-submit">
            {save.isPending ? t('common.saving') : t('routingRules.form.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
