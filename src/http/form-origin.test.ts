import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isForeignFormPost } from './form-origin.js';

const OURS = ['https://debat.example', 'http://127.0.0.1:3000'];

describe('whether a form post came from our own pages', () => {
  it('accepts our own origin, with or without fetch metadata', () => {
    assert.equal(isForeignFormPost({ origin: 'https://debat.example' }, OURS), false);
    assert.equal(isForeignFormPost({ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, OURS), false);
  });

  it('refuses another site, whatever else the request says', () => {
    assert.equal(isForeignFormPost({ origin: 'https://evil.example' }, OURS), true);
    assert.equal(isForeignFormPost({ origin: 'https://evil.example', referer: 'https://debat.example/a/b' }, OURS), true);
    assert.equal(isForeignFormPost({ origin: 'https://debat.example.evil.example' }, OURS), true);
    assert.equal(isForeignFormPost({ origin: 'http://debat.example' }, OURS), true);
  });

  it('reads Origin: null through Sec-Fetch-Site: ours under no-referrer, foreign from a sandbox', () => {
    assert.equal(isForeignFormPost({ origin: 'null', 'sec-fetch-site': 'same-origin' }, OURS), false);
    assert.equal(isForeignFormPost({ origin: 'null', 'sec-fetch-site': 'cross-site' }, OURS), true);
    assert.equal(isForeignFormPost({ origin: 'null', 'sec-fetch-site': 'same-site' }, OURS), true);
    // Our pages never send null themselves (strict-origin-when-cross-origin), so without metadata it is refused.
    assert.equal(isForeignFormPost({ origin: 'null' }, OURS), true);
  });

  it('falls back to the Referer, then lets a request with neither through to the spam checks', () => {
    assert.equal(isForeignFormPost({ referer: 'https://debat.example/blog/indlaeg' }, OURS), false);
    assert.equal(isForeignFormPost({ referer: 'https://evil.example/side' }, OURS), true);
    assert.equal(isForeignFormPost({ referer: 'ikke en adresse' }, OURS), true);
    assert.equal(isForeignFormPost({ 'sec-fetch-site': 'cross-site' }, OURS), true);
    assert.equal(isForeignFormPost({}, OURS), false);
  });
});
