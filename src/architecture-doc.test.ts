import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// The map a newcomer reads first: it must not send them to a file that moved, nor leave a module out.
const doc = readFileSync('docs/ARCHITECTURE.md', 'utf8');
const tree = doc.slice(doc.indexOf('```\nsrc/'), doc.indexOf('```', doc.indexOf('```\nsrc/') + 4));

/** Paths in backticks (`http/server.tsx`, `storage/`), relative to src/ unless they start at the root; globs and code are left out. */
function pathsIn(markdown: string): string[] {
  const paths = new Set<string>();
  for (const [, inner] of markdown.matchAll(/`([^`\n]+)`/g)) {
    const path = inner!;
    if (!/^[\w.-]+(\/[\w.-]+)*\/?$/.test(path)) continue;
    if (!path.includes('/') && !/\.(tsx?|mjs|css|js)$/.test(path)) continue;
    paths.add(/^(src|test|docs|public|scripts|bench)\//.test(path) ? path : `src/${path}`);
  }
  for (const [path] of markdown.matchAll(/\bsrc\/[\w./-]+\.tsx?\b/g)) paths.add(path);
  return [...paths].sort();
}

describe('docs/ARCHITECTURE.md', () => {
  it('finds the paths it is given, in backticks or spelt from src/', () => {
    assert.deepEqual(pathsIn('see `http/server.tsx`, `*.routes.tsx`, `storage/`, `dependsOn(request, tags)` and src/posts/post-tags.ts'), [
      'src/http/server.tsx',
      'src/posts/post-tags.ts',
      'src/storage/',
    ]);
  });

  it('names only files and folders that exist', () => {
    const paths = pathsIn(doc);
    assert.ok(paths.length > 20, `only ${paths.length} paths found: the pattern no longer reads the document`);
    assert.deepEqual(
      paths.filter((path) => !existsSync(path)),
      [],
    );
  });

  it('names every folder and every top-level file of src/ in its tree', () => {
    const entries = readdirSync('src', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)))
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    const named = new Set([...tree.matchAll(/^ {2}([\w.-]+\/?)\s/gm)].map((m) => m[1]));
    assert.deepEqual(
      entries.filter((entry) => !named.has(entry)),
      [],
    );
  });
});
