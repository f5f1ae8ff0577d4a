import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const SRC = join(import.meta.dirname, '..');
const DIALECT_NAME = /sqlite|postgres|better-sqlite3|\bpg\b/i;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

describe('the storage fence', () => {
  it('names no database outside src/storage/ (tests aside)', () => {
    const crossings: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const path = relative(SRC, file);
      if (path.startsWith(`storage/`)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (DIALECT_NAME.test(line)) crossings.push(`src/${path}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(crossings, []);
  });
});
