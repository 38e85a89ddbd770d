// "Reguły routingu": the rules that send new tickets to units, in their order. Admins add, edit, reorder,
// deactivate and reactivate them; DK-03 reads the same page to understand where a ticket went and why.
import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  IconButton,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { useTranslation } from 'react-i18next';
import type { RoutingRuleDto } from '@kck/contracts';
import { entryLabelById, useDictionary } from '../../../api/dictionaries.api';
import { useReorderRoutingRules, useRoutingRules, useSetRoutingRuleActive } from '../../../api/routing-rules.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';
import { useMe } from '../../auth/session';
import { RoutingRuleDialog } from '../components/RoutingRuleDialog';

/** `null`: closed; `'new'`: adding; a rule: editing it. */
type DialogState = null | 'new' | RoutingRuleDto;

export function RoutingRulesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const canEdit = me.role === 'admin';
  const rules = useRoutingRules();
  const categories = useDictionary('category');
  const districts = useDictionary('district');
  const reorder = useReorderRoutingRules();
  const setActive = useSetRoutingRuleActive();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [announcement, setAnnouncement] = useState('');
  const busy = reorder.isPending || setActive.isPending;
  const lang = i18n.language;

  // Labels in the console's language when the dictionary is loaded; the server's Polish label otherwise.
  const categoryLabel = (rule: RoutingRuleDto) =>
    entryLabelById(rule.categoryId, categories.data, lang, rule.categoryLabel);
  const districtLabel = (rule: RoutingRuleDto) =>
    entryLabelById(rule.districtId, districts.data, lang, rule.districtLabel);

  const move = (rows: readonly RoutingRuleDto[], index: number, by: -1 | 1) => {
    const rule = rows[index];
    const neighbour = rows[index + by];
    if (!rule || !neighbour) return;
    // The two rules swap places; every other rule keeps its own.
    const ids = by < 0 ? [rule.id, neighbour.id] : [neighbour.id, rule.id];
    reorder.mutate({ ids }, { onSuccess: () => setAnnouncement(t('routingRules.reordered')) });
  };

  const toggle = (rule: RoutingRuleDto) => {
    const active = !rule.active;
    setActive.mutate(
      { id: rule.id, active },
      {
        onSuccess: () =>
          setAnnouncement(
            t(active ? 'routingRules.activated' : 'routingRules.deactivated', { position: rule.position }),
          ),
      },
    );
  };

  return (
    <Paper component="section" aria-labelledby="routing-rules-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="routing-rules-heading" sx={{ flexGrow: 1 }}>
          {t('routingRules.title')}
          {rules.data ? ` (${rules.data.length})` : ''}
        </Typography>
        {canEdit ? (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setDialog('new')}
            data-testid="routing-rule-add"
          >
            {t('routingRules.add')}
          </Button>
        ) : null}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('routingRules.intro')}
      </Typography>
      {!canEdit ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('routingRules.readOnly')}
        </Alert>
      ) : null}
      <LiveRegion message={announcement} />
      {reorder.error ? <ErrorAlert error={reorder.error} /> : null}
      {setActive.error ? <ErrorAlert error={setActive.error} /> : null}
      <QueryState
        isPending={rules.isPending}
        error={rules.error}
        data={rules.data}
        onRetry={() => void rules.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('routingRules.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-label={t('routingRules.tableLabel')} data-testid="routing-rules-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('routingRules.columns.order')}</TableCell>
                  <TableCell>{t('routingRules.columns.category')}</TableCell>
                  <TableCell>{t('routingRules.columns.district')}</TableCell>
                  <TableCell>{t('routingRules.columns.keywords')}</TableCell>
                  <TableCell>{t('routingRules.columns.unit')}</TableCell>
                  <TableCell>{t('routingRules.columns.informed')}</TableCell>
                  <TableCell>{t('routingRules.columns.active')}</TableCell>
                  {canEdit ? <TableCell>{t('routingRules.columns.actions')}</TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((rule, index) => (
                  <TableRow
                    key={rule.id}
                    data-testid="routing-rule-row"
                    data-rule-id={rule.id}
                    data-active={rule.active ? 'true' : 'false'}
                    // Inactive rules are set apart by a background and the status column, never by fading the
                    // text: faded text fails WCAG's 4.5:1 contrast.
                    sx={{ bgcolor: rule.active ? undefined : 'action.hover', verticalAlign: 'top' }}
                  >
                    <TableCell>
                      <Typography variant="body2" sx={{ fontWeight: 600 }}>
                        {rule.position}
                      </Typography>
                      {rule.name ? (
                        <Typography variant="caption" component="div">
                          {rule.name}
                        </Typography>
                      ) : null}
                      {/* Rules nobody has edited yet (the seed's) carry no stamp worth reading. */}
                      {rule.updatedByName ? (
                        <Typography variant="caption" component="div" color="text.secondary">
                          {t('routingRules.updatedBy', {
                            at: formatDateTime(rule.updatedAt, lang),
                            who: rule.updatedByName,
                          })}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>{categoryLabel(rule)}</TableCell>
                    <TableCell>{rule.districtId ? districtLabel(rule) : t('routingRules.allDistricts')}</TableCell>
                    <TableCell>
                      {rule.keywords.length === 0 ? (
                        <Typography variant="body2" color="text.secondary">
                          {t('routingRules.anyText')}
                        </Typography>
                      ) : (
                        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
                          {rule.keywords.map((word) => (
                            <Chip key={word} label={word} size="small" variant="outlined" />
                          ))}
                        </Box>
                      )}
                    </TableCell>
                    <TableCell>
                      <Box component="span" title={rule.unitName} sx={{ fontWeight: 600 }}>
                        {rule.unitCode}
                      </Box>
                    </TableCell>
                    <TableCell>
                      {rule.informedUnits.length === 0
                        ? '—'
                        : rule.informedUnits.map((unit, i) => (
                            <Box key={unit.id} component="span" title={unit.name}>
                              {i > 0 ? ', ' : ''}
                              {unit.code}
                            </Box>
                          ))}
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={rule.active ? 'success' : 'default'}
                        label={rule.active ? t('routingRules.active') : t('routingRules.inactive')}
                      />
                    </TableCell>
                    {canEdit ? (
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <Tooltip title={t('routingRules.moveUp')}>
                          <span>
                            <IconButton
                              size="small"
                              aria-label={t('routingRules.moveUpRule', { position: rule.position })}
                              disabled={busy || index === 0}
                              onClick={() => move(rows, index, -1)}
                              data-testid="routing-rule-up"
                            >
                              <ArrowUpwardIcon fontSize="small" />
                            </IconButton>
                          </span>
                        </Tooltip>
                        <Tooltip title={t('routingRules.moveDown')}>
                          <span>
                            <IconButton
                              size="small"
                              aria-label={t('routingRules.moveDownRule', { position: rule.position })}
                              disabled={busy || index === rows.length - 1}
                              onClick={() => move(rows, index, 1)}
                              data-testid="routing-rule-down"
                            >
                              <ArrowDownwardIcon fontSize="small" />
                            </IconButton>
                          </span>
                        </Tooltip>
                        <Button size="small" onClick={() => setDialog(rule)} data-testid="routing-rule-edit">
                          {t('routingRules.edit')}
                        </Button>
                        <Button
                          size="small"
                          color={rule.active ? 'warning' : 'success'}
                          disabled={busy}
                          onClick={() => toggle(rule)}
                          data-testid="routing-rule-toggle"
                        >
                          {rule.active ? t('routingRules.deactivate') : t('routingRules.activate')}
                        </Button>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
      {dialog ? (
        <RoutingRuleDialog
          key={dialog === 'new' ? 'new' : dialog.id}
          rule={dialog === 'new' ? null : dialog}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setAnnouncement(t('routingRules.saved'));
          }}
        />
      ) : null}
    </Paper>
  );
}
