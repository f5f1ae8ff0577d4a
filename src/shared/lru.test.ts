import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lru, lruPerOwner } from './lru.js';

describe('Lru', () => {
  it('forgets the least recently used entry first', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    assert.equal(lru.get('a'), 1);
    lru.set('c', 3);
    assert.equal(lru.get('b'), undefined);
    assert.equal(lru.get('a'), 1);
    assert.equal(lru.get('c'), 3);
  });
});

describe('lruPerOwner', () => {
  it('gives each owner one map of its own, never another owner’s entries', () => {
    const keptOf = lruPerOwner<object, string, number>(2);
    const [one, two] = [{}, {}];
    keptOf(one).set('page', 1);
    assert.equal(keptOf(one), keptOf(one));
    assert.equal(keptOf(two).get('page'), undefined);
    keptOf(one).set('b', 2);
    keptOf(one).set('c', 3);
    assert.equal(keptOf(one).size, 2);
  });
});
