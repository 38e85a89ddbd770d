// "Słowniki": the central dictionaries for analysts (DK-05, who run them) and admins. Pick a dictionary, see its
// entries (categories as a tree), filter them, edit, deactivate or bring back an entry, read the history, import
// and export CSV. Streets come from the street register import; here each one is renamed, moved to another district,
// given validity dates, deactivated or brought back, with its history.
import '../i18n/register';
import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
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
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  DICTIONARY_CODES,
  FIXED_CODE_DICTIONARIES,
  type DictionaryCode,
  type DictionaryEntryDto,
  type EntryDictionaryCode,
} from '@kck/contracts';
import { dictionaryExportUrl, useDictionaryEntries } from '../../../api/dictionary-admin.api';
import { formatDay } from '../../../components/format';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { ActivationDialog } from '../components/ActivationDialog';
import { EntryDialog } from '../components/EntryDialog';
import { HistoryDrawer } from '../components/HistoryDrawer';
import { ImportDialog } from '../components/ImportDialog';
import { StreetDialog } from '../components/StreetDialog';
import { entryState, treeRows, visibleRows, warsawToday, type ShowFilter } from '../dictionary-view';

/** Streets run into thousands; the table shows this many and asks for a narrower search. */
const MAX_ROWS = 300;

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; entry: DictionaryEntryDto }
  | { kind: 'activation'; entry: DictionaryEntryDto }
  | { kind: 'history'; entry: DictionaryEntryDto | null }
  | { kind: 'import' }
  | null;

const stateColor = { active: 'success', inactive: 'default', notYetValid: 'info', expired: 'warning' } as const;

