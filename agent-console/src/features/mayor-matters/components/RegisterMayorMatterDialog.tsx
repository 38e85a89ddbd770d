// KP-02 registers a matter addressed to the Mayor: where it came from (a letter, a meeting, an e-mail), its dates and
// the Mayor's deadline if one was set, and the ticket itself (category, place, what it is about, the resident).
import { useCallback, useState } from 'react';
import { Box, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  MAYOR_MATTER_ORIGINS,
  registerMayorMatterRequest,
  TICKET_TYPES,
  type FieldError,
  type MayorMatterDto,
} from '@kck/contracts';
import { useCategoryAttributes } from '../../../api/category-attributes.api';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { useRegisterMayorMatter } from '../../../api/mayor-matters.api';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { addressWithStreet } from '../../calls/call-form';
import { StreetAddressField } from '../../calls/components/StreetAddressField';
import {
  attributeAnswers,
  attributeFieldErrors,
  CategoryAttributeFields,
  type AttributeDraft,
} from '../../category-attributes/components/CategoryAttributeFields';
import '../i18n/register';

/** Today in Kraków as `YYYY-MM-DD`: the day a matter is usually received. */
const todayInKrakow = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());

interface Props {
  onClose: () => void;
  onRegistered: (matter: MayorMatterDto) => void;
}

