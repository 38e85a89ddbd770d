import { describe, expect, it } from 'vitest';
import { formatBytes, safeFileName } from './attachment-upload.ts';

describe('safeFileName', () => {
  it('keeps Polish letters and drops any folder a browser or script sent', () => {
    expect(safeFileName('C:\\fakepath\\zdjęcie dziury.jpg')).toBe('zdjęcie dziury.jpg');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
  });

  it('replaces control and reserved characters, and never starts with a dot', () => {
    expect(safeFileName('a\u0000b\r\nc<d>:"e"|f?*.txt')).toBe('a_b__c_d___e__f__.txt');
    expect(safeFileName('.htaccess')).toBe('htaccess');
  });

  it('names a nameless file, and shortens a long one keeping its extension', () => {
    expect(safeFileName(undefined)).toBe('zalacznik');
    expect(safeFileName('...')).toBe('zalacznik');
    const long = safeFileName(`${'ż'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('formatBytes', () => {
  it('names limits the way people read them', () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(64 * 1024)).toBe('64 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12)).toBe('12 B');
  });
});
