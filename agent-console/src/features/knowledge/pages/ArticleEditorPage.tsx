// An editor writes or changes one article: common data, the structured fields of its type, the Markdown body
// with a live preview, and (once saved) the workflow: review, publish, back to draft, archive, mark reviewed.
import { useMemo, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { Alert, Box, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import HistoryIcon from '@mui/icons-material/History';
import SaveIcon from '@mui/icons-material/Save';
import { useTranslation } from 'react-i18next';
import {
  ARTICLE_TRANSITIONS,
  ARTICLE_TYPES,
  type ArticleDto,
  type ArticleStatus,
  type FieldError,
} from '@kck/contracts';
import { isApiError } from '../../../api/http';
import {
  useArticle,
  useArticleFeedback,
  useArticleTransition,
  useCreateArticle,
  useMarkReviewed,
  useUpdateArticle,
} from '../../../api/knowledge.api';
import { useUnits } from '../../../api/units.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { emptyForm, formOf, toCreateRequest, toUpdateRequest, type ArticleForm } from '../article-form';
import { ArticleFieldsEditor } from '../components/ArticleFieldsEditor';
import { MarkdownEditor } from '../components/MarkdownEditor';

const STATUS_COLOR: Record<ArticleStatus, 'default' | 'warning' | 'success' | 'info'> = {
  draft: 'default',
  review: 'warning',
  published: 'success',
  archived: 'info',
};

export function ArticleStatusChip({ status }: { status: ArticleStatus }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[status]}
      label={t(`knowledge.status.${status}`)}
      data-testid="kb-status"
      data-status={status}
    />
  );
}

type Announce = (message: string) => void;

function WorkflowBar({ article, dirty, announce }: { article: ArticleDto; dirty: boolean; announce: Announce }) {
  const { t } = useTranslation();
  const transition = useArticleTransition();
  const reviewed = useMarkReviewed();
  const busy = transition.isPending || reviewed.isPending;
  return (
    <Box component="section" aria-label={t('knowledgeEditor.workflow')} data-testid="kb-workflow">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body2">{t('knowledgeEditor.status')}:</Typography>
        <ArticleStatusChip status={article.status} />
        <Typography variant="caption" color="text.secondary">
          v{article.version}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        {ARTICLE_TRANSITIONS[article.status].map((to) => (
          <Button
            key={to}
            size="small"
            variant={to === 'published' || to === 'review' ? 'contained' : 'outlined'}
            color={to === 'archived' ? 'inherit' : 'primary'}
            disabled={busy || dirty}
            data-testid={`kb-transition-${to}`}
            onClick={() =>
              transition.mutate(
                { id: article.id, to, version: article.version },
                { onSuccess: () => announce(t(`knowledgeEditor.moved.${to}`)) },
              )
            }
          >
            {t(`knowledgeEditor.transition.${to}`)}
          </Button>
        ))}
        {article.status === 'published' ? (
          <Button
            size="small"
            variant="outlined"
            disabled={busy}
            data-testid="kb-mark-reviewed"
            onClick={() =>
              reviewed.mutate(article.id, { onSuccess: () => announce(t('knowledgeEditor.reviewedDone')) })
            }
          >
            {t('knowledgeEditor.markReviewed')}
          </Button>
        ) : null}
      </Stack>
      {dirty ? (
        <Typography variant="caption" color="text.secondary">
          {t('knowledgeEditor.saveFirst')}
        </Typography>
      ) : null}
      {transition.error ? <ErrorAlert error={transition.error} testId="kb-workflow-error" /> : null}
      {reviewed.error ? <ErrorAlert error={reviewed.error} /> : null}
    </Box>
  );
}

