// One ticket (problem, idea or request for information) taken down during a call, prefilled from it (the caller's
// number as the reporter's). The address looks streets up and fills the district. Field errors come by request
// path (`tickets.<index>.title`), so each lands next to its own field.
import { Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { useTranslation } from 'react-i18next';
import { TICKET_TYPES } from '@kck/contracts';
import { NativeSelectField, type Option } from '../../../components/NativeSelectField';
import { addressWithStreet, type TicketDraft } from '../call-form';
import { CategoryAttributeFields } from '../../category-attributes/components/CategoryAttributeFields';
import { StreetAddressField } from './StreetAddressField';
import { SimilarTicketsPanel } from '../../duplicates/components/SimilarTicketsPanel';

interface TextExtra {
  multiline?: boolean;
  required?: boolean;
  type?: string;
  max?: number;
}

/** Where each form field sits in the ticket part of RecordCallRequest. */
const REQUEST_PATH = {
  title: 'title',
  description: 'description',
  reporterName: 'reporter.name',
  reporterPhone: 'reporter.phone',
  reporterEmail: 'reporter.email',
} as const;

interface Props {
  index: number;
  draft: TicketDraft;
  categories: readonly Option[];
  districts: readonly Option[];
  onChange: (patch: Partial<TicketDraft>) => void;
  onRemove: () => void;
  fieldError: (path: string) => string | undefined;
}

export function TicketSubform({ index, draft, categories, districts, onChange, onRemove, fieldError }: Props) {
  const { t } = useTranslation();
  const id = (name: string) => `${draft.key}-${name}`;
  const error = (name: string) => fieldError(`tickets.${index}.${name}`);
  type TextKey = 'title' | 'description' | 'reporterName' | 'reporterPhone' | 'reporterEmail';
  const text = (name: TextKey, testId: string, label: string, extra: TextExtra = {}) => (
    <TextField
      id={id(name)}
      label={label}
      value={draft[name]}
      onChange={(event) => onChange({ [name]: event.target.value })}
      size="small"
      fullWidth
      required={extra.required}
      multiline={extra.multiline}
      minRows={extra.multiline ? 3 : undefined}
      type={extra.type}
      autoComplete="off"
      error={Boolean(error(REQUEST_PATH[name]))}
      helperText={error(REQUEST_PATH[name])}
      slotProps={{ htmlInput: { 'data-testid': testId, maxLength: extra.max } }}
    />
  );

  return (
    <Paper
      variant="outlined"
      component="fieldset"
      sx={{ p: 2, m: 0, borderColor: 'primary.light' }}
      data-testid="ticket-form"
      aria-labelledby={id('legend')}
    >
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1.5 }}>
        <Typography component="legend" variant="subtitle2" id={id('legend')} sx={{ float: 'left', p: 0 }}>
          {t('callPanel.ticket.heading', { number: index + 1 })}
        </Typography>
        <Button
          size="small"
          color="error"
          startIcon={<DeleteOutlineIcon />}
          onClick={onRemove}
          data-testid="ticket-form-remove"
        >
          {t('callPanel.ticket.remove')}
        </Button>
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr' }, gap: 1.5, clear: 'both' }}>
        <NativeSelectField
          id={id('type')}
          label={t('callPanel.ticket.type')}
          value={draft.type}
          onChange={(value) => onChange({ type: value as TicketDraft['type'] })}
          options={TICKET_TYPES.map((type) => ({ value: type, label: t(`ticketType.${type}`) }))}
          testId="ticket-form-type"
          required
          error={error('type')}
        />
        <NativeSelectField
          id={id('category')}
          label={t('callPanel.ticket.category')}
          value={draft.categoryId}
          onChange={(value) => onChange({ categoryId: value })}
          options={categories}
          placeholder={t('common.choose')}
          testId="ticket-form-category"
          required
          error={error('categoryId')}
        />
        <StreetAddressField
          id={id('address')}
          label={t('callPanel.ticket.address')}
          value={draft.address}
          onChange={(address) => onChange({ address })}
          onStreet={(street) =>
            onChange({ address: addressWithStreet(draft.address, street.label), districtId: street.districtId })
          }
          error={error('address')}
        />
        <NativeSelectField
          id={id('district')}
          label={t('callPanel.ticket.district')}
          value={draft.districtId}
          onChange={(value) => onChange({ districtId: value })}
          options={districts}
          placeholder={t('common.none')}
          testId="ticket-form-district"
          error={error('districtId')}
        />
      </Box>
      <Stack spacing={1.5} sx={{ mt: 1.5 }}>
        {text('title', 'ticket-form-title', t('callPanel.ticket.title'), { required: true, max: 200 })}
        {text('description', 'ticket-form-description', t('callPanel.ticket.description'), {
          required: true,
          multiline: true,
          max: 10_000,
        })}
        <CategoryAttributeFields
          categoryId={draft.categoryId}
          value={draft.attributes}
          onChange={(attributes) => onChange({ attributes })}
          fieldError={fieldError}
          fieldPrefix={`tickets.${index}.`}
          idPrefix={draft.key}
        />
        <SimilarTicketsPanel report={draft} testId="ticket-form-similar" />
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 1.5, mt: 1.5 }}>
        {text('reporterName', 'ticket-form-reporter-name', t('callPanel.ticket.reporterName'), { max: 200 })}
        {text('reporterPhone', 'ticket-form-reporter-phone', t('callPanel.ticket.reporterPhone'), { type: 'tel' })}
        {text('reporterEmail', 'ticket-form-reporter-email', t('callPanel.ticket.reporterEmail'), {
          type: 'email',
          max: 254,
        })}
      </Box>
    </Paper>
  );
}
