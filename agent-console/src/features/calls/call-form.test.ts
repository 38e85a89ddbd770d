// The wrap-up form between screen, server draft and request: a draft from an older (or broken) console still
// opens, a ticket starts with the caller's number, a picked street keeps the house number typed before it.
import { describe, expect, it } from 'vitest';
import {
  addressWithStreet,
  draftOf,
  emptyForm,
  emptyTicket,
  formFromDraft,
  toWrapUpRequest,
  validateWrapUp,
} from './call-form';

describe("answers to a category's questions", () => {
  it('travel with the draft, and the request carries only those given', () => {
    const form = {
      ...emptyForm(''),
      tickets: [{ ...emptyTicket(), attributes: { lamp_post_number: 'L-12', fault: '', kinds: ['a', 'b'], none: [] } }],
    };
    const back = formFromDraft(JSON.parse(JSON.stringify(draftOf(form))));
    expect(back?.tickets[0]?.attributes).toEqual(form.tickets[0]!.attributes);
    expect(toWrapUpRequest(form).tickets?.[0]?.attributes).toEqual({ lamp_post_number: 'L-12', kinds: ['a', 'b'] });
    // A draft from a console that sent something else keeps only text and lists of text.
    const odd = formFromDraft({ form: { tickets: [{ attributes: { ok: 'x', n: 5, list: ['y', 2] } }] } });
    expect(odd?.tickets[0]?.attributes).toEqual({ ok: 'x' });
  });
});

describe('formFromDraft', () => {
  it('reads back what draftOf stored', () => {
    const form = {
      ...emptyForm('+48 600 700 800'),
      topicId: '0b6f3c1e-3f1c-4d2a-9d3e-2f7a8b9c0d1e',
      articles: [{ id: 'a1', title: 'Dowód osobisty' }],
      tickets: [{ ...emptyTicket('+48 600 700 800'), title: 'Dziura' }],
    };
    expect(formFromDraft(JSON.parse(JSON.stringify(draftOf(form))))).toEqual(form);
  });

  it('fills in what a draft lacks or holds wrongly, and says when there is no draft at all', () => {
    const form = formFromDraft({ form: { topicId: 7, outcome: 'nonsense', tickets: [null, { type: 'idea' }] } });
    expect(form).toMatchObject({ topicId: '', outcome: 'information_given', articles: [] });
    expect(form?.tickets).toHaveLength(1);
    expect(form?.tickets[0]).toMatchObject({ type: 'idea', title: '' });
    expect(formFromDraft(null)).toBeNull();
    expect(formFromDraft({ somethingElse: true })).toBeNull();
  });
});

describe('emptyTicket', () => {
  it("takes the caller's number as the reporter's, but not a number too short to call back", () => {
    expect(emptyTicket(' +48 600 700 800 ').reporterPhone).toBe('+48 600 700 800');
    expect(emptyTicket('112').reporterPhone).toBe('');
  });
});

describe('addressWithStreet', () => {
  it('puts the picked street in front of the house number already typed', () => {
    expect(addressWithStreet('sw filipa 17', 'ul. św. Filipa')).toBe('ul. św. Filipa 17');
    expect(addressWithStreet('krakusa 12a/4', 'ul. Krakusa')).toBe('ul. Krakusa 12a/4');
    expect(addressWithStreet('florian', 'ul. Floriańska')).toBe('ul. Floriańska ');
  });
});

describe('toWrapUpRequest', () => {
  it("sends trimmed text, leaves out what is empty, and is checked with the server's own schema", () => {
    const body = toWrapUpRequest({
      ...emptyForm(' '),
      notes: '  oddzwonić jutro  ',
      tickets: [{ ...emptyTicket(), title: ' Dziura ', address: ' ' }],
    });
    expect(body.callerPhone).toBeUndefined();
    expect(body.notes).toBe('oddzwonić jutro');
    expect(body.tickets?.[0]).toMatchObject({ title: 'Dziura', address: undefined, reporter: undefined });
    expect(validateWrapUp(body).map((f) => f.path)).toEqual(
      expect.arrayContaining(['topicId', 'tickets.0.categoryId']),
    );
  });
});
