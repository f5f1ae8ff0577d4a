import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId, randomToken } from './ids.js';

describe('newId', () => {
  it('makes version-7 UUIDs', () => {
    assert.match(newId(), /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by time, and in order of creation within one millisecond', () => {
    const ids = Array.from({ length: 500 }, () => newId(1_795_000_000_000));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(newId(1_795_000_000_001) > ids[ids.length - 1]!);
  });
});

describe('randomToken', () => {
  it('hands out each byte once, across the refills of its pool, and a token keeps its bytes', () => {
    const first = randomToken(12);
    const kept = Buffer.from(first);
    // Enough to empty the 4 KB pool several times over, in sizes that do not divide it.
    const tokens = Array.from({ length: 3_000 }, (_, i) => randomToken(i % 2 === 0 ? 12 : 16));
    assert.ok(tokens.every((token, i) => token.length === (i % 2 === 0 ? 12 : 16)));
    assert.equal(new Set(tokens.map((token) => token.toString('hex'))).size, tokens.length);
    assert.ok(first.equals(kept), 'a refill does not overwrite a token already handed out');
    assert.equal(randomToken(2_000).length, 2_000);
  });

  it('draws bytes that look uniform (each byte value about equally often)', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 8_000; i++) for (const byte of randomToken(16)) counts[byte]!++;
    // 128,000 bytes: 500 per value expected; a stuck or repeating pool would be far off.
    assert.ok(Math.min(...counts) > 350 && Math.max(...counts) < 650, `${Math.min(...counts)}…${Math.max(...counts)}`);
  });
});
