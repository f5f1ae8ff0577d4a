import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWords, readingMinutes } from './reading-time.js';

describe('reading time', () => {
  it('counts the words a reader reads, not link addresses or markup', () => {
    assert.equal(countWords('## Afsnit\n\nSe [rapporten](https://example.org/a/b "titel") – *nu*.'), 4);
    assert.equal(countWords(''), 0);
  });

  it('gives at least one minute, and about one minute for each 200 words', () => {
    assert.equal(readingMinutes('kort'), 1);
    assert.equal(readingMinutes('ord '.repeat(1000)), 5);
    assert.equal(readingMinutes('ord '.repeat(300), 'ord '.repeat(300)), 3);
  });
});
