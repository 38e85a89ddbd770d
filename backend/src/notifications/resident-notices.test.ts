// The words residents receive about merges, splits and idea decisions: numbers and titles, Polish before
// English, the unit's justification quoted, resident-written text escaped in HTML.
import { describe, expect, it } from 'vitest';
import { duplicateAnsweredMail, ideaDecidedMail, mergedMail, splitMail } from './resident-notices.ts';

describe('the e-mail about a merge', () => {
  it('gives the main number the matter is handled under', () => {
    const mail = mergedMail('KCK/2026/000200', 'Dziura', 'KCK/2026/000123');
    expect(mail.subject).toBe(
      'Zgłoszenie KCK/2026/000200 połączone ze zgłoszeniem KCK/2026/000123 / Your report KCK/2026/000200 is handled under KCK/2026/000123',
    );
    expect(mail.text).toContain('sprawa jest prowadzona pod numerem KCK/2026/000123');
    expect(mail.text.indexOf('Dzień dobry')).toBeLessThan(mail.text.indexOf('English:'));
  });
});

describe('the e-mail about a split', () => {
  it('lists every new number with its title', () => {
    const mail = splitMail('KCK/2026/000300', 'Dwie sprawy', [
      { number: 'KCK/2026/000301', title: 'Drzewo' },
      { number: 'KCK/2026/000302', title: '<b>Dziura</b>' },
    ]);
    expect(mail.text).toContain('Nowe numery:\nKCK/2026/000301 — „Drzewo”\nKCK/2026/000302 — „<b>Dziura</b>”');
    expect(mail.text).toContain('(KCK/2026/000301, KCK/2026/000302)');
    expect(mail.html).toContain('&lt;b&gt;Dziura&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Dziura');
  });
});

describe('the answer to a duplicate', () => {
  it("names the duplicate's own number, the main number and quotes the unit's answer", () => {
    const mail = duplicateAnsweredMail({
      number: 'KCK/2026/000200',
      title: 'Dziura',
      main: 'KCK/2026/000123',
      unitName: 'Zarząd Dróg Miasta Krakowa',
      answer: 'Załatane.',
    });
    expect(mail.subject).toBe('Odpowiedź w sprawie zgłoszenia KCK/2026/000200 / Answer to your report KCK/2026/000200');
    expect(mail.text).toContain('prowadzone razem ze zgłoszeniem KCK/2026/000123');
    expect(mail.text).toContain('Odpowiedź (Zarząd Dróg Miasta Krakowa):\nZałatane.');
  });
});

describe('the decision on an idea', () => {
  const facts = {
    number: 'KCK/2026/000400',
    title: 'Ławki',
    main: null,
    unitName: 'ZZM',
    justification: 'Brak miejsca.',
  };

  it('says accepted or not accepted, with the justification', () => {
    const accepted = ideaDecidedMail({ ...facts, decision: 'accepted' });
    expect(accepted.subject).toBe('Pomysł KCK/2026/000400 został przyjęty / Your idea KCK/2026/000400 was accepted');
    const rejected = ideaDecidedMail({ ...facts, decision: 'rejected' });
    expect(rejected.subject).toBe(
      'Pomysł KCK/2026/000400 nie został przyjęty / Your idea KCK/2026/000400 was not accepted',
    );
    expect(rejected.text).toContain('nie został przyjęty.');
    expect(rejected.text).toContain('Uzasadnienie (ZZM):\nBrak miejsca.');
    expect(rejected.text).toContain('English: your idea KCK/2026/000400 was not accepted by ZZM');
  });

  it('tells the reporter of a merged idea which number it was handled under', () => {
    const mail = ideaDecidedMail({
      ...facts,
      number: 'KCK/2026/000401',
      main: 'KCK/2026/000400',
      decision: 'accepted',
    });
    expect(mail.text).toContain('(prowadzony razem z pomysłem KCK/2026/000400)');
  });
});
