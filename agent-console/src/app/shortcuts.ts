// Every keyboard shortcut of the console, defined once: the keys, whether they work while typing in a field, and
// the label the help screen (`?`) shows. Features register theirs here (or with registerShortcut) and listen with
// useShortcut; nothing else decides which keys do what. Browser-reserved combinations are avoided: no Ctrl+letter,
// no Alt+D/E/F (Chrome's address bar and menu), Alt+B/H/S/T/V (Firefox's menus) or Alt+digit (tab switching).
import { useEffect, useRef } from 'react';

export type ShortcutGroup = 'general' | 'call' | 'wrapUp' | 'knowledge' | 'triage';

export interface ShortcutKeys {
  /** KeyboardEvent.key for printable keys (`?`, `/`, `d`), compared case-insensitively. */
  key?: string;
  /** KeyboardEvent.code (`KeyN`, `Digit1`, `Enter`): the physical key, so Alt+letter works on every layout. */
  code?: string;
  alt?: boolean;
  ctrl?: boolean;
  shift?: boolean;
}

export interface ShortcutDefinition {
  id: string;
  group: ShortcutGroup;
  keys: ShortcutKeys;
  /** How the keys are written on the help screen and in aria-keyshortcuts (`Alt+N`, `Control+Enter`). */
  display: string;
  /** i18n key of the label (Polish first, English in en.json). */
  label: string;
  /** Also while the focus is in a text field; single printable keys never are. */
  inFields: boolean;
  /** Only where it applies (a focused search hit, an open dialog): listed, handled by its component. */
  local?: boolean;
}

const alt = (letter: string): Pick<ShortcutDefinition, 'keys' | 'display' | 'inFields'> => ({
  keys: { code: `Key${letter}`, alt: true },
  display: `Alt+${letter}`,
  inFields: true,
});
const altShiftDigit = (digit: number): Pick<ShortcutDefinition, 'keys' | 'display' | 'inFields'> => ({
  keys: { code: `Digit${digit}`, alt: true, shift: true },
  display: `Alt+Shift+${digit}`,
  inFields: true,
});

/** A single key on DK-03's inbox page, outside text fields. */
const inbox = (id: string, key: string, label: string): ShortcutDefinition => ({
  id: `triage.${id}`,
  group: 'triage',
  keys: { key },
  display: key.toUpperCase(),
  label: `shortcuts.triage.${label}`,
  inFields: false,
});

/** DK-03's triage inbox (features/triage): move, open, choose for bulk moves, claim and act, like a mail inbox. */
const TRIAGE_SHORTCUTS: ShortcutDefinition[] = [
  inbox('next', 'j', 'next'),
  inbox('previous', 'k', 'previous'),
  {
    id: 'triage.moveRows',
    group: 'triage',
    keys: {},
    display: '↓ ↑',
    label: 'shortcuts.triage.moveRows',
    inFields: false,
    local: true,
  },
  {
    id: 'triage.open',
    group: 'triage',
    keys: { code: 'Enter' },
    display: 'Enter',
    label: 'shortcuts.triage.open',
    inFields: false,
    local: true,
  },
  inbox('toggle', 'x', 'toggle'),
  inbox('claim', 'c', 'claim'),
  inbox('route', 'r', 'route'),
  inbox('merge', 'm', 'merge'),
  inbox('spam', 's', 'spam'),
  // `/` is the knowledge search's elsewhere; the two never share a page, so this one is the inbox page's own.
  { ...inbox('focusFilter', '/', 'focusFilter'), local: true },
];