/** Agents' open notes on this article, while the editor fixes it; a proposed text can go straight into the editor. */
function OpenFeedback({ articleId, onUseProposal }: { articleId: string; onUseProposal: (body: string) => void }) {
  const { t, i18n } = useTranslation();
  const feedback = useArticleFeedback(articleId);
  const open = feedback.data ?? [];
  if (open.length === 0) return null;
  return (
    <Alert severity="info" data-testid="kb-editor-feedback" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <Typography variant="subtitle2" component="h2">
        {t('knowledgeEditor.openFeedback', { count: open.length })}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {open.map((item) => (
          <li key={item.id}>
            <strong>{t(`knowledge.feedback.kind.${item.kind}`)}</strong> ({item.createdByName},{' '}
            {formatDateTime(item.createdAt, i18n.language)}): {item.comment}
            {item.proposedBody ? (
              <Button size="small" sx={{ ml: 1 }} onClick={() => onUseProposal(item.proposedBody ?? '')}>
                {t('knowledgeEditor.useProposal')}
              </Button>
            ) : null}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

/** The form; `article` absent while creating. Remounted (by key) whenever a new version of the article arrives. */
function ArticleEditorForm({ article, announce }: { article?: ArticleDto; announce: Announce }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useUnits();
  const create = useCreateArticle();
  const update = useUpdateArticle();
  const refetch = useArticle(article?.id ?? null).refetch;
  const initial = useMemo(() => (article ? formOf(article) : emptyForm()), [article]);
  const [form, setForm] = useState<ArticleForm>(initial);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const mutation = article ? update : create;
  const fields = clientFields.length ? clientFields : fieldErrorsOf(mutation.error);
  const fieldError = useFieldErrors(fields);
  // Lists report their items (fields.documents.2): the message belongs to the whole list's input.
  const errorFor = (path: string) =>
    fieldError(path) ??
    fieldError(fields.map((f) => f.path.replace(/^body\./, '')).find((p) => p.startsWith(`${path}.`)) ?? '');
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  const check = (next: ArticleForm) => {
    const checked = article ? toUpdateRequest(next, article.version) : toCreateRequest(next);
    return checked.ok ? [] : checked.fields;
  };
  // Once a save was refused, the marks follow the editor's corrections instead of waiting for the next save.
  const change = (apply: (current: ArticleForm) => ArticleForm) => {
    const next = apply(form);
    setForm(next);
    if (clientFields.length) setClientFields(check(next));
  };
  const set = (patch: Partial<ArticleForm>) => change((current) => ({ ...current, ...patch }));
  const setField = (name: string, value: string) =>
    change((current) => ({ ...current, fields: { ...current.fields, [name]: value } }));

  const save = () => {
    if (mutation.isPending) return;
    if (article) {
      const checked = toUpdateRequest(form, article.version);
      if (!checked.ok) return setClientFields(checked.fields);
      setClientFields([]);
      update.mutate({ id: article.id, body: checked.body }, { onSuccess: () => announce(t('knowledgeEditor.saved')) });
    } else {
      const checked = toCreateRequest(form);
      if (!checked.ok) return setClientFields(checked.fields);
      setClientFields([]);
      create.mutate(checked.body, {
        onSuccess: (created) => void navigate(`/kb/articles/${created.id}`, { replace: true }),
      });
    }
  };

  const unitOptions = (units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }));
  const conflict = isApiError(update.error) && update.error.status === 409;

  return (
    <Stack spacing={2}>
      {article ? <WorkflowBar article={article} dirty={dirty} announce={announce} /> : null}
      {article ? (
        <OpenFeedback
          articleId={article.id}
          onUseProposal={(body) => {
            set({ body });
            announce(t('knowledgeEditor.proposalUsed'));
          }}
        />
      ) : null}
      <Paper
        component="form"
        noValidate
        sx={{ p: 2 }}
        aria-labelledby="kb-editor-heading"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save();
          }
        }}
      >
        <Stack spacing={2}>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 3fr' }, gap: 2 }}>
            <NativeSelectField
              id="kb-editor-type"
              label={t('knowledgeEditor.type')}
              value={form.type}
              onChange={(type) => set({ type: type as ArticleForm['type'] })}
              options={ARTICLE_TYPES.map((type) => ({ value: type, label: t(`articleType.${type}`) }))}
              disabled={Boolean(article)}
              helperText={article ? t('knowledgeEditor.typeFixed') : undefined}
              testId="kb-editor-type"
              required
            />
            <TextField
              id="kb-editor-title"
              label={t('knowledgeEditor.title')}
              value={form.title}
              onChange={(event) => set({ title: event.target.value })}
              size="small"
              required
              error={Boolean(fieldError('title'))}
              helperText={fieldError('title')}
              slotProps={{ htmlInput: { 'data-testid': 'kb-editor-title', maxLength: 300 } }}
            />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 2fr 1fr 1fr' }, gap: 2 }}>
            <NativeSelectField
              id="kb-editor-unit"
              label={t('knowledge.responsibleUnit')}
              value={form.responsibleUnitId}
              onChange={(responsibleUnitId) => set({ responsibleUnitId })}
              options={unitOptions}
              placeholder={units.isPending ? t('common.loading') : t('common.none')}
              testId="kb-editor-unit"
              error={fieldError('responsibleUnitId')}
            />
            <TextField
              id="kb-editor-tags"
              label={t('knowledgeEditor.tags')}
              value={form.tags}
              onChange={(event) => set({ tags: event.target.value })}
              size="small"
              error={Boolean(errorFor('tags'))}
              helperText={errorFor('tags') ?? t('knowledgeEditor.tagsHelp')}
              slotProps={{ htmlInput: { 'data-testid': 'kb-editor-tags' } }}
            />
            <TextField
              id="kb-editor-valid-from"
              label={t('knowledgeEditor.validFrom')}
              type="date"
              value={form.validFrom}
              onChange={(event) => set({ validFrom: event.target.value })}
              size="small"
              error={Boolean(fieldError('validFrom'))}
              helperText={fieldError('validFrom')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'kb-editor-valid-from' } }}
            />
            <TextField
              id="kb-editor-valid-to"
              label={t('knowledgeEditor.validTo')}
              type="date"
              value={form.validTo}
              onChange={(event) => set({ validTo: event.target.value })}
              size="small"
              error={Boolean(fieldError('validTo'))}
              helperText={fieldError('validTo')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'kb-editor-valid-to' } }}
            />
          </Box>
          <Typography variant="subtitle1" component="h2">
            {t('knowledgeEditor.fieldsOf', { type: t(`articleType.${form.type}`) })}
          </Typography>
          <ArticleFieldsEditor type={form.type} values={form.fields} onChange={setField} errorFor={errorFor} />
          <Typography variant="subtitle1" component="h2">
            {t('knowledgeEditor.bodyHeading')}
          </Typography>
          <MarkdownEditor
            id="kb-editor-body"
            value={form.body}
            onChange={(body) => set({ body })}
            error={fieldError('body')}
          />
          {article ? (
            <TextField
              id="kb-editor-change-note"
              label={t('knowledgeEditor.changeNote')}
              value={form.changeNote}
              onChange={(event) => set({ changeNote: event.target.value })}
              size="small"
              error={Boolean(fieldError('changeNote'))}
              helperText={fieldError('changeNote') ?? t('knowledgeEditor.changeNoteHelp')}
              slotProps={{ htmlInput: { 'data-testid': 'kb-editor-change-note', maxLength: 500 } }}
            />
          ) : null}
          {mutation.error && fieldErrorsOf(mutation.error).length === 0 ? (
            <ErrorAlert error={mutation.error} testId="kb-editor-error" />
          ) : null}
          {fields.length > 0 ? (
            <Alert severity="error" data-testid="kb-editor-invalid">
              {t('knowledgeEditor.invalid')}
            </Alert>
          ) : null}
          {conflict ? (
            <Box>
              <Button onClick={() => void refetch()} data-testid="kb-editor-reload">
                {t('knowledgeEditor.reload')}
              </Button>
            </Box>
          ) : null}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button
              type="submit"
              variant="contained"
              startIcon={<SaveIcon />}
              disabled={mutation.isPending || (Boolean(article) && !dirty)}
              aria-keyshortcuts="Control+Enter"
              data-testid="kb-editor-save"
            >
              {mutation.isPending
                ? t('common.saving')
                : article
                  ? t('knowledgeEditor.save')
                  : t('knowledgeEditor.create')}
            </Button>
            {dirty ? (
              <Typography variant="caption" color="text.secondary" data-testid="kb-editor-dirty">
                {t('knowledgeEditor.unsaved')}
              </Typography>
            ) : null}
          </Stack>
        </Stack>
      </Paper>
    </Stack>
  );
}

