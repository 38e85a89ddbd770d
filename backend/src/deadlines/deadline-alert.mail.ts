// The words of a deadline alert e-mailed to a unit (reminder) or to those above it (escalation): Polish, then English.
import type { DeadlineAlertJob } from '@kck/contracts';

export interface DeadlineAlertFacts {
  number: string;
  title: string;
  unitName: string | null;
  dueAt: string;
}

const WARSAW = new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', dateStyle: 'long', timeStyle: 'short' });
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderDeadlineAlert(
  kind: DeadlineAlertJob['kind'],
  facts: DeadlineAlertFacts,
): { subject: string; text: string; html: string } {
  const due = WARSAW.format(new Date(facts.dueAt));
  const unit = facts.unitName ?? '—';
  const lines =
    kind === 'reminder'
      ? {
          subject: `Zbliża się termin zgłoszenia ${facts.number} / Deadline approaching: ${facts.number}`,
          pl: `Zgłoszenie ${facts.number} „${facts.title}” (${unit}) ma termin ${due}.`,
          en: `English: ticket ${facts.number} (${unit}) is due ${due}.`,
        }
      : {
          subject: `Przekroczony termin zgłoszenia ${facts.number} / Deadline missed: ${facts.number}`,
          pl: `Termin zgłoszenia ${facts.number} „${facts.title}” (${unit}) minął ${due}. Sprawa wymaga interwencji.`,
          en: `English: the deadline of ticket ${facts.number} (${unit}) passed on ${due}; please intervene.`,
        };
  const text = [lines.pl, 'Krakowskie Centrum Kontaktu', lines.en].join('\n\n');
  const html = `<!doctype html><html lang="pl"><body><p>${escapeHtml(lines.pl)}</p><p>Krakowskie Centrum Kontaktu</p><p lang="en">${escapeHtml(lines.en)}</p></body></html>`;
  return { subject: lines.subject, text, html };
}
