// ETags of dictionary reads: the same body gives the same strong tag, any change a new one, and If-None-Match
// matches lists, weak forms and `*` as RFC 9110 says.
import { describe, expect, it } from 'vitest';
import { ifNoneMatchHits, strongEtag } from './dictionary-etag.ts';
import { toTree } from './dictionaries.service.ts';

describe('strongEtag', () => {
  it('is quoted, stable for the same body and different for another', () => {
    const tag = strongEtag('[{"code":"a"}]');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(strongEtag('[{"code":"a"}]')).toBe(tag);
    expect(strongEtag('[{"code":"b"}]')).not.toBe(tag);
  });
});

describe('ifNoneMatchHits', () => {
  const tag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (header, hit) => expect(ifNoneMatchHits(header, tag)).toBe(hit));
});

describe('toTree', () => {
  const entry = (id: string, parentId: string | null) => ({
    id,
    dictionary: 'category' as const,
    code: id,
    labelPl: id,
    labelEn: id,
    parentId,
    active: true,
    sortOrder: 0,
    validFrom: null,
    validTo: null,
    version: 1,
  });
  it('nests children under parents, keeping the list order, and puts orphans at the top', () => {
    const tree = toTree([entry('g', null), entry('g.1', 'g'), entry('orphan', 'missing'), entry('g.2', 'g')]);
    expect(tree.map((n) => [n.id, n.children.map((c) => c.id)])).toEqual([
      ['g', ['g.1', 'g.2']],
      ['orphan', []],
    ]);
  });
});