export function ArticleEditorPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const creating = !id || id === 'new';
  const article = useArticle(creating ? null : id);
  // Here, not in the form: the form remounts with each saved version and would lose the message.
  const [announcement, setAnnouncement] = useState('');

  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' } }}>
        <Typography variant="h5" component="h1" id="kb-editor-heading" sx={{ flexGrow: 1 }}>
          {creating ? t('knowledgeEditor.newTitle') : (article.data?.title ?? t('knowledgeEditor.editTitle'))}
        </Typography>
        <Button component={RouterLink} to="/kb/articles">
          {t('knowledgeEditor.backToList')}
        </Button>
        {!creating && article.data ? (
          <>
            <Button component={RouterLink} to={`/knowledge?article=${article.data.id}`}>
              {t('knowledgeEditor.asReaders')}
            </Button>
            <Button
              component={RouterLink}
              to={`/kb/articles/${article.data.id}/history`}
              startIcon={<HistoryIcon />}
              data-testid="kb-editor-history"
            >
              {t('knowledgeEditor.history')}
            </Button>
          </>
        ) : null}
      </Stack>
      {!creating && article.data ? (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {t('knowledgeEditor.lastSaved', {
            when: formatDateTime(article.data.updatedAt, i18n.language),
            who: article.data.updatedByName ?? '—',
          })}
        </Typography>
      ) : null}
      {creating ? (
        <ArticleEditorForm announce={setAnnouncement} />
      ) : (
        <QueryState
          isPending={article.isPending}
          error={article.error}
          data={article.data}
          onRetry={() => void article.refetch()}
        >
          {(data) => (
            <ArticleEditorForm
              key={`${data.id}:${data.version}:${data.status}`}
              article={data}
              announce={setAnnouncement}
            />
          )}
        </QueryState>
      )}
      <LiveRegion message={announcement} testId="kb-editor-status" />
    </Box>
  );
}
