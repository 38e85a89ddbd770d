// Phone numbers compared by their last nine digits, and the one-identifier rule of a privacy search.
import { describe, expect, it } from 'vitest';
import { phoneKey, privacyIdentifier } from './privacy.ts';

describe('phoneKey', () => {
  it.each([
    ['+48 600 123 456', '600123456'],
    ['0048600123456', '600123456'],
    ['600-123-456', '600123456'],
    ['(12) 616 12 34', '126161234'],
  ])('reads %s as %s', (raw, key) => {
    expect(phoneKey(raw)).toBe(key);
  });
  it('has no key for fewer than nine digits', () => {
    expect(phoneKey('112')).toBeNull();
    expect(phoneKey('abc')).toBeNull();
  });
});

describe('privacyIdentifier', () => {
  it('takes a phone or an e-mail', () => {
    expect(privacyIdentifier.safeParse({ phone: '+48 600 123 456' }).success).toBe(true);
    expect(privacyIdentifier.safeParse({ email: 'jan@example.pl' }).success).toBe(true);
  });
  it.each([[{}], [{ phone: '600123456', email: 'jan@example.pl' }], [{ phone: '12ab' }], [{ phone: '12345' }]])(
    'refuses %j',
    (value) => {
      expect(privacyIdentifier.safeParse(value).success).toBe(false);
    },
  );
});
