// Consistency of the seed data set: codes unique, every reference resolves, every dictionary entry labelled.
// Pure data checks; no database needed.
import { describe, expect, it } from 'vitest';
import {
  ARTICLE_TYPES,
  CHANNELS,
  articleInterchangeRecord,
  ROLES,
  TRIAGE_UNIT_CODE,
  HOTLINE_UNIT_CODE,
  UNIT_KINDS,
} from '@kck/contracts';
import {
  ARTICLES,
  CALL_TOPICS,
  CATEGORIES,
  CHANNEL_LABELS,
  DEMO_USERS,
  DISTRICTS,
  ORDINANCE_UNITS,
  UNITS,
  formatOpeningHours,
  scopePoints,
} from './index.ts';

const unitCodes = new Set(UNITS.map((u) => u.code));
const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
const leaves = CATEGORIES.filter((c) => !CATEGORIES.some((child) => child.parentCode === c.code));

describe('seed data', () => {
  describe('units', () => {
    it('have unique codes', () => {
      expect(duplicates(UNITS.map((u) => u.code))).toEqual([]);
    });

    it('name a parent that exists and comes earlier in the list', () => {
      UNITS.forEach((unit, index) => {
        if (unit.parentCode === null) return;
        const parentIndex = UNITS.findIndex((u) => u.code === unit.parentCode);
        expect(parentIndex, `${unit.code} → ${unit.parentCode}`).toBeGreaterThanOrEqual(0);
        expect(parentIndex, `${unit.code} is listed before its parent`).toBeLessThan(index);
      });
    });

    it('include the hotline, triage, the six DK cells, KP-01..KP-05 and SZ', () => {
      const expected = [
        'DK',
        'DK-01',
        'DK-02',
        'DK-03',
        'DK-04',
        'DK-05',
        'DK-06',
        'KP',
        'KP-01',
        'KP-02',
        'KP-03',
        'KP-04',
        'KP-05',
        'SZ',
      ];
      expect(expected.filter((code) => !unitCodes.has(code))).toEqual([]);
      expect(unitCodes.has(HOTLINE_UNIT_CODE) && unitCodes.has(TRIAGE_UNIT_CODE)).toBe(true);
    });

    it('use only known kinds and valid HH:MM-HH:MM opening hours', () => {
      for (const unit of UNITS) {
        expect(UNIT_KINDS).toContain(unit.kind);
        for (const ranges of Object.values(unit.openingHours)) {
          for (const range of ranges ?? [])
            expect(range, unit.code).toMatch(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/);
        }
      }
    });

    it('cite the ordinance in every scope taken from one', () => {
      for (const unit of ORDINANCE_UNITS) expect(unit.scope, unit.code).toMatch(/Źródło: Zarządzenie nr \d+\/\d{4}/);
    });
  });

  describe('districts', () => {
    it('are the 18 districts of Kraków, I to XVIII', () => {
      expect(DISTRICTS).toHaveLength(18);
      expect(DISTRICTS[0]).toEqual({ code: 'I', labelPl: 'I Stare Miasto', labelEn: 'I Old Town' });
      expect(DISTRICTS[17]).toEqual({ code: 'XVIII', labelPl: 'XVIII Nowa Huta', labelEn: 'XVIII Nowa Huta' });
      expect(duplicates(DISTRICTS.map((d) => d.code))).toEqual([]);
    });
  });

  describe('categories', () => {
    it('have unique codes and form a two-level tree', () => {
      expect(duplicates(CATEGORIES.map((c) => c.code))).toEqual([]);
      for (const category of CATEGORIES) {
        if (category.parentCode === null) continue;
        const parent = CATEGORIES.find((c) => c.code === category.parentCode);
        expect(parent, category.code).toBeDefined();
        expect(parent?.parentCode, `${category.code} is nested deeper than two levels`).toBeNull();
      }
    });

    it('label every leaf in Polish and English', () => {
      for (const leaf of leaves) {
        expect(leaf.labelPl.trim(), leaf.code).not.toBe('');
        expect(leaf.labelEn.trim(), leaf.code).not.toBe('');
      }
    });

    it('route only leaves, and only to units that exist', () => {
      for (const category of CATEGORIES) {
        if (category.routeToUnitCode === null) continue;
        expect(leaves, `${category.code} is a group but has a route`).toContain(category);
        expect(unitCodes.has(category.routeToUnitCode), `${category.code} → ${category.routeToUnitCode}`).toBe(true);
      }
    });

    it('keep at least two routed leaves and two that wait for DK-03 triage', () => {
      expect(leaves.filter((c) => c.routeToUnitCode !== null).length).toBeGreaterThanOrEqual(2);
      expect(leaves.filter((c) => c.routeToUnitCode === null).length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('call topics and channels', () => {
    it('have unique codes and both labels', () => {
      for (const list of [CALL_TOPICS, CHANNEL_LABELS]) {
        expect(duplicates(list.map((e) => e.code))).toEqual([]);
        for (const entry of list) expect(entry.labelPl && entry.labelEn, entry.code).toBeTruthy();
      }
    });

    it('label every channel of the contracts, in their order', () => {
      expect(CHANNEL_LABELS.map((c) => c.code)).toEqual([...CHANNELS]);
    });
  });

  describe('articles', () => {
    it('are valid interchange records with unique externalIds and known types', () => {
      expect(duplicates(ARTICLES.map((a) => a.externalId))).toEqual([]);
      for (const article of ARTICLES) {
        expect(ARTICLE_TYPES).toContain(article.type);
        const parsed = articleInterchangeRecord.safeParse(article);
        expect(parsed.error?.issues ?? [], article.externalId).toEqual([]);
      }
    });

    it('point at units that exist', () => {
      for (const article of ARTICLES) {
        if (article.responsibleUnit !== null)
          expect(unitCodes.has(article.responsibleUnit), article.externalId).toBe(true);
      }
    });

    it('give every ordinance unit one unit_scope article with its scope, every numbered point and its hours', () => {
      for (const unit of ORDINANCE_UNITS) {
        const scopes = ARTICLES.filter((a) => a.type === 'unit_scope' && a.responsibleUnit === unit.code);
        expect(scopes, unit.code).toHaveLength(1);
        const article = scopes[0]!;
        expect(article.body).toContain(unit.scope);
        const fields = article.fields as { scope: string[]; openingHours: string };
        const numbered = unit.scope.split('\n').filter((line) => /^\d+\.\s/.test(line)).length;
        if (numbered > 0) expect(fields.scope, unit.code).toHaveLength(numbered);
        else expect(fields.scope.length, unit.code).toBeGreaterThan(0);
        expect(fields.openingHours).toBe(formatOpeningHours(unit.openingHours).join('\n'));
      }
      const hotline = ARTICLES.find((a) => a.externalId === 'zakres-dk-02');
      expect(hotline?.body).toContain('poniedziałek–piątek: 07:00–20:00');
      expect((hotline?.fields as { scope: string[] }).scope[0]).toMatch(
        /^udzielanie informacji telefonicznej.*a\) spraw/,
      );
    });

    it('fill the structured fields of every service card and procedure', () => {
      for (const article of ARTICLES) {
        const fields = article.fields as Record<string, unknown>;
        if (article.type === 'service_card') expect(fields.purpose, article.externalId).toBeTruthy();
        if (article.type === 'service_card')
          expect(fields.legalBasis, article.externalId).toMatch(/Zarządzenie|Uchwała/);
        if (article.type === 'procedure')
          expect((fields.steps as string[]).length, article.externalId).toBeGreaterThan(1);
      }
    });

    it('name their source', () => {
      for (const article of ARTICLES) expect(article.body, article.externalId).toContain('Źródło:');
    });
  });

  describe('scopePoints', () => {
    it('keeps each numbered point with its lettered sub-points, and falls back to paragraphs', () => {
      expect(scopePoints('Wstęp.\n\n1. pierwszy;\n2. drugi:\n   - a) x,\n   - b) y;\n\nŹródło: Z.')).toEqual([
        'pierwszy;',
        'drugi: a) x, b) y;',
      ]);
      expect(scopePoints('Jedno zdanie.\n\nDrugie.\n\nŹródło: Z.')).toEqual(['Jedno zdanie.', 'Drugie.']);
    });

    it('puts a bold heading before each point of the list it introduces', () => {
      expect(
        scopePoints('1. a;\n\n**Stanowisko X**, w strukturze (ust. 2):\n1. b;\n2. c.\n\nInny akapit:\n1. d.'),
      ).toEqual(['a;', 'Stanowisko X: b;', 'Stanowisko X: c.', 'd.']);
    });
  });

  describe('demo users', () => {
    it('cover every role with unique logins', () => {
      expect(duplicates(DEMO_USERS.map((u) => u.login))).toEqual([]);
      expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(ROLES));
    });

    it('belong to units that exist; unit_staff always have one', () => {
      for (const user of DEMO_USERS) {
        if (user.unitCode !== null) expect(unitCodes.has(user.unitCode), user.login).toBe(true);
        if (user.role === 'unit_staff') expect(user.unitCode, user.login).not.toBeNull();
      }
    });
  });

  describe('formatOpeningHours', () => {
    it('joins runs of days with the same hours and skips closed days', () => {
      expect(
        formatOpeningHours({ mon: ['08:00-16:00'], tue: ['08:00-16:00'], thu: ['10:00-12:00', '13:00-15:00'] }),
      ).toEqual(['poniedziałek–wtorek: 08:00–16:00', 'czwartek: 10:00–12:00, 13:00–15:00']);
      expect(formatOpeningHours({})).toEqual([]);
    });
  });
});
