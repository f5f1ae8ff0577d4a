/**
 * What a live debate costs the server in CPU, not in wall-clock throughput (which a loaded machine
 * makes noisy): the built `ytring` runs as its own process, readers reload the 200-comment post
 * while a writer comments through the form at a set rate, and the process's own CPU time (from
 * /proc) is divided among the reads and the comments. Renders are counted from /metrics.
 * `node --import tsx bench/live-cost.ts [--rate 20] [--seconds 6] [--posts 200] [--no-question] [--profile DIR]`
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, processCpuMs } from './instances.js';
import { commentForm } from './perf-rows.js';
import { updateSiteSettings } from '../src/settings/settings.service.js';
import { openDb } from '../src/storage/db.js';
import { buildSite } from './site.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const RATE = Number(option('rate', '20'));
const SECONDS = Number(option('seconds', '6'));
const POSTS = Number(option('posts', '200'));
const PROFILE = option('profile', '');
const root = new URL('..', import.meta.url).pathname;
const cpuMs = processCpuMs;

const METRICS_TOKEN = 'bench-metrics-token-0123456789';
async function cacheStats(base: string): Promise<{ hits: number; misses: number; refreshes: number }> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return {
    hits: read('ytring_page_cache_hits_total'),
    misses: read('ytring_page_cache_misses_total'),
    refreshes: read('ytring_page_cache_refreshes_total'),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ytring-live-cost-'));
  const secret = randomBytes(32).toString('base64url');
  const database = { dialect: 'sqlite' as const, url: `sqlite:${join(dir, 'bench.db')}`, filename: join(dir, 'bench.db') };
  const opened = openDb(database);
  const site = await buildSite(opened, POSTS, 0);
  // Without the question the post page has no hole, so it is kept in brotli too.
  if (args.includes('--no-question')) await updateSiteSettings(opened.db, { questionEnabled: false });
  await opened.close();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : []), join(root, 'bin/ytring.js'), 'start', '--no-demo'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        YTRING_SECRET: secret,
        LOG_LEVEL: 'warn',
        DATA_DIR: dir,
        METRICS_TOKEN,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}${site.posts.c200}`)).status === 200) break;
    } catch {
      /* not yet */
    }
    if (i > 600) throw new Error('no start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const headers = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
  const path = site.posts.c200;
  const form = (marker: string) => commentForm(secret, site.c200Id, marker);

  const round = async (rate: number) => {
    const visible: number[] = [];
    let comments = 0;
    let writerFetches = 0;
    let stop = false;
    const stats0 = await cacheStats(base);
    const cpu0 = cpuMs(child.pid!);
    const writer = (async () => {
      if (rate === 0) return;
      const pending: Promise<void>[] = [];
      let next = performance.now();
      while (!stop) {
        next += 1000 / rate;
        pending.push(
          (async () => {
            const marker = `Live ${Math.random().toString(36).slice(2)}`;
            const sent = await fetch(`${base}${path}/comments`, {
              method: 'POST',
              redirect: 'manual',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: form(marker),
            });
            const location = sent.headers.get('location');
            if (sent.status !== 303 || !location) return;
            comments++;
            const at = performance.now();
            for (let i = 0; i < 400; i++) {
              writerFetches++;
              if ((await (await fetch(`${base}${location.split('#')[0]}`)).text()).includes(marker)) {
                visible.push(performance.now() - at);
                return;
              }
              await new Promise((r) => setTimeout(r, 2));
            }
          })(),
        );
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
      }
      await Promise.all(pending);
    })();
    const readers = await autocannon({ url: base, connections: 10, duration: SECONDS, requests: [{ method: 'GET', path, headers }] });
    stop = true;
    await writer;
    const cpu = cpuMs(child.pid!) - cpu0;
    const stats1 = await cacheStats(base);
    return {
      rate,
      reads: readers.requests.total,
      rps: readers.requests.average,
      cpu,
      comments,
      writerFetches,
      misses: stats1.misses - stats0.misses,
      refreshes: stats1.refreshes - stats0.refreshes,
      maxSeen: Math.max(0, ...visible),
    };
  };

  // Warm up: the JIT, the cache.
  await round(0);
  const quiet = await round(0);
  const perRead = quiet.cpu / quiet.reads;
  console.log(
    `quiet: ${quiet.reads} reads (${quiet.rps.toFixed(0)} req/s), CPU ${quiet.cpu.toFixed(0)} ms: ${(perRead * 1000).toFixed(1)} µs/read`,
  );
  for (const rate of RATE === 0 ? [] : [RATE]) {
    const r = await round(rate);
    const extra = r.cpu - r.reads * perRead;
    console.log(
      `${rate}/s: ${r.reads} reads (${r.rps.toFixed(0)} req/s, ${(r.rps / quiet.rps).toFixed(2)}×), ${r.comments} comments, ` +
        `${r.writerFetches} writer fetches, ${r.misses} misses, ${r.refreshes} refreshes; CPU ${r.cpu.toFixed(0)} ms; ` +
        `beyond the reads ${extra.toFixed(0)} ms = ${(extra / Math.max(1, r.comments)).toFixed(1)} ms/comment; ` +
        `${(r.misses / Math.max(1, r.comments)).toFixed(2)} misses/comment; max seen ${r.maxSeen.toFixed(0)} ms`,
    );
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

await main();
