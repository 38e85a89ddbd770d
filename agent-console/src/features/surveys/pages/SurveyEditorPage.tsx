// An analyst writes or changes one survey: who commissioned it, its period, the introduction the agent reads,
// and (while a draft) its questions; then activates it, closes it, or deletes it while nobody has answered.
import { useMemo, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { Alert, Box, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import SaveIcon from '@mui/icons-material/Save';
import { useTranslation } from 'react-i18next';
import type { FieldError, SurveyDto } from '@kck/contracts';
import {
  useCreateSurvey,
  useDeleteSurvey,
  useSurvey,
  useSurveyTransition,
  useUpdateSurvey,
} from '../../../api/surveys.api';
import { useUnits } from '../../../api/units.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf } from '../../../components/field-errors';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { QuestionBuilder } from '../components/QuestionBuilder';
import { SurveyStatusChip } from '../components/SurveyStatusChip';
import { useSurveyFieldErrors } from '../survey-field-errors';
import {
  emptySurveyForm,
  surveyFormOf,
  toCreateSurveyRequest,
  toUpdateSurveyRequest,
  type SurveyForm,
} from '../survey-form';
import '../i18n/register';

type Announce = (message: string) => void;

function WorkflowBar({ survey, dirty, announce }: { survey: SurveyDto; dirty: boolean; announce: Announce }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const transition = useSurveyTransition();
  const remove = useDeleteSurvey();
  const busy = transition.isPending || remove.isPending;
  const answered = survey.responseCount + survey.declinedCount > 0;
  return (
    <Paper component="section" aria-label={t('surveys.editor.workflow')} sx={{ p: 2 }} data-testid="survey-workflow">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <SurveyStatusChip status={survey.status} />
        {survey.runnable ? <Chip size="small" variant="outlined" label={t('surveys.runnableNow')} /> : null}
        <Box sx={{ flexGrow: 1 }} />
        {survey.status === 'draft' ? (
          <Button
            variant="contained"
            disabled={busy || dirty}
            data-testid="survey-activate"
            onClick={() =>
              transition.mutate(
                { id: survey.id, to: 'activate' },
                { onSuccess: () => announce(t('surveys.editor.activated')) },
              )
            }
          >
            {t('surveys.editor.activate')}
          </Button>
        ) : null}
        {survey.status === 'active' ? (
          <Button
            variant="outlined"
            disabled={busy || dirty}
            data-testid="survey-close"
            onClick={() =>
              transition.mutate(
                { id: survey.id, to: 'close' },
                { onSuccess: () => announce(t('surveys.editor.closed')) },
              )
            }
          >
            {t('surveys.editor.close')}
          </Button>
        ) : null}
        {survey.status !== 'draft' ? (
          <Button component={RouterLink} to={`/surveys/${survey.id}/results`} data-testid="survey-results-link">
            {t('surveys.results')}
          </Button>
        ) : null}
        {!answered ? (
          <Button
            color="error"
            disabled={busy}
            data-testid="survey-delete"
            onClick={() => {
              if (!window.confirm(t('surveys.editor.deleteConfirm', { title: survey.title }))) return;
              remove.mutate(survey.id, { onSuccess: () => void navigate('/surveys', { replace: true }) });
            }}
          >
            {t('surveys.editor.delete')}
          </Button>
        ) : null}
      </Stack>
      {dirty ? (
        <Typography variant="caption" color="text.secondary">
          {t('surveys.editor.saveFirst')}
        </Typography>
      ) : null}
      {transition.error ? <ErrorAlert error={transition.error} testId="survey-workflow-error" /> : null}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
    </Paper>
  );
}

function QuestionsReadOnly({ survey }: { survey: SurveyDto }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={1}>
      <Alert severity="info">{t('surveys.editor.questionsLocked')}</Alert>
      <Box component="ol" sx={{ m: 0, pl: 3 }} data-testid="survey-questions-locked">
        {survey.questions.map((q) => (
          <li key={q.id}>
            <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
              {q.text}
            </Typography>{' '}
            <Typography variant="caption" component="span" color="text.secondary">
              ({t(`surveys.kind.${q.kind}`)}
              {q.kind === 'scale' ? ` ${q.scaleMin}–${q.scaleMax}` : ''}
              {q.required ? '' : `, ${t('surveys.runner.optionalMark')}`})
            </Typography>
            {q.options.length > 0 ? (
              <Typography variant="body2" component="div" color="text.secondary">
                {q.options.map((o) => o.label).join(' · ')}
              </Typography>
            ) : null}
          </li>
        ))}
      </Box>
    </Stack>
  );
}

/** The form; `survey` absent while creating. Remounted (by key) whenever a saved version arrives. */
function SurveyEditorForm({ survey, announce }: { survey?: SurveyDto; announce: Announce }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useUnits();
  const create = useCreateSurvey();
  const update = useUpdateSurvey();
  const initial = useMemo(() => (survey ? surveyFormOf(survey) : emptySurveyForm()), [survey]);
  const [form, setForm] = useState<SurveyForm>(initial);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const mutation = survey ? update : create;
  const fields = clientFields.length ? clientFields : fieldErrorsOf(mutation.error);
  const errorFor = useSurveyFieldErrors(fields);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const editableQuestions = !survey || survey.status === 'draft';

  const check = (next: SurveyForm) => {
    const checked = survey ? toUpdateSurveyRequest(next, editableQuestions) : toCreateSurveyRequest(next);
    return checked.ok ? [] : checked.fields;
  };
  // Once a save was refused, the marks follow the corrections instead of waiting for the next save.
  const set = (patch: Partial<SurveyForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (clientFields.length) setClientFields(check(next));
  };

  const save = () => {
    if (mutation.isPending) return;
    if (survey) {
      const checked = toUpdateSurveyRequest(form, editableQuestions);
      if (!checked.ok) return setClientFields(checked.fields);
      setClientFields([]);
      update.mutate({ id: survey.id, body: checked.body }, { onSuccess: () => announce(t('surveys.editor.saved')) });
    } else {
      const checked = toCreateSurveyRequest(form);
      if (!checked.ok) return setClientFields(checked.fields);
      setClientFields([]);
      create.mutate(checked.body, {
        onSuccess: (created) => {
          announce(t('surveys.editor.created'));
          void navigate(`/surveys/${created.id}`, { replace: true });
        },
      });
    }
  };

  const unitOptions = (units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }));
  const text = (name: 'title' | 'commissionedByName', label: string) => (
    <TextField
      id={`survey-${name}`}
      label={label}
      value={form[name]}
      onChange={(event) => set({ [name]: event.target.value })}
      size="small"
      required
      error={Boolean(errorFor(name))}
      helperText={errorFor(name)}
      slotProps={{ htmlInput: { 'data-testid': `survey-${name}`, maxLength: 200 } }}
    />
  );
  const date = (name: 'periodFrom' | 'periodTo') => (
    <TextField
      id={`survey-${name}`}
      label={t(`surveys.editor.${name}`)}
      type="date"
      value={form[name]}
      onChange={(event) => set({ [name]: event.target.value })}
      size="small"
      required
      error={Boolean(errorFor(name))}
      helperText={errorFor(name)}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `survey-${name}` } }}
    />
  );

  return (
    <Stack spacing={2}>
      {survey ? <WorkflowBar survey={survey} dirty={dirty} announce={announce} /> : null}
      <Paper
        component="form"
        noValidate
        sx={{ p: 2 }}
        aria-labelledby="survey-editor-heading"
        data-testid="survey-editor"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save();
          }
        }}
      >
        <Stack spacing={2}>
          <Typography variant="subtitle1" component="h2">
            {t('surveys.editor.details')}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 1fr' }, gap: 2 }}>
            {text('title', t('surveys.editor.surveyTitle'))}
            {date('periodFrom')}
            {date('periodTo')}
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
            {text('commissionedByName', t('surveys.editor.commissionedByName'))}
            <NativeSelectField
              id="survey-commissionedByUnitId"
              label={t('surveys.editor.commissionedByUnit')}
              value={form.commissionedByUnitId}
              onChange={(commissionedByUnitId) => set({ commissionedByUnitId })}
              options={unitOptions}
              placeholder={units.isPending ? t('common.loading') : t('common.choose')}
              testId="survey-commissionedByUnitId"
              required
              error={errorFor('commissionedByUnitId')}
            />
          </Box>
          <TextField
            id="survey-description"
            label={t('surveys.editor.description')}
            value={form.description}
            onChange={(event) => set({ description: event.target.value })}
            size="small"
            multiline
            minRows={2}
            error={Boolean(errorFor('description'))}
            helperText={errorFor('description') ?? t('surveys.editor.descriptionHelp')}
            slotProps={{ htmlInput: { 'data-testid': 'survey-description', maxLength: 4000 } }}
          />
          <Typography variant="subtitle1" component="h2">
            {t('surveys.editor.questions')}
          </Typography>
          {editableQuestions ? (
            <QuestionBuilder
              questions={form.questions}
              onChange={(questions) => set({ questions })}
              errorFor={errorFor}
            />
          ) : (
            <QuestionsReadOnly survey={survey!} />
          )}
          {mutation.error && fieldErrorsOf(mutation.error).length === 0 ? (
            <ErrorAlert error={mutation.error} testId="survey-editor-error" />
          ) : null}
          {fields.length > 0 ? (
            <Alert severity="error" data-testid="survey-editor-invalid">
              {t('surveys.editor.invalid')}
            </Alert>
          ) : null}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button
              type="submit"
              variant="contained"
              startIcon={<SaveIcon />}
              disabled={mutation.isPending || (Boolean(survey) && !dirty)}
              aria-keyshortcuts="Control+Enter"
              data-testid="survey-save"
            >
              {mutation.isPending ? t('common.saving') : survey ? t('surveys.editor.save') : t('surveys.editor.create')}
            </Button>
            {dirty ? (
              <Typography variant="caption" color="text.secondary" data-testid="survey-dirty">
                {t('surveys.editor.unsaved')}
              </Typography>
            ) : null}
          </Stack>
        </Stack>
      </Paper>
    </Stack>
  );
}

