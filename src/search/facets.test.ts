import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorFacet, blogFacet, yearFacet, yearFacetsBetween } from './facets.js';

describe('search facets', () => {
  it('are one token, which no word is, whatever the id', () => {
    for (const facet of [
      blogFacet('0192f3a4-7b1c-7d2e-8f90-a1b2c3d4e5f6'),
      authorFacet('id with spaces/and-ÆØÅ'),
      yearFacet(new Date('2015-06-01')),
    ]) {
      assert.match(facet, /^_[a-z][a-z0-9]+$/);
    }
    assert.notEqual(blogFacet('x'), authorFacet('x'));
    assert.notEqual(blogFacet('a-b'), blogFacet('ab'));
  });

  it('narrow a zoned year to the UTC years it touches, and leave open or long spans alone', () => {
    // 2025 in Copenhagen starts an hour before 2025 in UTC.
    assert.deepEqual(yearFacetsBetween(new Date('2024-12-31T23:00:00Z'), new Date('2025-12-31T23:00:00Z')), ['_y2024', '_y2025']);
    assert.deepEqual(yearFacetsBetween(new Date('2025-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')), ['_y2025']);
    assert.equal(yearFacetsBetween(new Date('2025-01-01T00:00:00Z'), undefined), undefined);
    assert.equal(yearFacetsBetween(new Date('2015-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z')), undefined);
  });
});
