// The stage of an idea on its own path (Ocena, Przekazany, Przyjęty, Odrzucony), read from the
// contracts' lifecycle; nothing for problems and information requests.
import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ideaStage, type TicketDto } from '@kck/contracts';

const COLOURS = { assessment: 'warning', forwarded: 'primary', accepted: 'success', rejected: 'default' } as const;

export function IdeaStageChip({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const stage = ticket.type === 'idea' ? ideaStage(ticket.status, ticket.ideaDecision) : null;
  if (!stage) return null;
  return (
    <Chip
      size="small"
      color={COLOURS[stage]}
      label={t('ideas.stageLabel', { stage: t(`ideas.stage.${stage}`) })}
      data-testid="idea-stage"
      data-stage={stage}
    />
  );
}
