// Every saved version of an article (who, when, why) and two of them compared: the fields that changed,
// and the body line by line, added and removed lines marked by sign as well as by colour.
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import {
  Box,
  Button,
  Paper,
  Radio,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ArticleDiffDto, ArticleVersionDto } from '@kck/contracts';
import { useArticle, useArticleDiff, useArticleVersions } from '../../../api/knowledge.api';
import { formatDateTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { ArticleStatusChip } from './ArticleEditorPage';

const SIGN = { same: ' ', added: '+', removed: '−' } as const;

function DiffView({ diff }: { diff: ArticleDiffDto }) {
  const { t } = useTranslation();
  // Statuses arrive as codes; everything else is shown as the server wrote it.
  const shown = (field: string, value: string) =>
    !value ? '—' : field === 'status' ? t(`knowledge.status.${value}`, { defaultValue: value }) : value;
  return (
    <Box data-testid="kb-diff">
      <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>
        {t('knowledgeHistory.compared', { from: diff.from, to: diff.to })}
      </Typography>
      {diff.changedFields.length > 0 ? (
        <TableContainer sx={{ mb: 2 }}>
          <Table size="small" aria-label={t('knowledgeHistory.changedFields')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('knowledgeHistory.field')}</TableCell>
                <TableCell>{t('knowledgeHistory.before', { version: diff.from })}</TableCell>
                <TableCell>{t('knowledgeHistory.after', { version: diff.to })}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {diff.changedFields.map((change) => (
                <TableRow
                  key={change.field}
                  data-testid="kb-diff-field"
                  data-field={change.field}
                  sx={{ verticalAlign: 'top' }}
                >
                  <TableCell sx={{ fontWeight: 600 }}>
                    {t(`knowledgeHistory.fieldNames.${change.field}`, {
                      defaultValue: t(`knowledgeFields.${change.field.replace(/^fields\./, '')}`, {
                        defaultValue: change.field,
                      }),
                    })}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap', bgcolor: 'rgba(211, 47, 47, 0.06)' }}>
                    <del>{shown(change.field, change.from)}</del>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap', bgcolor: 'rgba(46, 125, 50, 0.08)' }}>
                    <ins>{shown(change.field, change.to)}</ins>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {t('knowledgeHistory.body')}
      </Typography>
      {diff.body.every((line) => line.kind === 'same') ? (
        <Typography variant="body2" color="text.secondary" data-testid="kb-diff-body-same">
          {t('knowledgeHistory.bodySame')}
        </Typography>
      ) : (
        <Box
          component="pre"
          aria-label={t('knowledgeHistory.body')}
          sx={{ m: 0, p: 1, border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'auto', fontSize: 13 }}
        >
          {diff.body.map((line, index) => (
            <Box
              key={index}
              component={line.kind === 'added' ? 'ins' : line.kind === 'removed' ? 'del' : 'span'}
              data-testid="kb-diff-line"
              data-kind={line.kind}
              sx={{
                display: 'block',
                textDecoration: 'none',
                bgcolor:
                  line.kind === 'added'
                    ? 'rgba(46, 125, 50, 0.15)'
                    : line.kind === 'removed'
                      ? 'rgba(211, 47, 47, 0.12)'
                      : 'transparent',
              }}
            >
              {`${SIGN[line.kind]} ${line.text}`}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}

function VersionsTable({
  versions,
  from,
  to,
  onPick,
}: {
  versions: ArticleVersionDto[];
  from: number | null;
  to: number | null;
  onPick: (side: 'from' | 'to', version: number) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <TableContainer>
      <Table size="small" aria-label={t('knowledgeHistory.versions')} data-testid="kb-versions">
        <TableHead>
          <TableRow>
            <TableCell>{t('knowledgeHistory.from')}</TableCell>
            <TableCell>{t('knowledgeHistory.to')}</TableCell>
            <TableCell>{t('knowledgeHistory.version')}</TableCell>
            <TableCell>{t('knowledgeEditor.status')}</TableCell>
            <TableCell>{t('knowledgeEditor.title')}</TableCell>
            <TableCell>{t('knowledgeHistory.note')}</TableCell>
            <TableCell>{t('knowledgeHistory.savedBy')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {versions.map((version) => (
            <TableRow key={version.version} data-testid="kb-version-row" data-version={version.version}>
              <TableCell padding="checkbox">
                <Radio
                  size="small"
                  name="kb-diff-from"
                  checked={from === version.version}
                  onChange={() => onPick('from', version.version)}
                  slotProps={{
                    input: {
                      'aria-label': t('knowledgeHistory.pickFrom', { version: version.version }),
                      'data-testid': 'kb-diff-from',
                    } as object,
                  }}
                />
              </TableCell>
              <TableCell padding="checkbox">
                <Radio
                  size="small"
                  name="kb-diff-to"
                  checked={to === version.version}
                  onChange={() => onPick('to', version.version)}
                  slotProps={{
                    input: {
                      'aria-label': t('knowledgeHistory.pickTo', { version: version.version }),
                      'data-testid': 'kb-diff-to',
                    } as object,
                  }}
                />
              </TableCell>
              <TableCell>v{version.version}</TableCell>
              <TableCell>
                <ArticleStatusChip status={version.status} />
              </TableCell>
              <TableCell>{version.title}</TableCell>
              <TableCell>{version.changeNote ?? '—'}</TableCell>
              <TableCell>
                {version.savedByName ?? '—'}
                <Typography variant="caption" component="div" color="text.secondary">
                  {formatDateTime(version.savedAt, i18n.language)}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

export function ArticleHistoryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const article = useArticle(id);
  const versions = useArticleVersions(id);
  const [picked, setPicked] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  // Until the editor picks, the newest version is compared with the one before it.
  const numbers = (versions.data ?? []).map((version) => version.version).sort((a, b) => b - a);
  const from = picked.from ?? numbers[1] ?? null;
  const to = picked.to ?? numbers[0] ?? null;
  const [low, high] = from !== null && to !== null && from > to ? [to, from] : [from, to];
  const diff = useArticleDiff(id, low, high);

  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' } }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {t('knowledgeHistory.title', { title: article.data?.title ?? '' })}
        </Typography>
        <Button component={RouterLink} to={`/kb/articles/${id}`} data-testid="kb-history-back">
          {t('knowledgeHistory.backToEditor')}
        </Button>
      </Stack>
      <Paper sx={{ p: 2, mb: 2 }}>
        <QueryState
          isPending={versions.isPending}
          error={versions.error}
          data={versions.data}
          onRetry={() => void versions.refetch()}
          isEmpty={(rows) => rows.length === 0}
        >
          {(rows) => (
            <VersionsTable
              versions={[...rows].sort((a, b) => b.version - a.version)}
              from={from}
              to={to}
              onPick={(side, version) =>
                setPicked((current) => ({ from: current.from ?? from, to: current.to ?? to, [side]: version }))
              }
            />
          )}
        </QueryState>
      </Paper>
      <Paper sx={{ p: 2 }} component="section" aria-label={t('knowledgeHistory.comparison')}>
        {low === null || high === null || low === high ? (
          <Typography color="text.secondary">{t('knowledgeHistory.pickTwo')}</Typography>
        ) : (
          <QueryState
            isPending={diff.isPending}
            error={diff.error}
            data={diff.data}
            onRetry={() => void diff.refetch()}
          >
            {(data) => <DiffView diff={data} />}
          </QueryState>
        )}
      </Paper>
    </Box>
  );
}
