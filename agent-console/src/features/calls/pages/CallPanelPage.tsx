// The hotline agent's call screen (DK-02): a call from the telephony pops up by itself (number, the caller's
// history, a running timer); without telephony the agent starts and ends it by hand. The wrap-up form is saved on
// the server as the agent types, so a reload brings it back; Ctrl+Enter records the call with its tickets.
// Every action has a key (shortcuts.ts; `?` lists them).
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Paper,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import SaveIcon from '@mui/icons-material/Save';
import PollIcon from '@mui/icons-material/Poll';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, type CallDto, type FieldError, type KnowledgeHitDto } from '@kck/contracts';
import { pickCall, useCurrentCalls, useEndCall, useStartCall, useWrapUpCall } from '../../../api/calls.api';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { ariaKeys, useShortcuts } from '../../../app/shortcuts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { LiveRegion } from '../../../components/LiveRegion';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { useMe } from '../../auth/session';
import { ArticleDialog } from '../../knowledge/components/ArticleDialog';
import { KnowledgeSearch } from '../../knowledge/components/KnowledgeSearch';
import { SurveyRunner } from '../../surveys/components/SurveyRunner';
import {
  emptyTicket,
  MAX_ARTICLES_PER_CALL,
  MAX_TICKETS_PER_CALL,
  pruneLocalDrafts,
  toWrapUpRequest,
  validateWrapUp,
  type TicketDraft,
  type WrapUpForm,
} from '../call-form';
import { AttachedArticles } from '../components/AttachedArticles';
import { CallbackList } from '../components/CallbackList';
import { CallDraftStatus } from '../components/CallDraftStatus';
import { CallerHistory } from '../components/CallerHistory';
import { CallSaveStatus } from '../components/CallSaveStatus';
import { CallStartBar } from '../components/CallStartBar';
import { RecentCalls } from '../components/RecentCalls';
import { TicketSubform } from '../components/TicketSubform';
import { useWrapUpDraft } from '../hooks/use-wrap-up-draft';

const KB_INPUT = 'call-kb-input';
const focusById = (id: string) => document.getElementById(id)?.focus();

