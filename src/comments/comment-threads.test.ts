/** Threads as a page shows them: a deleted comment keeps its place only where replies hang from it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildThreads, type PublicComment } from './comment.js';
import type { SafeHtml } from '../shared/safe-html.js';

const comment = (id: string, parentId: string | null, erased = false): PublicComment => ({
  id,
  parentId,
  depth: parentId ? 1 : 0,
  authorName: erased ? '' : id,
  avatarColour: 0,
  initials: 'X',
  badge: null,
  bodyHtml: '' as unknown as SafeHtml,
  status: 'approved',
  createdAt: new Date(0),
  editedAt: null,
  erased,
  replies: [],
});

describe('buildThreads', () => {
  it('leaves out a deleted comment without replies, and keeps one that has them as a placeholder', () => {
    const roots = buildThreads([
      comment('a', null, true),
      comment('b', null, true),
      comment('b1', 'b'),
      comment('c', null),
      comment('c1', 'c', true),
      comment('d', null, true),
      comment('d1', 'd', true),
    ]);
    const shape = (list: PublicComment[]): unknown => list.map((c) => [c.id, shape(c.replies)]);
    // a: deleted, no replies: gone. b: deleted with a reply: kept. c1: a deleted leaf reply: gone.
    // d: deleted, and its only reply deleted too: both gone.
    assert.deepEqual(shape(roots), [
      ['b', [['b1', []]]],
      ['c', []],
    ]);
  });
});
