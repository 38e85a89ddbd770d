// The dictionaries' CSV on its own: header rules, each bad line named with its column, RFC 4180 quoting both
// ways, parents ordered before children, and an export that reads back as the same rows.
import { describe, expect, it } from 'vitest';
import { csvField, parentsFirst, parseDictionaryCsv, toDictionaryCsv } from './dictionary-csv.ts';

const rowsOf = (text: string) => {
  const parsed = parseDictionaryCsv(text);
  if (!parsed.ok) throw new Error(parsed.headerError);
  return parsed;
};

describe('parseDictionaryCsv', () => {
  it('refuses a header without code or label_pl, with unknown or repeated columns, or an empty file', () => {
    for (const [text, message] of [
      ['', 'empty'],
      ['label_pl\nA', '"code"'],
      ['code,label_en\na,A', '"label_pl"'],
      ['code,label_pl,colour\na,A,red', 'unknown column(s) "colour"'],
      ['code,label_pl,Label PL\na,A,B', 'appears twice'],
    ] as const) {
      const parsed = parseDictionaryCsv(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.headerError).toContain(message);
    }
  });

  it('reads headers whatever their case or spacing, and semicolon files from a Polish spreadsheet', () => {
    const parsed = rowsOf('\uFEFFCode;Label PL;label-en\r\nroads;Drogi;Roads\r\n');
    expect(parsed.rows).toEqual([{ line: 2, code: 'roads', labelPl: 'Drogi', labelEn: 'Roads' }]);
  });

  it('keeps quoted delimiters, doubled quotes and line breaks, and counts lines from where a record starts', () => {
    const parsed = rowsOf('code,label_pl,label_en\na,"Jeden, dwa","He said ""hi"""\nb,"Dwie\nlinie",Two\nc,Trzy,Three');
    expect(parsed.rows.map((r) => [r.line, r.code, r.labelPl, r.labelEn])).toEqual([
      [2, 'a', 'Jeden, dwa', 'He said "hi"'],
      [3, 'b', 'Dwie\nlinie', 'Two'],
      [5, 'c', 'Trzy', 'Three'],
    ]);
  });

  it('names each bad line and its column and keeps the good ones', () => {
    const parsed = rowsOf(
      [
        'code,label_pl,parent_code,sort_order,active,valid_from,valid_to',
        'ok,Dobry,,1,tak,2025-01-01,',
        ',Bez kodu,,,,,',
        'x y,Spacja,,,,,',
        'self,Sam,self,,,,',
        'n,Liczba,,1.5,,,',
        'act,Aktywny,,,maybe,,',
        'day,Dzień,,,,2025-02-29,',
        'order,Kolejność,,,,2025-05-01,2025-04-30',
        'short,Krótki',
        'ok,Powtórka,,,,,',
      ].join('\n'),
    );
    expect(parsed.rows.map((r) => r.code)).toEqual(['ok']);
    expect(parsed.rows[0]).toMatchObject({
      parentCode: null,
      sortOrder: 1,
      active: true,
      validFrom: '2025-01-01',
      validTo: null,
    });
    expect(parsed.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'code'],
      [4, 'code'],
      [5, 'parent_code'],
      [6, 'sort_order'],
      [7, 'active'],
      [8, 'valid_from'],
      [9, 'valid_to'],
      [10, undefined],
      [11, 'code'],
    ]);
    expect(parsed.records).toBe(10);
  });

  it('leaves fields of absent columns undefined, so the entry keeps them, and fills an empty label_en from label_pl', () => {
    const [row] = rowsOf('code,label_pl,label_en\na,Polski,').rows;
    expect(row).toEqual({ line: 2, code: 'a', labelPl: 'Polski', labelEn: 'Polski' });
    expect(row).not.toHaveProperty('active');
  });

  it('reports an unclosed quote at the line it opens', () => {
    const parsed = rowsOf('code,label_pl\na,A\nb,"never closed\nc,C');
    expect(parsed.rows.map((r) => r.code)).toEqual(['a']);
    expect(parsed.problems).toEqual([{ line: 3, message: expect.stringContaining('never closed') }]);
  });
});

describe('toDictionaryCsv', () => {
  it('quotes what needs quoting and reads back as the same rows', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField(' padded')).toBe('" padded"');
    const text = toDictionaryCsv([
      {
        code: 'roads',
        labelPl: 'Drogi, chodniki',
        labelEn: 'Roads "and" pavements',
        parentCode: null,
        sortOrder: 1,
        active: true,
        validFrom: null,
        validTo: '2030-12-31',
      },
      {
        code: 'roads.pothole',
        labelPl: 'Dziura\nw jezdni',
        labelEn: 'Pothole',
        parentCode: 'roads',
        sortOrder: 2,
        active: false,
        validFrom: '2025-01-01',
        validTo: null,
      },
    ]);
    expect(text.startsWith('\uFEFFcode,label_pl,label_en,parent_code,sort_order,active,valid_from,valid_to\r\n')).toBe(
      true,
    );
    expect(rowsOf(text).rows).toEqual([
      {
        line: 2,
        code: 'roads',
        labelPl: 'Drogi, chodniki',
        labelEn: 'Roads "and" pavements',
        parentCode: null,
        sortOrder: 1,
        active: true,
        validFrom: null,
        validTo: '2030-12-31',
      },
      {
        line: 3,
        code: 'roads.pothole',
        labelPl: 'Dziura\nw jezdni',
        labelEn: 'Pothole',
        parentCode: 'roads',
        sortOrder: 2,
        active: false,
        validFrom: '2025-01-01',
        validTo: null,
      },
    ]);
  });
});

describe('parentsFirst', () => {
  it('moves a parent named later in the file before its children, and survives a cycle', () => {
    const row = (code: string, parentCode?: string) => ({ line: 0, code, labelPl: code, parentCode });
    expect(parentsFirst([row('a.1', 'a'), row('b'), row('a')]).map((r) => r.code)).toEqual(['a', 'a.1', 'b']);
    expect(
      parentsFirst([row('x', 'y'), row('y', 'x')])
        .map((r) => r.code)
        .sort(),
    ).toEqual(['x', 'y']);
  });
});