export function CallPanelPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe();
  const hotline = me.role === 'agent' || me.role === 'supervisor';
  const current = useCurrentCalls(hotline);
  const start = useStartCall(me.id);
  const end = useEndCall(me.id);
  const wrapUp = useWrapUpCall();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<CallDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [openArticleId, setOpenArticleId] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const [surveyOpen, setSurveyOpen] = useState(false);
  // Bumped after each recorded call: remounts the search box so the next call starts with a clean slate.
  const [callNumber, setCallNumber] = useState(0);
  const topics = useDictionary('call_topic');
  const categories = useDictionary('category');
  const districts = useDictionary('district');

  const live = current.data?.calls ?? [];
  const call = pickCall(live, chosenId);
  const busy = live.some((c) => c.state === 'active');

  // One start at a time: typing right after pressing start must not start a second call (the first one takes
  // what was typed meanwhile, see useWrapUpDraft).
  const starting = useRef(false);
  const startCall = useCallback(
    async (direction: 'in' | 'out' = 'in', callerPhone?: string): Promise<string | null> => {
      if (starting.current) return null;
      starting.current = true;
      try {
        const started = await start.mutateAsync({ direction, callerPhone });
        setChosenId(started.id);
        setSaved(null);
        return started.id;
      } catch {
        return null; // shown from start.error
      } finally {
        starting.current = false;
      }
    },
    [start],
  );
  const draft = useWrapUpDraft(call, () => void startCall());
  const form = draft.form;

  const fields = clientFields.length ? clientFields : fieldErrorsOf(wrapUp.error);
  const fieldError = useFieldErrors(fields);

  // A call that pops up is announced and its form is where the keyboard is.
  const callId = call?.id ?? null;
  useEffect(() => {
    if (!call) return;
    setNotice(null);
    setSurveyOpen(false);
    setAnnouncement(
      t(call.state === 'ringing' ? 'callPanel.announce.ringing' : 'callPanel.announce.call', {
        phone: call.callerPhone ?? t('callPanel.withheld'),
      }),
    );
    // Only a different call is news; its later messages are not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId]);

  const ringingOtherId = live.find((c) => c.state === 'ringing' && c.id !== callId)?.id ?? null;
  useEffect(() => {
    const ringing = live.find((c) => c.id === ringingOtherId);
    if (ringing)
      setAnnouncement(t('callPanel.announce.ringing', { phone: ringing.callerPhone ?? t('callPanel.withheld') }));
    // Announced once per ringing call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ringingOtherId]);

  // Local copies of drafts are for live calls only; a recorded call's copy (or another agent's) goes.
  useEffect(() => {
    if (current.data) pruneLocalDrafts(current.data.calls.map((c) => c.id));
  }, [current.data]);

  // Move focus after React has rendered the element (a new ticket form, the start button after saving).
  useEffect(() => {
    if (!focusTarget) return;
    focusById(focusTarget);
    setFocusTarget(null);
  }, [focusTarget]);

  const change = draft.change;
  const update = (patch: Partial<WrapUpForm>) => change(() => patch);

  // An attached article is information given on this call: it joins "articles used" and a line naming it
  // is added to the information given, which the agent can still reword.
  const attach = (hit: Pick<KnowledgeHitDto, 'id' | 'title'>) =>
    change((f) => {
      if (f.articles.some((a) => a.id === hit.id) || f.articles.length >= MAX_ARTICLES_PER_CALL) return {};
      const line = t('knowledge.informationLine', { title: hit.title });
      return {
        articles: [...f.articles, { id: hit.id, title: hit.title }],
        informationGiven: f.informationGiven.trim() ? `${f.informationGiven.trimEnd()}\n${line}` : line,
      };
    });

  const addTicket = () => {
    if (form.tickets.length >= MAX_TICKETS_PER_CALL) return;
    const ticket = emptyTicket(form.callerPhone || (call?.callerPhone ?? ''));
    change((f) => ({
      tickets: [...f.tickets, ticket],
      // A call that produced a ticket is no longer "information only".
      outcome: f.outcome === 'information_given' ? (ticket.type === 'idea' ? 'idea' : 'problem') : f.outcome,
    }));
    setFocusTarget(`${ticket.key}-type`);
  };

  const updateTicket = (key: string, patch: Partial<TicketDraft>) =>
    change((f) => ({ tickets: f.tickets.map((ticket) => (ticket.key === key ? { ...ticket, ...patch } : ticket)) }));
  const removeTicket = (key: string) => change((f) => ({ tickets: f.tickets.filter((ticket) => ticket.key !== key) }));

  const endCall = () => {
    if (call?.state === 'active' && !end.isPending) end.mutate(call.id);
  };

  const save = async () => {
    if (wrapUp.isPending) return;
    if (!call) return setNotice(t('callPanel.noCallToSave'));
    if (call.state === 'ringing') return setNotice(t('callPanel.notAnswered'));
    setNotice(null);
    const body = toWrapUpRequest(form);
    const problems = validateWrapUp(body);
    setClientFields(problems);
    if (problems.length > 0) {
      setAnnouncement(t('callPanel.fixFields'));
      return;
    }
    // No draft save may reach the server after the call is recorded.
    await draft.settle();
    wrapUp.mutate(
      { callId: call.id, body },
      {
        onSuccess: (recorded) => {
          setSaved(recorded);
          setClientFields([]);
          setChosenId(null);
          setCallNumber((n) => n + 1);
          setFocusTarget('call-start');
        },
        onError: () => draft.resume(),
      },
    );
  };

  const pickOutcome = (outcome: WrapUpForm['outcome']) => {
    update({ outcome });
    setAnnouncement(t('callPanel.announce.outcome', { outcome: t(`outcome.${outcome}`) }));
    if (outcome === 'survey') setSurveyOpen(true);
  };

  useShortcuts({
    'call.start': () => {
      if (!busy && !start.isPending) void startCall().then((id) => id && setFocusTarget('call-phone'));
    },
    'call.end': endCall,
    'call.focusPhone': () => focusById('call-phone'),
    'knowledge.focusSearchInField': () => focusById(KB_INPUT),
    'wrapUp.topic': () => focusById('call-topic'),
    'wrapUp.information': () => focusById('call-information'),
    'wrapUp.notes': () => focusById('call-notes'),
    'wrapUp.addTicket': addTicket,
    'wrapUp.survey': () => {
      if (!call) return;
      setSurveyOpen(true);
      setFocusTarget('call-survey');
    },
    'wrapUp.save': () => void save(),
    ...Object.fromEntries(CALL_OUTCOMES.map((outcome) => [`wrapUp.outcome.${outcome}`, () => pickOutcome(outcome)])),
  });

  const topicOptions = dictionaryOptions(topics.data, lang);
  const categoryOptions = dictionaryOptions(categories.data, lang);
  const districtOptions = dictionaryOptions(districts.data, lang);
  const attachedIds = new Set(form.articles.map((article) => article.id));
  const referenceError = topics.error ?? categories.error ?? districts.error;
  const others = live.filter((c) => c.id !== call?.id);
  // A call ringing while the agent finishes another one's wrap-up: it must not go unnoticed.
  const ringingOther = others.find((c) => c.state === 'ringing') ?? null;

  return (
    <Box>
      <LiveRegion message={announcement} testId="call-announcement" />
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('callPanel.title')}
      </Typography>
      <Paper component="section" aria-label={t('callPanel.callLabel')} sx={{ p: 2, mb: 2 }}>
        <CallStartBar
          call={call}
          onStart={() => void startCall().then((id) => id && setFocusTarget('call-phone'))}
          onEnd={endCall}
          starting={start.isPending}
          ending={end.isPending}
          busy={busy}
        />
        {others.length > 0 ? (
          <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body2" id="other-calls-label">
              {t('callPanel.otherCalls')}
            </Typography>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={call?.id ?? null}
              onChange={(_event, id: string | null) => id && setChosenId(id)}
              aria-labelledby="other-calls-label"
            >
              {live.map((c) => (
                <ToggleButton key={c.id} value={c.id} data-testid="live-call-choice">
                  {`${c.callerPhone ?? t('callPanel.withheld')} · ${t(`callPanel.state.${c.state}`)}`}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Stack>
        ) : null}
        {ringingOther ? (
          <Alert
            severity="warning"
            sx={{ mt: 1 }}
            data-testid="call-ringing-other"
            action={
              <Button color="inherit" size="small" onClick={() => setChosenId(ringingOther.id)}>
                {t('callPanel.showRinging')}
              </Button>
            }
          >
            {t('callPanel.ringingOther', { phone: ringingOther.callerPhone ?? t('callPanel.withheld') })}
          </Alert>
        ) : null}
        {start.error ? <ErrorAlert error={start.error} /> : null}
        {end.error ? <ErrorAlert error={end.error} /> : null}
        {current.error ? <ErrorAlert error={current.error} /> : null}
        {call ? (
          <Box sx={{ mt: 2 }}>
            <CallerHistory callId={call.id} callerPhone={call.callerPhone} />
          </Box>
        ) : null}
      </Paper>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2, alignItems: 'start' }}>
        <Paper
          component="section"
          aria-label={t('callPanel.formLabel')}
          sx={{ p: 2 }}
          onBlur={() => draft.flush()}
          data-testid="wrap-up-form"
          data-call-id={draft.callId ?? ''}
        >
          <QueryState
            isPending={hotline && current.isPending}
            error={undefined}
            data={hotline && current.isPending ? undefined : true}
          >
            {() => (
              <Stack spacing={2}>
                {referenceError ? <ErrorAlert error={referenceError} /> : null}
                <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr' }, gap: 2 }}>
                  <TextField
                    id="call-phone"
                    label={t('callPanel.phone')}
                    type="tel"
                    value={form.callerPhone}
                    onChange={(event) => update({ callerPhone: event.target.value })}
                    size="small"
                    autoComplete="off"
                    error={Boolean(fieldError('callerPhone'))}
                    helperText={fieldError('callerPhone')}
                    slotProps={{
                      htmlInput: {
                        'data-testid': 'call-phone',
                        maxLength: 20,
                        'aria-keyshortcuts': ariaKeys('call.focusPhone'),
                      },
                    }}
                  />
                  <NativeSelectField
                    id="call-topic"
                    label={t('callPanel.topic')}
                    value={form.topicId}
                    onChange={(topicId) => update({ topicId })}
                    options={topicOptions}
                    placeholder={topics.isPending ? t('common.loading') : t('common.choose')}
                    testId="call-topic"
                    required
                    error={fieldError('topicId')}
                    helperText={t('callPanel.keyHint', { keys: ariaKeys('wrapUp.topic') })}
                  />
                </Box>
                <TextField
                  id="call-information"
                  label={t('callPanel.information')}
                  value={form.informationGiven}
                  onChange={(event) => update({ informationGiven: event.target.value })}
                  multiline
                  minRows={3}
                  error={Boolean(fieldError('informationGiven'))}
                  helperText={fieldError('informationGiven')}
                  slotProps={{
                    htmlInput: {
                      'data-testid': 'call-information',
                      maxLength: 10_000,
                      'aria-keyshortcuts': ariaKeys('wrapUp.information'),
                    },
                  }}
                />
                <AttachedArticles
                  articles={form.articles}
                  onOpen={setOpenArticleId}
                  onRemove={(id) => change((f) => ({ articles: f.articles.filter((a) => a.id !== id) }))}
                />
                <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr' }, gap: 2 }}>
                  <NativeSelectField
                    id="call-outcome"
                    label={t('callPanel.outcome')}
                    value={form.outcome}
                    onChange={(value) => pickOutcome(value as WrapUpForm['outcome'])}
                    options={CALL_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`outcome.${outcome}`) }))}
                    testId="call-outcome"
                    required
                    error={fieldError('outcome')}
                    helperText={t('callPanel.keyHint', { keys: `Alt+Shift+1…${CALL_OUTCOMES.length}` })}
                  />
                  <TextField
                    id="call-notes"
                    label={t('callPanel.notes')}
                    value={form.notes}
                    onChange={(event) => update({ notes: event.target.value })}
                    multiline
                    minRows={1}
                    size="small"
                    error={Boolean(fieldError('notes'))}
                    helperText={fieldError('notes')}
                    slotProps={{
                      htmlInput: {
                        'data-testid': 'call-notes',
                        maxLength: 10_000,
                        'aria-keyshortcuts': ariaKeys('wrapUp.notes'),
                      },
                    }}
                  />
                </Box>
                {form.tickets.map((ticket, index) => (
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
                    disabled={form.tickets.length >= MAX_TICKETS_PER_CALL}
                    data-testid="call-add-ticket"
                    aria-keyshortcuts={ariaKeys('wrapUp.addTicket')}
                  >
                    {t('callPanel.addTicket')}
                  </Button>
                  {call ? (
                    <Button
                      variant="outlined"
                      startIcon={<PollIcon />}
                      onClick={() => {
                        setSurveyOpen(true);
                        setFocusTarget('call-survey');
                      }}
                      data-testid="call-open-survey"
                      aria-keyshortcuts={ariaKeys('wrapUp.survey')}
                    >
                      {t('callPanel.openSurvey')}
                    </Button>
                  ) : null}
                  <Box sx={{ flexGrow: 1 }} />
                  <Button
                    variant="contained"
                    size="large"
                    startIcon={<SaveIcon />}
                    onClick={() => void save()}
                    disabled={wrapUp.isPending}
                    data-testid="call-save"
                    aria-keyshortcuts={ariaKeys('wrapUp.save')}
                  >
                    {wrapUp.isPending ? t('common.saving') : t('callPanel.save')}
                  </Button>
                </Stack>
                <CallDraftStatus status={draft.status} savedAt={draft.savedAt} hasCall={Boolean(draft.callId)} />
                {notice ? (
                  <Typography role="alert" color="error" data-testid="call-notice">
                    {notice}
                  </Typography>
                ) : null}
                <CallSaveStatus
                  fields={fields}
                  fieldError={fieldError}
                  error={wrapUp.error}
                  saved={wrapUp.isPending ? null : saved}
                  onDismiss={() => setSaved(null)}
                />
              </Stack>
            )}
          </QueryState>
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
      {call && surveyOpen ? (
        <Paper
          component="section"
          id="call-survey"
          tabIndex={-1}
          aria-label={t('callPanel.survey')}
          sx={{ p: 2, mt: 2 }}
          data-testid="call-survey"
        >
          <SurveyRunner callId={call.id} />
        </Paper>
      ) : null}
      {hotline ? (
        <Box sx={{ mt: 2 }}>
          <CallbackList
            busy={busy}
            onCallBack={async (phone) => {
              const id = await startCall('out', phone);
              if (id) setFocusTarget('call-topic');
              return id;
            }}
          />
        </Box>
      ) : null}
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
