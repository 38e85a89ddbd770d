// The shortcut registry: one action per key combination, none the browser keeps for itself, every label in
// Polish and English, and keys matched by physical key so Alt+letter works on a Polish keyboard too.
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import pl from '../i18n/pl.json';
import { allShortcuts, matchesShortcut, registerShortcut, shortcut, type ShortcutDefinition } from './shortcuts';

const key = (init: Partial<KeyboardEvent>) =>
  ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...init }) as KeyboardEvent;

const lookup = (resources: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);

const global = allShortcuts().filter((s) => !s.local);

describe('the shortcut registry', () => {
  it('gives each key combination one action', () => {
    const combos = global.map((s) => s.display);
    expect(combos.filter((combo, index) => combos.indexOf(combo) !== index)).toEqual([]);
  });

  it('leaves the browser its own keys: no Ctrl+letter, no Alt+digit, no Alt+D/E/F (Chrome) or B/H/S/T/V (Firefox)', () => {
    const reserved = (s: ShortcutDefinition) =>
      (s.keys.ctrl && /^Key/.test(s.keys.code ?? '')) ||
      (s.keys.alt && !s.keys.shift && /^Digit/.test(s.keys.code ?? '')) ||
      (s.keys.alt && /^Key[DEFBHSTV]$/.test(s.keys.code ?? ''));
    expect(global.filter(reserved).map((s) => s.id)).toEqual([]);
  });

  it('labels every shortcut in Polish and in English', () => {
    const missing = allShortcuts().flatMap((s) =>
      [
        ['pl', pl],
        ['en', en],
      ].flatMap(([language, resources]) =>
        typeof lookup(resources, s.label) === 'string' ? [] : [`${language}: ${s.label}`],
      ),
    );
    expect(missing).toEqual([]);
  });

  it('refuses a second action on keys already taken', () => {
    expect(() =>
      registerShortcut({
        id: 'test.clash',
        group: 'general',
        keys: { code: 'KeyN', alt: true },
        display: 'Alt+N',
        label: 'shortcuts.callStart',
        inFields: true,
      }),
    ).toThrow(/Alt\+N .*call\.start/);
  });
});

describe('matchesShortcut', () => {
  it('matches Alt+letter by the physical key, whatever character the layout makes of it', () => {
    expect(matchesShortcut(key({ code: 'KeyM', key: 'µ', altKey: true }), shortcut('cityMatter.link'))).toBe(true);
    expect(matchesShortcut(key({ code: 'KeyN', key: 'n' }), shortcut('call.start'))).toBe(false);
  });

  it('does not take AltGr (Ctrl+Alt), which types Polish letters, for Alt', () => {
    expect(
      matchesShortcut(key({ code: 'KeyZ', key: 'ż', altKey: true, ctrlKey: true }), shortcut('wrapUp.addTicket')),
    ).toBe(false);
  });

  it('tells Alt+Shift+digit (an outcome) from Alt+digit (the browser tab)', () => {
    expect(
      matchesShortcut(
        key({ code: 'Digit2', key: '@', altKey: true, shiftKey: true }),
        shortcut('wrapUp.outcome.problem'),
      ),
    ).toBe(true);
    expect(matchesShortcut(key({ code: 'Digit2', key: '2', altKey: true }), shortcut('wrapUp.outcome.problem'))).toBe(
      false,
    );
  });

  it('matches `?` by its character, with the Shift it needs, and Ctrl+Enter with Ctrl or ⌘', () => {
    expect(matchesShortcut(key({ key: '?', code: 'Slash', shiftKey: true }), shortcut('help'))).toBe(true);
    expect(matchesShortcut(key({ key: 'Enter', code: 'Enter', ctrlKey: true }), shortcut('wrapUp.save'))).toBe(true);
    expect(matchesShortcut(key({ key: 'Enter', code: 'Enter', metaKey: true }), shortcut('wrapUp.save'))).toBe(true);
    expect(matchesShortcut(key({ key: 'Enter', code: 'Enter' }), shortcut('wrapUp.save'))).toBe(false);
  });
});
