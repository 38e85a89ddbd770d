// The retention table, edited as a whole: months, active and a note per rule, rules added for a channel and/or a
// category and removed; saved in one PUT (the server keeps the three defaults and refuses a duplicate scope).
import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Paper,
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
import { CHANNELS, type Channel, type RetentionPolicyInput } from '@kck/contracts';
import { entryLabel, useDictionary } from '../../../api/dictionaries.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { visuallyHidden } from '../../../components/visually-hidden';
import { useRetentionPolicies, useSaveRetentionPolicies } from '../privacy.api';

type Row = RetentionPolicyInput & { key: string; categoryLabel: string | null };

export function RetentionPolicies() {
  const { t, i18n } = useTranslation();
  const policies = useRetentionPolicies();
  const save = useSaveRetentionPolicies();
  const categories = useDictionary('category');
  const [rows, setRows] = useState<Row[] | undefined>(undefined);
  const [newChannel, setNewChannel] = useState('');
  const [newCategory, setNewCategory] = useState('');

  useEffect(() => {
    if (policies.data)
      setRows(
        policies.data.map((p) => ({
          key: p.id,
          subject: p.subject,
          channel: p.channel,
          categoryId: p.categoryId,
          categoryLabel: p.categoryLabel,
          months: p.months,
          active: p.active,
          note: p.note ?? null,
        })),
      );
  }, [policies.data]);

  const update = (key: string, change: Partial<Row>) =>
    setRows((current) => current?.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const add = () => {
    if (!newChannel && !newCategory) return;
    const category = categories.data?.find((c) => c.id === newCategory);
    setRows((current) => [
      ...(current ?? []),
      {
        key: `new-${Date.now()}`,
        subject: 'ticket',
        channel: (newChannel || null) as Channel | null,
        categoryId: newCategory || null,
        categoryLabel: category ? entryLabel(category, categories.data ?? [], i18n.language) : null,
        months: 60,
        active: true,
        note: null,
      },
    ]);
    setNewChannel('');
    setNewCategory('');
  };

  const submit = () =>
    rows &&
    save.mutate({
      policies: rows.map(({ key: _key, categoryLabel: _label, ...policy }) => ({
        ...policy,
        note: policy.note?.trim() || null,
      })),
    });

  const isDefault = (row: Row) => !row.channel && !row.categoryId;

  return (
    <Paper component="section" aria-labelledby="privacy-retention-heading" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id="privacy-retention-heading">
        {t('privacy.retention.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('privacy.retention.intro')}
      </Typography>
      <QueryState isPending={policies.isPending} error={policies.error} data={rows}>
        {(list) => (
          <TableContainer>
            <Table size="small" aria-labelledby="privacy-retention-heading" data-testid="privacy-retention">
              <TableHead>
                <TableRow>
                  <TableCell>{t('privacy.retention.subject')}</TableCell>
                  <TableCell>{t('privacy.retention.channel')}</TableCell>
                  <TableCell>{t('privacy.retention.category')}</TableCell>
                  <TableCell>{t('privacy.retention.months')}</TableCell>
                  <TableCell>{t('privacy.retention.active')}</TableCell>
                  <TableCell>{t('privacy.retention.note')}</TableCell>
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      {t('privacy.retention.remove')}
                    </Box>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.map((row, index) => (
                  <TableRow key={row.key} data-testid="privacy-retention-row">
                    <TableCell>{t(`privacy.retention.subjects.${row.subject}`)}</TableCell>
                    <TableCell>{row.channel ? t(`channel.${row.channel}`) : t('privacy.retention.any')}</TableCell>
                    <TableCell>{row.categoryLabel ?? t('privacy.retention.any')}</TableCell>
                    <TableCell>
                      <TextField
                        type="number"
                        size="small"
                        value={row.months}
                        onChange={(event) => update(row.key, { months: Number(event.target.value) })}
                        slotProps={{
                          htmlInput: {
                            min: 1,
                            max: 1200,
                            'aria-label': `${t('privacy.retention.months')} ${index + 1}`,
                            'data-testid': 'privacy-retention-months',
                          },
                        }}
                        sx={{ width: 100 }}
                      />
                    </TableCell>
                    <TableCell>
                      <Checkbox
                        checked={row.active}
                        disabled={isDefault(row)}
                        onChange={(event) => update(row.key, { active: event.target.checked })}
                        slotProps={{ input: { 'aria-label': `${t('privacy.retention.active')} ${index + 1}` } }}
                      />
                    </TableCell>
                    <TableCell>
                      <TextField
                        size="small"
                        value={row.note ?? ''}
                        onChange={(event) => update(row.key, { note: event.target.value })}
                        slotProps={{ htmlInput: { 'aria-label': `${t('privacy.retention.note')} ${index + 1}` } }}
                        fullWidth
                      />
                    </TableCell>
                    <TableCell>
                      {isDefault(row) ? null : (
                        <Button
                          size="small"
                          onClick={() => setRows((current) => current?.filter((r) => r.key !== row.key))}
                        >
                          {t('privacy.retention.remove')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mt: 2 }}>
        <NativeSelectField
          id="privacy-new-channel"
          label={t('privacy.retention.channel')}
          value={newChannel}
          onChange={setNewChannel}
          options={CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
          placeholder={t('privacy.retention.any')}
          size="small"
          fullWidth={false}
        />
        <NativeSelectField
          id="privacy-new-category"
          label={t('privacy.retention.category')}
          value={newCategory}
          onChange={setNewCategory}
          options={(categories.data ?? []).map((c) => ({
            value: c.id,
            label: entryLabel(c, categories.data ?? [], i18n.language),
          }))}
          placeholder={t('privacy.retention.any')}
          size="small"
          fullWidth={false}
        />
        <Button onClick={add} disabled={!newChannel && !newCategory}>
          {t('privacy.retention.add')}
        </Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={save.isPending || !rows}
          data-testid="privacy-retention-save"
        >
          {t('privacy.retention.save')}
        </Button>
      </Box>
      {save.error ? <ErrorAlert error={save.error} testId="privacy-retention-error" /> : null}
      {save.isSuccess ? (
        <Alert severity="success" sx={{ mt: 2 }} role="status">
          {t('privacy.retention.saved')}
        </Alert>
      ) : null}
    </Paper>
  );
}
