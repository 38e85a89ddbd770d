// The words residents receive: number and title in every message, the unit's answer and name in the
// answer, Polish before English, resident-written text escaped in HTML. Which events notify at all.
import { describe, expect, it } from 'vitest';
import { notificationKindFor, notificationMessageId, renderNotification } from './notifications.service.ts';

const facts = {
  number: 'KCK/2026/000123',
  title: 'Dziura w jezdni przed przystankiem',
  unitName: 'Zarząd Dróg Miasta Krakowa',
  resolution: 'Ubytek załatano 23 listopada.\nDziękujemy za zgłoszenie.',
};

describe('notificationKindFor', () => {
  it('owes an acknowledgement on intake and the answer on resolution, nothing for other events', () => {
    expect(notificationKindFor('ticket.created')).toBe('ticket_acknowledged');
    expect(notificationKindFor('ticket.resolved')).toBe('ticket_answered');
    for (const event of ['ticket.routed', 'ticket.accepted', 'ticket.returned', 'interaction.recorded'] as const) {
      expect(notificationKindFor(event), event).toBeNull();
    }
  });
});

describe('notificationMessageId', () => {
  it('is the same for every attempt at one ticket and kind, and differs between kinds', () => {
    const id = '6f1c3e8a-8d7e-4a52-9f0e-2b1d6c3a4e5f';
    expect(notificationMessageId(id, 'ticket_acknowledged')).toBe(`<ticket-${id}-ticket_acknowledged@kck>`);
    expect(notificationMessageId(id, 'ticket_acknowledged')).toBe(notificationMessageId(id, 'ticket_acknowledged'));
    expect(notificationMessageId(id, 'ticket_answered')).not.toBe(notificationMessageId(id, 'ticket_acknowledged'));
  });
});

describe('renderNotification', () => {
  describe('the acknowledgement', () => {
    const mail = renderNotification('ticket_acknowledged', { ...facts, unitName: null, resolution: null });

    it('gives the ticket number and title, in Polish first and then in English', () => {
      expect(mail.subject).toBe('Przyjęliśmy zgłoszenie KCK/2026/000123 / Your report KCK/2026/000123 was received');
      expect(mail.text).toContain('Przyjęliśmy je pod numerem KCK/2026/000123: „Dziura w jezdni przed przystankiem”.');
      expect(mail.text.indexOf('Dzień dobry')).toBeLessThan(mail.text.indexOf('English:'));
      expect(mail.text).toMatch(/^English: we have received your report, number KCK\/2026\/000123\./m);
      expect(mail.html).toContain('KCK/2026/000123');
      expect(mail.html).toContain('<html lang="pl">');
      expect(mail.html).toContain('<p lang="en">English:');
    });
  });

  describe('the answer', () => {
    const mail = renderNotification('ticket_answered', facts);

    it("quotes the unit's answer and names the unit, with the number and title", () => {
      expect(mail.subject).toBe(
        'Odpowiedź w sprawie zgłoszenia KCK/2026/000123 / Answer to your report KCK/2026/000123',
      );
      expect(mail.text).toContain(
        'zgłoszenie KCK/2026/000123 „Dziura w jezdni przed przystankiem” zostało załatwione.',
      );
      expect(mail.text).toContain(
        'Odpowiedź (Zarząd Dróg Miasta Krakowa):\nUbytek załatano 23 listopada.\nDziękujemy za zgłoszenie.',
      );
      expect(mail.text).toContain(
        'English: your report KCK/2026/000123 has been resolved by Zarząd Dróg Miasta Krakowa',
      );
      expect(mail.html).toContain('Ubytek załatano 23 listopada.<br>\nDziękujemy za zgłoszenie.');
      expect(mail.html).toContain('Odpowiedź (Zarząd Dróg Miasta Krakowa):');
    });

    it('escapes resident- and staff-written text in the HTML part and keeps it as written in the text part', () => {
      const hostile = renderNotification('ticket_answered', {
        ...facts,
        title: '<script>alert(1)</script> & "więcej"',
        resolution: '<img src=x onerror=alert(1)>',
      });
      expect(hostile.html).not.toContain('<script>');
      expect(hostile.html).not.toContain('<img');
      expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;więcej&quot;');
      expect(hostile.text).toContain('<script>alert(1)</script> & "więcej"');
    });

    it('leaves the unit out of the sentence rather than printing nothing when the ticket has none', () => {
      const orphan = renderNotification('ticket_answered', { ...facts, unitName: null });
      expect(orphan.text).toContain('Odpowiedź:\nUbytek');
      expect(orphan.text).toContain('has been resolved; the answer is quoted above.');
    });
  });
});
