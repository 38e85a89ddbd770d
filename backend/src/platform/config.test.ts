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

  it('documents every variable', () => {
    for (const [name, variable] of Object.entries(CONFIG_VARIABLES)) {
      expect(variable.doc, name).toMatch(/\w/);
    }
  });
});
