import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { diffLines, hasChanges } from './line-diff.js';

const show = (before: string, after: string) =>
  diffLines(before, after).map((l) => `${{ same: ' ', added: '+', removed: '-' }[l.kind]}${l.text}`);

describe('diffLines', () => {
  it('marks nothing for equal texts', () => {
    assert.deepEqual(show('a\nb', 'a\nb'), [' a', ' b']);
    assert.equal(hasChanges(diffLines('a\nb', 'a\nb')), false);
  });

  it('finds a changed line between equal ones', () => {
    assert.deepEqual(show('a\nb\nc', 'a\nB\nc'), [' a', '-b', '+B', ' c']);
  });

  it('finds inserted and deleted lines', () => {
    assert.deepEqual(show('a\nc', 'a\nb\nc'), [' a', '+b', ' c']);
    assert.deepEqual(show('a\nb\nc', 'a\nc'), [' a', '-b', ' c']);
  });

  it('keeps the longest run in common when lines move', () => {
    assert.deepEqual(show('x\na\nb\nc', 'a\nb\nc\nx'), ['-x', ' a', ' b', ' c', '+x']);
  });

  it('treats an empty text as no lines, and CRLF like LF', () => {
    assert.deepEqual(show('', 'a'), ['+a']);
    assert.deepEqual(show('a\r\nb', 'a\nb'), [' a', ' b']);
  });

  it('rebuilds both texts from its output', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 12 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const diff = diffLines(before, after);
        assert.equal(
          diff
            .filter((l) => l.kind !== 'added')
            .map((l) => l.text)
            .join('\n'),
          before === '' ? '' : before,
        );
        assert.equal(
          diff
            .filter((l) => l.kind !== 'removed')
            .map((l) => l.text)
            .join('\n'),
          after === '' ? '' : after,
        );
      }),
    );
  });
});
