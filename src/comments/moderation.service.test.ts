import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipHashOf } from './comment.service.js';
import { blocklistValue } from './blocklist.service.js';
import { reparentAfterDelete, statusAfter, WAS_PUBLIC, type ThreadNode } from './moderation-rules.js';

describe('reparentAfterDelete', () => {
  // a ← b ← c, a ← d: a top-level comment with a reply that has a reply, and a second reply.
  const thread: ThreadNode[] = [
    { id: 'a', parentId: null, depth: 1, rootId: 'a' },
    { id: 'b', parentId: 'a', depth: 2, rootId: 'a' },
    { id: 'c', parentId: 'b', depth: 3, rootId: 'a' },
    { id: 'd', parentId: 'a', depth: 2, rootId: 'a' },
  ];

  it('moves the replies of a deleted reply up to its parent, one level shallower', () => {
    assert.deepEqual(reparentAfterDelete(thread, 'b'), [{ id: 'c', parentId: 'a', depth: 2, rootId: 'a' }]);
  });

  it('makes the replies of a deleted top-level comment top-level, each heading its own thread', () => {
    assert.deepEqual(reparentAfterDelete(thread, 'a'), [
      { id: 'b', parentId: null, depth: 1, rootId: 'b' },
      { id: 'c', parentId: 'b', depth: 2, rootId: 'b' },
      { id: 'd', parentId: null, depth: 1, rootId: 'd' },
    ]);
  });

  it('changes nothing for a comment without replies', () => {
    assert.deepEqual(reparentAfterDelete(thread, 'c'), []);
  });
});

describe('statusAfter', () => {
  it('restores a comment that had been public to public, and any other to the queue', () => {
    assert.equal(statusAfter('restore', 'trash', [WAS_PUBLIC]), 'approved');
    assert.equal(statusAfter('restore', 'trash', [{ layer: 'policy', rule: 'first-time-commenter', score: 0 }]), 'pending');
    assert.equal(statusAfter('restore', 'spam', []), 'pending');
  });

  it('does not restore what was never removed', () => {
    assert.equal(statusAfter('restore', 'pending', []), undefined);
  });
});

describe('blocklistValue', () => {
  const secret = 'a-test-secret';

  it('stores addresses, domains and words in lower case', () => {
    assert.deepEqual(blocklistValue(secret, 'email', ' Spam@Example.COM '), { value: 'spam@example.com' });
    assert.deepEqual(blocklistValue(secret, 'domain', '@Spam.Example'), { value: 'spam.example' });
    assert.deepEqual(blocklistValue(secret, 'word', 'Casino'), { value: 'casino' });
  });

  it('stores an IP address only as the keyed hash comments carry', () => {
    assert.deepEqual(blocklistValue(secret, 'ip', '198.51.100.7'), { value: ipHashOf(secret, '198.51.100.7') });
    assert.deepEqual(blocklistValue(secret, 'ip', ipHashOf(secret, '2001:db8::1')!), { value: ipHashOf(secret, '2001:db8::1') });
  });

  it('names the problem with a value that is not of its kind', () => {
    assert.deepEqual(blocklistValue(secret, 'email', 'no-at-sign'), { problem: 'not_an_email' });
    assert.deepEqual(blocklistValue(secret, 'domain', 'not a domain'), { problem: 'not_a_domain' });
    assert.deepEqual(blocklistValue(secret, 'ip', '999.1.1.1'), { problem: 'not_an_ip' });
    assert.deepEqual(blocklistValue(secret, 'word', '   '), { problem: 'required' });
  });
});
