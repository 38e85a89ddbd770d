// The questions of a draft survey, in the order they are asked: each with its kind, text, whether it must be
// answered, and its options or scale; moved up and down, removed, added. Every control has a Polish label.
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  IconButton,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import { SURVEY_QUESTION_KINDS, type SurveyQuestionKind } from '@kck/contracts';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { emptyQuestion, type QuestionForm } from '../survey-form';
import '../i18n/register';

interface Props {
  questions: QuestionForm[];
  onChange: (questions: QuestionForm[]) => void;
  errorFor: (path: string, withItems?: boolean) => string | undefined;
}

function QuestionEditor({
  question,
  index,
  count,
  update,
  move,
  remove,
  errorFor,
}: {
  question: QuestionForm;
  index: number;
  count: number;
  update: (patch: Partial<QuestionForm>) => void;
  move: (by: -1 | 1) => void;
  remove: () => void;
  errorFor: Props['errorFor'];
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const id = `survey-q-${question.key}`;
  const path = `questions.${index}`;
  return (
    <Paper
      variant="outlined"
      component="fieldset"
      sx={{ p: 2, m: 0, minWidth: 0 }}
      data-testid="survey-question-editor"
      data-kind={question.kind}
    >
      <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
        {t('surveys.editor.question', { n })}
      </Typography>
      <Stack spacing={2}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 3fr auto' }, gap: 2 }}>
          <NativeSelectField
            id={`${id}-kind`}
            label={t('surveys.editor.questionKind')}
            value={question.kind}
            onChange={(kind) => update({ kind: kind as SurveyQuestionKind })}
            options={SURVEY_QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`surveys.kind.${kind}`) }))}
            testId="survey-question-kind"
            error={errorFor(`${path}.kind`)}
          />
          <TextField
            id={`${id}-text`}
            label={t('surveys.editor.questionText')}
            value={question.text}
            onChange={(event) => update({ text: event.target.value })}
            size="small"
            required
            error={Boolean(errorFor(`${path}.text`))}
            helperText={errorFor(`${path}.text`)}
            slotProps={{ htmlInput: { 'data-testid': 'survey-question-text', maxLength: 500 } }}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={question.required}
                onChange={(event) => update({ required: event.target.checked })}
                slotProps={{ input: { 'data-testid': 'survey-question-required' } as object }}
              />
            }
            label={t('surveys.editor.required')}
          />
        </Box>
        {question.kind === 'single_choice' || question.kind === 'multiple_choice' ? (
          <TextField
            id={`${id}-options`}
            label={t('surveys.editor.options')}
            value={question.options}
            onChange={(event) => update({ options: event.target.value })}
            size="small"
            multiline
            minRows={3}
            error={Boolean(errorFor(`${path}.options`, true))}
            helperText={errorFor(`${path}.options`, true) ?? t('surveys.editor.optionsHelp')}
            slotProps={{ htmlInput: { 'data-testid': 'survey-question-options' } }}
          />
        ) : null}
        {question.kind === 'scale' ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: '1fr 1fr 2fr 2fr' }, gap: 2 }}>
            {(['scaleMin', 'scaleMax'] as const).map((name) => (
              <TextField
                key={name}
                id={`${id}-${name}`}
                label={t(`surveys.editor.${name}`)}
                type="number"
                value={question[name]}
                onChange={(event) => update({ [name]: event.target.value })}
                size="small"
                error={Boolean(errorFor(`${path}.${name}`))}
                helperText={errorFor(`${path}.${name}`)}
                slotProps={{ htmlInput: { 'data-testid': `survey-question-${name}`, min: 0, max: 20, step: 1 } }}
              />
            ))}
            {(['minLabel', 'maxLabel'] as const).map((name) => (
              <TextField
                key={name}
                id={`${id}-${name}`}
                label={t(`surveys.editor.${name}`)}
                value={question[name]}
                onChange={(event) => update({ [name]: event.target.value })}
                size="small"
                error={Boolean(errorFor(`${path}.${name}`))}
                helperText={errorFor(`${path}.${name}`)}
                slotProps={{ htmlInput: { 'data-testid': `survey-question-${name}`, maxLength: 100 } }}
              />
            ))}
          </Box>
        ) : null}
        <Stack direction="row" spacing={1}>
          <IconButton aria-label={t('surveys.editor.moveUp', { n })} disabled={index === 0} onClick={() => move(-1)}>
            <ArrowUpwardIcon />
          </IconButton>
          <IconButton
            aria-label={t('surveys.editor.moveDown', { n })}
            disabled={index === count - 1}
            onClick={() => move(1)}
          >
            <ArrowDownwardIcon />
          </IconButton>
          <IconButton
            aria-label={t('surveys.editor.remove', { n })}
            onClick={remove}
            data-testid="survey-question-remove"
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      </Stack>
    </Paper>
  );
}

export function QuestionBuilder({ questions, onChange, errorFor }: Props) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<QuestionForm>) =>
    onChange(questions.map((q, i) => (i === index ? { ...q, ...patch } : q)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...questions];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  };
  return (
    <Stack spacing={2} data-testid="survey-question-builder">
      {questions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('surveys.editor.noQuestions')}
        </Typography>
      ) : null}
      {questions.map((question, index) => (
        <QuestionEditor
          key={question.key}
          question={question}
          index={index}
          count={questions.length}
          update={(patch) => update(index, patch)}
          move={(by) => move(index, by)}
          remove={() => onChange(questions.filter((_, i) => i !== index))}
          errorFor={errorFor}
        />
      ))}
      {errorFor('questions') ? (
        <Typography color="error" variant="body2">
          {errorFor('questions')}
        </Typography>
      ) : null}
      <Box>
        <Button
          startIcon={<AddIcon />}
          onClick={() => onChange([...questions, emptyQuestion()])}
          data-testid="survey-add-question"
        >
          {t('surveys.editor.addQuestion')}
        </Button>
      </Box>
    </Stack>
  );
}
