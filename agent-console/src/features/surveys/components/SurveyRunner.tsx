// Running a phone survey during a call, from the keyboard alone: pick one of today's surveys, read its introduction,
// record a decline or ask the questions one by one (arrows or Space choose, Enter goes on), check, save.
// The call screen mounts it with the call's id; every step is a labelled form a screen reader reads in Polish.
import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  checkSurveyAnswers,
  type RunnableSurveyDto,
  type SurveyAnswerProblem,
  type SurveyAnswerValue,
  type SurveyQuestionDto,
} from '@kck/contracts';
import { useRecordSurveyResponse, useRunnableSurveys } from '../../../api/surveys.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';
import '../i18n/register';

export interface SurveyRunnerProps {
  /** The call (interaction) the response belongs to: one of the signed-in agent's own. */
  callId: string;
  /** Put the focus in the runner at once (a page of its own); inside the call screen focus stays where it is. */
  autoFocus?: boolean;
}

type Stage =
  | { kind: 'pick' }
  | { kind: 'intro' }
  | { kind: 'question'; index: number }
  | { kind: 'summary' }
  | { kind: 'done'; declined: boolean };

type Answers = Record<string, SurveyAnswerValue>;

/** Enter goes on from any field of a step (radio, checkbox, text); buttons keep their own Enter, Shift+Enter a new line. */
function enterSubmits(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  if (target.tagName === 'BUTTON' || target.tagName === 'A') return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}

const isBlank = (value: SurveyAnswerValue | undefined) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function AnswerInput({
  question,
  value,
  onChange,
  describedBy,
}: {
  question: SurveyQuestionDto;
  value: SurveyAnswerValue | undefined;
  onChange: (value: SurveyAnswerValue) => void;
  describedBy: string;
}) {
  const { t } = useTranslation();
  const name = `survey-answer-${question.id}`;
  switch (question.kind) {
    case 'single_choice':
      return (
        <RadioGroup
          name={name}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        >
          {question.options.map((option) => (
            <FormControlLabel
              key={option.id}
              value={option.id}
              label={option.label}
              control={
                <Radio
                  slotProps={{
                    input: { 'data-testid': `survey-answer-${option.id}`, 'aria-describedby': describedBy } as object,
                  }}
                />
              }
            />
          ))}
        </RadioGroup>
      );
    case 'multiple_choice': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <FormGroup>
          {question.options.map((option) => (
            <FormControlLabel
              key={option.id}
              label={option.label}
              control={
                <Checkbox
                  name={name}
                  checked={chosen.includes(option.id)}
                  onChange={(e) =>
                    onChange(
                      e.target.checked
                        ? question.options.map((o) => o.id).filter((id) => id === option.id || chosen.includes(id))
                        : chosen.filter((id) => id !== option.id),
                    )
                  }
                  slotProps={{
                    input: { 'data-testid': `survey-answer-${option.id}`, 'aria-describedby': describedBy } as object,
                  }}
                />
              }
            />
          ))}
        </FormGroup>
      );
    }
    case 'scale': {
      const values = Array.from(
        { length: question.scaleMax! - question.scaleMin! + 1 },
        (_, i) => question.scaleMin! + i,
      );
      const label = (v: number) => {
        const meaning = v === question.scaleMin ? question.minLabel : v === question.scaleMax ? question.maxLabel : '';
        return meaning
          ? t('surveys.runner.scaleValueLabelled', { value: v, label: meaning })
          : t('surveys.runner.scaleValue', { value: v });
      };
      return (
        <RadioGroup
          row
          name={name}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) => onChange(Number(e.target.value))}
        >
          {values.map((v) => (
            <FormControlLabel
              key={v}
              value={String(v)}
              label={label(v)}
              control={
                <Radio
                  slotProps={{
                    input: { 'data-testid': `survey-answer-${v}`, 'aria-describedby': describedBy } as object,
                  }}
                />
              }
            />
          ))}
        </RadioGroup>
      );
    }
    case 'free_text':
      return (
        <TextField
          id={name}
          label={t('surveys.runner.textLabel')}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          multiline
          minRows={2}
          fullWidth
          size="small"
          slotProps={{
            htmlInput: { 'data-testid': 'survey-answer-text', maxLength: 2000, 'aria-describedby': describedBy },
          }}
        />
      );
  }
}

function formatAnswer(question: SurveyQuestionDto, value: SurveyAnswerValue | undefined): string | null {
  if (isBlank(value)) return null;
  if (question.kind === 'single_choice' || question.kind === 'multiple_choice') {
    const ids = Array.isArray(value) ? value : [String(value)];
    return ids.map((id) => question.options.find((o) => o.id === id)?.label ?? id).join(', ');
  }
  return String(value);
}

