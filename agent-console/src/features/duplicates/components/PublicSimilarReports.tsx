// On the residents' form, once the category and the place are given: open reports of the same matter nearby (what
// the public may see of them), and "add my voice" to one instead of a new report: the resident still gets their
// own number and link, and the unit's answer to that report.
import { useId, useState } from 'react';
import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import { useTranslation } from 'react-i18next';
import {
  publicVoiceRequest,
  type FieldError,
  type PublicCategoryDto,
  type PublicLanguage,
  type PublicVoiceCreatedDto,
  type PublicVoiceRequest,
  type TicketLocation,
} from '@kck/contracts';
import { isApiError } from '../../../api/http';
import { LiveRegion } from '../../../components/LiveRegion';
import { useCategoryLabels } from '../../public-report/components/CategoryPicker';
import { retryAfterOf } from '../../public-report/public-api';
import { useAddVoice, usePublicSimilarReports } from '../public-duplicates.api';
import { ageLabel, distanceLabel, similarSearchOf, SIMILAR_DEBOUNCE_MS } from '../similar-search';
import { sameJson, useDebounced } from '../use-debounced';

interface Props {
  draft: {
    categoryId: string;
    location: TicketLocation | null;
    districtId: string;
    address: string;
    description: string;
  };
  /** The form's categories: every report listed is of the one chosen, named in the page's language. */
  categories: readonly PublicCategoryDto[];
  language: PublicLanguage;
  /** The form as a voice would send it (photos, e-mail and consent included), built when the button is pressed. */
  voiceRequest: () => PublicVoiceRequest;
  disabled: boolean;
  onJoined: (answer: PublicVoiceCreatedDto) => void;
  /** Field errors go to the form's own summary, which announces them and moves the focus. */
  onErrors: (errors: FieldError[]) => void;
}

export function PublicSimilarReports(props: Props) {
  const { draft, categories, language, voiceRequest, disabled, onJoined, onErrors } = props;
  const { t } = useTranslation();
  const labels = useCategoryLabels(language);
  const category = categories.find((c) => c.id === draft.categoryId);
  const categoryLabel = category ? labels.label(category) : '';
  const headingId = useId();
  const search = useDebounced(similarSearchOf(draft), SIMILAR_DEBOUNCE_MS, sameJson);
  const similar = usePublicSimilarReports(search);
  const voice = useAddVoice();
  const [now] = useState(() => new Date());
  const found = search ? (similar.data ?? []) : [];

  const join = (number: string) => {
    const request = voiceRequest();
    const parsed = publicVoiceRequest.safeParse(request);
    if (!parsed.success)
      return onErrors(
        parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
      );
    voice.mutate(
      { number, body: request },
      {
        onSuccess: onJoined,
        onError: (err) => {
          if (isApiError(err) && err.fields.length > 0) onErrors(err.fields);
          // The report closed (or was merged away) meanwhile: the list is asked again.
          if (isApiError(err) && (err.status === 404 || err.status === 409)) void similar.refetch();
        },
      },
    );
  };

  const failure = voice.error && !(isApiError(voice.error) && voice.error.fields.length > 0) ? voice.error : null;
  return (
    <>
      <LiveRegion message={found.length > 0 ? t('duplicates.public.found', { count: found.length }) : ''} />
      {found.length > 0 ? (
        <Paper
          variant="outlined"
          component="section"
          aria-labelledby={headingId}
          sx={{ p: 2, borderColor: 'primary.main', borderWidth: 2 }}
          data-testid="public-similar"
        >
          <Typography variant="h6" component="h2" id={headingId}>
            {t('duplicates.public.heading')}
          </Typography>
          <Typography variant="body2" sx={{ mt: 0.5, mb: 1.5 }}>
            {t('duplicates.public.explain')}
          </Typography>
          {failure ? (
            <Alert
              severity={isApiError(failure) && failure.status === 429 ? 'warning' : 'error'}
              role="alert"
              sx={{ mb: 1.5 }}
              data-testid="public-similar-failure"
            >
              {isApiError(failure) && (failure.status === 404 || failure.status === 409)
                ? t('duplicates.public.gone')
                : isApiError(failure) && failure.status === 429
                  ? t('public.errors.tooMany', { minutes: Math.max(1, Math.ceil((retryAfterOf(failure) ?? 60) / 60)) })
                  : t('public.errors.generic')}
            </Alert>
          ) : null}
          <Stack component="ul" spacing={1.5} sx={{ m: 0, p: 0, listStyle: 'none' }}>
            {found.map((report) => (
              <Box
                component="li"
                key={report.number}
                data-testid="public-similar-report"
                data-number={report.number}
                sx={{ p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}
              >
                <Typography sx={{ fontWeight: 700 }}>
                  {categoryLabel} — {report.number}
                </Typography>
                <Typography variant="body2">
                  {[report.street, report.districtLabel].filter(Boolean).join(', ') || t('duplicates.public.nearby')}
                  {report.distanceM !== null
                    ? ` · ${t('duplicates.public.distance', { distance: distanceLabel(report.distanceM, language) })}`
                    : ''}
                </Typography>
                <Typography variant="body2">
                  {t(`public.state.${report.state}`)}
                  {report.unitName ? ` · ${report.unitName}` : ''} ·{' '}
                  {t('duplicates.public.reportedAgo', { age: ageLabel(report.createdAt, now, language) })} ·{' '}
                  {t('duplicates.reporters', { count: report.reporters })}
                </Typography>
                <Button
                  variant="contained"
                  startIcon={<RecordVoiceOverIcon />}
                  sx={{ mt: 1, width: { xs: '100%', sm: 'auto' } }}
                  disabled={disabled || voice.isPending}
                  onClick={() => join(report.number)}
                  aria-label={t('duplicates.public.voiceLabel', { number: report.number })}
                  data-testid="public-similar-voice"
                >
                  {voice.isPending && voice.variables.number === report.number
                    ? t('public.form.sending')
                    : t('duplicates.public.voice')}
                </Button>
              </Box>
            ))}
          </Stack>
        </Paper>
      ) : null}
    </>
  );
}
