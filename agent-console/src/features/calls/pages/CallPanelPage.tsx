// The hotline agent's call panel (DK-02): start the call, note who and what, answer from the Baza Wiedzy,
// take down tickets, save with Ctrl+Enter, and be ready for the next call at once.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import SaveIcon from '@mui/icons-material/Save';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, type CallDto, type FieldError, type KnowledgeHitDto } from '@kck/contracts';
import { useRecordCall } from '../../../api/calls.api';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { ArticleDialog } from '../../knowledge/components/ArticleDialog';
import { KnowledgeSearch } from '../../knowledge/components/KnowledgeSearch';
import {
  emptyCall,
  emptyTicket,
  loadDraft,
  MAX_ARTICLES_PER_CALL,
  MAX_TICKETS_PER_CALL,
  storeDraft,
  toRecordCallRequest,
  validateCall,
  type CallDraft,
  type TicketDraft,
} from '../call-form';
import { AttachedArticles } from '../components/AttachedArticles';
import { CallSaveStatus } from '../components/CallSaveStatus';
import { CallStartBar } from '../components/CallStartBar';
import { RecentCalls } from '../components/RecentCalls';
import { TicketSubform } from '../components/TicketSubform';

const PHONE_FOR_REPORTER = /^\+?[0-9 ()-]{6,20}$/;

