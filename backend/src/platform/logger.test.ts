// What the access log may keep of a request's URL: never a secret that travelled in it.
import { describe, expect, it } from 'vitest';
import { redactedUrl } from './logger.ts';

describe('redactedUrl', () => {
  it("keeps a status page's address but not its token", () => {
    expect(redactedUrl('/zgloszenie/KCK-2026-000001?token=abcDEF_-123&x=1')).toBe(
      '/zgloszenie/KCK-2026-000001?token=[redacted]&x=1',
    );
  });

  it("keeps the generic CTI path but not the telephony system's token in it", () => {
    expect(redactedUrl('/api/cti/generic/cti_s3cr3t-Token?x=1')).toBe('/api/cti/generic/[redacted]?x=1');
    expect(redactedUrl('/api/cti/generic/cti_s3cr3t')).toBe('/api/cti/generic/[redacted]');
  });

  it("keeps staff searches' terms (a resident's phone or e-mail) out of the log", () => {
    expect(redactedUrl('/api/tickets?view=all&q=%2B48%20600%20100%20200&limit=5')).toBe(
      '/api/tickets?view=all&q=[redacted]&limit=5',
    );
    expect(redactedUrl('/x?email=a%40b.pl&phone=600100200')).toBe('/x?email=[redacted]&phone=[redacted]');
  });

  it('leaves other addresses alone', () => {
    expect(redactedUrl('/api/tickets?view=inbox')).toBe('/api/tickets?view=inbox');
  });
});
