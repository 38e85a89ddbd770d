// The editors' list of every article, any status: filter by status, type, unit and title, open one to edit,
// or start a new one. Filters live in the URL so a filtered list can be shared and survives a reload.
import { Link as RouterLink, useSearchParams } from 'react-router';
import {
  Box,
  Button,
  Chip,
  Link,
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
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { ARTICLE_STATUSES, ARTICLE_TYPES, type ArticleStatus, type ArticleType } from '@kck/contracts';
import { useArticles } from '../../../api/knowledge.api';
import { useUnits } from '../../../api/units.api';
import { formatDateTime } from '../../../components/format';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { ArticleStatusChip } from './ArticleEditorPage';

const PAGE_SIZE = 50;

export function ArticlesPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const units = useUnits();
  const status = (params.get('status') ?? '') as ArticleStatus | '';
  const type = (params.get('type') ?? '') as ArticleType | '';
  const unitId = params.get('unitId') ?? '';
  const title = params.get('title') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const debouncedTitle = useDebouncedValue(title, 250);
  const articles = useArticles({
    status: status || undefined,
    type: type || undefined,
    unitId: unitId || undefined,
    title: debouncedTitle.trim() || undefined,
    limit: PAGE_SIZE,
    offset,
  });

  const setFilter = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        if (name !== 'offset') next.delete('offset');
        return next;
      },
      { replace: true },
    );

  return (
    <Paper component="section" aria-labelledby="kb-articles-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' } }}>
        <Typography variant="h5" component="h1" id="kb-articles-heading" sx={{ flexGrow: 1 }}>
          {t('knowledgeArticles.title')}
        </Typography>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          component={RouterLink}
          to="/kb/articles/new"
          data-testid="kb-article-new"
        >
          {t('knowledgeArticles.new')}
        </Button>
      </Stack>
      <Box
        role="search"
        aria-label={t('knowledgeArticles.filters')}
        sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 1fr 2fr' }, gap: 2, mb: 2 }}
      >
        <TextField
          id="kb-articles-title"
          label={t('knowledgeArticles.titleFilter')}
          value={title}
          onChange={(event) => setFilter('title', event.target.value)}
          size="small"
          type="search"
          slotProps={{ htmlInput: { 'data-testid': 'kb-articles-title', maxLength: 200 } }}
        />
        <NativeSelectField
          id="kb-articles-status"
          label={t('knowledgeEditor.status')}
          value={status}
          onChange={(value) => setFilter('status', value)}
          options={ARTICLE_STATUSES.map((value) => ({ value, label: t(`knowledge.status.${value}`) }))}
          placeholder={t('knowledgeArticles.any')}
          testId="kb-articles-status"
        />
        <NativeSelectField
          id="kb-articles-type"
          label={t('knowledgeEditor.type')}
          value={type}
          onChange={(value) => setFilter('type', value)}
          options={ARTICLE_TYPES.map((value) => ({ value, label: t(`articleType.${value}`) }))}
          placeholder={t('knowledgeArticles.any')}
          testId="kb-articles-type"
        />
        <NativeSelectField
          id="kb-articles-unit"
          label={t('knowledge.responsibleUnit')}
          value={unitId}
          onChange={(value) => setFilter('unitId', value)}
          options={(units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }))}
          placeholder={t('knowledgeArticles.any')}
          testId="kb-articles-unit"
        />
      </Box>
      <QueryState
        isPending={articles.isPending}
        error={articles.error}
        data={articles.data}
        onRetry={() => void articles.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('knowledgeArticles.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-labelledby="kb-articles-heading" data-testid="kb-articles-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('knowledgeEditor.title')}</TableCell>
                  <TableCell>{t('knowledgeEditor.type')}</TableCell>
                  <TableCell>{t('knowledgeEditor.status')}</TableCell>
                  <TableCell>{t('knowledge.responsibleUnit')}</TableCell>
                  <TableCell>{t('knowledge.validity.label')}</TableCell>
                  <TableCell>{t('knowledge.updatedAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((article) => (
                  <TableRow
                    key={article.id}
                    data-testid="kb-article-row"
                    data-article-id={article.id}
                    data-status={article.status}
                  >
                    <TableCell>
                      <Link component={RouterLink} to={`/kb/articles/${article.id}`} sx={{ fontWeight: 600 }}>
                        {article.title}
                      </Link>
                      {article.tags.length ? (
                        <Typography variant="caption" component="div" color="text.secondary">
                          {article.tags.map((tag) => `#${tag}`).join(' ')}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>{t(`articleType.${article.type}`)}</TableCell>
                    <TableCell>
                      <ArticleStatusChip status={article.status} />
                    </TableCell>
                    <TableCell>{article.responsibleUnitCode ?? '—'}</TableCell>
                    <TableCell>
                      {article.validTo ?? '—'}
                      {article.expired ? (
                        <Chip
                          size="small"
                          color="error"
                          variant="outlined"
                          label={t('knowledge.expired')}
                          sx={{ ml: 1 }}
                        />
                      ) : null}
                    </TableCell>
                    <TableCell>
                      {formatDateTime(article.updatedAt, i18n.language)} · v{article.version}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
      <Stack direction="row" spacing={1} sx={{ mt: 2, justifyContent: 'flex-end' }}>
        <Button disabled={offset === 0} onClick={() => setFilter('offset', String(Math.max(0, offset - PAGE_SIZE)))}>
          {t('knowledgeArticles.previous')}
        </Button>
        <Button
          disabled={(articles.data?.length ?? 0) < PAGE_SIZE}
          onClick={() => setFilter('offset', String(offset + PAGE_SIZE))}
        >
          {t('knowledgeArticles.next')}
        </Button>
      </Stack>
    </Paper>
  );
}
