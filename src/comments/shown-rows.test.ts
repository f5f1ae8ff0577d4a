import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { sameShownRows, type ShownCommentRow } from './comment.repository.js';

// Small alphabets, so two rows drawn apart are often equal, or differ in one column only.
const text = fc.constantFrom('a', 'b', 'æ');
const row: fc.Arbitrary<ShownCommentRow> = fc.record({
  id: text,
  post_id: text,
  parent_id: fc.option(text, { nil: null }),
  root_id: text,
  depth: fc.constantFrom(1, 2),
  author_name: text,
  email_hash: text,
  badge: fc.option(text, { nil: null }),
  body: text,
  status: fc.constantFrom('approved', 'pending'),
  created_at: text,
  edited_at: fc.option(text, { nil: null }),
  erased_at: fc.option(text, { nil: null }),
});

describe('comparing a page of shown comment rows', () => {
  it('says what a deep comparison says, for lists that differ anywhere or not at all', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 3 }), fc.array(row, { maxLength: 3 }), (a, b) => {
        assert.equal(sameShownRows(a, b), isDeepStrictEqual(a, b));
        assert.equal(sameShownRows(a, structuredClone(a)), true);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart rows that differ in one column only, a null from a value included', () => {
    const base: ShownCommentRow = {
      id: 'c1',
      post_id: 'p1',
      parent_id: null,
      root_id: 'c1',
      depth: 1,
      author_name: 'Karen',
      email_hash: 'h',
      badge: null,
      body: 'Hej',
      status: 'approved',
      created_at: '2026-12-06T10:00:00.000Z',
      edited_at: null,
      erased_at: null,
    };
    const changes: Partial<ShownCommentRow>[] = [
      { body: 'Hej!' },
      { edited_at: '2026-12-06T10:01:00.000Z' },
      { erased_at: '2026-12-06T10:02:00.000Z' },
      { status: 'trash' },
      { depth: 2 },
      { parent_id: 'c0' },
      { badge: 'author' },
      { author_name: 'Karin' },
    ];
    for (const change of changes) assert.equal(sameShownRows([base], [{ ...base, ...change }]), false, JSON.stringify(change));
    assert.equal(sameShownRows([base], [base, base]), false);
  });
});
