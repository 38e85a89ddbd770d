import { describe, expect, it } from 'vitest';
import {
  automatedReason,
  recipientMatcher,
  ticketIdInReferences,
  ticketNumberIn,
  type MailHeaders,
} from './mail-classifier.ts';

const own = { addresses: ['kck@um.krakow.pl'], messageIdDomain: 'kck' };

function mail(headers: Record<string, string | string[]> = {}, facts: Partial<MailHeaders> = {}): MailHeaders {
  const byName = new Map(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value : [value]]),
  );
  return {
    get: (name) => byName.get(name) ?? [],
    fromAddress: 'anna@example.org',
    envelopeFrom: 'anna@example.org',
    contentType: 'text/plain',
    messageId: 'abc@example.org',
    ...facts,
  };
}

describe('automatedReason', () => {
  it('takes a person’s mail, Auto-Submitted: no included', () => {
    expect(automatedReason(mail(), own)).toBeNull();
    expect(automatedReason(mail({ 'auto-submitted': 'no' }), own)).toBeNull();
    expect(automatedReason(mail({ precedence: 'first-class' }), own)).toBeNull();
  });

  it('names auto-replies, bulk mail and lists', () => {
    expect(automatedReason(mail({ 'auto-submitted': 'auto-replied (vacation)' }), own)).toBe(
      'auto-reply: Auto-Submitted: auto-replied (vacation)',
    );
    expect(automatedReason(mail({ precedence: 'JUNK' }), own)).toBe('bulk: Precedence: JUNK');
    expect(automatedReason(mail({ 'x-auto-response-suppress': 'OOF' }), own)).toBe(
      'auto-reply: X-Auto-Response-Suppress: OOF',
    );
    expect(automatedReason(mail({ 'x-autoreply': 'yes' }), own)).toBe('auto-reply: x-autoreply: yes');
    expect(automatedReason(mail({ 'list-id': '<mieszkancy.lists.example.org>' }), own)).toMatch(
      /^bulk: a mailing list/,
    );
  });

  it('names bounces: reports, the null sender, the mailer daemon', () => {
    expect(automatedReason(mail({}, { contentType: 'multipart/report' }), own)).toMatch(/^bounce: a delivery/);
    expect(automatedReason(mail({}, { envelopeFrom: '' }), own)).toMatch(/^bounce: null envelope sender/);
    expect(automatedReason(mail({}, { fromAddress: 'mailer-daemon@relay.example.org' }), own)).toBe(
      'bounce: From is mailer-daemon@relay.example.org',
    );
    // Unknown envelope (a mailbox without Return-Path) is not a null sender.
    expect(automatedReason(mail({}, { envelopeFrom: undefined }), own)).toBeNull();
  });

  it('names loops: our own address, our own Message-ID, X-Loop, too many hops', () => {
    expect(automatedReason(mail({}, { fromAddress: 'kck@um.krakow.pl' }), own)).toBe(
      'loop: From is our own address kck@um.krakow.pl',
    );
    expect(automatedReason(mail({}, { messageId: 'ticket-1-ticket_acknowledged@kck' }), own)).toMatch(
      /^loop: our own Message-ID/,
    );
    expect(automatedReason(mail({ 'x-loop': 'KCK@um.krakow.pl' }), own)).toMatch(/^loop: X-Loop names us/);
    expect(automatedReason(mail({ received: Array.from({ length: 51 }, () => 'from x by y') }), own)).toMatch(
      /^loop: 51 Received headers/,
    );
  });
});

describe('threading', () => {
  it('finds a ticket number anywhere in a subject', () => {
    expect(ticketNumberIn('Re: [KCK/2026/000123] Dziura')).toBe('KCK/2026/000123');
    expect(ticketNumberIn('Odp: Przyjęliśmy zgłoszenie kck/2026/000042 / Your report')).toBe('KCK/2026/000042');
    expect(ticketNumberIn('KCK/2026/12345 is too short')).toBeNull();
    expect(ticketNumberIn(undefined)).toBeNull();
  });

  it('finds the ticket of our own Message-ID in References', () => {
    const id = '0b7d5c7e-8a4f-4c1e-9f51-3d2a1b0c9e8f';
    expect(ticketIdInReferences(['other@example.org', `ticket-${id}-ticket_acknowledged@kck`], 'kck')).toBe(id);
    expect(ticketIdInReferences([`ticket-${id}-ticket_acknowledged@kck.example.org`], 'kck')).toBeNull();
  });
});

describe('recipientMatcher', () => {
  it('takes our address and domains, case aside, and nothing else', () => {
    const ours = recipientMatcher(['kck@um.krakow.pl', '@kontakt.krakow.pl']);
    expect(ours('KCK@um.krakow.pl')).toBe(true);
    expect(ours('ktokolwiek@kontakt.krakow.pl')).toBe(true);
    expect(ours('kck@krakow.pl')).toBe(false);
    expect(ours('x@zlykontakt.krakow.pl')).toBe(false);
    expect(ours('@kontakt.krakow.pl')).toBe(false);
  });
});
