import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { savedSince } from './saved-since.js';

describe('savedSince', () => {
  const at = '2026-12-07T10:25:06.050Z';
  it('is false for the same moment, given as a date or as stored text', () => {
    assert.equal(savedSince(new Date(at), at), false);
    assert.equal(savedSince(at, at), false);
  });
  it('is true for a later save, and for a version it cannot read', () => {
    assert.equal(savedSince('2026-12-07T10:25:06.051Z', at), true);
    assert.equal(savedSince(at, 'not a time'), true);
  });
  it('checks nothing without a version', () => {
    assert.equal(savedSince(at, undefined), false);
  });
});
