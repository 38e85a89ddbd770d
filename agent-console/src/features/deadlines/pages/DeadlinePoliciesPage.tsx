// "Terminy": the deadline policies a new ticket's due date is counted from (type, category, priority, channel ->
// working days or office hours). Analysts (DK-05) and admins add, change and deactivate them; nothing is deleted.
import { useState } from 'react';
import {
  Button,
  Chip,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import type { DeadlinePolicyDto } from '@kck/contracts';
import { entryLabelById, useDictionary } from '../../../api/dictionaries.api';
import { useDeadlinePolicies } from '../../../api/deadline-policies.api';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';
import { DeadlinePolicyDialog } from '../components/DeadlinePolicyDialog';

/** `null`: closed; `'new'`: adding; a policy: editing it. */
type DialogState = null | 'new' | DeadlinePolicyDto;

export function DeadlinePoliciesPage() {
  const { t, i18n } = useTranslation();
  const policies = useDeadlinePolicies();
  const categories = useDictionary('category');
  const [dialog, setDialog] = useState<DialogState>(null);
  const [announcement, setAnnouncement] = useState('');
  const lang = i18n.language;

  const categoryLabel = (policy: DeadlinePolicyDto) =>
    policy.categoryId
      ? entryLabelById(policy.categoryId, categories.data, lang, policy.categoryLabel)
      : t('deadlinePolicies.anyCategory');
  const length = (policy: DeadlinePolicyDto) =>
    policy.workingHours
      ? t('deadlinePolicies.hours', { count: policy.workingHours })
      : t('deadlinePolicies.days', { count: policy.workingDays ?? 0 });

  return (
    <Paper component="section" aria-labelledby="deadline-policies-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="deadline-policies-heading" sx={{ flexGrow: 1 }}>
          {t('deadlinePolicies.title')}
        </Typography>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setDialog('new')}
          data-testid="deadline-policy-add"
        >
          {t('deadlinePolicies.add')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('deadlinePolicies.intro')}
      </Typography>
      <LiveRegion message={announcement} />
      <QueryState
        isPending={policies.isPending}
        error={policies.error}
        data={policies.data}
        onRetry={() => void policies.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('common.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-label={t('deadlinePolicies.title')} data-testid="deadline-policies-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('deadlinePolicies.columns.type')}</TableCell>
                  <TableCell>{t('deadlinePolicies.columns.category')}</TableCell>
                  <TableCell>{t('deadlinePolicies.columns.priority')}</TableCell>
                  <TableCell>{t('deadlinePolicies.columns.channel')}</TableCell>
                  <TableCell>{t('deadlinePolicies.columns.length')}</TableCell>
                  <TableCell>{t('deadlinePolicies.columns.active')}</TableCell>
                  <TableCell>{t('deadlinePolicies.columns.changed')}</TableCell>
                  <TableCell>{t('deadlinePolicies.columns.actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((policy) => (
                  <TableRow
                    key={policy.id}
                    data-testid="deadline-policy-row"
                    data-policy-id={policy.id}
                    data-active={policy.active ? 'true' : 'false'}
                    sx={{ opacity: policy.active ? 1 : 0.6, verticalAlign: 'top' }}
                  >
                    <TableCell>{t(`ticketType.${policy.ticketType}`)}</TableCell>
                    <TableCell>
                      {categoryLabel(policy)}
                      {policy.note ? (
                        <Typography variant="caption" component="div" color="text.secondary">
                          {policy.note}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      {policy.priority ? t(`priority.${policy.priority}`) : t('deadlinePolicies.anyPriority')}
                    </TableCell>
                    <TableCell data-testid="deadline-policy-channel">
                      {policy.channel ? t(`channel.${policy.channel}`) : t('deadlinePolicies.anyChannel')}
                    </TableCell>
                    <TableCell data-testid="deadline-policy-length">{length(policy)}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={policy.active ? 'success' : 'default'}
                        label={policy.active ? t('deadlinePolicies.active') : t('deadlinePolicies.inactive')}
                      />
                    </TableCell>
                    <TableCell>
                      {/* Policies from the migration and the seed carry no stamp worth reading. */}
                      {policy.updatedByName ? (
                        <Typography variant="caption" component="div">
                          {t('deadlinePolicies.updatedBy', {
                            at: formatDateTime(policy.updatedAt, lang),
                            who: policy.updatedByName,
                          })}
                        </Typography>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    <TableCell>
                      <Button size="small" onClick={() => setDialog(policy)} data-testid="deadline-policy-edit">
                        {t('deadlinePolicies.edit')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
      {dialog ? (
        <DeadlinePolicyDialog
          key={dialog === 'new' ? 'new' : dialog.id}
          policy={dialog === 'new' ? null : dialog}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setAnnouncement(t('deadlinePolicies.saved'));
          }}
        />
      ) : null}
    </Paper>
  );
}
