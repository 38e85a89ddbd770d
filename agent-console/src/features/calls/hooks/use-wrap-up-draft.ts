// The wrap-up form of the call on screen, kept on the server as its draft: saved ~500 ms after the agent stops
// typing, at once when the focus leaves the form and when the page closes, so a reload or a crashed browser loses
// nothing. Saves run one at a time with the draft's version; a form typed before any call existed starts one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveCallDto } from '@kck/contracts';
import { saveCallDraft, saveCallDraftOnUnload } from '../../../api/calls.api';
import { isApiError } from '../../../api/http';
import {
  clearLocalDraft,
  draftOf,
  emptyForm,
  initialForm,
  newerLocalDraft,
  storeLocalDraft,
  type WrapUpForm,
} from '../call-form';

export type DraftStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'failed';

const SAVE_AFTER_MS = 500;
const RETRY_OFFLINE_MS = 5_000;
/** Another tab of the same agent saving the same draft: adopt its version and save ours, a few times at most. */
const MAX_CONFLICT_RETRIES = 3;

export interface WrapUpDraft {
  form: WrapUpForm;
  /** The call the form belongs to (null: no call yet). */
  callId: string | null;
  status: DraftStatus;
  savedAt: Date | null;
  change: (apply: (current: WrapUpForm) => Partial<WrapUpForm>) => void;
  /** Saves now what is not saved yet (the focus left the form). */
  flush: () => void;
  /** Before the wrap-up is sent: no save may overtake it. Resolves once none is under way. */
  settle: () => Promise<void>;
  /** After a wrap-up the server refused: the form is still the agent's to fix, and to keep. */
  resume: () => void;
}

export function useWrapUpDraft(call: LiveCallDto | null, startCall: () => void): WrapUpDraft {
  const [form, setForm] = useState<WrapUpForm>(() => emptyForm());
  const [callId, setCallId] = useState<string | null>(null);
  const [status, setStatus] = useState<DraftStatus>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const formRef = useRef(form);
  const boundRef = useRef<string | null>(null);
  const versionRef = useRef(0);
  const dirtyRef = useRef(false);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlightRef = useRef<Promise<void> | null>(null);
  const againRef = useRef(false);
  const conflictsRef = useRef(0);
  // The agent typed before there was a call: the call started for it takes this form as it is.
  const adoptRef = useRef(false);

  const show = (next: WrapUpForm) => {
    formRef.current = next;
    setForm(next);
  };

  const runSave = useCallback((): void => {
    const id = boundRef.current;
    if (!id || !dirtyRef.current) return;
    if (inFlightRef.current) {
      againRef.current = true;
      return;
    }
    clearTimeout(timerRef.current);
    dirtyRef.current = false;
    const sent = formRef.current;
    setStatus('saving');
    inFlightRef.current = (async () => {
      try {
        const saved = await saveCallDraft(id, { draft: draftOf(sent), draftVersion: versionRef.current });
        if (boundRef.current !== id) return;
        versionRef.current = saved.draftVersion;
        conflictsRef.current = 0;
        clearLocalDraft(id);
        setSavedAt(new Date());
        setStatus(dirtyRef.current ? 'pending' : 'saved');
      } catch (error) {
        if (boundRef.current !== id) return;
        dirtyRef.current = true;
        if (isApiError(error) && error.code === 'network') {
          storeLocalDraft(id, formRef.current);
          setStatus('offline');
          clearTimeout(timerRef.current);
          timerRef.current = setTimeout(runSave, RETRY_OFFLINE_MS);
        } else if (
          isApiError(error) &&
          error.status === 409 &&
          error.current &&
          conflictsRef.current < MAX_CONFLICT_RETRIES
        ) {
          conflictsRef.current += 1;
          versionRef.current = error.current.version;
          againRef.current = true;
        } else {
          dirtyRef.current = false;
          setStatus('failed');
        }
      } finally {
        inFlightRef.current = null;
        if (againRef.current) {
          againRef.current = false;
          runSave();
        }
      }
    })();
  }, []);

  const schedule = useCallback(() => {
    clearTimeout(timerRef.current);
    timerRef.current = setTimeout(runSave, SAVE_AFTER_MS);
  }, [runSave]);

  // The call on screen changed (popped up, restored after a reload, recorded, or another one answered).
  const id = call?.id ?? null;
  useEffect(() => {
    if (id === boundRef.current) return;
    const leaving = boundRef.current;
    if (leaving && dirtyRef.current) {
      // Whatever was typed for the call we leave still goes to it, in the background.
      void saveCallDraft(leaving, { draft: draftOf(formRef.current), draftVersion: versionRef.current }).catch(() =>
        storeLocalDraft(leaving, formRef.current),
      );
    }
    clearTimeout(timerRef.current);
    dirtyRef.current = false;
    conflictsRef.current = 0;
    boundRef.current = id;
    setCallId(id);
    setSavedAt(null);
    if (!call) {
      show(emptyForm());
      setStatus('idle');
      return;
    }
    versionRef.current = call.draftVersion;
    if (adoptRef.current && !leaving) {
      adoptRef.current = false;
      show({ ...formRef.current, callerPhone: formRef.current.callerPhone || (call.callerPhone ?? '') });
      dirtyRef.current = true;
      setStatus('pending');
      schedule();
      return;
    }
    adoptRef.current = false;
    const local = newerLocalDraft(call.id, call.draftSavedAt);
    show(local ?? initialForm(call));
    if (call.draftSavedAt) setSavedAt(new Date(call.draftSavedAt));
    if (local) {
      dirtyRef.current = true;
      setStatus('pending');
      schedule();
    } else setStatus(call.draft ? 'saved' : 'idle');
    // Only a different call rebinds the form; the same call's later messages leave it alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const change = useCallback(
    (apply: (current: WrapUpForm) => Partial<WrapUpForm>) => {
      show({ ...formRef.current, ...apply(formRef.current) });
      if (!boundRef.current) {
        if (!adoptRef.current) {
          adoptRef.current = true;
          startCall();
        }
        return;
      }
      dirtyRef.current = true;
      setStatus('pending');
      schedule();
    },
    [schedule, startCall],
  );

  const flush = useCallback(() => runSave(), [runSave]);

  const settle = useCallback(async () => {
    clearTimeout(timerRef.current);
    dirtyRef.current = false;
    while (inFlightRef.current) await inFlightRef.current;
  }, []);

  const resume = useCallback(() => {
    dirtyRef.current = true;
    schedule();
  }, [schedule]);

  // Closing or reloading the page: the last keystrokes leave with it (keepalive), and, when the server was
  // unreachable, stay in this browser too.
  useEffect(() => {
    const onLeave = () => {
      const bound = boundRef.current;
      if (!bound || !dirtyRef.current) return;
      saveCallDraftOnUnload(bound, { draft: draftOf(formRef.current), draftVersion: versionRef.current });
      storeLocalDraft(bound, formRef.current);
    };
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      clearTimeout(timerRef.current);
    };
  }, []);

  return { form, callId, status, savedAt, change, flush, settle, resume };
}
