// The change history of one entry or of a whole dictionary, newest first: what was done, when, by whom and why,
// and each changed field before and after.
import { useId } from 'react';
import {
  Box,
  Chip,
  Divider,
  Drawer,
  IconButton,
  List,
  ListItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { useTranslation } from 'react-i18next';
import type { DictionaryEntryDto, DictionaryEntryStateDto, DictionaryCode } from '@kck/contracts';
import { useDictionaryHistory } from '../../../api/dictionary-admin.api';
import { formatDateTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { changedFields, type HistoryField } from '../dictionary-view';

interface Props {
  dictionary: DictionaryCode;
  /** null: the whole dictionary's history. */
  entry: DictionaryEntryDto | null;
  /** To show a parent by its code rather than its id. */
  entries: readonly DictionaryEntryDto[];
  onClose: () => void;
}

export function HistoryDrawer({ dictionary, entry, entries, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const history = useDictionaryHistory(dictionary, entry?.id ?? null, true);
  const codeOf = (id: string) => entries.find((e) => e.id === id)?.code ?? id;
  const show = (field: HistoryField, state: DictionaryEntryStateDto | null) => {
    const value = state?.[field];
    if (value === null || value === undefined || value === '') return t('dictionaries.historyDrawer.none');
    if (typeof value === 'boolean')
      return t(value ? 'dictionaries.historyDrawer.yes' : 'dictionaries.historyDrawer.no');
    if (field === 'parentId') return codeOf(String(value));
    return String(value);
  };

  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      slotProps={{ paper: { sx: { width: { xs: '100%', md: 560 } }, role: 'dialog', 'aria-labelledby': titleId } }}
      data-testid="dictionary-history"
    >
      <Box sx={{ display: 'flex', alignItems: 'center', p: 2, gap: 1 }}>
        <Typography variant="h6" component="h2" id={titleId} sx={{ flexGrow: 1 }}>
          {entry
            ? t('dictionaries.historyDrawer.titleEntry', { code: entry.street ? entry.labelPl : entry.code })
            : t('dictionaries.historyDrawer.titleDictionary', { dictionary: t(`dictionaries.names.${dictionary}`) })}
        </Typography>
        <IconButton
          onClick={onClose}
          aria-label={t('dictionaries.historyDrawer.close')}
          data-testid="dictionary-history-close"
        >
          <CloseIcon />
        </IconButton>
      </Box>
      <Divider />
      <Box sx={{ p: 2 }}>
        <QueryState
          isPending={history.isPending}
          error={history.error}
          data={history.data}
          isEmpty={(data) => data.length === 0}
          emptyText={t('dictionaries.historyDrawer.empty')}
          onRetry={() => void history.refetch()}
        >
          {(versions) => (
            <List disablePadding>
              {versions.map((version) => {
                const fields = changedFields(version.before, version.after);
                return (
                  <ListItem
                    key={version.id}
                    disableGutters
                    divider
                    sx={{ display: 'block' }}
                    data-testid="dictionary-version"
                    data-action={version.action}
                    data-version={version.version}
                  >
                    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
                      <Chip size="small" label={t(`dictionaries.historyDrawer.actions.${version.action}`)} />
                      {entry ? null : (
                        <Typography component="span" sx={{ fontFamily: 'monospace' }}>
                          {version.after.street ? version.after.labelPl : version.code}
                        </Typography>
                      )}
                      <Typography component="span" variant="body2">
                        v{version.version} · {formatDateTime(version.changedAt, i18n.language)} ·{' '}
                        {version.changedBy?.displayName ?? t('dictionaries.historyDrawer.system')}
                      </Typography>
                    </Box>
                    {version.note ? (
                      <Typography
                        variant="body2"
                        sx={{ fontStyle: 'italic', mb: 1 }}
                        data-testid="dictionary-version-note"
                      >
                        {version.note}
                      </Typography>
                    ) : null}
                    {version.before ? null : (
                      <Typography variant="body2" color="text.secondary">
                        {t('dictionaries.historyDrawer.created')}
                      </Typography>
                    )}
                    <Table size="small" aria-label={t(`dictionaries.historyDrawer.actions.${version.action}`)}>
                      <TableHead>
                        <TableRow>
                          <TableCell>{t('dictionaries.historyDrawer.field')}</TableCell>
                          {version.before ? <TableCell>{t('dictionaries.historyDrawer.before')}</TableCell> : null}
                          <TableCell>{t('dictionaries.historyDrawer.after')}</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {fields.map((field) => (
                          <TableRow key={field} data-testid="dictionary-version-change" data-field={field}>
                            <TableCell component="th" scope="row">
                              {t(`dictionaries.historyDrawer.fields.${field}`)}
                            </TableCell>
                            {version.before ? (
                              <TableCell data-testid="dictionary-version-before">
                                {show(field, version.before)}
                              </TableCell>
                            ) : null}
                            <TableCell data-testid="dictionary-version-after">{show(field, version.after)}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </ListItem>
                );
              })}
            </List>
          )}
        </QueryState>
      </Box>
    </Drawer>
  );
}
