// A ticket's status: a coloured chip in the UI language plus, where tests and power users need it,
// the raw status code (`routed`) as plain text.
import { Box, Chip, Stack, type ChipProps } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '@kck/contracts';

const COLOURS: Record<TicketStatus, ChipProps['color']> = {
  new: 'info',
  triage: 'warning',
  routed: 'primary',
  accepted: 'secondary',
  in_progress: 'secondary',
  resolved: 'success',
  closed: 'default',
  returned: 'warning',
  rejected: 'default',
  duplicate: 'default',
  reopened: 'error',
};

export function StatusChip({ status, showCode = false }: { status: TicketStatus; showCode?: boolean }) {
  const { t } = useTranslation();
  const chip = <Chip size="small" color={COLOURS[status]} label={t(`status.${status}`)} />;
  if (!showCode) return chip;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      {chip}
      <Box
        component="code"
        data-testid="ticket-status"
        data-status={status}
        sx={{ fontSize: 12, color: 'text.secondary', bgcolor: 'grey.100', px: 0.5, borderRadius: 0.5 }}
      >
        {status}
      </Box>
    </Stack>
  );
}