const BUILT_IN: ShortcutDefinition[] = [
  { id: 'help', group: 'general', keys: { key: '?' }, display: '?', label: 'shortcuts.help', inFields: false },
  {
    id: 'knowledge.focusSearch',
    group: 'knowledge',
    keys: { key: '/' },
    display: '/',
    label: 'shortcuts.knowledgeFocus',
    inFields: false,
  },
  { id: 'knowledge.focusSearchInField', group: 'knowledge', ...alt('W'), label: 'shortcuts.knowledgeFocusAnywhere' },
  {
    id: 'knowledge.moveHits',
    group: 'knowledge',
    keys: {},
    display: '↓ ↑',
    label: 'shortcuts.knowledgeMove',
    inFields: true,
    local: true,
  },
  {
    id: 'knowledge.open',
    group: 'knowledge',
    keys: { code: 'Enter' },
    display: 'Enter',
    label: 'shortcuts.knowledgeOpen',
    inFields: true,
    local: true,
  },
  {
    id: 'knowledge.attach',
    group: 'knowledge',
    keys: { key: 'd' },
    display: 'D',
    label: 'shortcuts.knowledgeAttach',
    inFields: false,
    local: true,
  },
  { id: 'call.start', group: 'call', ...alt('N'), label: 'shortcuts.callStart' },
  { id: 'call.end', group: 'call', ...alt('K'), label: 'shortcuts.callEnd' },
  { id: 'call.focusPhone', group: 'call', ...alt('P'), label: 'shortcuts.callPhone' },
  { id: 'call.callbacks', group: 'call', ...alt('O'), label: 'shortcuts.callCallbacks' },
  { id: 'cityMatter.link', group: 'call', ...alt('M'), label: 'shortcuts.cityMatterLink' },
  { id: 'wrapUp.topic', group: 'wrapUp', ...alt('R'), label: 'shortcuts.wrapUpTopic' },
  { id: 'wrapUp.information', group: 'wrapUp', ...alt('I'), label: 'shortcuts.wrapUpInformation' },
  { id: 'wrapUp.notes', group: 'wrapUp', ...alt('U'), label: 'shortcuts.wrapUpNotes' },
  { id: 'wrapUp.addTicket', group: 'wrapUp', ...alt('Z'), label: 'shortcuts.wrapUpAddTicket' },
  { id: 'wrapUp.survey', group: 'wrapUp', ...alt('A'), label: 'shortcuts.wrapUpSurvey' },
  {
    id: 'wrapUp.outcome.information_given',
    group: 'wrapUp',
    ...altShiftDigit(1),
    label: 'shortcuts.outcomes.information_given',
  },
  { id: 'wrapUp.outcome.problem', group: 'wrapUp', ...altShiftDigit(2), label: 'shortcuts.outcomes.problem' },
  { id: 'wrapUp.outcome.idea', group: 'wrapUp', ...altShiftDigit(3), label: 'shortcuts.outcomes.idea' },
  { id: 'wrapUp.outcome.transferred', group: 'wrapUp', ...altShiftDigit(4), label: 'shortcuts.outcomes.transferred' },
  { id: 'wrapUp.outcome.survey', group: 'wrapUp', ...altShiftDigit(5), label: 'shortcuts.outcomes.survey' },
  { id: 'wrapUp.outcome.dropped', group: 'wrapUp', ...altShiftDigit(6), label: 'shortcuts.outcomes.dropped' },
  {
    id: 'wrapUp.save',
    group: 'wrapUp',
    keys: { code: 'Enter', ctrl: true },
    display: 'Control+Enter',
    label: 'shortcuts.wrapUpSave',
    inFields: true,
  },
  {
    id: 'street.pick',
    group: 'wrapUp',
    keys: {},
    display: '↓ Enter',
    label: 'shortcuts.streetPick',
    inFields: true,
    local: true,
  },
  {
    id: 'dialog.close',
    group: 'general',
    keys: { code: 'Escape' },
    display: 'Escape',
    label: 'shortcuts.dialogClose',
    inFields: true,
    local: true,
  },
  ...TRIAGE_SHORTCUTS,
];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['call', 'wrapUp', 'triage', 'knowledge', 'general'];

const registry = new Map<string, ShortcutDefinition>(BUILT_IN.map((s) => [s.id, s]));

const comboOf = (s: ShortcutDefinition) =>
  `${s.keys.ctrl ? 'C' : ''}${s.keys.alt ? 'A' : ''}${s.keys.shift ? 'S' : ''}:${s.keys.code ?? s.keys.key?.toLowerCase() ?? ''}`;

/** Adds a feature's shortcut; the same keys twice would make one of them silently dead, so that throws. */
export function registerShortcut(definition: ShortcutDefinition): void {
  const clash = [...registry.values()].find(
    (s) => s.id !== definition.id && !s.local && !definition.local && comboOf(s) === comboOf(definition),
  );
  if (clash) throw new Error(`Shortcut ${definition.display} of ${definition.id} is already ${clash.id}'s`);
  registry.set(definition.id, definition);
}

export function shortcut(id: string): ShortcutDefinition {
  const found = registry.get(id);
  if (!found) throw new Error(`No shortcut ${id}`);
  return found;
}

export const allShortcuts = (): ShortcutDefinition[] => [...registry.values()];

/** The value for aria-keyshortcuts, so screen readers announce the key with the control. */
export const ariaKeys = (id: string): string => shortcut(id).display.replace(/Ctrl\+/g, 'Control+');

/** True while the focus is somewhere typing goes (text field, select, editor). */
export const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function matchesShortcut(event: KeyboardEvent, definition: ShortcutDefinition): boolean {
  const { keys } = definition;
  if (!keys.code && !keys.key) return false;
  if (Boolean(keys.alt) !== event.altKey || Boolean(keys.ctrl) !== (event.ctrlKey || event.metaKey)) return false;
  // `?` is Shift+/ on most layouts: a printable key carries its own shift.
  if (keys.code && Boolean(keys.shift) !== event.shiftKey) return false;
  if (keys.code) return event.code === keys.code;
  return event.key.toLowerCase() === keys.key!.toLowerCase();
}

interface Options {
  enabled?: boolean;
  /** Inside an open dialog too (the dialog's own keys go first); off by default so dialogs keep their focus. */
  inDialogs?: boolean;
}

/**
 * Calls the handler of a shortcut when its keys are pressed anywhere on the page (not while typing, unless the
 * shortcut works in fields). Handlers run with the latest props; a handled key is not passed on.
 */
export function useShortcuts(handlers: Record<string, (event: KeyboardEvent) => void>, options: Options = {}): void {
  const { enabled = true, inDialogs = false } = options;
  const latest = useRef(handlers);
  latest.current = handlers;
  const ids = Object.keys(handlers).sort().join(' ');
  useEffect(() => {
    if (!enabled) return;
    const definitions = ids.split(' ').filter(Boolean).map(shortcut);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const definition = definitions.find((d) => matchesShortcut(event, d));
      if (!definition) return;
      if (!definition.inFields && isTypingTarget(event.target)) return;
      if (!inDialogs && event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      event.preventDefault();
      latest.current[definition.id]?.(event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [ids, enabled, inDialogs]);
}

export function useShortcut(id: string, handler: (event: KeyboardEvent) => void, options: Options = {}): void {
  useShortcuts({ [id]: handler }, options);
}
