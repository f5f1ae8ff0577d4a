import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** Starts `ytring start` as a user would and resolves with the address it logs. */
function startCli(args: string[], dir: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main.ts',
      'start',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--database-url',
      `sqlite:${join(dir, 'site.db')}`,
      ...args,
    ],
    {
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    // Generous: under tsx every module is compiled at start, and CI runs other test files beside this one.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no start within 90 s:\n${output}`));
    }, 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"listening":"(http:\/\/[^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => output };
}

describe('ytring start', () => {
  it('loads the demo into an empty database, serves it, says how to log in, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-cli-'));
    const cli = startCli([], dir);
    try {
      const url = await cli.url;
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      assert.match(await (await fetch(`${url}/`)).text(), /<article class="summary[ "]/);
      assert.match(cli.output(), /loaded the demo site/);
      assert.match(cli.output(), /admin\/setup/);
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exited, 0);
      assert.match(cli.output(), /shutting down/);
    } finally {
      // A failed assertion must not leave a server running: the test file would never end.
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts an empty site with --no-demo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-cli-'));
    const cli = startCli(['--no-demo'], dir);
    try {
      const url = await cli.url;
      assert.doesNotMatch(await (await fetch(`${url}/`)).text(), /<article class="summary[ "]/);
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exited, 0);
    } finally {
      // A failed assertion must not leave a server running: the test file would never end.
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Runs `ytring start` against a database it cannot open, to its exit: the code and what it wrote to stderr. */
  async function failedStart(databaseUrl: string): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start', '--port', '0', '--database-url', databaseUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stderr };
  }

  it('says in one line which database it cannot reach, without its password, rather than a stack trace', async () => {
    // A port nothing listens on: the usual first run with PostgreSQL not started yet.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { code, stderr } = await failedStart(`postgres://ytring:hemmelig@127.0.0.1:${closed}/ytring`);
    assert.equal(code, 1);
    assert.match(
      stderr,
      new RegExp(`^Cannot reach the database at postgres://ytring:…@127\\.0\\.0\\.1:${closed}/ytring \\(connect ECONNREFUSED`),
    );
    assert.match(stderr, /DATABASE_URL/);
    assert.doesNotMatch(stderr, /hemmelig|\n\s+at /);
  });

  it('says the same of an SQLite file that cannot be made, and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-cli-'));
    try {
      // A folder in the way is a file.
      writeFileSync(join(dir, 'data'), 'not a folder');
      const { code, stderr } = await failedStart(`sqlite:${dir}/data/site.db`);
      assert.equal(code, 1);
      assert.ok(
        stderr.startsWith(`Cannot reach the database at sqlite:${dir}/data/site.db (its folder ${dir}/data cannot be made: EEXIST`),
        stderr,
      );
      assert.doesNotMatch(stderr, /\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
