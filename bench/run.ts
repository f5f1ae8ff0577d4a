/**
 * `npm run bench`: Ytring against the limit of a bare Node.js server sending the same bytes.
 * Builds its own site on a temporary SQLite file (or PostgreSQL with --postgres URL), starts the
 * compiled `ytring start` as its own process, and loads both servers with autocannon from this one.
 * Prints a table and writes bench-results/latest.json. Options: --duration SECONDS per round
 * (default 3), --rounds N (default 3, the median counts), --connections N (default 10),
 * --large (100,000 posts and 1,000,000 comments), --postgres URL (adds a two-instance run),
 * --only PARTS (comma-separated: pages, live, comments, scratch, instances, followers; cold start is always measured),
 * and scale, only when named (bench/scale.ts: 1,000 against 100,000 posts from scratch; --sites DIR keeps the two sites
 * it builds there for the next run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { adminQuery } from '../test/support/db.js';
import { benchFollowers } from './followers.js';
import { benchWxrImport, describeImportBench } from './import.js';
import { makeQuestion } from '../src/comments/spam/question.js';
import { openDb } from '../src/storage/db.js';
import { buildSite, words } from './site.js';
import type { DatabaseConfig } from '../src/config.js';
import { cacheBusting, commentRate, liveDebate, printScenarios, type ScenarioRow } from './perf-rows.js';
import { benchLive, type LiveReport } from './live.js';
import { freePort, startYtring } from './instances.js';
import { benchScale, printScale } from './scale.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DURATION = Number(option('duration') ?? 3);
const CONNECTIONS = Number(option('connections') ?? 10);
const LARGE = args.includes('--large');
const POSTGRES = option('postgres');
const ONLY = option('only')?.split(',');
/** Whether this part of the bench runs: all of them unless --only names some. */
const runs = (part: 'pages' | 'live' | 'comments' | 'scratch' | 'instances' | 'followers') => !ONLY || ONLY.includes(part);
const root = new URL('..', import.meta.url).pathname;

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

interface Page {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A bare Node.js server sending these answers (bench/bare-server.mjs), and its port. */
async function startBare(pages: Record<string, Page>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [join(root, 'bench/bare-server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.end(JSON.stringify(pages));
  const port = await new Promise<number>((resolve) =>
    child.stdout!.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()).port)),
  );
  return { child, port };
}

interface Target {
  name: string;
  path: string;
  method?: 'POST';
}
interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** What a browser says it takes; the pages are measured as readers get them. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

function rawRequest(
  port: number,
  target: Target,
  body: () => string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const post = target.method === 'POST';
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: target.path,
        method: target.method ?? 'GET',
        headers: post ? { 'content-type': 'application/x-www-form-urlencoded' } : BROWSER_HEADERS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(post ? body() : undefined);
  });
}

async function load(ports: number[], target: Target, body?: () => string): Promise<Measure> {
  const request: autocannon.Request =
    target.method === 'POST'
      ? {
          method: 'POST',
          path: target.path,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          setupRequest: (req) => ({ ...req, body: body!() }),
        }
      : { method: 'GET', path: target.path, headers: BROWSER_HEADERS };
  // Several instances: the connections are shared out among them, as a proxy in front would.
  const run = async (duration: number) => {
    const results = await Promise.all(
      ports.map((port) =>
        autocannon({
          url: `http://127.0.0.1:${port}`,
          connections: Math.max(1, Math.round(CONNECTIONS / ports.length)),
          duration,
          requests: [request],
        }),
      ),
    );
    return {
      rps: results.reduce((sum, r) => sum + r.requests.average, 0),
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    };
  };
  await run(1);
  return run(DURATION);
}

