// Supervisors' page for city-wide matters: declare one with the script agents read out and a published article,
// edit it while it lasts, end it; the list shows the open ones and those ended in the last 30 days.
import { useState } from 'react';
import {
  Box,
  Button,
  Chip,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
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
import { CITY_MATTER_SCRIPT_MAX, type CityMatterDto, type CityMatterRequest } from '@kck/contracts';
import {
  useCityMatters,
  useDeclareCityMatter,
  useEditCityMatter,
  useEndCityMatter,
} from '../../../api/city-matters.api';
import { MIN_QUERY_LENGTH, useKnowledgeSearch } from '../../../api/knowledge.api';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { formatDateTime, formatNumber } from '../../../components/format';
import { FormDialog } from '../../../components/FormDialog';
import { QueryState } from '../../../components/QueryState';

const SEARCH_PARAMS = { limit: 5, types: [], units: [], includeExpired: false };

type Article = { id: string; title: string } | null;

function ArticlePicker({ value, onChange, error }: { value: Article; onChange: (a: Article) => void; error?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useKnowledgeSearch(q, SEARCH_PARAMS);
  if (value) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="body2">{t('cityMatters.form.article')}:</Typography>
        <Chip
          label={value.title}
          onDelete={() => onChange(null)}
          data-testid="city-matter-form-article"
          slotProps={{ root: { 'aria-label': t('cityMatters.form.articleChosen', { title: value.title }) } }}
        />
      </Box>
    );
  }
  const hits = q.trim().length >= MIN_QUERY_LENGTH ? (search.data?.hits ?? []) : [];
  return (
    <Box>
      <TextField
        label={t('cityMatters.form.articleSearch')}
        value={q}
        onChange={(event) => setQ(event.target.value)}
        fullWidth
        size="small"
        error={Boolean(error)}
        helperText={error ?? t('cityMatters.form.articleHint')}
        slotProps={{ htmlInput: { 'data-testid': 'city-matter-form-article-search' } }}
      />
      {hits.length > 0 ? (
        <List dense aria-label={t('cityMatters.form.articleResults')}>
          {hits.map((hit) => (
            <ListItem key={hit.id} disablePadding>
              <ListItemButton
                onClick={() => onChange({ id: hit.id, title: hit.title })}
                data-testid="city-matter-form-article-hit"
              >
                <ListItemText primary={hit.title} secondary={hit.unitCode ?? undefined} />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
      ) : null}
    </Box>
  );
}

function MatterDialog({ matter, onClose }: { matter: CityMatterDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const declare = useDeclareCityMatter();
  const edit = useEditCityMatter();
  const command = matter ? edit : declare;
  const [title, setTitle] = useState(matter?.title ?? '');
  const [script, setScript] = useState(matter?.script ?? '');
  const [article, setArticle] = useState<Article>(matter?.article ?? null);
  const fieldError = useFieldErrors(fieldErrorsOf(command.error));

  const submit = () => {
    const body: CityMatterRequest = { title, script, articleId: article?.id ?? null };
    if (matter) edit.mutate({ id: matter.id, body }, { onSuccess: onClose });
    else declare.mutate(body, { onSuccess: onClose });
  };

  return (
    <FormDialog
      testId="city-matter-form"
      title={matter ? t('cityMatters.form.editTitle') : t('cityMatters.form.declareTitle')}
      explain={t('cityMatters.form.explain')}
      confirm={matter ? t('cityMatters.form.save') : t('cityMatters.form.declare')}
      pending={command.isPending}
      error={command.error}
      onSubmit={submit}
      onCancel={onClose}
      maxWidth="md"
    >
      <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
        <TextField
          label={t('cityMatters.form.title')}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          required
          autoFocus
          error={Boolean(fieldError('title'))}
          helperText={fieldError('title') ?? t('cityMatters.form.titleHint')}
          slotProps={{ htmlInput: { 'data-testid': 'city-matter-form-title', maxLength: 200 } }}
        />
        <TextField
          label={t('cityMatters.form.script')}
          value={script}
          onChange={(event) => setScript(event.target.value)}
          required
          multiline
          minRows={4}
          error={Boolean(fieldError('script'))}
          helperText={fieldError('script') ?? t('cityMatters.form.scriptHint')}
          slotProps={{ htmlInput: { 'data-testid': 'city-matter-form-script', maxLength: CITY_MATTER_SCRIPT_MAX } }}
        />
        <ArticlePicker value={article} onChange={setArticle} error={fieldError('articleId')} />
      </Box>
    </FormDialog>
  );
}

function EndDialog({ matter, onClose }: { matter: CityMatterDto; onClose: () => void }) {
  const { t } = useTranslation();
  const end = useEndCityMatter();
  return (
    <FormDialog
      testId="city-matter-end"
      title={t('cityMatters.end.title', { title: matter.title })}
      explain={t('cityMatters.end.explain')}
      confirm={t('cityMatters.end.confirm')}
      confirmColor="warning"
      pending={end.isPending}
      error={end.error}
      onSubmit={() => end.mutate(matter.id, { onSuccess: onClose })}
      onCancel={onClose}
    >
      {null}
    </FormDialog>
  );
}

function MattersTable({ matters }: { matters: CityMatterDto[] }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<CityMatterDto | null>(null);
  const [ending, setEnding] = useState<CityMatterDto | null>(null);
  return (
    <TableContainer>
      <Table aria-labelledby="city-matters-list-heading" data-testid="city-matters-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('cityMatters.list.title')}</TableCell>
            <TableCell>{t('cityMatters.list.declared')}</TableCell>
            <TableCell>{t('cityMatters.list.ended')}</TableCell>
            <TableCell align="right">{t('cityMatters.list.callsToday')}</TableCell>
            <TableCell align="right">{t('cityMatters.list.callsTotal')}</TableCell>
            <TableCell>{t('cityMatters.list.actions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {matters.map((matter) => (
            <TableRow
              key={matter.id}
              data-testid="city-matter-row"
              data-matter-id={matter.id}
              data-open={!matter.endedAt}
            >
              <TableCell component="th" scope="row">
                {matter.title}
              </TableCell>
              <TableCell>
                {formatDateTime(matter.declaredAt, i18n.language)} · {matter.declaredBy.displayName}
              </TableCell>
              <TableCell>
                {matter.endedAt
                  ? `${formatDateTime(matter.endedAt, i18n.language)} · ${matter.endedBy?.displayName ?? ''}`
                  : t('cityMatters.list.ongoing')}
              </TableCell>
              <TableCell align="right">{formatNumber(matter.callsToday, i18n.language)}</TableCell>
              <TableCell align="right">{formatNumber(matter.callsTotal, i18n.language)}</TableCell>
              <TableCell>
                {matter.endedAt ? null : (
                  <Box sx={{ display: 'flex', gap: 1 }}>
                    <Button
                      size="small"
                      onClick={() => setEditing(matter)}
                      aria-label={t('cityMatters.list.editOne', { title: matter.title })}
                      data-testid="city-matter-edit"
                    >
                      {t('cityMatters.list.edit')}
                    </Button>
                    <Button
                      size="small"
                      color="warning"
                      onClick={() => setEnding(matter)}
                      aria-label={t('cityMatters.list.endOne', { title: matter.title })}
                      data-testid="city-matter-end"
                    >
                      {t('cityMatters.list.end')}
                    </Button>
                  </Box>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editing ? <MatterDialog key={editing.id} matter={editing} onClose={() => setEditing(null)} /> : null}
      {ending ? <EndDialog matter={ending} onClose={() => setEnding(null)} /> : null}
    </TableContainer>
  );
}

export function CityMattersPage() {
  const { t } = useTranslation();
  const matters = useCityMatters('all');
  const [declaring, setDeclaring] = useState(false);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {t('cityMatters.title')}
        </Typography>
        <Button variant="contained" onClick={() => setDeclaring(true)} data-testid="city-matter-declare">
          {t('cityMatters.declare')}
        </Button>
      </Box>
      <Typography color="text.secondary">{t('cityMatters.intro')}</Typography>
      <Paper component="section" aria-labelledby="city-matters-list-heading" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" id="city-matters-list-heading">
          {t('cityMatters.list.heading')}
        </Typography>
        <QueryState
          isPending={matters.isPending}
          error={matters.error}
          data={matters.data}
          isEmpty={(data) => data.matters.length === 0}
          emptyText={t('cityMatters.list.empty')}
          onRetry={() => void matters.refetch()}
        >
          {(data) => <MattersTable matters={data.matters} />}
        </QueryState>
      </Paper>
      {declaring ? <MatterDialog matter={null} onClose={() => setDeclaring(false)} /> : null}
    </Box>
  );
}