export function RegisterMayorMatterDialog({ onClose, onRegistered }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useDictionary('category');
  const districts = useDictionary('district');
  const registerMatter = useRegisterMayorMatter();
  const [form, setForm] = useState({
    origin: 'letter',
    reference: '',
    receivedOn: todayInKrakow(),
    meetingOn: '',
    mayorDeadline: '',
    type: 'problem',
    categoryId: '',
    districtId: '',
    address: '',
    title: '',
    description: '',
    reporterName: '',
    reporterPhone: '',
    reporterEmail: '',
  });
  const set = (change: Partial<typeof form>) => setForm((current) => ({ ...current, ...change }));
  const [attributes, setAttributes] = useState<AttributeDraft>({});
  const questions = useCategoryAttributes(form.categoryId || null);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(registerMatter.error));
  const onAttributes = useCallback((next: AttributeDraft) => setAttributes(next), []);
  const meeting = form.origin === 'meeting';

  const submit = () => {
    const parsed = registerMayorMatterRequest.safeParse({
      origin: form.origin,
      reference: form.reference.trim() || undefined,
      receivedOn: form.receivedOn,
      meetingOn: meeting ? form.meetingOn : undefined,
      mayorDeadline: form.mayorDeadline || undefined,
      type: form.type,
      categoryId: form.categoryId,
      districtId: form.districtId || undefined,
      address: form.address.trim() || undefined,
      title: form.title,
      description: form.description,
      reporter: {
        name: form.reporterName.trim() || undefined,
        phone: form.reporterPhone.trim() || undefined,
        email: form.reporterEmail.trim() || undefined,
      },
      attributes: attributeAnswers(attributes),
    });
    const problems = [
      ...(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues)),
      ...attributeFieldErrors(questions.data, attributes, '', t),
    ];
    setClientFields(problems);
    if (parsed.success && problems.length === 0) registerMatter.mutate(parsed.data, { onSuccess: onRegistered });
  };

  const text = (
    key: keyof typeof form,
    label: string,
    path: string,
    extra: { required?: boolean; multiline?: boolean; max?: number; type?: string; help?: string } = {},
  ) => (
    <TextField
      id={`mayor-matter-${key}`}
      label={label}
      value={form[key]}
      onChange={(event) => set({ [key]: event.target.value })}
      size="small"
      fullWidth
      required={extra.required}
      multiline={extra.multiline}
      minRows={extra.multiline ? 3 : undefined}
      type={extra.type}
      error={Boolean(fieldError(path))}
      helperText={fieldError(path) ?? extra.help}
      slotProps={{
        htmlInput: { 'data-testid': `mayor-matter-${key}`, maxLength: extra.max },
        // A date field shows its own placeholder (dd.mm.rrrr): the label must stay above it.
        inputLabel: extra.type === 'date' ? { shrink: true } : undefined,
      }}
    />
  );

  return (
    <FormDialog
      testId="mayor-matter"
      title={t('mayorMatters.dialog.title')}
      explain={t('mayorMatters.dialog.explain')}
      confirm={t('mayorMatters.dialog.submit')}
      pending={registerMatter.isPending}
      error={registerMatter.error}
      onSubmit={submit}
      onCancel={onClose}
      maxWidth="md"
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.5, pt: 1 }}>
        <NativeSelectField
          id="mayor-matter-origin"
          label={t('mayorMatters.fields.origin')}
          value={form.origin}
          onChange={(origin) => set({ origin })}
          options={MAYOR_MATTER_ORIGINS.map((value) => ({ value, label: t(`mayorMatters.origin.${value}`) }))}
          testId="mayor-matter-origin"
          required
          error={fieldError('origin')}
        />
        {text('reference', t('mayorMatters.fields.reference'), 'reference', {
          max: 100,
          help: t('mayorMatters.dialog.referenceHelp'),
        })}
        {text('receivedOn', t('mayorMatters.fields.receivedOn'), 'receivedOn', { required: true, type: 'date' })}
        {meeting
          ? text('meetingOn', t('mayorMatters.fields.meetingOn'), 'meetingOn', {
              required: true,
              type: 'date',
              help: t('mayorMatters.dialog.meetingOnHelp'),
            })
          : null}
        {text('mayorDeadline', t('mayorMatters.fields.mayorDeadline'), 'mayorDeadline', {
          type: 'date',
          help: t('mayorMatters.dialog.mayorDeadlineHelp'),
        })}
        <NativeSelectField
          id="mayor-matter-type"
          label={t('callPanel.ticket.type')}
          value={form.type}
          onChange={(type) => set({ type })}
          options={TICKET_TYPES.map((value) => ({ value, label: t(`ticketType.${value}`) }))}
          testId="mayor-matter-type"
          required
          error={fieldError('type')}
        />
        <NativeSelectField
          id="mayor-matter-category"
          label={t('callPanel.ticket.category')}
          value={form.categoryId}
          onChange={(categoryId) => set({ categoryId })}
          options={dictionaryOptions(categories.data, i18n.language)}
          placeholder={categories.isPending ? t('common.loading') : t('common.choose')}
          testId="mayor-matter-category"
          required
          error={fieldError('categoryId')}
        />
        <NativeSelectField
          id="mayor-matter-district"
          label={t('callPanel.ticket.district')}
          value={form.districtId}
          onChange={(districtId) => set({ districtId })}
          options={dictionaryOptions(districts.data, i18n.language)}
          placeholder={t('common.none')}
          testId="mayor-matter-district"
          error={fieldError('districtId')}
        />
      </Box>
      <Stack spacing={1.5} sx={{ mt: 1.5 }}>
        <StreetAddressField
          id="mayor-matter-address"
          label={t('callPanel.ticket.address')}
          value={form.address}
          onChange={(address) => set({ address })}
          onStreet={(street) =>
            set({ address: addressWithStreet(form.address, street.label), districtId: street.districtId })
          }
          error={fieldError('address')}
        />
        {text('title', t('callPanel.ticket.title'), 'title', { required: true, max: 200 })}
        {text('description', t('callPanel.ticket.description'), 'description', {
          required: true,
          multiline: true,
          max: 10_000,
        })}
      </Stack>
      <CategoryAttributeFields
        categoryId={form.categoryId || null}
        value={attributes}
        onChange={onAttributes}
        fieldError={fieldError}
        idPrefix="mayor-matter"
      />
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2, mb: 1 }}>
        {t('mayorMatters.dialog.reporterHeading')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 1.5 }}>
        {text('reporterName', t('callPanel.ticket.reporterName'), 'reporter.name', { max: 200 })}
        {text('reporterPhone', t('callPanel.ticket.reporterPhone'), 'reporter.phone', { type: 'tel' })}
        {text('reporterEmail', t('callPanel.ticket.reporterEmail'), 'reporter.email', { type: 'email', max: 254 })}
      </Box>
    </FormDialog>
  );
}
