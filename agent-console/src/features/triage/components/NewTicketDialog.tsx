// DK-03 registers a report that reached it outside the platform's own intake (a letter scanned from the city's
// e-mail, the services portal): the same ticket as any other, with the chosen category's own questions asked.
import { useCallback, useState } from 'react';
import { Box, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { createTicketRequest, TICKET_TYPES, type Channel, type FieldError, type TicketDto } from '@kck/contracts';
import { useCategoryAttributes } from '../../../api/category-attributes.api';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { useCreateTicket } from '../../../api/tickets.api';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';
import {
  attributeAnswers,
  attributeFieldErrors,
  CategoryAttributeFields,
  type AttributeDraft,
} from '../../category-attributes/components/CategoryAttributeFields';
import { SimilarTicketsPanel } from '../../duplicates/components/SimilarTicketsPanel';

/** The channels a report reaches DK-03 by when someone has to type it in. */
const ENTRY_CHANNELS: readonly Channel[] = ['email', 'kpum', 'web_form', 'phone'];

interface Props {
  onClose: () => void;
  onCreated: (ticket: TicketDto) => void;
}

export function NewTicketDialog({ onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useDictionary('category');
  const districts = useDictionary('district');
  const create = useCreateTicket();
  // One id per ticket being written: sending again after a network error cannot write it twice.
  const [requestId] = useState(() => crypto.randomUUID());
  const [type, setType] = useState<string>('problem');
  const [channel, setChannel] = useState<string>('email');
  const [categoryId, setCategoryId] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [address, setAddress] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [reporterName, setReporterName] = useState('');
  const [reporterPhone, setReporterPhone] = useState('');
  const [reporterEmail, setReporterEmail] = useState('');
  const [attributes, setAttributes] = useState<AttributeDraft>({});
  const questions = useCategoryAttributes(categoryId || null);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(create.error));
  const onAttributes = useCallback((next: AttributeDraft) => setAttributes(next), []);

  const submit = () => {
    const parsed = createTicketRequest.safeParse({
      type,
      channel,
      categoryId,
      districtId: districtId || undefined,
      address: address || undefined,
      title,
      description,
      reporter: {
        name: reporterName || undefined,
        phone: reporterPhone || undefined,
        email: reporterEmail || undefined,
      },
      attributes: attributeAnswers(attributes),
      requestId,
    });
    const problems = [
      ...(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues)),
      ...attributeFieldErrors(questions.data, attributes, '', t),
    ];
    setClientFields(problems);
    if (parsed.success && problems.length === 0) create.mutate(parsed.data, { onSuccess: onCreated });
  };

  const text = (
    id: string,
    label: string,
    value: string,
    set: (value: string) => void,
    path: string,
    extra: { required?: boolean; multiline?: boolean; max?: number; type?: string } = {},
  ) => (
    <TextField
      id={id}
      label={label}
      value={value}
      onChange={(event) => set(event.target.value)}
      size="small"
      fullWidth
      required={extra.required}
      multiline={extra.multiline}
      minRows={extra.multiline ? 3 : undefined}
      type={extra.type}
      error={Boolean(fieldError(path))}
      helperText={fieldError(path)}
      slotProps={{ htmlInput: { 'data-testid': id, maxLength: extra.max } }}
    />
  );

  return (
    <FormDialog
      testId="new-ticket"
      title={t('newTicket.title')}
      explain={t('newTicket.explain')}
      confirm={t('newTicket.create')}
      pending={create.isPending}
      error={create.error}
      onSubmit={submit}
      onCancel={onClose}
      maxWidth="md"
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.5, pt: 1 }}>
        <NativeSelectField
          id="new-ticket-type"
          label={t('callPanel.ticket.type')}
          value={type}
          onChange={setType}
          options={TICKET_TYPES.map((value) => ({ value, label: t(`ticketType.${value}`) }))}
          testId="new-ticket-type"
          required
          error={fieldError('type')}
        />
        <NativeSelectField
          id="new-ticket-channel"
          label={t('newTicket.channel')}
          value={channel}
          onChange={setChannel}
          options={ENTRY_CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
          testId="new-ticket-channel"
          required
          error={fieldError('channel')}
        />
        <NativeSelectField
          id="new-ticket-category"
          label={t('callPanel.ticket.category')}
          value={categoryId}
          onChange={setCategoryId}
          options={dictionaryOptions(categories.data, i18n.language)}
          placeholder={t('common.choose')}
          testId="new-ticket-category"
          required
          error={fieldError('categoryId')}
        />
        <NativeSelectField
          id="new-ticket-district"
          label={t('callPanel.ticket.district')}
          value={districtId}
          onChange={setDistrictId}
          options={dictionaryOptions(districts.data, i18n.language)}
          placeholder={t('common.none')}
          testId="new-ticket-district"
          error={fieldError('districtId')}
        />
      </Box>
      <Stack spacing={1.5} sx={{ mt: 1.5 }}>
        {text('new-ticket-address', t('callPanel.ticket.address'), address, setAddress, 'address', { max: 300 })}
        {text('new-ticket-title', t('callPanel.ticket.title'), title, setTitle, 'title', { required: true, max: 200 })}
        {text('new-ticket-description', t('callPanel.ticket.description'), description, setDescription, 'description', {
          required: true,
          multiline: true,
          max: 10_000,
        })}
        <SimilarTicketsPanel
          report={{ categoryId, districtId, address, title, description }}
          testId="new-ticket-similar"
        />
      </Stack>
      <CategoryAttributeFields
        categoryId={categoryId || null}
        value={attributes}
        onChange={onAttributes}
        fieldError={fieldError}
        idPrefix="new-ticket"
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 1.5, mt: 1.5 }}>
        {text(
          'new-ticket-reporter-name',
          t('callPanel.ticket.reporterName'),
          reporterName,
          setReporterName,
          'reporter.name',
          {
            max: 200,
          },
        )}
        {text(
          'new-ticket-reporter-phone',
          t('callPanel.ticket.reporterPhone'),
          reporterPhone,
          setReporterPhone,
          'reporter.phone',
          {
            type: 'tel',
          },
        )}
        {text(
          'new-ticket-reporter-email',
          t('callPanel.ticket.reporterEmail'),
          reporterEmail,
          setReporterEmail,
          'reporter.email',
          {
            type: 'email',
            max: 254,
          },
        )}
      </Box>
    </FormDialog>
  );
}
