// The residents' web form (/zglos, /report), without an account: a problem or an idea, its category (and the
// category's own questions), a description, where it is (street with its district, an optional map pin or a photo's
// location), up to five photos and an optional e-mail with its consent. On sending: the number and the private link.
// Errors are listed at the top, announced, and focus goes to the first field at fault.
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Link,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  isInKrakow,
  statusPagePath,
  type FieldError,
  type PublicFormDto,
  type PublicLanguage,
  type PublicPhotoDto,
  type PublicReportCreatedDto,
  type PublicVoiceCreatedDto,
  type TicketLocation,
} from '@kck/contracts';
import { isApiError } from '../../../api/http';
import { LiveRegion } from '../../../components/LiveRegion';
import { visuallyHidden } from '../../../components/visually-hidden';
import {
  attributeAnswers,
  attributeFieldErrors,
  CategoryAttributeFields,
} from '../../category-attributes/components/CategoryAttributeFields';
import { useCategoryAttributes } from '../../../api/category-attributes.api';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { PublicLayout } from '../components/PublicLayout';
import { CategoryPicker } from '../components/CategoryPicker';
import { PhotoPicker, type PhotoItem } from '../components/PhotoPicker';
import { PublicStreetField } from '../components/PublicStreetField';
import { PublicSimilarReports } from '../../duplicates/components/PublicSimilarReports';
import { retryAfterOf, usePublicForm, useSubmitReport } from '../public-api';
import { usePublicLanguage } from '../public-language';
import {
  addressWithStreet,
  emptyDraft,
  inFormOrder,
  newSubmissionId,
  reportRequest,
  requestErrors,
  type ReportDraft,
} from '../report-form';

const LocationMap = lazy(() => import('../components/LocationMap'));

/** The element each request path's error belongs to, for the summary's links and the focus. */
const FIELD_IDS: Record<string, string> = {
  type: 'report-type-problem',
  categoryId: 'report-category',
  description: 'report-description',
  address: 'report-address',
  districtId: 'report-district',
  location: 'report-location',
  photoIds: 'report-photos',
  email: 'report-email',
  consentVersion: 'report-consent',
};
const idOfField = (path: string) =>
  path.startsWith('attributes.')
    ? `report-attribute-${path.slice('attributes.'.length)}`
    : FIELD_IDS[path.split('.')[0] ?? ''];

export function PublicReportPage() {
  const { t } = useTranslation();
  const [language] = usePublicLanguage();
  const form = usePublicForm();
  return (
    <PublicLayout title={t('public.form.title')}>
      {form.data ? (
        <ReportForm form={form.data} language={language} />
      ) : form.error ? (
        <Alert severity="error" role="alert">
          {t('public.errors.formUnavailable')}
          <Button onClick={() => void form.refetch()} sx={{ ml: 1 }}>
            {t('public.errors.retry')}
          </Button>
        </Alert>
      ) : (
        <Typography role="status">{t('public.form.loading')}</Typography>
      )}
    </PublicLayout>
  );
}

