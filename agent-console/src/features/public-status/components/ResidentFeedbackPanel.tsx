// On a ticket's detail (staff): what the reporter wrote on the status page or by e-mail, how they rated the answer,
// and the consent (its text's version) they gave the web form for their e-mail. Refreshed with the ticket's
// detail, so a resident's message or rating shows up live.
import { Box, Divider, Rating, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResidentFeedbackDto } from '@kck/contracts';
import { http } from '../../../api/http';
import { ticketKeys } from '../../../api/query-keys';
import { formatDateTime } from '../../../components/format';

export function ResidentFeedbackPanel({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const feedback = useQuery({
    // Under the detail's key: whatever refreshes the ticket (a socket message) refreshes this too.
    queryKey: [...ticketKeys.detail(ticketId), 'resident-feedback'],
    queryFn: ({ signal }) =>
      http.get<ResidentFeedbackDto>(
        `/api/tickets/${encodeURIComponent(ticketId)}/resident-feedback`,
        undefined,
        signal,
      ),
  });
  const data = feedback.data;
  if (!data || (data.messages.length === 0 && !data.rating && !data.consent)) return null;
  return (
    <>
      <Divider sx={{ my: 2 }} />
      <Box component="section" aria-labelledby={`resident-${ticketId}`} data-testid="resident-feedback">
        <Typography variant="subtitle2" component="h3" id={`resident-${ticketId}`} sx={{ mb: 1 }}>
          {t('residentFeedback.title')}
        </Typography>
        {data.rating ? (
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1 }} data-testid="resident-rating">
            <Typography variant="body2">{t('residentFeedback.rating')}</Typography>
            <Rating value={data.rating.score} readOnly size="small" aria-hidden />
            <Typography variant="body2">
              {t('residentFeedback.score', { score: data.rating.score })} ·{' '}
              {formatDateTime(data.rating.at, i18n.language)}
            </Typography>
            {data.rating.comment ? (
              <Typography variant="body2" sx={{ flexBasis: '100%', whiteSpace: 'pre-wrap' }}>
                „{data.rating.comment}”
              </Typography>
            ) : null}
          </Stack>
        ) : null}
        {data.messages.length > 0 ? (
          <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {data.messages.map((message) => (
              <Box
                component="li"
                key={message.id}
                sx={{ borderLeft: 4, borderColor: 'info.main', pl: 1.5 }}
                data-testid="resident-message"
              >
                <Typography variant="caption" color="text.secondary">
                  {formatDateTime(message.createdAt, i18n.language)}
                </Typography>
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {message.body}
                </Typography>
              </Box>
            ))}
          </Stack>
        ) : null}
        {data.consent ? (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            {t('residentFeedback.consent', {
              version: data.consent.version,
              at: formatDateTime(data.consent.at, i18n.language),
            })}
          </Typography>
        ) : null}
      </Box>
    </>
  );
}
