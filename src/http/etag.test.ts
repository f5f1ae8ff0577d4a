import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etagOf, matchesEtag } from './etag.js';

describe('ETags', () => {
  const etag = etagOf('<p>Hej</p>');

  it('is weak, and changes with the body', () => {
    assert.match(etag, /^W\/"[0-9a-z]+-[0-9a-z]+"$/);
    assert.notEqual(etagOf('<p>Hej!</p>'), etag);
    assert.equal(etagOf(Buffer.from('<p>Hej</p>')), etag);
  });

  it('matches If-None-Match weakly, in a list, or as *', () => {
    assert.equal(matchesEtag(etag, etag), true);
    assert.equal(matchesEtag(etag.slice(2), etag), true, 'the strong form of the same tag');
    assert.equal(matchesEtag(`W/"old-1", ${etag}`, etag), true);
    assert.equal(matchesEtag('*', etag), true);
    assert.equal(matchesEtag('W/"old-1"', etag), false);
    assert.equal(matchesEtag(undefined, etag), false);
    assert.equal(matchesEtag('', etag), false);
  });
});
