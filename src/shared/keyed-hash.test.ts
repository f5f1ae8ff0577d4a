import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { keyedHash, sign, verify } from './keyed-hash.js';

const reference = (secret: string, domain: string, value: string) =>
  createHmac('sha256', secret).update(`${domain}\0${value}`).digest('base64url');

describe('keyedHash', () => {
  it('is HMAC-SHA256 of the domain and value under the secret, for each secret in turn', () => {
    // Secrets alternate and outnumber any cache of keys, so a key kept for the wrong secret shows.
    const secrets = Array.from({ length: 40 }, (_, n) => `secret-${n}-${'æøå'.repeat(n % 3)}`);
    for (let round = 0; round < 3; round++)
      for (const secret of round === 1 ? [...secrets].reverse() : secrets)
        assert.equal(keyedHash(secret, 'email', 'a@example.org'), reference(secret, 'email', 'a@example.org'));
  });

  it('keeps domains apart', () => {
    assert.notEqual(keyedHash('s', 'email', 'x'), keyedHash('s', 'ip', 'x'));
  });

  it('signs and verifies only under the same secret and domain', () => {
    const token = sign('one', 'edit', { id: 'c1' });
    assert.deepEqual(verify('one', 'edit', token), { id: 'c1' });
    assert.equal(verify('two', 'edit', token), undefined);
    assert.equal(verify('one', 'other', token), undefined);
    assert.equal(verify('one', 'edit', `${token}x`), undefined);
  });
});
