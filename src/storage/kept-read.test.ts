import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keptReads, type KeptRead } from './kept-read.js';

describe('keptReads', () => {
  // An owner of its own (the keeper only keys on it, no database is read) and a content version that never changes.
  const db = {} as Parameters<KeptRead>[0];
  const unchanged = { version: '1', stale: () => false };

  it('reads once while nothing it names changed, and again after', async () => {
    const keep = keptReads(4);
    let reads = 0;
    const read = async () => ({ value: { n: ++reads }, tags: ['post:1'] });
    assert.deepEqual((await keep(db, unchanged, 'a', read)).value, { n: 1 });
    assert.deepEqual((await keep(db, unchanged, 'a', read)).value, { n: 1 });
    assert.ok(Object.isFrozen((await keep(db, unchanged, 'a', read)).value));
    const changed = { version: '2', stale: (_kept: string, tags: readonly string[]) => tags.includes('post:1') };
    assert.deepEqual((await keep(db, changed, 'a', read)).value, { n: 2 });
  });

  it('with a weight, keeps light reads and reads a value heavier than it may hold every time', async () => {
    const keep = keptReads(4, { maxWeight: 100, weigh: (value) => (value as { text: string }).text.length });
    let reads = 0;
    const reader = (length: number) => async () => {
      reads++;
      return { value: { text: 'x'.repeat(length) }, tags: [] };
    };
    await keep(db, unchanged, 'light', reader(10));
    await keep(db, unchanged, 'light', reader(10));
    assert.equal(reads, 1);
    await keep(db, unchanged, 'heavy', reader(500));
    await keep(db, unchanged, 'heavy', reader(500));
    assert.equal(reads, 3, 'the heavy value was read twice');
    // Two of 60 are more than 100: the older goes.
    await keep(db, unchanged, 'one', reader(60));
    await keep(db, unchanged, 'two', reader(60));
    await keep(db, unchanged, 'one', reader(60));
    assert.equal(reads, 6, 'the first of the two was forgotten to keep the second');
  });
});