const ROUNDS = Number(option('rounds') ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Ytring and the bare server take turns, several rounds, and each keeps its median: on a small
 * machine the load generator and the servers share cores, and one unlucky stretch would otherwise
 * decide a ratio.
 */
async function compare(
  ytringPorts: number[],
  barePort: number,
  target: Target,
  body: () => string,
): Promise<{ ytring: Measure; bare: Measure }> {
  const ys: Measure[] = [];
  const bs: Measure[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ys.push(await load(ytringPorts, target, body));
    bs.push(await load([barePort], target, () => 'x=1'));
  }
  const pick = (all: Measure[]) => all.find((m) => m.rps === median(all.map((x) => x.rps)))!;
  return { ytring: pick(ys), bare: pick(bs) };
}

async function main() {
  // Named only: it builds a site of 100,000 posts (minutes) unless --sites has one.
  if (ONLY?.includes('scale')) {
    const sites = option('sites');
    const report = await benchScale({
      dir: sites ?? mkdtempSync(join(tmpdir(), 'ytring-scale-')),
      keep: sites !== undefined,
      duration: DURATION,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      env: { HOST: '127.0.0.1', YTRING_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn' },
      headers: BROWSER_HEADERS,
    });
    printScale(report);
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results', 'scale.json'), JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2));
    if (ONLY.length === 1) return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ytring-bench-'));
  // On PostgreSQL the site goes into a database of its own on the named server, dropped at the end:
  // the named database itself is left as it was, and the next run starts empty like the first.
  const scratch = POSTGRES ? await scratchDatabase(POSTGRES) : undefined;
  const database: DatabaseConfig = scratch
    ? { dialect: 'postgres', url: scratch.url }
    : { dialect: 'sqlite', url: `sqlite:${join(dir, 'bench.db')}`, filename: join(dir, 'bench.db') };
  try {
    await benchSite(dir, database);
  } finally {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A new database on the PostgreSQL server of `serverUrl`, and how to drop it. */
async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ytring_bench_${randomBytes(6).toString('hex')}`;
  const admin = (statement: string) => adminQuery(statement, serverUrl);
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function benchSite(dir: string, database: DatabaseConfig) {
  const secret = randomBytes(32).toString('base64url');
  const postCount = LARGE ? 100_000 : 1000;
  console.log(`Building the site: ${postCount} posts on ${database.dialect}${LARGE ? ', 1,000,000 comments' : ''} …`);
  const opened = openDb(database);
  const site = await buildSite(opened, postCount, LARGE ? 1_000_000 - 1250 : 0);
  await opened.close();

  const port = await freePort();
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    YTRING_SECRET: secret,
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
    // The live channel's streams all come from this one address here.
    LIVE_MAX_PER_IP: '5000',
    LIVE_MAX_CONNECTIONS: '5000',
    // The rows measure what a search costs, as fast as it goes: no share of the second for searches.
    SEARCH_MS_PER_SECOND: '0',
  };
  const ytring = startYtring(env);
  const coldStartMs = await ytring.ready;

  let commentNo = 0;
  const commentBody = () => {
    const q = makeQuestion(secret, new Date(Date.now() - 10_000), { postId: site.c0Id });
    const answer = q.op === 'plus' ? q.a + q.b : q.a - q.b;
    commentNo++;
    return new URLSearchParams({
      name: 'Bench Læser',
      email: `bench${commentNo}@bench.example`,
      body: `Kommentar nummer ${commentNo} om ${words(8)}`,
      token: q.token,
      answer: String(answer),
      website: '',
    }).toString();
  };

  const targets: Target[] = [
    { name: 'post, 0 comments', path: site.posts.c0 },
    { name: 'post, 50 comments', path: site.posts.c50 },
    { name: 'post, 200 comments', path: site.posts.c200 },
    { name: 'post, 1,000 comments', path: site.posts.c1000 },
    { name: 'front page', path: '/' },
    { name: 'blog page', path: site.blog },
    { name: 'Atom feed', path: '/feed.atom' },
    { name: 'search', path: '/search?q=partnerskab' },
    { name: 'comment submission', path: `${site.posts.c0}/comments`, method: 'POST' },
  ];

  // Capture each answer as a browser gets it once the page is warm (compressed forms are made in
  // the background after the first render), so the bare server can send exactly those bytes and headers.
  const capture = async (atPort: number, wanted: Target[], warm: boolean) => {
    const pages: Record<string, Page> = {};
    const answered: Target[] = [];
    for (const target of wanted) {
      let answer = await rawRequest(atPort, target, commentBody);
      for (
        let i = 0;
        i < 20 &&
        warm &&
        target.method !== 'POST' &&
        answer.headers['content-encoding'] !== 'br' &&
        answer.headers['x-ytring-cache'] !== undefined;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
        answer = await rawRequest(atPort, target, commentBody);
      }
      if (answer.status >= 400) {
        console.log(`  skipping "${target.name}": ${target.path} answered ${answer.status}`);
        continue;
      }
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(answer.headers)) {
        if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(key) && value !== undefined) headers[key] = String(value);
      }
      headers['content-length'] = String(answer.body.length);
      pages[target.path] = { status: answer.status, headers, body: answer.body.toString('base64') };
      answered.push(target);
    }
    return { pages, answered };
  };
  const { pages, answered: live } = await capture(port, targets, true);
  const bare = await startBare(pages);
  const barePort = bare.port;

  const rows: { target: string; path: string; ytring: Measure; bare: Measure; ratio: number; bytes: number }[] = [];
  const measure = async (name: string, target: Target, ports: number[], against = { port: barePort, pages }) => {
    const { ytring: y, bare: b } = await compare(ports, against.port, target, commentBody);
    const row = {
      target: name,
      path: target.path,
      ytring: y,
      bare: b,
      ratio: y.rps / b.rps,
      bytes: Buffer.from(against.pages[target.path]!.body, 'base64').length,
    };
    rows.push(row);
    console.log(
      `  ${name.padEnd(34)} ${y.rps.toFixed(0).padStart(7)} req/s vs ${b.rps.toFixed(0).padStart(7)} bare (${(y.rps / b.rps).toFixed(2)}×)`,
    );
    return row;
  };
  if (runs('pages')) for (const target of live) await measure(target.name, target, [port]);
  // The live channel (bench/live.ts), and the 200-comment post read while 1,000 live streams are held.
  const liveC200 = live.find((t) => t.path === site.posts.c200);
  const liveReport: LiveReport | undefined = !runs('live')
    ? undefined
    : await benchLive(
        { baseUrl: `http://127.0.0.1:${port}`, postId: site.c0Id, postPath: site.posts.c0, commentBody },
        liveC200 && (() => measure('post, 200 comments, 1,000 live streams open', liveC200, [port])),
      );
  const rssMb = peakRssMb(ytring.child.pid!);

  // Issue 16's scenarios (bench/perf-rows.ts), on the same warm instance.
  const scenarios: ScenarioRow[] = [
    {
      scenario: `cold start: process start to the first 200 (front page, ${postCount.toLocaleString('en')} posts)`,
      value: `${coldStartMs.toFixed(0)} ms`,
      target: '< 500 ms',
      met: coldStartMs < 500,
    },
  ];
  const perf = {
    port,
    secret,
    duration: DURATION,
    connections: CONNECTIONS,
    headers: BROWSER_HEADERS,
    rounds: ROUNDS,
    serverPid: ytring.child.pid,
  };
  if (runs('live')) {
    scenarios.push(await cacheBusting(perf, site.posts.c200));
    scenarios.push(...(await liveDebate(perf, site.posts.c200, site.c200Id, [0, 5, 20, 50])));
  }
  if (runs('comments'))
    scenarios.push(await commentRate(perf, site.posts.c0, site.c0Id, database.dialect === 'postgres' ? 400 : 1000, database.dialect));
  ytring.child.kill('SIGTERM');

  // The same page rendered from scratch on every request: the page cache turned off.
  if (runs('scratch')) {
    const uncachedPort = await freePort();
    const uncached = startYtring({ ...env, PORT: String(uncachedPort), PAGE_CACHE_MB: '0' });
    await uncached.ready;
    // Against a bare server sending what this instance sends (gzip made per answer, not the kept
    // brotli form), so both sides of the ratio move the same bytes.
    const fromScratch = await capture(
      uncachedPort,
      live.filter((t) => t.path === site.posts.c200 || t.path === '/feed.atom'),
      false,
    );
    const bareFromScratch = await startBare(fromScratch.pages);
    const against = { port: bareFromScratch.port, pages: fromScratch.pages };
    // Issue 16's targets for pages from scratch, as scenario rows beside the others.
    const scratchRow = (label: string, row: { ytring: Measure; bare: Measure; ratio: number }): ScenarioRow => ({
      scenario: `${label} from scratch (cache off) vs bare`,
      value: `${row.ytring.rps.toFixed(0)} vs ${row.bare.rps.toFixed(0)} req/s (${row.ratio.toFixed(2)}×)`,
      target: '≥ 0.1×',
      met: row.ratio >= 0.1,
    });
    const c200 = fromScratch.answered.find((t) => t.path === site.posts.c200);
    if (c200)
      scenarios.push(scratchRow('post (200 comments)', await measure('post, 200 comments, cache off', c200, [uncachedPort], against)));
    const feed = fromScratch.answered.find((t) => t.path === '/feed.atom');
    if (feed) scenarios.push(scratchRow('Atom feed', await measure('Atom feed, cache off', feed, [uncachedPort], against)));
    uncached.child.kill('SIGTERM');
    bareFromScratch.child.kill('SIGTERM');
  }

  // PostgreSQL: a second instance beside the first shows what several processes add. Measured on
  // what costs the server work (rendering from scratch, storing comments): cached pages are bound by
  // the load generator sharing this machine's cores, not by the instances.
  if (database.dialect === 'postgres' && runs('instances')) {
    const ports = [await freePort(), await freePort()];
    const pair = ports.map((p) => startYtring({ ...env, PORT: String(p), PAGE_CACHE_MB: '0' }));
    await Promise.all(pair.map((i) => i.ready));
    const heavy = live.filter((t) => t.path === site.posts.c200 || t.method === 'POST');
    for (const target of heavy) {
      const name = target.method === 'POST' ? target.name : `${target.name}, cache off`;
      await measure(`${name}, one instance`, target, [ports[0]!]);
      await measure(`${name}, two instances`, target, ports);
    }
    for (const instance of pair) instance.child.kill('SIGTERM');
  }
  bare.child.kill('SIGTERM');

  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(
    `\nYtring vs a bare Node.js server sending the same bytes (${machine}; ${database.dialect}; ${CONNECTIONS} connections; median of ${ROUNDS} rounds of ${DURATION} s)\n`,
  );
  console.log('| page | bytes | Ytring req/s | p50 ms | p99 ms | bare req/s | bare p50 | bare p99 | ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.target} | ${r.bytes} | ${r.ytring.rps.toFixed(0)} | ${r.ytring.p50} | ${r.ytring.p99} | ${r.bare.rps.toFixed(0)} | ${r.bare.p50} | ${r.bare.p99} | ${r.ratio.toFixed(2)}× |`,
    );
  }
  console.log(
    `\nCold start to the first 200 (front page): ${coldStartMs.toFixed(0)} ms. Peak RSS of the Ytring process: ${rssMb.toFixed(0)} MB.`,
  );
  printScenarios(scenarios);
  // A stored comment is answered with a redirect (303), in the two-instance rows as in the first.
  const errors = rows.filter((r) => r.ytring.errors > 0 || (r.ytring.non2xx > 0 && !r.target.startsWith('comment submission')));
  if (errors.length)
    console.log(
      `Requests that failed: ${errors.map((r) => `${r.target} (${r.ytring.errors} errors, ${r.ytring.non2xx} non-2xx)`).join(', ')}`,
    );

  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(
    join(root, 'bench-results', 'latest.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine,
        database: database.dialect,
        posts: postCount,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        rounds: ROUNDS,
        coldStartMs,
        peakRssMb: rssMb,
        rows,
        scenarios,
        ...(liveReport ? { live: { fanOut: liveReport.fanOut, latency: liveReport.latency } } : {}),
      },
      null,
      2,
    ),
  );
  console.log('Wrote bench-results/latest.json');
  if (!runs('followers')) return;
  const followers = await benchFollowers();
  console.log(
    `Followers: a post to 10,000 followers queued in ${Math.round(followers.queueMs)} ms (target < 2000); the outbox delivered ${Math.round(followers.deliveredPerSecond)} mails/s to a local SMTP server`,
  );
  console.log(describeImportBench(await benchWxrImport()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
