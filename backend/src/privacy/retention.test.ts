// Which retention policy a ticket falls under: the most specific active one, category before channel.
import { describe, expect, it } from 'vitest';
import { pickPolicy, type PolicyRow } from './retention.ts';

const CAT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const row = (channel: PolicyRow['channel'], categoryId: string | null, months: number, active = true): PolicyRow => ({
  subject: 'ticket',
  channel,
  categoryId,
  months,
  active,
});
const policies = [
  row(null, null, 60),
  row('phone', null, 36),
  row(null, CAT, 24),
  row('phone', CAT, 12),
  row('email', CAT, 6, false),
  { ...row(null, null, 24), subject: 'call' as const },
];

describe('pickPolicy', () => {
  it('takes the policy naming both the channel and the category', () => {
    expect(pickPolicy(policies, { channel: 'phone', categoryId: CAT })?.months).toBe(12);
  });
  it('prefers the category to the channel when only those match', () => {
    expect(pickPolicy(policies, { channel: 'web_form', categoryId: CAT })?.months).toBe(24);
  });
  it('takes the channel when the category has no policy of its own', () => {
    expect(pickPolicy(policies, { channel: 'phone', categoryId: OTHER })?.months).toBe(36);
  });
  it('falls back to the default, never to a policy for calls or an inactive one', () => {
    expect(pickPolicy(policies, { channel: 'open311', categoryId: OTHER })?.months).toBe(60);
    expect(pickPolicy(policies, { channel: 'email', categoryId: CAT })?.months).toBe(24);
  });
  it('finds nothing without a default', () => {
    expect(pickPolicy([row('kpum', null, 5)], { channel: 'phone', categoryId: CAT })).toBeUndefined();
  });
});
