#!/usr/bin/env node
// `npm test`: lint, type check, audit, then the three tiers of tests:
//   unit         no database, server or network (test/support/unit-tier.mjs makes sure), seconds;
//   integration  a file that imports test/support/db, server, cli, smtp or tcp-proxy, or starts
//                `src/main.ts`: runs on SQLite, and on PostgreSQL when one answers;
//   browser      test/browser/, in Chromium.
// `npm test -- FILE [FILE…]` runs just those files (PostgreSQL too when it answers), nothing else.
// `npm test -- --list` prints each file's tier. Says what it skipped and why; with CI set, a skip is a failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const ci = Boolean(process.env.CI);
const TIERS = ['unit', 'integration', 'pg', 'browser'];
const args = process.argv.slice(2);
const only = TIERS.includes(args[0]) ? args[0] : undefined; // undefined: everything, or the files named
const listOnly = args.includes('--list');
const named = only ? [] : args.filter((arg) => arg !== '--list');
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
// Files are independent (each makes its own databases and folders). Integration files spend much of
// their time waiting on PostgreSQL, child processes and timers, so three at once keep two cores busy.
// A browser test process waits on Chromium and Chromium on it: two at a time, the browser files kept
// under half of CI's two cores busy (about 690 CPU-s, Chromium's included, over 780 s), so four
// run at once. A whole run puts the integration and browser files in one queue of four, so
// neither tier's last slow file leaves a core idle. YTRING_TEST_CONCURRENCY overrides all three
// (1 on a machine others are using).
const concurrency = Number(process.env.YTRING_TEST_CONCURRENCY) || 0;
const INTEGRATION_CONCURRENCY = concurrency || 3;
const BROWSER_CONCURRENCY = concurrency || 4;
const MIXED_CONCURRENCY = concurrency || 4;
const DEFAULT_CONCURRENCY = concurrency || 2;
// Processes that share the files which do not run alone (see nodeTests): several per concurrent slot,
// so that a slot freed early finds work.
const INTEGRATION_BUNDLES = 12;
const BROWSER_BUNDLES = 8;
// The longest files, started first, each in a process of its own, so that none of them begins when
// the rest are done.
const SLOW_FIRST = [
  'test/browser/xss.test.ts',
  'test/browser/xss-postgres.test.ts',
  // About 100 s a database, and it runs on both: dealt into a bundle, it held that bundle's slot
  // alone for minutes after the others were done.
  'test/browser/admin-roles.test.ts',
  // Some 150 s in CI with its axe runs in both colour schemes, even sharing one tab.
  'test/browser/look.test.ts',
  // Its hundreds of refused posts, each rendering the post page again, on both databases.
  'src/comments/spam/spam-events.test.ts',
  'src/cli/crash-safety.test.ts',
  'src/import-export/large-import.test.ts',
  'src/comments/comment-concurrency.test.ts',
  'src/http/injection.test.ts',
  'src/http/multi-instance.test.ts',
  'src/cli/commands/start.test.ts',
];
const rank = (file) => SLOW_FIRST.indexOf(file) + 1 || SLOW_FIRST.length + 1;
const slowFirst = (files) => [...files].sort((a, b) => rank(a) - rank(b));

/**
 * The slow files of every set, each alone, first, then each set's other files dealt in turn into
 * `bundles` processes (a set with `bundles: 0` keeps each file alone). Node's runner sorts the
 * files it is given by path, so each process gets a file in `dir` named in the order it is to start
 * (`03-….test.mjs`) that imports its test files; otherwise a checkout whose path sorts after the
 * temporary folder started every bundle before the slow files, which then ran on after the rest.
 */
