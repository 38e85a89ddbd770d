import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('works with no variables at all, pointing at localhost', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/kck');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.COOKIE_SECURE).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  describe('when several variables are bad', () => {
    it('lists every one of them, hiding secrets', () => {
      try {
        parseConfig({
          PORT: 'eighty',
          REDIS_URL: 'not a url',
          COOKIE_SECURE: 'maybe',
          NODE_ENV: 'production',
          MEILI_MASTER_KEY: '',
        });
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        const problems = (err as ConfigError).problems.join('\n');
        expect(problems).toMatch(/^PORT=/m);
        expect(problems).toMatch(/^REDIS_URL=/m);
        expect(problems).toMatch(/^COOKIE_SECURE=/m);
        expect(problems).toMatch(/MEILI_MASTER_KEY: set a real key in production/);
      }
    });
  });

  it('lets MEILI_URL be empty to search with PostgreSQL only', () => {
    expect(parseConfig({ MEILI_URL: '' }).MEILI_URL).toBe('');
  });

  it('sends no e-mail by default, takes smtp:// or smtps:// URLs, and never prints one that is wrong', () => {
    expect(parseConfig({}).SMTP_URL).toBe('');
    expect(parseConfig({ SMTP_URL: 'smtps://kck:pass@mail.example.org:465' }).SMTP_URL).toBe(
      'smtps://kck:pass@mail.example.org:465',
    );
    expect(() => parseConfig({ SMTP_URL: 'http://kck:s3cret@mail.example.org' })).toThrow(/^(?![\s\S]*s3cret)/);
    expect(() => parseConfig({ SMTP_URL: 'http://kck:s3cret@mail.example.org' })).toThrow(/SMTP_URL=\*\*\*/);
    expect(parseConfig({ MAIL_FROM: '' }).MAIL_FROM).toBe('Krakowskie Centrum Kontaktu <kck@um.krakow.pl>');
    expect(() => parseConfig({ MAIL_FROM: 'kck\r\nBcc: x@example.org' })).toThrow(/MAIL_FROM/);
  });

  it('keeps attachments on disk by default, and needs a bucket (and both keys or neither) for S3', () => {
    expect(parseConfig({}).ATTACHMENTS_STORAGE).toBe('disk');
    expect(() => parseConfig({ ATTACHMENTS_STORAGE: 's3' })).toThrow(/S3_BUCKET: required/);
    expect(() => parseConfig({ ATTACHMENTS_STORAGE: 's3', S3_BUCKET: 'kck', S3_ACCESS_KEY_ID: 'k' })).toThrow(
      /set both or neither/,
    );
    expect(parseConfig({ ATTACHMENTS_STORAGE: 's3', S3_BUCKET: 'kck' }).S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('documents every variable', () => {
    for (const [name, variable] of Object.entries(CONFIG_VARIABLES)) {
      expect(variable.doc, name).toMatch(/\w/);
    }
  });
});
