/**
 * bin/ytring.js runs the built file through V8's code cache (bin/load-build.js). A cache must be
 * used when it fits and never when the file changed (V8 checks only the length), must be written
 * anew when V8 refuses it, and must not cost the file its line numbers. Each test works on a copy
 * of the package with its own build, as the built-command test rebuilds dist/ meanwhile.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { spawnYtring } from '../../test/support/cli.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);

describe('the code cache of the built command', () => {
  let root: string;
  let built: string;
  const dist = () => join(root, 'dist');
  const caches = () => readdirSync(dist()).filter((name) => name.endsWith('.cache'));

  /** `ytring --help` in the copy; its output with what NODE_DEBUG=ytring says of the cache. */
  const help = async (env: Record<string, string> = {}) => {
    const ytring = spawnYtring(['--help'], { NODE_DEBUG: 'ytring', ...env }, { built: true, root });
    ytring.child.stdin!.end();
    assert.equal(await ytring.exited, 0, ytring.output());
    return ytring.output();
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ytring-cache-'));
    // A package of its own, as the build's short start (its first cache) needs public/ beside dist/.
    cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'public'), join(root, 'public'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    await run(process.execPath, ['scripts/build.mjs', '--outdir', join(root, 'dist')], { cwd: ROOT });
    built = readFileSync(join(dist(), 'ytring.cjs'), 'latin1');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('builds an ASCII-only file whose first line is the digest of the rest, with a first cache beside it', () => {
    // Written by the build, so the first start after `npm ci` is spared the parse as well.
    assert.equal(caches().length, 1, `caches after the build: ${caches().join(', ')}`);
    const bytes = readFileSync(join(dist(), 'ytring.cjs'));
    assert.equal(
      bytes.findIndex((byte) => byte > 0x7f),
      -1,
    );
    const [, digest, body] = /^\/\/ ytring-build sha256:([0-9a-f]{64})\n([\s\S]*)$/.exec(built) ?? [];
    assert.equal(createHash('sha256').update(body!).digest('hex'), digest);
  });

  it("makes that first cache from a real start, so it holds the first pages' functions and not only the outer code", () => {
    const trained = statSync(join(dist(), caches()[0]!)).size;
    // The same file's cache of the outer code only, which the build used to write.
    const outer = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${built}\n})`).createCachedData().length;
    assert.ok(trained > 2 * outer, `the build's cache is ${trained} bytes; the outer code's alone ${outer}`);
  });

  it('compiles from the cache the second time', async () => {
    for (const name of caches()) rmSync(join(dist(), name));
    assert.match(await help(), /code cache none/);
    assert.equal(caches().length, 1);
    const second = await help();
    assert.match(second, /code cache used/);
    assert.doesNotMatch(second, /Warning/);
  });

  it('does not use the cache of a changed build of the same length and time', async () => {
    await help();
    const file = join(dist(), 'ytring.cjs');
    const { atime, mtime } = statSync(file);
    const body = built.slice(built.indexOf('\n') + 1).replace('Show this text', 'Show this TEXT');
    writeFileSync(file, `// ytring-build sha256:${createHash('sha256').update(body).digest('hex')}\n${body}`, 'latin1');
    utimesSync(file, atime, mtime);
    try {
      const output = await help();
      assert.match(output, /code cache none/);
      assert.match(output, /Show this TEXT/);
      assert.equal(caches().length, 1, 'the old build’s cache is removed when the new one is written');
    } finally {
      writeFileSync(file, built, 'latin1');
    }
  });

  it('writes a cache V8 refuses anew', async () => {
    await help();
    for (const name of caches()) writeFileSync(join(dist(), name), Buffer.concat([Buffer.from('w'), Buffer.alloc(4096, 7)]));
    assert.match(await help(), /code cache rejected/);
    assert.match(await help(), /code cache used/);
  });

  it('keeps the cache in the user’s cache folder when it cannot write beside the build', async () => {
    await help();
    const [name] = caches();
    rmSync(join(dist(), name!));
    mkdirSync(join(dist(), name!)); // a folder where the file would go: neither read nor replaced
    const home = join(root, 'cache-home');
    try {
      assert.match(await help({ XDG_CACHE_HOME: home }), /code cache none/);
      assert.deepEqual(readdirSync(join(home, 'ytring')), [name]);
      assert.match(await help({ XDG_CACHE_HOME: home }), /code cache used/);
    } finally {
      rmSync(join(dist(), name!), { recursive: true });
    }
  });

  it('reports errors at the built file’s own lines, with or without the cache', async () => {
    const body = '"use strict";\nfunction fail() {\n  throw new Error("here");\n}\nfail();\n';
    const file = join(root, 'fail.cjs');
    writeFileSync(file, `// ytring-build sha256:${createHash('sha256').update(body).digest('hex')}\n${body}`);
    const script = `import { runBuild } from ${JSON.stringify(join(root, 'bin/load-build.js'))}; runBuild(${JSON.stringify(file)});`;
    for (const cache of ['none', 'used']) {
      const env = { ...process.env, NODE_DEBUG: 'ytring' };
      const failed = await run(process.execPath, ['--input-type=module', '-e', script], { env }).then(
        () => assert.fail('the file throws'),
        (error: { stderr: string }) => error.stderr,
      );
      assert.match(failed, new RegExp(`code cache ${cache}`));
      assert.match(failed, new RegExp(`at fail \\(${file.replaceAll('.', '\\.')}:4:9\\)`));
    }
  });
});
