// Runs the built file (dist/ytring.cjs) with V8's code cache: compiling all of it again at every
// start was a fifth of a cold start's CPU, and Node 20 has no code cache for ES modules.
//
// The cache is what V8 compiled in an earlier run, written a few seconds after that run began (so
// it holds the functions a start and its first requests needed), or at exit by a shorter run. Its
// name carries the digest the build wrote on the file's first line, the file's size and time, and
// Node's, V8's and the CPU's versions: V8 checks only the source's length and its own flags, and
// would run a stale cache of a rebuilt file of the same length. It is written to a temporary
// name and renamed, so instances starting together each read a whole one. It goes beside the
// build, whose rebuild removes it, or, where that folder cannot be written (a global install run
// by another user, a read-only image), into the user's own cache folder: os.tmpdir() is shared
// with other users, and a planted cache would run as code. Nothing here may stop the command:
// without a cache it compiles as before. NODE_DEBUG=ytring says what it did.
const { isAscii } = require('node:buffer');
const { randomBytes } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const { debuglog } = require('node:util');
const vm = require('node:vm');

const debug = debuglog('ytring');
/** How long a run goes before its cache is written: by then a `start` has answered its first pages. */
const WARM_AFTER_MS = 5_000;
// The first byte of a cache file: written by a run that lasted WARM_AFTER_MS, or by a shorter one
// at its exit, whose cache a longer run replaces.
const WARM = 0x77;
const SHORT = 0x73;
const BUILD_LINE = /^\/\/ ytring-build sha256:([0-9a-f]{64})\n/;

/** Compiles and runs the built CommonJS file, with the code cache when there is a fitting one. */
function runBuild(file) {
  const { script, name, folders, cache, rejected } = compile(file);
  if (name && (!cache || rejected || cache.kind !== WARM)) keepCache(script, folders, name, cache === undefined || rejected);
  const module = { exports: {}, filename: file, id: '.', loaded: false };
  const run = script.runInThisContext();
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

/**
 * Writes a first cache for the built file without running it (the build does this), unless one
 * fits already. It holds only the outer code, yet spares a first start parsing the whole file.
 */
function primeCache(file) {
  const { script, name, folders, cache, rejected } = compile(file);
  if (!name || (cache && !rejected)) return;
  const data = script.createCachedData();
  for (const folder of folders) if (writeCache(folder, name, SHORT, data)) return;
}

function compile(file) {
  const bytes = readFileSync(file);
  const digest = BUILD_LINE.exec(bytes.toString('latin1', 0, 100))?.[1];
  // The build escapes every character beyond ASCII, and a one-byte string is what V8 keeps
  // cheaply. Its first line vouches for that, which spares scanning the whole file at every start (about 12 ms for 6 MB).
  const source = bytes.toString(digest || isAscii(bytes) ? 'latin1' : 'utf8');
  const name = digest && cacheName(file, digest);
  const folders = name ? cacheFolders(file) : [];
  const cache = name ? readCache(folders, name) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cache ? { cachedData: cache.data } : {}),
  });
  const rejected = cache !== undefined && script.cachedDataRejected === true;
  debug('code cache %s', !name ? 'off (no build digest)' : !cache ? 'none' : rejected ? 'rejected' : 'used');
  return { script, name, folders, cache, rejected };
}

function cacheName(file, digest) {
  try {
    const { size, mtimeMs } = statSync(file);
    const runtime = `${process.version}-v8-${process.versions.v8}-${process.arch}`;
    return `${basename(file)}.${digest.slice(0, 16)}-${size}-${Math.trunc(mtimeMs)}-${runtime}.cache`;
  } catch {
    return undefined;
  }
}

function cacheFolders(file) {
  const folders = [dirname(file)];
  try {
    folders.push(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ytring'));
  } catch {
    // No home folder: the cache stays beside the build or nowhere.
  }
  return folders;
}

function readCache(folders, name) {
  for (const folder of folders) {
    try {
      const bytes = readFileSync(join(folder, name));
      if (bytes.length > 1) return { kind: bytes[0], data: bytes.subarray(1) };
    } catch {
      // None here.
    }
  }
  return undefined;
}

/** Writes the cache after WARM_AFTER_MS, or at exit when `atExit` and the run ends sooner. */
function keepCache(script, folders, name, atExit) {
  let written = false;
  const write = (kind) => {
    if (written) return;
    written = true;
    clearTimeout(timer);
    try {
      const data = script.createCachedData();
      for (const folder of folders) if (writeCache(folder, name, kind, data)) return;
    } catch (error) {
      debug('code cache not written: %s', error);
    }
  };
  const timer = setTimeout(() => write(WARM), WARM_AFTER_MS);
  timer.unref();
  if (atExit) process.once('exit', () => write(SHORT));
}

function writeCache(folder, name, kind, data) {
  const temporary = join(folder, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([Buffer.of(kind), data]));
    renameSync(temporary, join(folder, name));
    debug('code cache written to %s (%d bytes)', join(folder, name), data.length);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there.
    }
    debug('code cache not written to %s: %s', folder, error.code ?? error);
    return false;
  }
  // The caches of another build or another Node here will not be read again.
  const built = name.slice(0, name.indexOf('.', name.indexOf('.') + 1) + 1);
  try {
    for (const entry of readdirSync(folder))
      if (entry.startsWith(built) && entry.endsWith('.cache') && entry !== name) rmSync(join(folder, entry), { force: true });
  } catch {
    // Left for the next write.
  }
  return true;
}

module.exports = { runBuild, primeCache };