function ReportForm({ form, language }: { form: PublicFormDto; language: PublicLanguage }) {
  const { t } = useTranslation();
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [offer, setOffer] = useState<PublicPhotoDto | null>(null);
  const [locationSource, setLocationSource] = useState<'photo' | 'map' | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [created, setCreated] = useState<PublicReportCreatedDto | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const submit = useSubmitReport();
  const attributes = useCategoryAttributes(draft.categoryId || null);
  // A field the resident changes loses its error: the list at the top keeps only what is still to fix.
  const clearErrors = (...fields: string[]) =>
    setErrors((list) => list.filter((e) => !fields.some((f) => e.path === f || e.path.startsWith(`${f}.`))));
  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clearErrors(key === 'consent' ? 'consentVersion' : key);
  };
  const setAttributes = useCallback(
    (value: ReportDraft['attributes']) => setDraft((d) => ({ ...d, attributes: value })),
    [],
  );

  const message = useCallback(
    (error: FieldError): string => {
      if (error.path.startsWith('attributes.')) return error.message;
      const field = error.path.split('.')[0] ?? '';
      return t(`public.form.errors.${field}`, { defaultValue: error.message });
    },
    [t],
  );
  const fieldError = (path: string) => {
    const found = errors.find((e) => e.path === path || e.path.startsWith(`${path}.`));
    return found ? message(found) : undefined;
  };

  const showErrors = (found: FieldError[]) => {
    const ordered = inFormOrder(found);
    setErrors(ordered);
    // After React has drawn them: the summary is announced, focus goes to the first field at fault.
    requestAnimationFrame(() => {
      const first = ordered[0] && idOfField(ordered[0].path);
      const element = first ? document.getElementById(first) : null;
      (element ?? summary.current)?.focus();
    });
  };

  const readyPhotos = photos.filter((p) => p.state === 'ready' && p.photo).map((p) => p.photo!.id);
  const uploading = photos.some((p) => p.state === 'uploading');

  const send = (event: FormEvent) => {
    event.preventDefault();
    const answers = attributeAnswers(draft.attributes);
    const request = reportRequest(
      { ...draft, photoIds: readyPhotos },
      submissionId,
      form.consent.version,
      language,
      answers,
    );
    const found = [...requestErrors(request), ...attributeFieldErrors(attributes.data, draft.attributes, '', t)];
    if (found.length > 0) return showErrors(found);
    setErrors([]);
    submit.mutate(request, {
      onSuccess: (answer) => setCreated(answer),
      onError: (err) => {
        if (isApiError(err) && err.fields.length > 0) showErrors(err.fields);
        else requestAnimationFrame(() => summary.current?.focus());
      },
    });
  };

  if (created)
    return (
      <ReportCreated
        created={created}
        withEmail={Boolean(draft.email.trim())}
        onAnother={() => {
          setCreated(null);
          setDraft(emptyDraft());
          setPhotos([]);
          setSubmissionId(newSubmissionId());
          submit.reset();
        }}
      />
    );

  const failure = submit.error;
  const applyLocation = (location: TicketLocation, source: 'photo' | 'map') => {
    set('location', location);
    setLocationSource(source);
  };

  return (
    <Box component="form" noValidate onSubmit={send} aria-labelledby="report-heading" data-testid="report-form">
      <Typography variant="h4" component="h1" id="report-heading" sx={{ fontSize: { xs: '1.6rem', sm: '2rem' } }}>
        {t('public.form.title')}
      </Typography>
      <Typography sx={{ mt: 1, mb: 2 }}>{t('public.form.intro')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('public.form.required')}
      </Typography>

      <Box ref={summary} tabIndex={-1} sx={{ outline: 'none' }}>
        {errors.length > 0 ? (
          <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="report-errors">
            <AlertTitle>{t('public.form.errorsTitle', { count: errors.length })}</AlertTitle>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {errors.map((error) => (
                <li key={error.path}>
                  <Link
                    href={`#${idOfField(error.path) ?? 'report-heading'}`}
                    onClick={(event) => {
                      const element = document.getElementById(idOfField(error.path) ?? '');
                      if (!element) return;
                      event.preventDefault();
                      element.focus();
                    }}
                  >
                    {message(error)}
                  </Link>
                </li>
              ))}
            </Box>
          </Alert>
        ) : failure && !(isApiError(failure) && failure.fields.length > 0) ? (
          <Alert
            severity={isApiError(failure) && failure.status === 429 ? 'warning' : 'error'}
            role="alert"
            sx={{ mb: 2 }}
            data-testid="report-failure"
          >
            {isApiError(failure) && failure.status === 429
              ? t('public.errors.tooMany', { minutes: Math.max(1, Math.ceil((retryAfterOf(failure) ?? 60) / 60)) })
              : isApiError(failure) && failure.code === 'network'
                ? t('public.errors.network')
                : t('public.errors.generic')}
          </Alert>
        ) : null}
      </Box>

      <Stack spacing={3}>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Stack spacing={2}>
            <FormControl component="fieldset" error={Boolean(fieldError('type'))}>
              <FormLabel component="legend">{t('public.form.type')}</FormLabel>
              <RadioGroup
                row
                name="type"
                value={draft.type}
                onChange={(event) => set('type', event.target.value as ReportDraft['type'])}
              >
                <FormControlLabel
                  value="problem"
                  control={
                    <Radio
                      slotProps={{
                        input: { id: 'report-type-problem', 'data-testid': 'report-type-problem' } as object,
                      }}
                    />
                  }
                  label={t('public.form.problem')}
                />
                <FormControlLabel
                  value="idea"
                  control={<Radio slotProps={{ input: { 'data-testid': 'report-type-idea' } as object }} />}
                  label={t('public.form.idea')}
                />
              </RadioGroup>
              <FormHelperText>
                {draft.type === 'idea' ? t('public.form.ideaHelp') : t('public.form.problemHelp')}
              </FormHelperText>
            </FormControl>

            <CategoryPicker
              id="report-category"
              categories={form.categories}
              value={draft.categoryId}
              onChange={(id) => {
                setDraft((d) => ({ ...d, categoryId: id, attributes: {} }));
                clearErrors('categoryId', 'attributes');
              }}
              language={language}
              error={fieldError('categoryId')}
            />
            <CategoryAttributeFields
              categoryId={draft.categoryId || null}
              value={draft.attributes}
              onChange={setAttributes}
              fieldError={(path) => fieldError(path)}
              idPrefix="report"
            />

            <TextField
              id="report-description"
              label={t('public.form.description')}
              value={draft.description}
              onChange={(event) => set('description', event.target.value)}
              required
              multiline
              minRows={4}
              fullWidth
              error={Boolean(fieldError('description'))}
              helperText={
                fieldError('description') ??
                t('public.form.descriptionHelp', { count: draft.description.trim().length })
              }
              slotProps={{ htmlInput: { maxLength: 5000, 'data-testid': 'report-description' } }}
            />
          </Stack>
        </Paper>

        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="report-where">
          <Typography variant="h6" component="h2" id="report-where" sx={{ mb: 1.5 }}>
            {t('public.form.where')}
          </Typography>
          <Stack spacing={2}>
            <PublicStreetField
              id="report-address"
              value={draft.address}
              onChange={(address) => set('address', address)}
              onStreet={(street) => {
                setDraft((d) => ({
                  ...d,
                  address: addressWithStreet(d.address, street),
                  districtId: street.districtId,
                }));
                clearErrors('address', 'districtId');
              }}
              language={language}
              error={fieldError('address')}
            />
            <NativeSelectField
              id="report-district"
              label={t('public.form.district')}
              value={draft.districtId}
              onChange={(id) => set('districtId', id)}
              options={form.districts.map((d) => ({ value: d.id, label: language === 'en' ? d.labelEn : d.labelPl }))}
              placeholder={t('public.form.districtNone')}
              testId="report-district"
              error={fieldError('districtId')}
              helperText={t('public.form.districtHelp')}
              size="medium"
            />
            {offer && !draft.location ? (
              <Alert
                severity="info"
                data-testid="report-gps-offer"
                action={
                  <Stack direction="row" spacing={1}>
                    <Button
                      color="inherit"
                      size="small"
                      variant="outlined"
                      onClick={() => {
                        if (offer.location) applyLocation(offer.location, 'photo');
                        setOffer(null);
                      }}
                      data-testid="report-gps-use"
                    >
                      {t('public.location.use')}
                    </Button>
                    <Button color="inherit" size="small" onClick={() => setOffer(null)}>
                      {t('public.location.dismiss')}
                    </Button>
                  </Stack>
                }
              >
                {t('public.location.offer', { name: offer.fileName })}
              </Alert>
            ) : null}
            <Box id="report-location" tabIndex={-1} sx={{ outline: 'none' }}>
              {draft.location ? (
                <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                  <Typography variant="body2" data-testid="report-location-value">
                    {t(locationSource === 'photo' ? 'public.location.fromPhoto' : 'public.location.pinned', {
                      latitude: draft.location.latitude.toFixed(5),
                      longitude: draft.location.longitude.toFixed(5),
                    })}
                  </Typography>
                  <Button size="small" onClick={() => set('location', null)}>
                    {t('public.location.remove')}
                  </Button>
                </Stack>
              ) : null}
              {fieldError('location') ? (
                <Typography color="error" variant="body2">
                  {fieldError('location')}
                </Typography>
              ) : null}
            </Box>
            {form.map ? (
              <Suspense fallback={<Typography role="status">{t('public.map.loading')}</Typography>}>
                <LocationMap
                  tileUrl={form.map.tileUrl}
                  attribution={form.map.attribution}
                  value={draft.location}
                  onChange={(location) => (location ? applyLocation(location, 'map') : set('location', null))}
                />
              </Suspense>
            ) : null}
          </Stack>
        </Paper>

        {/* Already reported nearby? The resident may add their voice to it instead (duplicates at intake). */}
        <PublicSimilarReports
          draft={draft}
          categories={form.categories}
          language={language}
          voiceRequest={() =>
            reportRequest(
              { ...draft, photoIds: readyPhotos },
              submissionId,
              form.consent.version,
              language,
              attributeAnswers(draft.attributes),
            )
          }
          disabled={submit.isPending || uploading}
          onJoined={setCreated}
          onErrors={showErrors}
        />

        <Paper variant="outlined" sx={{ p: 2 }} id="report-photos" tabIndex={-1}>
          <PhotoPicker
            submissionId={submissionId}
            maxPhotos={form.maxPhotos}
            maxBytes={form.photoMaxBytes}
            photos={photos}
            onChange={setPhotos}
            onLocation={(photo) => {
              if (photo.location && isInKrakow(photo.location)) setOffer((current) => current ?? photo);
            }}
            error={fieldError('photoIds')}
          />
        </Paper>

        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="report-contact">
          <Typography variant="h6" component="h2" id="report-contact" sx={{ mb: 1 }}>
            {t('public.form.contact')}
          </Typography>
          <Stack spacing={1.5}>
            <TextField
              id="report-email"
              type="email"
              label={t('public.form.email')}
              value={draft.email}
              onChange={(event) => set('email', event.target.value)}
              fullWidth
              autoComplete="email"
              error={Boolean(fieldError('email'))}
              helperText={fieldError('email') ?? t('public.form.emailHelp')}
              slotProps={{ htmlInput: { maxLength: 254, 'data-testid': 'report-email', inputMode: 'email' } }}
            />
            <FormControl error={Boolean(fieldError('consentVersion'))} required={Boolean(draft.email.trim())}>
              <FormControlLabel
                sx={{ alignItems: 'flex-start' }}
                control={
                  <Checkbox
                    checked={draft.consent}
                    onChange={(event) => set('consent', event.target.checked)}
                    sx={{ mt: -0.5 }}
                    slotProps={{
                      input: {
                        id: 'report-consent',
                        'data-testid': 'report-consent',
                        'aria-describedby': 'report-consent-help',
                      } as object,
                    }}
                  />
                }
                label={<Typography variant="body2">{form.consent.text[language]}</Typography>}
              />
              <FormHelperText id="report-consent-help">
                {fieldError('consentVersion') ?? t('public.form.consentHelp', { version: form.consent.version })}
              </FormHelperText>
            </FormControl>
          </Stack>
        </Paper>

        {/* The honeypot: off screen and out of the tab order; people never fill it, bots do. */}
        <Box sx={visuallyHidden} aria-hidden>
          <label htmlFor="report-website">{t('public.form.honeypot')}</label>
          <input
            id="report-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={draft.website}
            onChange={(event) => set('website', event.target.value)}
          />
        </Box>

        <Box>
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={submit.isPending || uploading}
            data-testid="report-submit"
            aria-describedby={uploading ? 'report-wait-photos' : undefined}
          >
            {submit.isPending ? t('public.form.sending') : t('public.form.send')}
          </Button>
          {uploading ? (
            <Typography id="report-wait-photos" variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {t('public.form.waitPhotos')}
            </Typography>
          ) : null}
        </Box>
      </Stack>
      <LiveRegion message={submit.isPending ? t('public.form.sending') : ''} />
    </Box>
  );
}