export function CallPanelPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [draft, setDraft] = useState<CallDraft>(loadDraft);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<CallDto | null>(null);
  const [openArticleId, setOpenArticleId] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  // Bumped after each saved call: remounts the search box so the next call starts with a clean slate.
  const [callNumber, setCallNumber] = useState(0);
  const record = useRecordCall();
  const topics = useDictionary('call_topic');
  const categories = useDictionary('category');
  const districts = useDictionary('district');

  const fields = clientFields.length ? clientFields : fieldErrorsOf(record.error);
  const fieldError = useFieldErrors(fields);

  useEffect(() => storeDraft(draft), [draft]);

  // Move focus after React has rendered the element (a new ticket form, the phone field after start).
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  // Functional updates throughout: fast typing and async callbacks never overwrite newer input.
  const change = (apply: (current: CallDraft) => Partial<CallDraft>) =>
    setDraft((current) => ({
      ...current,
      ...apply(current),
      firstEditAt: current.firstEditAt ?? new Date().toISOString(),
    }));
  const update = (patch: Partial<CallDraft>) => change(() => patch);

  const start = () => {
    setDraft((current) => ({ ...current, startedAt: new Date().toISOString() }));
    setFocusTarget('call-phone');
  };

  // An attached article is information given on this call: it joins "articles used" and a line naming it
  // is added to the information given, which the agent can still reword.
  const attach = (hit: Pick<KnowledgeHitDto, 'id' | 'title'>) =>
    setDraft((current) => {
      if (current.articles.some((article) => article.id === hit.id) || current.articles.length >= MAX_ARTICLES_PER_CALL)
        return current;
      const line = t('knowledge.informationLine', { title: hit.title });
      const informationGiven = current.informationGiven.trim()
        ? `${current.informationGiven.trimEnd()}\n${line}`
        : line;
      return {
        ...current,
        articles: [...current.articles, { id: hit.id, title: hit.title }],
        informationGiven,
        firstEditAt: current.firstEditAt ?? new Date().toISOString(),
      };
    });

  const addTicket = () => {
    const phone = draft.callerPhone.trim();
    const ticket = emptyTicket(PHONE_FOR_REPORTER.test(phone) ? phone : '');
    change((current) => ({
      tickets: [...current.tickets, ticket],
      // A call that produced a ticket is no longer "information only".
      outcome: current.outcome === 'information_given' ? 'problem' : current.outcome,
    }));
    setFocusTarget(`${ticket.key}-type`);
  };

  const updateTicket = (key: string, patch: Partial<TicketDraft>) =>
    change((current) => ({
      tickets: current.tickets.map((ticket) => (ticket.key === key ? { ...ticket, ...patch } : ticket)),
    }));

  const removeTicket = (key: string) =>
    change((current) => ({ tickets: current.tickets.filter((ticket) => ticket.key !== key) }));

  const save = () => {
    if (record.isPending) return;
    const body = toRecordCallRequest(draft, new Date());
    const problems = validateCall(body);
    setClientFields(problems);
    if (problems.length > 0) return;
    record.mutate(body, {
      onSuccess: (call) => {
        setSaved(call);
        setDraft(emptyCall());
        setClientFields([]);
        setCallNumber((n) => n + 1);
        setFocusTarget('call-start');
      },
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    }
  };

  const topicOptions = dictionaryOptions(topics.data, lang);
  const categoryOptions = dictionaryOptions(categories.data, lang);
  const districtOptions = dictionaryOptions(districts.data, lang);
  const attachedIds = new Set(draft.articles.map((article) => article.id));
  const referenceError = topics.error ?? categories.error ?? districts.error;

  return (
    <Box onKeyDown={onKeyDown}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('callPanel.title')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2, alignItems: 'start' }}>
        <Paper component="section" aria-label={t('callPanel.formLabel')} sx={{ p: 2 }}>
          <Stack spacing={2}>
            <CallStartBar startedAt={draft.startedAt} onStart={start} />
            {referenceError ? <ErrorAlert error={referenceError} /> : null}
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr' }, gap: 2 }}>
              <TextField
                id="call-phone"
                label={t('callPanel.phone')}
                type="tel"
                value={draft.callerPhone}
                onChange={(event) => update({ callerPhone: event.target.value })}
                size="small"
                autoComplete="off"
                error={Boolean(fieldError('callerPhone'))}
                helperText={fieldError('callerPhone')}
                slotProps={{ htmlInput: { 'data-testid': 'call-phone', maxLength: 20 } }}
              />
              <NativeSelectField
                id="call-topic"
                label={t('callPanel.topic')}
                value={draft.topicId}
                onChange={(topicId) => update({ topicId })}
                options={topicOptions}
                placeholder={topics.isPending ? t('common.loading') : t('common.choose')}
                testId="call-topic"
                required
                error={fieldError('topicId')}
              />
            </Box>
            <TextField
              id="call-information"
              label={t('callPanel.information')}
              value={draft.informationGiven}
              onChange={(event) => update({ informationGiven: event.target.value })}
              multiline
              minRows={3}
              error={Boolean(fieldError('informationGiven'))}
              helperText={fieldError('informationGiven')}
              slotProps={{ htmlInput: { 'data-testid': 'call-information', maxLength: 10_000 } }}
            />
            <AttachedArticles
              articles={draft.articles}
              onOpen={setOpenArticleId}
              onRemove={(id) => change((current) => ({ articles: current.articles.filter((a) => a.id !== id) }))}
            />
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr' }, gap: 2 }}>
              <NativeSelectField
                id="call-outcome"
                label={t('callPanel.outcome')}
                value={draft.outcome}
                onChange={(value) => update({ outcome: value as CallDraft['outcome'] })}
                options={CALL_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) }))}
                testId="call-outcome"
                required
                error={fieldError('outcome')}
              />
              <TextField
                id="call-notes"
                label={t('callPanel.notes')}
                value={draft.notes}
                onChange={(event) => update({ notes: event.target.value })}
                multiline
                minRows={1}
                size="small"
                error={Boolean(fieldError('notes'))}
                helperText={fieldError('notes')}
                slotProps={{ htmlInput: { 'data-testid': 'call-notes', maxLength: 10_000 } }}
              />
            </Box>
            {draft.tickets.map((ticket, index) => (
              <TicketSubform
                key={ticket.key}
                index={index}
                draft={ticket}
                categories={categoryOptions}
                districts={districtOptions}
                onChange={(patch) => updateTicket(ticket.key, patch)}
                onRemove={() => removeTicket(ticket.key)}
                fieldError={fieldError}
              />
            ))}
            <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
              <Button
                variant="outlined"
                startIcon={<AddIcon />}
                onClick={addTicket}
                disabled={draft.tickets.length >= MAX_TICKETS_PER_CALL}
                data-testid="call-add-ticket"
              >
                {t('callPanel.addTicket')}
              </Button>
              <Box sx={{ flexGrow: 1 }} />
              <Button
                variant="contained"
                size="large"
                startIcon={<SaveIcon />}
                onClick={save}
                disabled={record.isPending}
                data-testid="call-save"
                aria-keyshortcuts="Control+Enter"
              >
                {record.isPending ? t('common.saving') : t('callPanel.save')}
              </Button>
            </Stack>
            <CallSaveStatus
              fields={fields}
              fieldError={fieldError}
              error={record.error}
              saved={record.isPending ? null : saved}
              onDismiss={() => setSaved(null)}
            />
          </Stack>
        </Paper>
        <Paper
          component="section"
          aria-label={t('knowledge.title')}
          sx={{ p: 2, position: { lg: 'sticky' }, top: { lg: 120 } }}
        >
          <KnowledgeSearch
            key={callNumber}
            id="call-kb"
            onAttach={attach}
            attachedIds={attachedIds}
            onOpen={(hit) => setOpenArticleId(hit.id)}
          />
        </Paper>
      </Box>
      <Box sx={{ mt: 2 }}>
        <RecentCalls />
      </Box>
      <ArticleDialog
        articleId={openArticleId}
        onClose={() => setOpenArticleId(null)}
        attached={openArticleId ? attachedIds.has(openArticleId) : false}
        onAttach={attach}
      />
    </Box>
  );
}
