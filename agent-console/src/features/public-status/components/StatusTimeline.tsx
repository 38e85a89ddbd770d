// The public timeline as an ordered list: when, what happened in the resident's words, the unit by its name, and
// the unit's answers set apart. New steps are announced (the page asks the server again every 20 seconds).
import { Box, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PublicTimelineEntryDto } from '@kck/contracts';
import { formatDateTime } from '../../../components/format';

const SPOKEN_BY_UNIT = new Set(['answer', 'resolved', 'idea_decided', 'rejected', 'question']);

export function StatusTimeline({ steps }: { steps: readonly PublicTimelineEntryDto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="status-timeline">
      {steps.map((step) => {
        const fromUnit = SPOKEN_BY_UNIT.has(step.kind) && step.text;
        const title = t(`public.timeline.${step.kind}`, {
          unit: step.unitName ?? t('public.status.unitUnknown'),
          decision: step.decision ? t(`public.timeline.decision.${step.decision}`) : '',
          numbers: step.numbers.join(', '),
          score: step.score ?? '',
          name: step.fileName ?? '',
        });
        return (
          <Box
            component="li"
            key={step.seq}
            data-testid="timeline-step"
            data-kind={step.kind}
            sx={{ position: 'relative', pl: 3, pb: 2, borderLeft: 2, borderColor: 'divider', ml: 1 }}
          >
            <Box
              aria-hidden
              sx={{
                position: 'absolute',
                left: -7,
                top: 4,
                width: 12,
                height: 12,
                borderRadius: '50%',
                bgcolor: fromUnit ? 'primary.main' : 'grey.500',
              }}
            />
            <Typography variant="body2" color="text.secondary">
              <time dateTime={step.at}>{formatDateTime(step.at, i18n.language)}</time>
            </Typography>
            <Typography component="p" sx={{ fontWeight: 600 }}>
              {title}
            </Typography>
            {step.text ? (
              fromUnit ? (
                <Paper
                  variant="outlined"
                  sx={{ p: 1.5, mt: 0.5, bgcolor: 'grey.50', borderLeft: 4, borderLeftColor: 'primary.main' }}
                  data-testid="timeline-answer"
                >
                  <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                    {step.text}
                  </Typography>
                </Paper>
              ) : (
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }} data-testid="timeline-text">
                  {step.text}
                </Typography>
              )
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