function ReportCreated({
  created,
  withEmail,
  onAnother,
}: {
  created: PublicReportCreatedDto;
  withEmail: boolean;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  const path = statusPagePath(created.number, created.token);
  // A voice added to an open report says which one it joined.
  const joined = 'mainNumber' in created ? (created as PublicVoiceCreatedDto) : null;
  useEffect(() => heading.current?.focus(), []);
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }} data-testid="report-created">
      <Typography
        variant="h4"
        component="h1"
        ref={heading}
        tabIndex={-1}
        sx={{ outline: 'none', fontSize: { xs: '1.6rem', sm: '2rem' } }}
      >
        {t('public.created.title')}
      </Typography>
      <Typography sx={{ mt: 2 }}>{t('public.created.number')}</Typography>
      <Typography variant="h5" component="p" sx={{ fontWeight: 700, my: 1 }} data-testid="report-number">
        {created.number}
      </Typography>
      {joined ? (
        <Alert severity="success" sx={{ my: 2 }} data-testid="report-joined">
          {t('duplicates.public.joined', { number: joined.mainNumber, count: joined.reporters })}
        </Alert>
      ) : null}
      <Alert severity="warning" sx={{ my: 2 }}>
        {t('public.created.keepLink')}
      </Alert>
      <TextField
        label={t('public.created.link')}
        value={created.statusUrl}
        fullWidth
        slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'report-status-url' } }}
        onFocus={(event) => event.target.select()}
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1, mt: 2 }}>
        <Button variant="contained" href={path} data-testid="report-open-status">
          {t('public.created.open')}
        </Button>
        <Button
          variant="outlined"
          onClick={() => {
            void navigator.clipboard
              ?.writeText(created.statusUrl)
              .then(() => setCopied(true))
              .catch(() => setCopied(false));
          }}
        >
          {t('public.created.copy')}
        </Button>
        <Button variant="text" onClick={onAnother}>
          {t('public.created.another')}
        </Button>
      </Stack>
      {withEmail ? <Typography sx={{ mt: 2 }}>{t('public.created.emailSent')}</Typography> : null}
      <LiveRegion message={copied ? t('public.created.copied') : ''} />
    </Paper>
  );
}
