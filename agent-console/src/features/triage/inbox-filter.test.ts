// The inbox filter in the page address and as the list query: what a link or a saved filter holds comes back the
// same, a value that is not a filter is left out, and a claim past its time no longer counts.
import { describe, expect, it } from 'vitest';
import type { TicketDto } from '@kck/contracts';
import { filterFromParams, filterToParams, listParamsOf, liveClaim, sameFilter } from './inbox-filter';

const CATEGORY = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('the inbox filter in the address', () => {
  it('comes back as it went in, beside the open ticket', () => {
    const filter = {
      q: 'latarnia',
      statuses: ['new' as const, 'returned' as const],
      categoryId: CATEGORY,
      olderThanDays: 3,
      overdue: true,
      claim: 'unclaimed' as const,
    };
    const params = filterToParams(filter, new URLSearchParams('ticket=abc'));
    expect(params.get('ticket')).toBe('abc');
    expect(params.get('statuses')).toBe('new,returned');
    expect(filterFromParams(params)).toEqual(filter);
  });

  it('leaves out what is not a filter (an old or edited link)', () => {
    const params = new URLSearchParams('statuses=new,routed&channel=fax&olderThanDays=-2&claim=me&colour=red');
    expect(filterFromParams(params)).toEqual({ claim: 'me' });
  });

  it('drops a cleared value from the address', () => {
    const params = filterToParams({ q: undefined, channel: 'email' }, new URLSearchParams('q=old&claim=me'));
    expect(params.toString()).toBe('channel=email');
  });
});

describe('comparing and querying', () => {
  it('treats the same choices in another order, or with empty values, as the same filter', () => {
    expect(sameFilter({ statuses: ['returned', 'new'], q: undefined }, { statuses: ['new', 'returned'] })).toBe(true);
    expect(sameFilter({ claim: 'me' }, { claim: 'others' })).toBe(false);
  });

  it('asks for the inbox view with only what is set', () => {
    expect(listParamsOf({ channel: 'email', statuses: [] })).toEqual({ view: 'inbox', limit: 100, channel: 'email' });
  });
});

describe('a claim', () => {
  const ticket = (expiresAt: string | null) =>
    ({
      claimedBy: expiresAt ? { id: 'u1', displayName: 'Anna' } : null,
      claimedAt: expiresAt ? '2026-11-20T10:00:00Z' : null,
      claimExpiresAt: expiresAt,
    }) as TicketDto;

  it('counts until it lapses', () => {
    const now = Date.parse('2026-11-20T10:10:00Z');
    expect(liveClaim(ticket('2026-11-20T10:30:00Z'), now)).toEqual({ id: 'u1', displayName: 'Anna' });
    expect(liveClaim(ticket('2026-11-20T10:05:00Z'), now)).toBeNull();
    expect(liveClaim(ticket(null), now)).toBeNull();
  });
});
