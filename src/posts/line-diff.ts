/** A line diff for comparing a post's revisions, computed by jsdiff (Myers' algorithm) over whole lines. */
import { diffArrays } from 'diff';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Beyond this many differing lines jsdiff gives up and everything is shown as removed, then added:
 * correct, if not minimal, and it keeps a pathological pair of revisions from holding the event loop.
 */
const MAX_EDIT_LENGTH = 1_000;

// An empty text has no lines (not one empty line), and CRLF counts as LF.
const split = (text: string): string[] => (text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n'));

/** The lines of `before` and `after` in order, each marked same, removed (only before) or added (only after). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = split(before);
  const b = split(after);
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) {
    return [...a.map((text): DiffLine => ({ kind: 'removed', text })), ...b.map((text): DiffLine => ({ kind: 'added', text }))];
  }
  return changes.flatMap((change) => {
    const kind: DiffLine['kind'] = change.added ? 'added' : change.removed ? 'removed' : 'same';
    return change.value.map((text): DiffLine => ({ kind, text }));
  });
}

/** True when the diff shows any change. */
export const hasChanges = (lines: readonly DiffLine[]): boolean => lines.some((l) => l.kind !== 'same');