function bundled(dir, sets) {
  const alone = [];
  const groups = [];
  for (const { files, bundles } of sets) {
    const rest = bundles > 0 && files.length > 1 ? files.filter((file) => !SLOW_FIRST.includes(file)) : [];
    alone.push(...files.filter((file) => !rest.includes(file)));
    const dealt = Array.from({ length: Math.min(bundles, rest.length) }, () => []);
    rest.forEach((file, i) => dealt[i % dealt.length].push(file));
    groups.push(...dealt);
  }
  const ordered = [...slowFirst(alone).map((file) => [file]), ...groups];
  const width = String(ordered.length).length;
  return ordered.map((group, i) => {
    const name = group.length === 1 ? group[0].replace(/[^\w.-]+/g, '_') : `bundle-of-${group.length}`;
    const path = join(dir, `${String(i + 1).padStart(width, '0')}-${name}.test.mjs`);
    writeFileSync(path, group.map((file) => `import ${JSON.stringify(pathToFileURL(join(root, file)).href)};\n`).join(''));
    return path;
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const skips = [];
const failures = [];
const notices = [];
const timings = [];
const slowest = [];

function run(label, command, args, env = {}) {
  console.log(`\n── ${label} ─────────────────────────────`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  timings.push(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

/** Like run, but in the background with its output held back; `report()` prints it and records the result. */
function runBeside(label, command, args) {
  const started = performance.now();
  let output = '';
  const child = spawn(command, args, { cwd: root, env: process.env });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const ended = new Promise((done) => child.on('close', (code) => done(code)));
  return {
    async report() {
      const status = await ended;
      console.log(`\n── ${label} ─────────────────────────────`);
      process.stdout.write(output);
      timings.push(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s (beside the next steps)`);
      if (status !== 0) failures.push(label);
    },
  };
}

function findTests(dir, pattern) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path, pattern));
    else if (pattern.test(name)) found.push(relative(root, path));
  }
  return found.sort();
}

/** What a file imports, as paths from the project root (`src/storage/db.ts`) or package names (`pg`). */
function importsOf(file, source) {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specifiers.map((specifier) => {
    if (!specifier.startsWith('.')) return specifier;
    return relative(root, resolve(dirname(join(root, file)), specifier)).replace(/\.js$/, '.ts');
  });
}

// Importing one of these says the file needs a database, a server or a child process.
const NEEDS_MORE = /^test\/support\/(db|server|cli|browser|smtp|tcp-proxy)\.ts$/;
// A file that uses a database without the helpers above would run in the unit tier, on SQLite only.
const DATABASE =
  /^(src\/storage\/(db|migrate|content-version|dialects\/(sqlite|postgres))\.ts|src\/app\.ts|src\/http\/server\.ts|test\/support\/(admin|comments|factories)\.ts|better-sqlite3|pg)$/;

/** 'unit' or 'integration'; throws when a file looks like a unit test but reaches for a database. */
function tierOf(file) {
  const source = readFileSync(join(root, file), 'utf8');
  const imports = importsOf(file, source);
  if (imports.some((path) => NEEDS_MORE.test(path)) || /['"`]src\/main\.ts['"`]/.test(source)) return 'integration';
  const database = imports.filter((path) => DATABASE.test(path.replace(/\.tsx$/, '.ts')));
  if (database.length > 0) {
    throw new Error(
      `${file} imports ${database.join(', ')} but not test/support/db.ts: loop over DIALECTS from test/support/db.ts so it runs as an integration test on SQLite and PostgreSQL`,
    );
  }
  return 'unit';
}

function classify(files) {
  const tiers = { unit: [], integration: [], browser: [] };
  for (const file of files) {
    if (file.startsWith('test/browser/')) {
      tiers.browser.push(file);
      continue;
    }
    try {
      tiers[tierOf(file)].push(file);
    } catch (error) {
      console.error(`\n${error.message}`);
      failures.push(`test tiers: ${file} uses a database but is not an integration test`);
    }
  }
  return tiers;
}

// No file may hold the run longer than this: a test that hangs (a browser that stops running a page's
// timers, say) then fails by name instead of stalling CI until its own limit kills everything.
const FILE_TIMEOUT_MS = Number(process.env.YTRING_TEST_FILE_TIMEOUT_MS) || 15 * 60_000;

/**
 * Runs test files with node's runner. Starting node, tsx and the app costs about 3 s of CPU per
 * process, more than most files' tests, and files share no state (each makes its own databases,
 * servers and folders, and none sets process-wide hooks or globals), so files share processes:
 * each set's `bundles` processes hold all but the slowest files, which run alone so that the load
 * stays even. Named files (`npm test -- FILE`) each run in a process of their own.
 */
function nodeTests(label, sets, env = {}, { extraArgs = [], parallel = DEFAULT_CONCURRENCY } = {}) {
  const files = sets.flatMap((set) => set.files);
  if (files.length === 0) return;
  const out = mkdtempSync(join(tmpdir(), 'ytring-tap-'));
  const summary = join(out, 'summary.txt');
  const targets = bundled(out, sets);
  run(
    `${label} (${files.length} files)`,
    process.execPath,
    [
      '--import',
      'tsx',
      ...extraArgs,
      '--test',
      `--test-concurrency=${parallel}`,
      `--test-timeout=${FILE_TIMEOUT_MS}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${pathToFileURL(join(root, 'test/support/run-summary-reporter.mjs')).href}`,
      `--test-reporter-destination=${summary}`,
      ...targets,
    ],
    env,
  );
  const lines = existsSync(summary) ? readFileSync(summary, 'utf8').split('\n').filter(Boolean) : [];
  const count = (name) => Number(lines.find((line) => line.startsWith(`# ${name} `))?.split(' ')[2] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped');
  for (const line of lines.filter((line) => !line.startsWith('#'))) {
    const [seconds, file] = line.split('\t');
    slowest.push({ seconds: Number(seconds), file: relative(root, file), label });
  }
  rmSync(out, { recursive: true, force: true });
}

async function postgresUrl() {
  const url = process.env.YTRING_TEST_POSTGRES_URL || DEFAULT_PG;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch (error) {
    return { url, reason: error.message || String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

function skip(what, why) {
  skips.push(`${what}: ${why}`);
  if (ci) failures.push(`${what} (skipped under CI)`);
}

// Only advisories that reach production count; a registry that cannot answer is a skip, not a pass.
function auditProductionDependencies() {
  console.log('\n── npm audit (production dependencies) ─────────────────────────────');
  const result = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    report = undefined;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    // Some registries (mirrors, the proxy this project's CI uses) refuse the advisory endpoint: that is
    // outside the project, so it is reported plainly in the summary but does not fail the run.
    const why =
      result.error?.message || report?.error?.summary || report?.message || (result.stderr ?? '').trim().split('\n').pop() || 'no report';
    notices.push(`npm audit NOT CHECKED: the registry's advisory service did not answer (${why.slice(0, 200)})`);
    return;
  }
  for (const [name, entry] of Object.entries(report.vulnerabilities ?? {})) {
    if (entry.severity === 'high' || entry.severity === 'critical')
      console.log(`${entry.severity}: ${name} ${entry.range} (fix: ${entry.fixAvailable ? 'npm audit fix' : 'none yet'})`);
  }
  console.log(
    `${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low in production dependencies`,
  );
  if (counts.high + counts.critical > 0) failures.push('npm audit (high or critical advisories in production dependencies)');
}

function namedFiles() {
  const files = [];
  for (const arg of named) {
    const path = relative(root, resolve(process.cwd(), arg));
    if (!existsSync(join(root, path))) {
      console.error(`no such test file: ${arg}`);
      failures.push(`no such test file: ${arg}`);
    } else if (statSync(join(root, path)).isDirectory()) {
      files.push(...findTests(join(root, path), /\.test\.tsx?$/));
    } else {
      files.push(path);
    }
  }
  return files;
}

const all = [
  ...findTests(join(root, 'src'), /\.test\.tsx?$/),
  ...(existsSync(join(root, 'test/browser')) ? findTests(join(root, 'test/browser'), /\.test\.tsx?$/) : []),
];
const tiers = classify(named.length > 0 ? namedFiles() : all);

if (listOnly) {
  for (const [tier, files] of Object.entries(tiers)) for (const file of files) console.log(`${tier.padEnd(12)}${file}`);
  process.exit(failures.length > 0 ? 1 : 0);
}

const wants = (tier) => (named.length > 0 ? tiers[tier].length > 0 : !only || only === tier || (tier === 'integration' && only === 'pg'));

if (!only && named.length === 0) {
  // ESLint and tsc each keep one core busy for most of a minute: they run side by side.
  const lint = runBeside('lint (eslint)', 'npx', ['eslint', '.']);
  run('format (prettier --check; `npm run format` fixes it)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  run('type check (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  await lint.report();
  auditProductionDependencies();
}

if (wants('unit')) {
  nodeTests(
    'unit tests',
    [{ files: tiers.unit, bundles: named.length === 0 ? 1 : 0 }],
    {},
    { extraArgs: ['--import', './test/support/unit-tier.mjs'] },
  );
}

// Integration tests, and the browser tests that loop over DIALECTS, also run on PostgreSQL when one answers.
const postgresEnv = {};
let integration = [];
if (wants('integration') || wants('browser')) {
  const pgResult = await postgresUrl();
  if (typeof pgResult === 'string') {
    postgresEnv.YTRING_TEST_POSTGRES_URL = pgResult;
    console.log(`PostgreSQL: integration and browser tests run on SQLite and on ${pgResult.replace(/\/\/[^@]*@/, '//…@')}`);
  } else {
    skip('PostgreSQL tests', `no database at ${pgResult.url} (${pgResult.reason}); set YTRING_TEST_POSTGRES_URL`);
  }
  if (wants('integration') && !(only === 'pg' && typeof pgResult !== 'string')) integration = tiers.integration;
}

let browser = [];
let lighthouse = [];
const browserEnv = {};
if (wants('browser')) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) skip('browser tests', `no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  else {
    browserEnv.CHROMIUM_PATH = chromium;
    // Lighthouse scores time on the page (blocking time), so it runs alone, after the others, on a quiet machine.
    const alone = (file) => /lighthouse\.test\.ts$/.test(file);
    browser = tiers.browser.filter((file) => !alone(file));
    lighthouse = tiers.browser.filter(alone);
  }
}

const bundles = (count) => (named.length === 0 ? count : 0);
if (!only && named.length === 0 && integration.length > 0 && browser.length > 0) {
  nodeTests(
    'integration and browser tests',
    [
      { files: browser, bundles: BROWSER_BUNDLES },
      { files: integration, bundles: INTEGRATION_BUNDLES },
    ],
    { ...postgresEnv, ...browserEnv },
    { parallel: MIXED_CONCURRENCY },
  );
} else {
  nodeTests('integration tests', [{ files: integration, bundles: bundles(INTEGRATION_BUNDLES) }], postgresEnv, {
    parallel: INTEGRATION_CONCURRENCY,
  });
  nodeTests(
    'browser tests (Chromium)',
    [{ files: browser, bundles: bundles(BROWSER_BUNDLES) }],
    { ...postgresEnv, ...browserEnv },
    {
      parallel: BROWSER_CONCURRENCY,
    },
  );
}
nodeTests('Lighthouse (Chromium, alone)', [{ files: lighthouse, bundles: 0 }], { ...postgresEnv, ...browserEnv }, { parallel: 1 });

console.log('\n── summary ─────────────────────────────');
for (const line of timings) console.log(line);
if (slowest.length > 1) {
  console.log('slowest files:');
  for (const { file, seconds, label } of slowest.sort((a, b) => b.seconds - a.seconds).slice(0, 12))
    console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${file}  (${label.replace(/ \(.*$/, '')})`);
}
for (const line of skips) console.log(`SKIPPED ${line}`);
for (const line of notices) console.log(line);
for (const label of failures) console.log(`FAILED  ${label}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = failures.length > 0 || totals.failed > 0 ? 1 : 0;
