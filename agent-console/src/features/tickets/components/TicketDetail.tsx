// Everything about one ticket on one card: number, status, deadline, responsible unit, the resident's
// report and the history. The actions (TicketActions) are passed in by the page that shows it.
import type { ReactNode } from 'react';
import { Box, Chip, Divider, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TicketDetailDto } from '@kck/contracts';
import { formatDateTime } from '../../../components/format';
import { DeliveryFailedNotice } from './DeliveryFailedNotice';
import { StatusChip } from './StatusChip';
import { IdeaStageChip } from './IdeaStageChip';
import { TicketRelations } from './TicketRelations';
import { TicketAttachments } from './TicketAttachments';
import { TicketHistory } from './TicketHistory';
import { TicketWorkspace } from '../../workspace/components/TicketWorkspace';
import { ResidentFeedbackPanel } from '../../public-status/components/ResidentFeedbackPanel';
import { TicketDeadlinePanel } from '../../deadlines/components/TicketDeadlinePanel';
import { MayorMatterPanel } from '../../mayor-matters/components/MayorMatterPanel';
import { CategoryAttributeAnswers } from '../../category-attributes/components/CategoryAttributeAnswers';
import { ReportersChip } from '../../duplicates/components/ReportersChip';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {children}
      </Typography>
    </Box>
  );
}

interface Props {
  ticket: TicketDetailDto;
  actions?: ReactNode;
}

export function TicketDetail({ ticket, actions }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const reporter = [ticket.reporter.name, ticket.reporter.phone, ticket.reporter.email].filter(Boolean).join(' · ');
  return (
    <Paper
      component="section"
      sx={{ p: 2 }}
      data-testid="ticket-detail"
      data-ticket-id={ticket.id}
      aria-labelledby="ticket-heading"
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h2" id="ticket-heading" data-testid="ticket-number">
          {ticket.number}
        </Typography>
        <StatusChip status={ticket.status} showCode />
        <IdeaStageChip ticket={ticket} />
        <Chip size="small" variant="outlined" label={t(`ticketType.${ticket.type}`)} />
        <Chip size="small" variant="outlined" label={t(`channel.${ticket.channel}`)} />
        <ReportersChip ticketId={ticket.id} />
      </Stack>
      <Typography variant="subtitle1" component="h3" sx={{ mt: 1, fontWeight: 600 }} data-testid="ticket-title">
        {ticket.title}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }} data-testid="ticket-description">
        {ticket.description}
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 1.5, my: 2 }}
      >
        <Field label={t('ticket.fields.categoryId')}>
          {ticket.categoryLabel}
          <LabelWhenWritten now={ticket.categoryLabel} then={ticket.labelsWhenWritten?.category} />
        </Field>
        <Field label={t('ticket.fields.districtId')}>
          {ticket.districtLabel ?? '—'}
          <LabelWhenWritten now={ticket.districtLabel} then={ticket.labelsWhenWritten?.district} />
        </Field>
        <Field label={t('ticket.fields.address')}>{ticket.address ?? '—'}</Field>
        <CategoryAttributeAnswers categoryId={ticket.categoryId} attributes={ticket.attributes} />
        <Field label={t('ticket.fields.unitId')}>
          <span data-testid="ticket-unit">
            {ticket.unitCode ? `${ticket.unitCode} — ${ticket.unitName ?? ''}` : '—'}
          </span>
        </Field>
        <Field label={t('ticket.fields.createdAt')}>{formatDateTime(ticket.createdAt, lang)}</Field>
        <Field label={t('ticket.fields.updatedAt')}>{formatDateTime(ticket.updatedAt, lang)}</Field>
        <Field label={t('ticket.fields.reporter')}>{reporter || '—'}</Field>
      </Box>
      {/* The one place for the due date: its state (overdue, due soon, paused), priority and escalation. */}
      {ticket.channel === 'mayor' ? <MayorMatterPanel ticketId={ticket.id} /> : null}
      <TicketDeadlinePanel ticket={ticket} />
      {/* Keyed by version: a half-typed note does not outlive the state it was written about. */}
      {ticket.deliveryFailed ? <DeliveryFailedNotice key={ticket.version} ticket={ticket} /> : null}
      <TicketRelations ticket={ticket} />
      {ticket.resolution ? (
        <Box sx={{ mb: 2 }}>
          <Typography variant="caption" color="text.secondary">
            {t('ticket.fields.resolution')}
          </Typography>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-resolution">
            {ticket.resolution}
          </Typography>
        </Box>
      ) : null}
      {ticket.closureReason ? (
        <Box sx={{ mb: 2 }}>
          <Typography variant="caption" color="text.secondary">
            {t('ticket.fields.closureReason')}
          </Typography>
          <Typography variant="body2" data-testid="ticket-closure-reason">
            {ticket.closureReason.label}
          </Typography>
        </Box>
      ) : null}
      <TicketAttachments ticketId={ticket.id} />
      <ResidentFeedbackPanel ticketId={ticket.id} />
      {/* The actions draw their own divider: whether there is anything to show depends on role and status. */}
      {actions}
      <TicketWorkspace ticket={ticket} />
      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {t('ticket.history')}
      </Typography>
      <TicketHistory events={ticket.events} />
    </Paper>
  );
}

/** The dictionaries' label on the day the ticket was written, when analysts have relabelled the entry since. */
function LabelWhenWritten({ now, then }: { now: string | null; then: string | null | undefined }) {
  const { t } = useTranslation();
  if (!then || then === now) return null;
  return (
    <Typography
      component="span"
      variant="caption"
      color="text.secondary"
      sx={{ display: 'block' }}
      data-testid="label-when-written"
    >
      {t('ticket.labelWhenWritten', { label: then })}
    </Typography>
  );
}
