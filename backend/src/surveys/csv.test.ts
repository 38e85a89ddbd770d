// CSV cells as spreadsheets read them: quoted only when needed, quotes doubled, formulas defused.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

describe('csvCell', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvCell('Zażółć gęślą jaźń', ';')).toBe('Zażółć gęślą jaźń');
    expect(csvCell(4, ';')).toBe('4');
    expect(csvCell(null, ';')).toBe('');
  });

  it('quotes a cell holding the delimiter, a quote or a line break, doubling the quotes', () => {
    expect(csvCell('Tak; w pełni', ';')).toBe('"Tak; w pełni"');
    expect(csvCell('Tak, w pełni', ';')).toBe('Tak, w pełni');
    expect(csvCell('Tak, w pełni', ',')).toBe('"Tak, w pełni"');
    expect(csvCell('Powiedział „dobrze" i "szybko"', ';')).toBe('"Powiedział „dobrze"" i ""szybko"""');
    expect(csvCell('pierwsza\ndruga', ';')).toBe('"pierwsza\ndruga"');
    expect(csvCell('a\r\nb', ',')).toBe('"a\r\nb"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")', ';')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+48 12 616 12 12', ';')).toBe("'+48 12 616 12 12");
    expect(csvCell('-', ';')).toBe("'-");
    expect(csvCell('@SUM(A1)', ';')).toBe("'@SUM(A1)");
  });
});

describe('csvLine', () => {
  it('joins the cells with the delimiter and ends the record with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b;c'], ';')).toBe('a;1;;"b;c"\r\n');
  });
});
