// The hotline agent's call panel (DK-02): start the call, note who and what, answer from the Baza Wiedzy,
// take down tickets, save with Ctrl+Enter, and be ready for the next call at once.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, AlertTitle, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import AddIcon from '@mui/icons-material/Add';
import SaveIcon from '@mui/icons-material/Save';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, type CallDto, type FieldError, type KnowledgeHitDto } from '@kck/contracts';
import { useRecordCall } from '../../../api/calls.api';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { formatDuration } from '../../../components/format';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { ArticleDialog } from '../../knowledge/components/ArticleDialog';
import { KnowledgeSearch } from '../../knowledge/components/KnowledgeSearch';
import {
  emptyCall,
  emptyTicket,
  MAX_ARTICLES_PER_CALL,
  MAX_TICKETS_PER_CALL,
  toRecordCallRequest,
  validateCall,
  type CallDraft,
  type TicketDraft,
} from '../call-form';
import { AttachedArticles } from '../components/AttachedArticles';
import { RecentCalls } from '../components/RecentCalls';
import { TicketSubform } from '../components/TicketSubform';
import { useCallTimer } from '../hooks/use-call-timer';

const PHONE_FOR_REPORTER = /^\+?[0-9 ()-]{6,20}$/;

export function CallPanelPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [draft, setDraft] = useState<CallDraft>(emptyCall);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<CallDto | null>(null);
  const [openArticleId, setOpenArticleId] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const record = useRecordCall();
  const topics = useDictionary('call_topic');
  const categories = useDictionary('category');
  const districts = useDictionary('district');
  const elapsed = useCallTimer(draft.startedAt);

  const fields = clientFields.length ? clientFields : fieldErrorsOf(record.error);
  const fieldError = useFieldErrors(fields);

  // Move focus after React has rendered the element (a new ticket form, the phone field after start).
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const update = (patch: Partial<CallDraft>) =>
    setDraft((current) => ({ ...current, ...patch, firstEditAt: current.firstEditAt ?? new Date().toISOString() }));

  const start = () => {
    setDraft((current) => ({ ...current, startedAt: new Date().toISOString() }));
    setFocusTarget('call-phone');
  };

  const attach = (hit: Pick<KnowledgeHitDto, 'id' | 'title'>) =>
    setDraft((current) =>
      current.articles.some((article) => article.id === hit.id) || current.articles.length >= MAX_ARTICLES_PER_CALL
        ? current
        : { ...current, articles: [...current.articles, { id: hit.id, title: hit.title }] },
    );

  const addTicket = () => {
    const ticket = emptyTicket(PHONE_FOR_REPORTER.test(draft.callerPhone.trim()) ? draft.callerPhone.trim() : '');
    update({
      tickets: [...draft.tickets, ticket],
      // A call that produced a ticket is no longer "information only".
      outcome: draft.outcome === 'information_given' ? 'problem' : draft.outcome,
    });
    setFocusTarget(`${ticket.key}-type`);
  };

  const updateTicket = (key: string, patch: Partial<TicketDraft>) =>
    update({ tickets: draft.tickets.map((ticket) => (ticket.key === key ? { ...ticket, ...patch } : ticket)) });

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
        startButton.current?.focus();
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
  const running = Boolean(draft.startedAt);
  const referenceError = topics.error ?? categories.error ?? districts.error;

  return (
    <Box onKeyDown={onKeyDown}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('callPanel.title')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2, alignItems: 'start' }}>
        <Paper component="section" aria-label={t('callPanel.formLabel')} sx={{ p: 2 }}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
              <Button
                ref={startButton}
                variant="contained"
                color={running ? 'success' : 'primary'}
                startIcon={<PhoneInTalkIcon />}
                onClick={start}
                disabled={running}
                data-testid="call-start"
              >
                {running ? t('callPanel.running') : t('callPanel.start')}
              </Button>
              <Typography
                component="span"
                variant="h5"
                sx={{ fontVariantNumeric: 'tabular-nums', fontFamily: 'monospace' }}
                data-testid="call-timer"
                data-running={running ? 'true' : 'false'}
                role="timer"
                aria-label={t('callPanel.timer')}
              >
                {formatDuration(elapsed)}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ flexGrow: 1, textAlign: 'right' }}>
                {t('callPanel.shortcuts')}
              </Typography>
            </Stack>
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
              onRemove={(id) => update({ articles: draft.articles.filter((article) => article.id !== id) })}
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
                onRemove={() => update({ tickets: draft.tickets.filter((other) => other.key !== ticket.key) })}
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
            <Box aria-live="polite">
              {fields.length > 0 ? (
                <Alert severity="error" data-testid="call-errors">
                  <AlertTitle>{t('callPanel.fixFields')}</AlertTitle>
                  <Box component="ul" sx={{ m: 0, pl: 2 }}>
                    {fields.map((field) => (
                      <li key={`${field.path}:${field.message}`}>{fieldError(field.path) ?? field.message}</li>
                    ))}
                  </Box>
                </Alert>
              ) : record.error ? (
                <ErrorAlert error={record.error} />
              ) : null}
              {saved && !record.isPending ? (
                <Alert severity="success" data-testid="call-saved" onClose={() => setSaved(null)} sx={{ mt: 1 }}>
                  <AlertTitle>{t('callPanel.saved')}</AlertTitle>
                  {saved.ticketNumbers.length > 0
                    ? t('callPanel.savedTickets', { numbers: saved.ticketNumbers.join(', ') })
                    : t('callPanel.savedNoTickets')}
                </Alert>
              ) : null}
            </Box>
          </Stack>
        </Paper>
        <Paper component="section" aria-label={t('knowledge.title')} sx={{ p: 2, position: { lg: 'sticky' }, top: { lg: 120 } }}>
          <KnowledgeSearch
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
