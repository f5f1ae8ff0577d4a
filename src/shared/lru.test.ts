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

  it('with a weight, also forgets the least recently used until what it holds weighs no more than allowed', () => {
    const lru = new Lru<string, string>(10, { maxWeight: 10, weigh: (value) => value.length });
    lru.set('a', 'xxxx');
    lru.set('b', 'xxxx');
    assert.equal(lru.get('a'), 'xxxx');
    lru.set('c', 'xxxx');
    assert.equal(lru.get('b'), undefined, 'the least recent, to make room');
    assert.deepEqual([lru.get('a'), lru.get('c'), lru.weight], ['xxxx', 'xxxx', 8]);
    lru.set('a', 'x');
    assert.equal(lru.weight, 5, 'a value set again weighs as it is now');
  });

  it('keeps nothing heavier than it may hold, and forgets what the key held', () => {
    const lru = new Lru<string, string>(10, { maxWeight: 10, weigh: (value) => value.length });
    lru.set('a', 'xxx');
    lru.set('b', 'xx');
    lru.set('a', 'x'.repeat(11));
    assert.deepEqual([lru.get('a'), lru.get('b'), lru.size, lru.weight], [undefined, 'xx', 1, 2]);
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
