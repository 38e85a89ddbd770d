// What the resident can do on the status page: write to the unit (text, photos or both), rate the answer once,
// and, for a set number of days after it, say the matter is not solved. Each form says what happened, aloud too.
import { useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PublicTicketStatusDto } from '@kck/contracts';
import { isApiError } from '../../../api/http';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { PhotoPicker, type PhotoItem } from '../../public-report/components/PhotoPicker';
import { retryAfterOf, useNotSolved, useRate, useSendMessage } from '../../public-report/public-api';
import { newSubmissionId } from '../../public-report/report-form';

interface ActionProps {
  status: PublicTicketStatusDto;
  ref_: string;
  token: string;
}

function useFailureText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!isApiError(error)) return t('public.errors.generic');
    if (error.status === 429)
      return t('public.errors.tooMany', { minutes: Math.max(1, Math.ceil((retryAfterOf(error) ?? 60) / 60)) });
    if (error.status === 409) return t('public.status.notNow');
    if (error.code === 'network') return t('public.errors.network');
    return t('public.errors.generic');
  };
}

export function MessageForm({ status, ref_, token }: ActionProps) {
  const { t } = useTranslation();
  const failureText = useFailureText();
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const send = useSendMessage(ref_, token);
  const photoIds = photos.filter((p) => p.state === 'ready' && p.photo).map((p) => p.photo!.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() && photoIds.length === 0) {
      setError(t('public.message.empty'));
      field.current?.focus();
      return;
    }
    setError(undefined);
    send.mutate(
      { submissionId, text: text.trim(), photoIds },
      {
        onSuccess: () => {
          setText('');
          setPhotos([]);
          setSubmissionId(newSubmissionId());
          setSent(t('public.message.sent'));
        },
        onError: (err) => {
          setError(isApiError(err) && err.fieldMessage('text') ? t('public.message.empty') : failureText(err));
          field.current?.focus();
        },
      },
    );
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="status-message-heading">
      <Box component="form" noValidate onSubmit={submit} data-testid="status-message-form">
        <Typography variant="h6" component="h2" id="status-message-heading">
          {t('public.message.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {t('public.message.help')}
        </Typography>
        <Stack spacing={2}>
          <TextField
            inputRef={field}
            id="status-message-text"
            label={t('public.message.label')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            multiline
            minRows={3}
            fullWidth
            error={Boolean(error)}
            helperText={error}
            slotProps={{ htmlInput: { maxLength: 5000, 'data-testid': 'status-message-text' } }}
          />
          <PhotoPicker
            submissionId={submissionId}
            maxPhotos={status.maxPhotos}
            maxBytes={status.photoMaxBytes}
            photos={photos}
            onChange={setPhotos}
            testIdPrefix="status"
          />
          <Box>
            <Button
              type="submit"
              variant="contained"
              disabled={send.isPending || photos.some((p) => p.state === 'uploading')}
              data-testid="status-message-send"
            >
              {t('public.message.send')}
            </Button>
          </Box>
        </Stack>
        {sent ? (
          <Alert severity="success" sx={{ mt: 2 }} data-testid="status-message-sent">
            {sent}
          </Alert>
        ) : null}
      </Box>
      <LiveRegion message={sent} />
    </Paper>
  );
}

export function RatingForm({ status, ref_, token }: ActionProps) {
  const { t } = useTranslation();
  const failureText = useFailureText();
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const rate = useRate(ref_, token);

  if (status.rating)
    return (
      <Paper variant="outlined" sx={{ p: 2 }} data-testid="status-rating-given">
        <Typography variant="h6" component="h2">
          {t('public.rating.title')}
        </Typography>
        <Typography>{t('public.rating.given', { score: status.rating.score })}</Typography>
        {status.rating.comment ? <Typography variant="body2">{status.rating.comment}</Typography> : null}
      </Paper>
    );
  if (!status.canRate) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!score) {
      setError(t('public.rating.choose'));
      document.getElementById('status-rating-1')?.focus();
      return;
    }
    rate.mutate(
      { score: Number(score), ...(comment.trim() ? { comment: comment.trim() } : {}) },
      { onError: (err) => setError(failureText(err)) },
    );
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="status-rating-heading">
      <Box component="form" noValidate onSubmit={submit} data-testid="status-rating-form">
        <Typography variant="h6" component="h2" id="status-rating-heading">
          {t('public.rating.title')}
        </Typography>
        <FormControl component="fieldset" error={Boolean(error)} sx={{ mt: 1 }}>
          <FormLabel component="legend">{t('public.rating.question')}</FormLabel>
          <RadioGroup row name="score" value={score} onChange={(event) => setScore(event.target.value)}>
            {[1, 2, 3, 4, 5].map((value) => (
              <FormControlLabel
                key={value}
                value={String(value)}
                control={
                  <Radio
                    slotProps={{
                      input: { id: `status-rating-${value}`, 'data-testid': `status-rating-${value}` } as object,
                    }}
                  />
                }
                label={t(`public.rating.scale.${value}`)}
              />
            ))}
          </RadioGroup>
          {error ? (
            <Typography color="error" variant="body2" role="alert">
              {error}
            </Typography>
          ) : null}
        </FormControl>
        <TextField
          label={t('public.rating.comment')}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          fullWidth
          multiline
          minRows={2}
          sx={{ my: 1.5 }}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
        />
        <Button type="submit" variant="contained" disabled={rate.isPending} data-testid="status-rating-send">
          {t('public.rating.send')}
        </Button>
      </Box>
    </Paper>
  );
}

export function NotSolvedForm({ status, ref_, token }: ActionProps) {
  const { t, i18n } = useTranslation();
  const failureText = useFailureText();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const field = useRef<HTMLTextAreaElement>(null);
  const reopen = useNotSolved(ref_, token);
  if (!status.canReopen || !status.reopenUntil) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 10) {
      setError(t('public.notSolved.tooShort'));
      field.current?.focus();
      return;
    }
    reopen.mutate({ reason: reason.trim() }, { onError: (err) => setError(failureText(err)) });
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="status-reopen-heading">
      <Box component="form" noValidate onSubmit={submit} data-testid="status-reopen-form">
        <Typography variant="h6" component="h2" id="status-reopen-heading">
          {t('public.notSolved.title')}
        </Typography>
        <Typography variant="body2" sx={{ mb: 1.5 }}>
          {t('public.notSolved.help', { until: formatDateTime(status.reopenUntil, i18n.language) })}
        </Typography>
        <TextField
          inputRef={field}
          label={t('public.notSolved.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          fullWidth
          multiline
          minRows={3}
          required
          error={Boolean(error)}
          helperText={error}
          slotProps={{ htmlInput: { maxLength: 5000, 'data-testid': 'status-reopen-reason' } }}
        />
        <Button
          type="submit"
          variant="outlined"
          color="warning"
          sx={{ mt: 1.5 }}
          disabled={reopen.isPending}
          data-testid="status-reopen-send"
        >
          {t('public.notSolved.send')}
        </Button>
      </Box>
    </Paper>
  );
}