export function SurveyEditorPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const creating = !id || id === 'new';
  const survey = useSurvey(creating ? null : id);
  // Here, not in the form: the form remounts with each saved version and would lose the message.
  const [announcement, setAnnouncement] = useState('');

  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' } }}>
        <Typography variant="h5" component="h1" id="survey-editor-heading" sx={{ flexGrow: 1 }}>
          {creating ? t('surveys.editor.newTitle') : (survey.data?.title ?? t('surveys.title'))}
        </Typography>
        <Button component={RouterLink} to="/surveys">
          {t('surveys.editor.backToList')}
        </Button>
      </Stack>
      {!creating && survey.data ? (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {t('surveys.editor.lastSaved', {
            when: formatDateTime(survey.data.updatedAt, i18n.language),
            who: survey.data.updatedByName ?? survey.data.createdByName ?? '—',
          })}
        </Typography>
      ) : null}
      <LiveRegion message={announcement} testId="survey-announcement" />
      {creating ? (
        <SurveyEditorForm announce={setAnnouncement} />
      ) : (
        <QueryState
          isPending={survey.isPending}
          error={survey.error}
          data={survey.data}
          onRetry={() => void survey.refetch()}
        >
          {(data) => (
            <SurveyEditorForm
              key={`${data.id}-${data.updatedAt}-${data.status}`}
              survey={data}
              announce={setAnnouncement}
            />
          )}
        </QueryState>
      )}
    </Box>
  );
}
