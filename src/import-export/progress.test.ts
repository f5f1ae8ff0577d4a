import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressReporter } from './progress.js';

describe('progress', () => {
  it('draws a bar with \\r updates on a terminal', () => {
    const out: string[] = [];
    const progress = progressReporter({ isTTY: true, write: (t) => out.push(t) }, 'import', { intervalMs: 0 });
    progress.update(512 * 1024, 1024 * 1024, 10);
    progress.finish();
    assert.match(out[0]!, /^\rimport \[#{15}-{15}\] {2}50% {2}0\.5\/1\.0 MB {2}10 items $/);
    assert.equal(out[out.length - 1], '\n');
  });

  it('writes a log line every N items elsewhere', () => {
    const out: string[] = [];
    const progress = progressReporter({ isTTY: false, write: (t) => out.push(t) }, 'export', { every: 2, unit: 'rows' });
    for (let i = 1; i <= 5; i++) progress.update(i, 5, i);
    progress.finish();
    assert.deepEqual(out, ['export: 40% (2/5 rows), 2 items\n', 'export: 80% (4/5 rows), 4 items\n', 'export: 100% (5/5 rows), 5 items\n']);
  });
});
