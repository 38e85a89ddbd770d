// The street register CSV: every bad line reported by number, quoting as spreadsheets write it, districts by
// numeral, name or label.
import { describe, expect, it } from 'vitest';
import { parseStreetsCsv, readCsvRecords, type DistrictRef } from './streets-csv.ts';

const DISTRICTS: DistrictRef[] = [
  { id: 'd1', code: 'I', labelPl: 'I Stare Miasto', labelEn: 'I Old Town' },
  { id: 'd5', code: 'V', labelPl: 'V Krowodrza', labelEn: 'V Krowodrza' },
  { id: 'd8', code: 'VIII', labelPl: 'VIII Dębniki', labelEn: 'VIII Dębniki' },
];

describe('readCsvRecords', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, numbering records by their first line', () => {
    const { records } = readCsvRecords('a;b\n"x; y";"say ""hi"""\n\n"two\nlines";z\r\nlast;row');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x; y', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
      { line: 6, fields: ['last', 'row'] },
    ]);
  });

  it('tells where a quote was left open', () => {
    expect(readCsvRecords('a,b\n"open,b\nc,d').unclosedQuoteLine).toBe(2);
  });
});

describe('parseStreetsCsv', () => {
  it('reads Polish or English headers, any column order, districts by numeral, name or label', () => {
    const csv =
      '\uFEFFdzielnica;cecha;ulica\nI;ul.;św. Filipa\nDębniki;ulica;Tyniecka\n"V Krowodrza";;al. Kijowska\n8;;Rynek Dębnicki\n';
    const parsed = parseStreetsCsv(csv, DISTRICTS);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lines).toBe(4);
    expect(parsed.rows).toEqual([
      { line: 2, prefix: 'ul.', name: 'św. Filipa', districtId: 'd1' },
      { line: 3, prefix: 'ul.', name: 'Tyniecka', districtId: 'd8' },
      { line: 4, prefix: 'al.', name: 'Kijowska', districtId: 'd5' },
      { line: 5, prefix: null, name: 'Rynek Dębnicki', districtId: 'd8' },
    ]);
  });

  it('lists a street once per district it crosses', () => {
    const parsed = parseStreetsCsv('street,district\nal. Mickiewicza,I\nal. Mickiewicza,V', DISTRICTS);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.districtId)).toEqual(['d1', 'd5']);
  });

  it('reports every bad line with its number and reason, and no rows are to be written', () => {
    const csv = [
      'street,district',
      'Floriańska,I',
      ',I',
      'Grodzka,XIX',
      'Szewska,',
      'sw. Filipa,I',
      'Św Filipa,I',
      'Wiślna,I,extra',
    ].join('\n');
    const parsed = parseStreetsCsv(csv, DISTRICTS);
    expect(parsed.problems).toEqual([
      { line: 3, message: 'the street name is empty' },
      { line: 4, message: 'unknown district "XIX": give its numeral (I–XVIII), its name or its label' },
      { line: 5, message: 'the district is empty' },
      { line: 7, message: 'repeats line 6 (the same street in the same district)' },
      { line: 8, message: '3 fields where the header has 2; quote a value that holds the delimiter' },
    ]);
  });

  it('asks for a header naming street and district', () => {
    const parsed = parseStreetsCsv('Floriańska,I\nGrodzka,I', DISTRICTS);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ line: 1 });
    expect(parsed.problems[0]?.message).toMatch(/header must name the columns street .* and district/);
  });

  it('refuses a file with a header and nothing under it', () => {
    expect(parseStreetsCsv('street;district\n\n', DISTRICTS).problems).toEqual([
      { line: 2, message: 'the file lists no streets under its header' },
    ]);
  });
});