function Runner({ callId, autoFocus }: SurveyRunnerProps) {
  const { t } = useTranslation();
  const surveys = useRunnableSurveys(callId);
  const record = useRecordSurveyResponse();
  const [picked, setPicked] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [answers, setAnswers] = useState<Answers>({});
  const [problem, setProblem] = useState<SurveyAnswerProblem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const root = useRef<HTMLElement>(null);
  const focusNext = useRef(Boolean(autoFocus));
  const ids = useId();

  const available = (surveys.data ?? []).filter((s) => !s.responseForCall);
  const chosenId = picked || available[0]?.id || '';
  const survey: RunnableSurveyDto | undefined = surveys.data?.find((s) => s.id === chosenId);

  // Each step takes the focus where the agent goes on: the chosen or first answer, or the step's main button.
  // Not on the first render inside the call screen, where the agent may be typing elsewhere. In the same commit as
  // the step appears, so a key pressed at once already lands in it.
  useLayoutEffect(() => {
    if (!focusNext.current || !root.current) return;
    const step = root.current.querySelector('[data-step]');
    const target =
      step?.querySelector<HTMLElement>('[data-autofocus]') ??
      step?.querySelector<HTMLElement>('input:checked') ??
      step?.querySelector<HTMLElement>('input:not([disabled]), textarea');
    if (!target) return;
    target.focus();
    focusNext.current = false;
  }, [stage, surveys.data]);

  const go = (next: Stage) => {
    focusNext.current = true;
    setProblem(null);
    setStage(next);
  };

  const save = (declined: boolean) => {
    if (!survey || record.isPending) return;
    const body = declined
      ? { callId, declined: true, answers: [] }
      : {
          callId,
          declined: false,
          answers: survey.questions.map((q) => ({ questionId: q.id, value: answers[q.id] ?? null })),
        };
    if (!declined) {
      const { issues } = checkSurveyAnswers(survey.questions, body.answers);
      const first = issues[0];
      if (first) {
        const index = survey.questions.findIndex((q) => q.id === first.questionId);
        go({ kind: 'question', index: Math.max(0, index) });
        setProblem(first.problem);
        return;
      }
    }
    record.mutate(
      { surveyId: survey.id, body },
      {
        onSuccess: () => {
          setAnnouncement(t(declined ? 'surveys.runner.declinedSaved' : 'surveys.runner.saved'));
          go({ kind: 'done', declined });
        },
      },
    );
  };

  const headingId = `${ids}-heading`;
  const hintId = `${ids}-hint`;
  const errorId = `${ids}-error`;

  let body;
  if (stage.kind === 'pick' || !survey) {
    body = (
      <QueryState
        isPending={surveys.isPending}
        error={surveys.error}
        data={surveys.data}
        onRetry={() => void surveys.refetch()}
        isEmpty={(list) => list.length === 0}
        emptyText={t('surveys.runner.none')}
      >
        {(list) => (
          <Box
            component="form"
            data-step="pick"
            noValidate
            onKeyDown={enterSubmits}
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              if (!chosenId || !survey || survey.responseForCall) return;
              record.reset();
              setPicked(chosenId);
              setAnswers({});
              go({ kind: 'intro' });
            }}
          >
            <FormControl component="fieldset">
              <FormLabel component="legend">{t('surveys.runner.pick')}</FormLabel>
              <RadioGroup name={`survey-pick-${callId}`} value={chosenId} onChange={(e) => setPicked(e.target.value)}>
                {list.map((s) => (
                  <FormControlLabel
                    key={s.id}
                    value={s.id}
                    disabled={Boolean(s.responseForCall)}
                    label={
                      s.responseForCall
                        ? `${s.title} — ${t(s.responseForCall.declined ? 'surveys.runner.alreadyDeclined' : 'surveys.runner.alreadyAnswered')}`
                        : s.title
                    }
                    control={<Radio slotProps={{ input: { 'data-testid': `survey-pick-${s.id}` } as object }} />}
                  />
                ))}
              </RadioGroup>
            </FormControl>
            <Box sx={{ mt: 1 }}>
              <Button type="submit" variant="contained" disabled={!chosenId} data-testid="survey-runner-start">
                {t('surveys.runner.start')}
              </Button>
            </Box>
          </Box>
        )}
      </QueryState>
    );
  } else if (stage.kind === 'intro') {
    body = (
      <Box
        component="form"
        data-step="intro"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          go({ kind: 'question', index: 0 });
        }}
      >
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {survey.title}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p">
          {t('surveys.runner.commissionedBy', {
            name: survey.commissionedByName,
            unit: survey.commissionedByUnit.code,
          })}
        </Typography>
        {survey.description ? (
          <Box sx={{ my: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {t('surveys.runner.intro')}
            </Typography>
            <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }} data-testid="survey-runner-intro">
              {survey.description}
            </Typography>
          </Box>
        ) : null}
        <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1 }}>
          <Button type="submit" variant="contained" data-autofocus data-testid="survey-runner-agree">
            {t('surveys.runner.agree')}
          </Button>
          <Button
            variant="outlined"
            color="warning"
            disabled={record.isPending}
            onClick={() => save(true)}
            data-testid="survey-runner-decline"
          >
            {t('surveys.runner.decline')}
          </Button>
          <Button onClick={() => go({ kind: 'pick' })}>{t('surveys.runner.back')}</Button>
        </Stack>
        {record.error ? <ErrorAlert error={record.error} testId="survey-runner-error" /> : null}
      </Box>
    );
  } else if (stage.kind === 'question') {
    const question = survey.questions[stage.index]!;
    const total = survey.questions.length;
    const next = (event: FormEvent) => {
      event.preventDefault();
      const { issues } = checkSurveyAnswers(
        [question],
        [{ questionId: question.id, value: answers[question.id] ?? null }],
      );
      if (issues[0]) {
        setProblem(issues[0].problem);
        return;
      }
      go(stage.index + 1 < total ? { kind: 'question', index: stage.index + 1 } : { kind: 'summary' });
    };
    body = (
      <Box
        component="form"
        data-step="question"
        noValidate
        onKeyDown={enterSubmits}
        onSubmit={next}
        data-testid="survey-runner-question"
        data-kind={question.kind}
        data-position={question.position}
      >
        <FormControl component="fieldset" error={Boolean(problem)} fullWidth>
          <FormLabel component="legend" sx={{ color: 'text.primary', fontWeight: 600 }}>
            <Typography variant="caption" component="span" color="text.secondary" sx={{ display: 'block' }}>
              {t('surveys.runner.progress', { n: stage.index + 1, total })}
            </Typography>
            {question.text}{' '}
            <Typography variant="caption" component="span" color="text.secondary">
              {t(question.required ? 'surveys.runner.requiredMark' : 'surveys.runner.optionalMark')}
            </Typography>
          </FormLabel>
          <AnswerInput
            question={question}
            value={answers[question.id]}
            onChange={(value) => {
              setAnswers((current) => ({ ...current, [question.id]: value }));
              setProblem(null);
            }}
            describedBy={problem ? `${errorId} ${hintId}` : hintId}
          />
          {problem ? (
            <FormHelperText id={errorId} role="alert" data-testid="survey-runner-problem">
              {t(`surveys.runner.problems.${problem}`)}
            </FormHelperText>
          ) : null}
          <FormHelperText id={hintId} sx={{ color: 'text.secondary' }}>
            {t(question.kind === 'free_text' ? 'surveys.runner.textHint' : 'surveys.runner.keysHint')}
          </FormHelperText>
        </FormControl>
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <Button
            onClick={() => go(stage.index === 0 ? { kind: 'intro' } : { kind: 'question', index: stage.index - 1 })}
            data-testid="survey-runner-back"
          >
            {t('surveys.runner.back')}
          </Button>
          <Button type="submit" variant="contained" data-testid="survey-runner-next">
            {t('surveys.runner.next')}
          </Button>
        </Stack>
      </Box>
    );
  } else if (stage.kind === 'summary') {
    body = (
      <Box
        component="form"
        data-step="summary"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          save(false);
        }}
      >
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t('surveys.runner.summary')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('surveys.runner.summaryHint')}
        </Typography>
        <Box component="dl" sx={{ my: 1 }} data-testid="survey-runner-summary">
          {survey.questions.map((q) => (
            <Box key={q.id} sx={{ mb: 1 }}>
              <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
                {q.position}. {q.text}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ ml: 2, whiteSpace: 'pre-wrap' }}>
                {formatAnswer(q, answers[q.id]) ?? t('surveys.runner.noAnswer')}
              </Typography>
            </Box>
          ))}
        </Box>
        {record.error ? <ErrorAlert error={record.error} testId="survey-runner-error" /> : null}
        <Stack direction="row" spacing={1}>
          <Button onClick={() => go({ kind: 'question', index: survey.questions.length - 1 })}>
            {t('surveys.runner.back')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={record.isPending}
            data-autofocus
            data-testid="survey-runner-save"
          >
            {record.isPending ? t('surveys.runner.saving') : t('surveys.runner.save')}
          </Button>
        </Stack>
      </Box>
    );
  } else {
    body = (
      <Box data-step="done">
        <Typography
          variant="body1"
          component="p"
          tabIndex={-1}
          data-autofocus
          data-testid="survey-runner-done"
          data-declined={stage.declined ? 'true' : 'false'}
          sx={{ fontWeight: 600, outline: 'none' }}
        >
          {t(stage.declined ? 'surveys.runner.declinedSaved' : 'surveys.runner.saved')}
        </Typography>
        <Button
          sx={{ mt: 1 }}
          onClick={() => {
            setPicked('');
            go({ kind: 'pick' });
          }}
        >
          {t('surveys.runner.another')}
        </Button>
      </Box>
    );
  }

  return (
    <Paper
      component="section"
      ref={root}
      aria-labelledby={headingId}
      variant="outlined"
      sx={{ p: 2 }}
      data-testid="survey-runner"
      data-stage={stage.kind}
    >
      <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 1 }}>
        {t('surveys.runner.heading')}
      </Typography>
      <LiveRegion message={announcement} />
      {body}
    </Paper>
  );
}

/** A new call starts the runner afresh: nothing of another call's survey stays on screen. */
export function SurveyRunner(props: SurveyRunnerProps) {
  return <Runner key={props.callId} {...props} />;
}
