// What a ticket is related to, on its detail: the main ticket of a duplicate and the duplicates of a main
// ticket, related tickets (DK-03 may unlink them), the report a part came from and the parts of a split report.
import { Box, IconButton, Stack, Typography } from '@mui/material';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TicketDto, TicketRefDto, TicketRelationsDto } from '@kck/contracts';
import { useTicketRelations, useUnlinkTicket } from '../../../api/ticket-relations.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMe } from '../../auth/session';
import { StatusChip } from './StatusChip';

type Section = keyof TicketRelationsDto;
const SECTIONS: readonly Section[] = ['duplicateOf', 'duplicates', 'splitFrom', 'parts', 'links'];

function RefRow({ item, onUnlink }: { item: TicketRefDto; onUnlink?: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack
      component="li"
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center', flexWrap: 'wrap' }}
      data-testid="relation-item"
      data-number={item.number}
    >
      <RouterLink to={`/tickets/${item.id}`}>{item.number}</RouterLink>
      <Typography variant="body2">{item.title}</Typography>
      <StatusChip status={item.status} />
      {item.unitCode ? (
        <Typography variant="caption" color="text.secondary">
          {item.unitCode}
        </Typography>
      ) : null}
      {onUnlink ? (
        <IconButton
          size="small"
          onClick={onUnlink}
          aria-label={t('relations.unlink', { number: item.number })}
          data-testid="relation-unlink"
        >
          <LinkOffIcon fontSize="small" />
        </IconButton>
      ) : null}
    </Stack>
  );
}

export function TicketRelations({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const relations = useTicketRelations(ticket.id);
  const unlink = useUnlinkTicket(ticket.id);
  const data = relations.data;
  if (!data) return null;
  const canUnlink = me.role === 'triage' || me.role === 'admin';
  const items = (section: Section): TicketRefDto[] => {
    const value = data[section];
    return Array.isArray(value) ? value : value ? [value] : [];
  };
  const shown = SECTIONS.filter((section) => items(section).length > 0);
  if (shown.length === 0 && !unlink.isError) return null;
  return (
    <Box component="section" aria-labelledby={`relations-${ticket.id}`} sx={{ mb: 2 }} data-testid="ticket-relations">
      <Typography variant="subtitle2" component="h3" id={`relations-${ticket.id}`} sx={{ mb: 0.5 }}>
        {t('relations.title')}
      </Typography>
      {shown.map((section) => (
        <Box key={section} sx={{ mb: 1 }} data-testid={`relation-${section}`}>
          <Typography variant="caption" color="text.secondary">
            {t(`relations.${section}`)}
          </Typography>
          <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
            {items(section).map((item) => (
              <RefRow
                key={item.id}
                item={item}
                onUnlink={
                  section === 'links' && canUnlink
                    ? () => unlink.mutate({ otherId: item.id, version: ticket.version })
                    : undefined
                }
              />
            ))}
          </Stack>
        </Box>
      ))}
      {unlink.isError ? <ErrorAlert error={unlink.error} testId="relation-error" /> : null}
    </Box>
  );
}
