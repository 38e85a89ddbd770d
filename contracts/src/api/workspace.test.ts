// Filling answer templates (the one function the console's preview and the server both use), and the kinds of
// comment a ticket lists.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  answerTemplateRequest,
  fillAnswerTemplate,
  templateFieldsOf,
  TICKET_COMMENT_KINDS,
  unknownPlaceholders,
  addCommentRequest,
  type TicketCommentDto,
} from './workspace.ts';

const ticket = {
  number: 'KCK/2026/000123',
  title: 'Dziura w jezdni',
  address: 'ul. Królewska 20',
  reporter: { name: 'Anna Nowak', phone: null, email: null },
  unitName: 'Zarząd Dróg Miasta Krakowa',
  // 23:30 UTC on 31 March is already 1 April in Kraków.
  dueAt: '2026-03-31T23:30:00.000Z',
};

describe('fillAnswerTemplate', () => {
  it('puts the ticket fields in place of every placeholder, with spaces inside the braces allowed', () => {
    const body =
      'Zgłoszenie {{numer}} („{{ tytul }}”, {{adres}}) od {{zglaszajacy}}: {{jednostka}}, termin {{termin}}.';
    expect(fillAnswerTemplate(body, templateFieldsOf(ticket))).toBe(
      'Zgłoszenie KCK/2026/000123 („Dziura w jezdni”, ul. Królewska 20) od Anna Nowak: ' +
        'Zarząd Dróg Miasta Krakowa, termin 01.04.2026.',
    );
  });

  it('writes a dash for a field the ticket does not have, and leaves unknown placeholders visible', () => {
    const fields = templateFieldsOf({ ...ticket, address: null, reporter: { name: null, phone: null, email: null } });
    expect(fillAnswerTemplate('{{adres}} / {{zglaszajacy}} / {{numerek}}', fields)).toBe('— / — / {{numerek}}');
  });
});

describe('an answer template', () => {
  it('may use only the known placeholders, and the error names the unknown ones', () => {
    expect(unknownPlaceholders('{{numer}} {{number}} {{title}} {{number}}')).toEqual(['number', 'title']);
    const parsed = answerTemplateRequest.safeParse({ name: 'Naprawa', body: 'Zgłoszenie {{number}} naprawione.' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['body']);
    expect(parsed.error!.issues[0]!.message).toContain('{{number}}');
  });
});

describe('a listed comment', () => {
  it("is staff's (internal, answer) or the resident's own message, which staff cannot write as one", () => {
    expect(TICKET_COMMENT_KINDS).toEqual(['internal', 'answer', 'resident']);
    // Checked by `npm run typecheck`: the console's switch over kinds must handle the resident's.
    expectTypeOf<TicketCommentDto['kind']>().toEqualTypeOf<'internal' | 'answer' | 'resident'>();
    expect(addCommentRequest.safeParse({ kind: 'resident', body: 'Podszywam się pod mieszkańca' }).success).toBe(false);
  });
});
