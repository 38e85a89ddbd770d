// Who is owed each e-mail, and its words: the ticket's reporter, and for an answer or an idea decision also the
// reporters of every ticket merged into it. Merges, splits and idea decisions have their own words here.
import type { EntityManager } from 'typeorm';
import type { IdeaDecision } from '@kck/contracts';
import type { NotificationKind } from './notification.entity.ts';
import { renderNotification, renderResidentMail, type RenderedMail } from './notifications.service.ts';

/** One e-mail to one resident, recorded (and deduplicated) as notification (ticketId, kind). */
export interface ResidentNotice {
  ticketId: string;
  recipient: string;
  /**
   * The acknowledgement carries a new private status-page link, of which only the hash is kept: the job issues it
   * in the transaction that sends the mail, so a mail never sent (already sent, e-mail switched off) leaves no link.
   */
  statusLinkFor: { number: string } | null;
  render(statusUrl: string | null): RenderedMail;
}

const noticeOf = (ticketId: string, recipient: string, mail: RenderedMail): ResidentNotice => ({
  ticketId,
  recipient,
  statusLinkFor: null,
  render: () => mail,
});

interface TicketFacts {
  number: string | null;
  title: string;
  recipient: string | null;
  unitName: string | null;
  resolution: string | null;
  splitFromId: string | null;
  /** The changes written by the event being notified: what the e-mail reports, as it was then. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

async function ticketFacts(em: EntityManager, ticketId: string, seq: number): Promise<TicketFacts | undefined> {
  const rows: TicketFacts[] = await em.query(
    `SELECT t.number, t.title, t.reporter_email AS recipient, u.name AS "unitName", t.resolution,
            t.split_from_id AS "splitFromId", COALESCE(e.changes, '{}') AS changes
       FROM ticket t
       LEFT JOIN unit u ON u.id = t.unit_id
       LEFT JOIN ticket_event e ON e.id = $2 AND e.ticket_id = t.id
      WHERE t.id = $1`,
    [ticketId, seq],
  );
  return rows[0];
}

/** Reporters of the tickets merged into this one who left an e-mail. */
async function duplicateReporters(em: EntityManager, mainId: string) {
  const rows: { id: string; number: string; title: string; recipient: string }[] = await em.query(
    `SELECT id, number, title, reporter_email AS recipient FROM ticket
      WHERE duplicate_of_id = $1 AND reporter_email IS NOT NULL AND number IS NOT NULL ORDER BY number`,
    [mainId],
  );
  return rows;
}

/**
 * The e-mails one event owes. For the existing kinds the ticket's own message is rendered as before; a part of
 * a split report is not acknowledged on its own, since the split's e-mail gives the reporter every new number.
 */
export async function loadResidentNotices(
  em: EntityManager,
  kind: NotificationKind,
  ticketId: string,
  seq: number,
): Promise<ResidentNotice[]> {
  const ticket = await ticketFacts(em, ticketId, seq);
  if (!ticket) return [];
  // Events are recorded only for numbered tickets; a missing number is a bug worth a retry and a log line.
  if (!ticket.number) throw new Error(`ticket ${ticketId} has no number yet`);
  const notices: ResidentNotice[] = [];
  const own = (mail: RenderedMail) => {
    if (ticket.recipient) notices.push(noticeOf(ticketId, ticket.recipient, mail));
  };
  // The answer as written by the event being notified, not whatever the ticket says later.
  const answer = (ticket.changes.resolution?.to as string | undefined) ?? ticket.resolution ?? '';
  switch (kind) {
    case 'ticket_acknowledged': {
      if (ticket.splitFromId || !ticket.recipient) return [];
      const facts = { number: ticket.number, title: ticket.title, unitName: null, resolution: null };
      const render = (statusUrl: string | null) => renderNotification(kind, { ...facts, statusUrl });
      return [{ ticketId, recipient: ticket.recipient, statusLinkFor: { number: ticket.number }, render }];
    }
    case 'ticket_answered': {
      own(
        renderNotification(kind, {
          number: ticket.number,
          title: ticket.title,
          unitName: ticket.unitName,
          resolution: answer,
        }),
      );
      for (const dup of await duplicateReporters(em, ticketId)) {
        const mail = duplicateAnsweredMail({ ...dup, main: ticket.number, unitName: ticket.unitName, answer });
        notices.push(noticeOf(dup.id, dup.recipient, mail));
      }
      return notices;
    }
    case 'ticket_merged':
      own(mergedMail(ticket.number, ticket.title, String(ticket.changes.duplicateOf?.to ?? '')));
      return notices;
    case 'ticket_split': {
      const numbers = (ticket.changes.parts?.to as string[] | undefined) ?? [];
      const parts: { number: string; title: string }[] = await em.query(
        `SELECT number, title FROM ticket WHERE number = ANY($1::text[]) ORDER BY number`,
        [numbers],
      );
      own(splitMail(ticket.number, ticket.title, parts));
      return notices;
    }
    case 'idea_decided': {
      const decision = ticket.changes.ideaDecision?.to as IdeaDecision;
      const idea = { decision, justification: answer, unitName: ticket.unitName };
      own(ideaDecidedMail({ ...idea, number: ticket.number, title: ticket.title, main: null }));
      for (const dup of await duplicateReporters(em, ticketId)) {
        const mail = ideaDecidedMail({ ...idea, number: dup.number, title: dup.title, main: ticket.number });
        notices.push(noticeOf(dup.id, dup.recipient, mail));
      }
      return notices;
    }
    default:
      return [];
  }
}

const CONTACT_US = 'Prosimy podawać ten numer w kontakcie z Krakowskim Centrum Kontaktu.';

export function mergedMail(number: string, title: string, main: string): RenderedMail {
  return renderResidentMail({
    subject: `Zgłoszenie ${number} połączone ze zgłoszeniem ${main} / Your report ${number} is handled under ${main}`,
    polish: [
      'Dzień dobry,',
      `Państwa zgłoszenie ${number} „${title}” dotyczy tej samej sprawy co zgłoszenie ${main}. ` +
        `Połączyliśmy je: sprawa jest prowadzona pod numerem ${main}.`,
      `Odpowiedź jednostki wyślemy na ten adres, gdy sprawa zostanie załatwiona. ${CONTACT_US}`,
    ],
    polishAfter: [],
    english:
      `English: your report ${number} concerns the same matter as report ${main}, under which it is now handled. ` +
      'We will send the answer to this address; please quote that number when you contact us.',
  });
}

export function splitMail(number: string, title: string, parts: { number: string; title: string }[]): RenderedMail {
  return renderResidentMail({
    subject: `Zgłoszenie ${number} podzielone na osobne sprawy / Your report ${number} was split into separate matters`,
    polish: [
      'Dzień dobry,',
      `Państwa zgłoszenie ${number} „${title}” dotyczy spraw kilku jednostek, dlatego podzieliliśmy je na osobne zgłoszenia.`,
    ],
    quote: { heading: 'Nowe numery:', body: parts.map((p) => `${p.number} — „${p.title}”`).join('\n') },
    polishAfter: [`Każdą sprawę załatwi właściwa jednostka; odpowiedzi wyślemy na ten adres pod nowymi numerami.`],
    english:
      `English: your report ${number} concerns several units, so we split it into the reports listed above ` +
      `(${parts.map((p) => p.number).join(', ')}). Each answer will be sent to this address under its new number.`,
  });
}

export function duplicateAnsweredMail(facts: {
  number: string;
  title: string;
  main: string;
  unitName: string | null;
  answer: string;
}): RenderedMail {
  const unit = facts.unitName ? ` (${facts.unitName})` : '';
  return renderResidentMail({
    subject: `Odpowiedź w sprawie zgłoszenia ${facts.number} / Answer to your report ${facts.number}`,
    polish: [
      'Dzień dobry,',
      `Państwa zgłoszenie ${facts.number} „${facts.title}” było prowadzone razem ze zgłoszeniem ${facts.main}, ` +
        'które zostało załatwione.',
    ],
    quote: { heading: `Odpowiedź${unit}:`, body: facts.answer },
    polishAfter: [`Jeśli sprawa nie została rozwiązana, prosimy o kontakt z podaniem numeru ${facts.main}.`],
    english:
      `English: your report ${facts.number} was handled together with report ${facts.main}, which has been resolved` +
      (facts.unitName ? ` by ${facts.unitName}` : '') +
      '; the answer is quoted above.',
  });
}

export function ideaDecidedMail(facts: {
  number: string;
  title: string;
  /** For a merged idea: the number it was handled under. */
  main: string | null;
  decision: IdeaDecision;
  justification: string;
  unitName: string | null;
}): RenderedMail {
  const accepted = facts.decision === 'accepted';
  const under = facts.main ? ` (prowadzony razem z pomysłem ${facts.main})` : '';
  const unit = facts.unitName ? ` (${facts.unitName})` : '';
  return renderResidentMail({
    subject: accepted
      ? `Pomysł ${facts.number} został przyjęty / Your idea ${facts.number} was accepted`
      : `Pomysł ${facts.number} nie został przyjęty / Your idea ${facts.number} was not accepted`,
    polish: [
      'Dzień dobry,',
      `Państwa pomysł ${facts.number} „${facts.title}”${under} ` +
        (accepted ? 'został przyjęty do realizacji.' : 'nie został przyjęty.'),
    ],
    quote: { heading: `Uzasadnienie${unit}:`, body: facts.justification },
    polishAfter: [`Dziękujemy za pomysł. ${CONTACT_US}`],
    english:
      `English: your idea ${facts.number} was ${accepted ? 'accepted' : 'not accepted'}` +
      (facts.unitName ? ` by ${facts.unitName}` : '') +
      '; the justification is quoted above.',
  });
}