export function DictionariesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [code, setCode] = useState<DictionaryCode>('category');
  const [show, setShow] = useState<ShowFilter>('active');
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const entries = useDictionaryEntries(code);
  // A street's parent is its district: the edit dialog offers them and the history names them.
  const districts = useDictionaryEntries('district');
  const today = warsawToday();
  const isStreet = code === 'street';
  /** Dictionaries whose entries are added and imported here (streets come from the street register import). */
  const editable: EntryDictionaryCode | null = isStreet ? null : code;
  const fixed = FIXED_CODE_DICTIONARIES.includes(code);
  const rows = useMemo(() => treeRows(entries.data ?? []), [entries.data]);
  const shown = useMemo(() => visibleRows(rows, show, search, today), [rows, show, search, today]);
  const groups = useMemo(
    () => (code === 'category' ? (entries.data ?? []).filter((e) => !e.parentId && e.active) : []),
    [code, entries.data],
  );

  const validity = (entry: DictionaryEntryDto) => {
    const from = formatDay(entry.validFrom, lang);
    const to = formatDay(entry.validTo, lang);
    if (entry.validFrom && entry.validTo) return t('dictionaries.validity.range', { from, to });
    if (entry.validFrom) return t('dictionaries.validity.from', { from });
    if (entry.validTo) return t('dictionaries.validity.to', { to });
    return t('dictionaries.validity.always');
  };

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h5" component="h1">
        {t('dictionaries.title')}
      </Typography>
      <Typography color="text.secondary">{t('dictionaries.intro')}</Typography>

      <Paper component="section" aria-labelledby="dictionaries-heading" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" id="dictionaries-heading" sx={{ mb: 2 }}>
          {t(`dictionaries.names.${code}`)}
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { md: 'center' } }}>
          <NativeSelectField
            id="dictionaries-pick"
            label={t('dictionaries.pick')}
            value={code}
            options={DICTIONARY_CODES.map((value) => ({ value, label: t(`dictionaries.names.${value}`) }))}
            onChange={(value) => {
              setCode(value as DictionaryCode);
              setSearch('');
            }}
            testId="dictionaries-pick"
          />
          <NativeSelectField
            id="dictionaries-show"
            label={t('dictionaries.statusFilter')}
            value={show}
            options={(['active', 'inactive', 'all'] as const).map((value) => ({
              value,
              label: t(`dictionaries.show.${value}`),
            }))}
            onChange={(value) => setShow(value as ShowFilter)}
            testId="dictionaries-show"
          />
          <TextField
            id="dictionaries-search"
            label={t('dictionaries.search')}
            size="small"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            sx={{ minWidth: 260 }}
            slotProps={{ htmlInput: { 'data-testid': 'dictionaries-search' } }}
          />
        </Stack>
        <Stack direction="row" spacing={1} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
          {editable && !fixed ? (
            <Button variant="contained" onClick={() => setOpen({ kind: 'create' })} data-testid="dictionaries-add">
              {t('dictionaries.add')}
            </Button>
          ) : null}
          {editable ? (
            <Button variant="outlined" onClick={() => setOpen({ kind: 'import' })} data-testid="dictionaries-import">
              {t('dictionaries.import')}
            </Button>
          ) : null}
          <Button variant="outlined" component="a" href={dictionaryExportUrl(code)} data-testid="dictionaries-export">
            {t('dictionaries.export')}
          </Button>
          <Button onClick={() => setOpen({ kind: 'history', entry: null })} data-testid="dictionaries-history">
            {t('dictionaries.dictionaryHistory')}
          </Button>
        </Stack>
        {fixed ? (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('dictionaries.fixedCodes')}
          </Alert>
        ) : null}
        {editable ? null : (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('dictionaries.streetsFromRegister')}
          </Alert>
        )}
        <QueryState
          isPending={entries.isPending}
          error={entries.error}
          data={entries.data}
          isEmpty={() => shown.length === 0}
          emptyText={t('dictionaries.empty')}
          onRetry={() => void entries.refetch()}
        >
          {() => (
            <TableContainer>
              <Table size="small" aria-labelledby="dictionaries-heading" data-testid="dictionaries-table">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('dictionaries.columns.code')}</TableCell>
                    <TableCell>{t('dictionaries.columns.labelPl')}</TableCell>
                    <TableCell>{t('dictionaries.columns.labelEn')}</TableCell>
                    <TableCell>{t('dictionaries.columns.validity')}</TableCell>
                    <TableCell>{t('dictionaries.columns.status')}</TableCell>
                    <TableCell>{t('dictionaries.columns.version')}</TableCell>
                    <TableCell>{t('dictionaries.columns.actions')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {shown.slice(0, MAX_ROWS).map(({ entry, depth }) => {
                    const state = entryState(entry, today);
                    return (
                      <TableRow
                        key={entry.id}
                        data-testid="dictionary-row"
                        data-code={entry.code}
                        data-state={state}
                        data-version={entry.version}
                      >
                        <TableCell sx={{ fontFamily: 'monospace', pl: 2 + depth * 3 }}>{entry.code}</TableCell>
                        <TableCell
                          component="th"
                          scope="row"
                          sx={{ pl: 2 + depth * 3 }}
                          data-testid="dictionary-row-label-pl"
                        >
                          {depth > 0 ? <span aria-hidden="true">└ </span> : null}
                          {entry.labelPl}
                        </TableCell>
                        <TableCell lang="en">{entry.labelEn}</TableCell>
                        <TableCell>{validity(entry)}</TableCell>
                        <TableCell>
                          <Chip size="small" color={stateColor[state]} label={t(`dictionaries.status.${state}`)} />
                        </TableCell>
                        <TableCell>{entry.version}</TableCell>
                        <TableCell>
                          <Stack
                            direction="row"
                            spacing={1}
                            role="group"
                            aria-label={t('dictionaries.entryActions', {
                              code: isStreet ? entry.labelPl : entry.code,
                            })}
                          >
                            <Button
                              size="small"
                              onClick={() => setOpen({ kind: 'edit', entry })}
                              data-testid="dictionary-row-edit"
                            >
                              {t('dictionaries.edit')}
                            </Button>
                            {fixed ? null : (
                              <Button
                                size="small"
                                color={entry.active ? 'warning' : 'primary'}
                                onClick={() => setOpen({ kind: 'activation', entry })}
                                data-testid="dictionary-row-activation"
                              >
                                {entry.active ? t('dictionaries.deactivate') : t('dictionaries.reactivate')}
                              </Button>
                            )}
                            <Button
                              size="small"
                              onClick={() => setOpen({ kind: 'history', entry })}
                              data-testid="dictionary-row-history"
                            >
                              {t('dictionaries.history')}
                            </Button>
                          </Stack>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              {shown.length > MAX_ROWS ? (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  {t('dictionaries.shown', { shown: MAX_ROWS, total: shown.length })}
                </Typography>
              ) : null}
            </TableContainer>
          )}
        </QueryState>
      </Paper>

      {editable && open?.kind === 'create' ? (
        <EntryDialog dictionary={editable} entry={null} groups={groups} onClose={() => setOpen(null)} />
      ) : null}
      {editable && open?.kind === 'edit' ? (
        <EntryDialog
          dictionary={editable}
          entry={open.entry}
          // A group with its own categories stays a group; only leaves and flat entries may move.
          groups={rows.some((r) => r.entry.parentId === open.entry.id) ? [] : groups}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {isStreet && open?.kind === 'edit' ? (
        <StreetDialog
          entry={open.entry}
          districts={(districts.data ?? []).filter((d) => d.active || d.id === open.entry.parentId)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open?.kind === 'activation' ? (
        <ActivationDialog dictionary={code} entry={open.entry} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === 'history' ? (
        <HistoryDrawer
          dictionary={code}
          entry={open.entry}
          entries={isStreet ? [...(entries.data ?? []), ...(districts.data ?? [])] : (entries.data ?? [])}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {editable && open?.kind === 'import' ? (
        <ImportDialog dictionary={editable} onClose={() => setOpen(null)} />
      ) : null}
    </Box>
  );
}
