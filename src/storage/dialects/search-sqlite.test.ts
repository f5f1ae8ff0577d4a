import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ftsQuery } from './search-sqlite.js';

describe('ftsQuery', () => {
  it('quotes every term, ORs a group and ANDs the groups', () => {
    assert.equal(
      ftsQuery({
        groups: [
          { terms: ['a', 'b'], prefixes: [] },
          { terms: [], prefixes: ['par'] },
        ],
      }),
      '("a" OR "b") AND ("par" *)',
    );
  });

  it('doubles a quote inside a term', () => {
    assert.equal(ftsQuery({ groups: [{ terms: ['x"y'], prefixes: [] }] }), '("x""y")');
  });
});
