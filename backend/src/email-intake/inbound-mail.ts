// Reads a raw e-mail (RFC 5322 / MIME) into what intake needs: sender, subject, plain text, files and the
// headers the classifier reads. HTML is only ever turned into plain text; a message that is not valid MIME
// still yields what can be read of it.
import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { z } from 'zod';
import type { MailHeaders } from './mail-classifier.ts';

export interface InboundFile {
  fileName: string | undefined;
  /** What the sender claimed; only used in notes, never trusted (the content decides). */
  declaredType: string;
  content: Buffer;
  /** SHA-256 of the content, hex: the parser hashes each attachment as it decodes it, so it is not read twice. */
  sha256?: string;
}

export interface InboundMail {
  /** The Message-ID without angle brackets, or `sha256:<hex>` of the whole message when it has none. */
  messageKey: string;
  headers: MailHeaders;
  subject: string;
  fromAddress: string | null;
  fromName: string | null;
  /** The plain-text body; from HTML when the message has no text part (tags, scripts and styles dropped). */
  text: string;
  files: InboundFile[];
  /** Message-IDs from In-Reply-To and References. */
  references: string[];
  sizeBytes: number;
  /** Set when the message could not be parsed as MIME and was read as plain text instead. */
  unreadable?: string;
}

const email = z.email().max(254);

/** Control characters other than tab and newlines, and Unicode's bidirectional overrides, never reach a ticket. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_CHARACTERS, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function validAddress(address: string | undefined): string | null {
  const candidate = address?.trim().toLowerCase();
  return candidate && email.safeParse(candidate).success ? candidate : null;
}

const stripBrackets = (id: string) => id.trim().replace(/^<|>$/g, '');

function headerReader(mail: ParsedMail): (name: string) => string[] {
  const byName = new Map<string, string[]>();
  for (const { key, line } of mail.headerLines) {
    const colon = line.indexOf(':');
    const value = (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim();
    byName.set(key, [...(byName.get(key) ?? []), value]);
  }
  return (name) => byName.get(name.toLowerCase()) ?? [];
}

/** The envelope sender a mailbox keeps in Return-Path (IMAP), `''` for `<>`. */
function returnPath(get: (name: string) => string[]): string | undefined {
  const value = get('return-path')[0];
  if (value === undefined) return undefined;
  return stripBrackets(value).toLowerCase();
}

function referencesOf(mail: ParsedMail): string[] {
  const refs = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  return [...(mail.inReplyTo ? mail.inReplyTo.split(/\s+/) : []), ...refs].map(stripBrackets).filter(Boolean);
}

/**
 * Parses a message. `envelopeFrom` is SMTP's MAIL FROM (`''` for `<>`); from a mailbox, leave it undefined and
 * the Return-Path header stands in for it.
 */
export async function readInboundMail(raw: Buffer, envelopeFrom?: string): Promise<InboundMail> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, {
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      checksumAlgo: 'sha256',
    });
  } catch (err) {
    return unreadableMail(raw, envelopeFrom, (err as Error).message);
  }
  const get = headerReader(mail);
  const sender = mail.from?.value.find((v) => v.address) ?? mail.from?.value[0];
  // Without a usable From, the envelope's sender is the best we know of who wrote.
  const fromAddress = validAddress(sender?.address) ?? validAddress(envelopeFrom);
  const messageId = mail.messageId ? stripBrackets(mail.messageId) : null;
  const contentType = get('content-type')[0]?.split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
  return {
    messageKey: messageId && messageId.length <= 998 ? messageId : contentKey(raw),
    headers: {
      get,
      fromAddress,
      envelopeFrom: envelopeFrom !== undefined ? envelopeFrom.toLowerCase() : returnPath(get),
      contentType,
      messageId,
    },
    subject: cleanText(mail.subject ?? '').replace(/\s+/g, ' '),
    fromAddress,
    fromName: cleanText(sender?.name ?? '').replace(/\s+/g, ' ') || null,
    text: cleanText(mail.text ?? ''),
    files: mail.attachments.map((a) => ({
      fileName: a.filename,
      declaredType: a.contentType,
      content: a.content,
      sha256: a.checksum,
    })),
    references: referencesOf(mail),
    sizeBytes: raw.length,
  };
}

/** A message with no Message-ID is known by its content: the relay's retry delivers the same bytes. */
const contentKey = (raw: Buffer) => `sha256:${createHash('sha256').update(raw).digest('hex')}`;

/**
 * What could be read of a message the MIME parser gave up on: its bytes as text (invalid UTF-8 replaced),
 * so the resident's words still reach triage with a note saying why it looks odd.
 */
function unreadableMail(raw: Buffer, envelopeFrom: string | undefined, problem: string): InboundMail {
  const text = cleanText(raw.toString('utf8').replace(/\uFFFD/g, '?'));
  const subject = text.match(/^subject:[ \t]*(.*)$/im)?.[1]?.trim() ?? '';
  const fromAddress = validAddress(text.match(/^from:.*?([^\s<>"]+@[^\s<>"]+)/im)?.[1]) ?? validAddress(envelopeFrom);
  return {
    messageKey: contentKey(raw),
    headers: {
      get: () => [],
      fromAddress,
      envelopeFrom: envelopeFrom?.toLowerCase(),
      contentType: 'text/plain',
      messageId: null,
    },
    subject,
    fromAddress,
    fromName: null,
    text,
    files: [],
    references: [],
    sizeBytes: raw.length,
    unreadable: problem,
  };
}
