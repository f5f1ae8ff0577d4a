// Writes the built file's first code cache from a real start: `ytring start` on an empty SQLite
// site in a temporary folder answers a few pages and stops, and its exit writes what V8 compiled
// for them (bin/load-build.js). A cache of the outer code only (primeCache) left the first start
// after `npm ci` compiling every function its first page needs, about a tenth of a second more.
// Nothing here may fail the build: where the run does not go through, the outer-code cache is kept.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Pages an empty site answers that walk most of what a start and a reader's first pages run. */
const PAGES = ['/', '/feed.atom', '/search?q=ytring', '/sitemap.xml', '/admin/setup', '/no-such-page'];
const LIMIT_MS = 30_000;

/** Runs the built `file` once as `ytring start`; true when it answered and exited (so its cache is written). */
export async function trainCodeCache(file, loaderPath) {
  const dir = mkdtempSync(join(tmpdir(), 'ytring-train-'));
  // A clean environment: the site being built for must not lend its database, mail server or
  // settings to this run.
  const env = {
    PATH: process.env.PATH ?? '',
    ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
    ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    DATABASE_URL: `sqlite:${join(dir, 'train.db')}`,
    YTRING_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'info',
  };
  const run = `import { runBuild } from ${JSON.stringify(pathToFileURL(loaderPath).href)}; runBuild(${JSON.stringify(file)});`;
  // After "--", argv[1] stands where a script's path would, so the command sees "start --no-demo".
  const child = spawn(process.execPath, ['--input-type=module', '-e', run, '--', 'ytring', 'start', '--no-demo'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
  try {
    const base = await listeningAddress(child);
    if (!base) return false;
    for (const page of PAGES) await (await fetch(`${base}${page}`, { signal: AbortSignal.timeout(LIMIT_MS) })).arrayBuffer();
    child.kill('SIGTERM');
    return (await exited) === 0;
  } catch {
    child.kill('SIGKILL');
    return false;
  } finally {
    clearTimeout(timer);
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The address from the start's "Ytring is running" log line, or undefined if it exits first. */
function listeningAddress(child) {
  return new Promise((resolve) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      seen = (seen + text).slice(-8192);
      const address = /"listening":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(seen)?.[1];
      if (address) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve(address);
      }
    });
    child.once('exit', () => resolve(undefined));
  });
}
