// What residents are told by e-mail and when: which ticket events owe the reporter a message, what the
// message says (Polish first, then English), and the facts it is built from. Sending is notify-resident.job.ts.
import type { DomainEventName } from '@kck/contracts';
import type { NotificationKind } from './notification.entity.ts';

/** The events that owe the reporter an e-mail; every other event tells them nothing. */
const KIND_BY_EVENT: Partial<Record<DomainEventName, NotificationKind>> = {
  'ticket.created': 'ticket_acknowledged',
  'ticket.resolved': 'ticket_answered',
  'ticket.merged': 'ticket_merged',
  'ticket.split': 'ticket_split',
  'ticket.idea_decided': 'idea_decided',
};

export function notificationKindFor(event: DomainEventName): NotificationKind | null {
  return KIND_BY_EVENT[event] ?? null;
}

/**
 * The same for every attempt at the same notification, so that if a message is sent twice (see the job),
 * the resident's mail system sees one Message-ID and can drop the second copy.
 */
export const notificationMessageId = (ticketId: string, kind: NotificationKind) => `<ticket-${ticketId}-${kind}@kck>`;

/** Only what a resident may read: no internal comments, no staff names. */
export interface NotificationFacts {
  number: string;
  title: string;
  /** The responsible unit, for the answer. */
  unitName: string | null;
  /** The unit's answer, for the answer. */
  resolution: string | null;
  /** The acknowledgement's private status-page link (public-intake/status-links.ts). */
  statusUrl?: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const SIGNATURE = ['Krakowskie Centrum Kontaktu', 'Urząd Miasta Krakowa'];
const AUTOMATIC = 'Ta wiadomość została wysłana automatycznie. / This message was sent automatically.';

/** The words of one e-mail to a resident; other modules' mails (a unit's answer) use the same layout. */
export interface Paragraphs {
  subject: string;
  polish: string[];
  /** Set off as a quotation: the unit's own words. */
  quote?: { heading: string; body: string };
  polishAfter: string[];
  english: string;
}

function paragraphs(kind: NotificationKind, facts: NotificationFacts): Paragraphs {
  const title = `„${facts.title}”`;
  if (kind === 'ticket_acknowledged') {
    return {
      subject: `Przyjęliśmy zgłoszenie ${facts.number} / Your report ${facts.number} was received`,
      polish: [
        'Dzień dobry,',
        `dziękujemy za zgłoszenie. Przyjęliśmy je pod numerem ${facts.number}: ${title}.`,
        'Przekażemy je jednostce odpowiedzialnej za sprawę, a jej odpowiedź wyślemy na ten adres. ' +
          'Prosimy podawać numer zgłoszenia w kontakcie z nami.',
        ...(facts.statusUrl
          ? [
              `Stan sprawy i odpowiedzi jednostki zobaczą Państwo pod adresem (prosimy go nie udostępniać):\n${facts.statusUrl}`,
            ]
          : []),
      ],
      polishAfter: [],
      english:
        `English: we have received your report, number ${facts.number}. ` +
        'The answer of the responsible unit will be sent to this address; please quote the number when you contact us.' +
        (facts.statusUrl ? ' Follow it at the private link above (please do not share it).' : ''),
    };
  }
  const unit = facts.unitName ? ` (${facts.unitName})` : '';
  return {
    subject: `Odpowiedź w sprawie zgłoszenia ${facts.number} / Answer to your report ${facts.number}`,
    polish: ['Dzień dobry,', `zgłoszenie ${facts.number} ${title} zostało załatwione.`],
    quote: { heading: `Odpowiedź${unit}:`, body: facts.resolution ?? '' },
    polishAfter: [
      'Jeśli sprawa nie została rozwiązana, prosimy o kontakt z Krakowskim Centrum Kontaktu z podaniem numeru zgłoszenia.',
    ],
    english:
      `English: your report ${facts.number} has been resolved` +
      (facts.unitName ? ` by ${facts.unitName}` : '') +
      '; the answer is quoted above. If the matter is not solved, contact us quoting the number.',
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const htmlLines = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>\n');

/** Plain text and a simple HTML twin of the same words; every resident-written value is escaped in HTML. */
export function renderNotification(kind: NotificationKind, facts: NotificationFacts): RenderedMail {
  return renderResidentMail(paragraphs(kind, facts));
}

/** Lays out any resident e-mail: Polish, the quoted words, the signature, English, the automatic-mail note. */
export function renderResidentMail(p: Paragraphs): RenderedMail {
  const text = [
    ...p.polish,
    ...(p.quote ? [`${p.quote.heading}\n${p.quote.body}`] : []),
    ...p.polishAfter,
    SIGNATURE.join('\n'),
    p.english,
    AUTOMATIC,
  ].join('\n\n');
  const para = (s: string, style = '') => `<p${style}>${htmlLines(s)}</p>`;
  const html = [
    '<!doctype html>',
    '<html lang="pl"><head><meta charset="utf-8"></head>',
    '<body style="font-family: Arial, sans-serif; line-height: 1.5">',
    ...p.polish.map((s) => para(s)),
    ...(p.quote
      ? [
          para(p.quote.heading),
          `<blockquote style="border-left: 3px solid #ccc; margin: 0; padding-left: 1em">${htmlLines(p.quote.body)}</blockquote>`,
        ]
      : []),
    ...p.polishAfter.map((s) => para(s)),
    para(SIGNATURE.join('\n')),
    `<p lang="en">${htmlLines(p.english)}</p>`,
    para(AUTOMATIC, ' style="color: #666; font-size: smaller"'),
    '</body></html>',
  ].join('\n');
  return { subject: p.subject, text, html };
}
