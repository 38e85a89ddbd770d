// The pure parts of the articles module: fields flattened for search, slugs, fields parsed per type, and the diff.
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { articleFieldsText } from './article-fields.ts';
import { changedFields, diffBody } from './article-versions.ts';
import { parseFields, slugFor } from './articles.service.ts';

describe('articleFieldsText', () => {
  it('flattens a service card into labelled Polish text', () => {
    const text = articleFieldsText('service_card', {
      purpose: 'Wydanie dowodu',
      documents: ['wniosek', 'zdjęcie'],
      fees: 'bezpłatnie',
      links: [{ label: 'Formularz', url: 'https://example.org/f' }],
      epuapUrl: 'https://epuap.gov.pl/x',
    });
    expect(text).toBe(
      [
        'Cel: Wydanie dowodu',
        'Wymagane dokumenty:\n- wniosek\n- zdjęcie',
        'Opłaty: bezpłatnie',
        'Linki:\n- Formularz',
        'Sprawę można załatwić przez internet (ePUAP)',
      ].join('\n'),
    );
  });

  it('keeps every numbered scope point and the opening hours of a unit', () => {
    const text = articleFieldsText('unit_scope', {
      scope: ['prowadzenie ewidencji', 'wydawanie zaświadczeń'],
      openingHours: 'pn–pt 7:30–15:30',
    });
    expect(text).toBe(
      'Zakres działania:\n1. prowadzenie ewidencji\n2. wydawanie zaświadczeń\nGodziny otwarcia: pn–pt 7:30–15:30',
    );
  });

  it('gives an event its time in Kraków, place and organiser, and a procedure its steps', () => {
    const event = articleFieldsText('event', {
      startsAt: '2026-06-01T08:00:00Z',
      place: 'Błonia',
      organiser: 'Urząd Miasta',
    });
    expect(event).toContain('Początek: 1 czerwca 2026');
    expect(event).toContain('10:00');
    expect(event).toContain('Miejsce: Błonia');
    expect(articleFieldsText('procedure', { appliesWhen: 'zgłoszenie awarii', steps: ['zapytaj', 'zapisz'] })).toBe(
      'Kiedy stosować: zgłoszenie awarii\nKroki:\n1. zapytaj\n2. zapisz',
    );
  });

  it('is empty for empty fields, and keeps the strings of fields that do not fit their type', () => {
    expect(articleFieldsText('service_card', {})).toBe('');
    expect(articleFieldsText('event', { place: 'Rynek' })).toBe('Rynek');
  });
});

describe('slugFor', () => {
  it('drops Polish letters and keeps a piece of the id', () => {
    expect(slugFor('Łódź: żółta karta!', 'abcdef12-3456')).toBe('lodz-zolta-karta-abcdef12');
    expect(slugFor('!!!', 'abcdef12-3456')).toBe('artykul-abcdef12');
  });
});

describe('parseFields', () => {
  it('fills in defaults and names a bad field as fields.<name>', () => {
    expect(parseFields('procedure', {})).toEqual({ appliesWhen: '', steps: [] });
    try {
      parseFields('event', { endsAt: 'jutro' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).fields!.map((f) => f.path).sort()).toEqual(['fields.endsAt', 'fields.startsAt']);
    }
  });
});

describe('the diff of two versions', () => {
  it('compares the body line by line', () => {
    expect(diffBody('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('lists every other field that differs, old → new', () => {
    const base = {
      status: 'draft' as const,
      title: 'T',
      fields: { steps: ['a'], appliesWhen: '' },
      tags: ['x'],
      responsibleUnitId: null,
      validFrom: null,
      validTo: null,
    };
    expect(changedFields(base, { ...base, status: 'review', fields: { steps: ['a', 'b'], appliesWhen: '' } })).toEqual([
      { field: 'status', from: 'draft', to: 'review' },
      { field: 'fields.steps', from: 'a', to: 'a\nb' },
    ]);
  });
});
