/**
 * `--only scale` (issue 16): the front page and a search rendered from scratch (PAGE_CACHE_MB=0) on a
 * site of 1,000 and of 100,000 posts in one run, and each site's cold start to its first front page.
 * Flat means the 100k/1k ratio stays near 1×. Besides req/s (noisy on a shared machine) each row
 * gives the server's CPU per request, read from /proc before and after the load.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openDb } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { isSearchIndexMissing, rebuildSearchIndex } from '../src/search/search.service.js';
import { freePort, processCpuMs, startYtring } from './instances.js';
import { buildSite } from './site.js';

export interface ScaleOptions {
  /** Where the two sites are built; kept between runs when given (building 100,000 posts takes minutes). */
  dir: string;
  keep: boolean;
  duration: number;
  connections: number;
  rounds: number;
  env: Record<string, string>;
  headers: Record<string, string>;
}

export interface ScaleRow {
  page: string;
  small: { rps: number; cpuMs: number };
  large: { rps: number; cpuMs: number };
}

export interface ScaleReport {
  coldStartMs: { small: number; large: number };
  rows: ScaleRow[];
}

const SIZES = { small: 1000, large: 100_000 } as const;
type Size = keyof typeof SIZES;
interface Site {
  file: string;
  /** The year of the site's oldest post, where a year filter keeps the fewest of a word's matches. */
  firstYear: number;
}
const PAGES: { page: string; path: string | ((site: Site) => string) }[] = [
  { page: 'front page', path: '/' },
  // A word in nearly every post: the search that grows most with the site.
  { page: 'search, a word in most posts', path: '/search?q=partnerskab' },
  { page: 'search, two words', path: '/search?q=tillid+reform' },
  // Filters that keep a third, and few, of the word's matches (the oldest year: a twelfth of the large site).
  { page: 'search, a word in most posts, one blog', path: '/search?q=partnerskab&blog=blog-1' },
  { page: 'search, a word in most posts, the first year', path: (site) => `/search?q=partnerskab&year=${site.firstYear}` },
];
const COLD_STARTS = 3;

async function siteFile(dir: string, posts: number): Promise<Site> {
  const file = join(dir, `scale-${posts}.db`);
  if (!existsSync(file)) {
    console.log(`Building a site of ${posts.toLocaleString('en')} posts (SQLite) …`);
    const building = `${file}.building`;
    rmSync(building, { force: true });
    const began = performance.now();
    const opened = openDb({ dialect: 'sqlite', url: `sqlite:${building}`, filename: building });
    await buildSite(opened, posts, 0);
    await opened.close();
    renameSync(building, file);
    console.log(`  built in ${((performance.now() - began) / 1000).toFixed(0)} s`);
  }
  // A site kept from an earlier run is brought up to this code's schema and index here, so that
  // no cold start below spends its time on a migration or a rebuild of the index.
  const opened = openDb({ dialect: 'sqlite', url: `sqlite:${file}`, filename: file });
  try {
    await migrateToLatest(opened.db, 'sqlite');
    if (await isSearchIndexMissing(opened.db)) {
      console.log(`  building the search index of ${posts.toLocaleString('en')} posts anew …`);
      await rebuildSearchIndex(opened.db);
    }
    const oldest = await opened.db
      .selectFrom('posts')
      .select((eb) => eb.fn.min('published_at').as('at'))
      .executeTakeFirstOrThrow();
    return { file, firstYear: new Date(String(oldest.at)).getUTCFullYear() };
  } finally {
    await opened.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchScale(options: ScaleOptions): Promise<ScaleReport> {
  mkdirSync(options.dir, { recursive: true });
  const sites: Record<Size, Site> = { small: await siteFile(options.dir, SIZES.small), large: await siteFile(options.dir, SIZES.large) };
  const envOf = (size: Size, port: number) => ({
    ...options.env,
    PORT: String(port),
    DATABASE_URL: `sqlite:${sites[size].file}`,
    PAGE_CACHE_MB: '0',
    // Searches from scratch as fast as they go: the share of the second would answer most with 503.
    SEARCH_MS_PER_SECOND: '0',
    DATA_DIR: join(options.dir, `data-${size}`),
  });

  // Cold starts taken in turns, so a busy moment on the machine does not fall on one size only.
  const starts = { small: [] as number[], large: [] as number[] };
  for (let i = 0; i < COLD_STARTS; i++) {
    for (const size of ['small', 'large'] as const) {
      const instance = startYtring(envOf(size, await freePort()));
      starts[size].push(await instance.ready);
      instance.child.kill('SIGTERM');
      await new Promise((resolve) => instance.child.once('exit', resolve));
    }
  }
  const coldStartMs = { small: median(starts.small), large: median(starts.large) };
  console.log(`  cold start: ${coldStartMs.small.toFixed(0)} ms (1k posts), ${coldStartMs.large.toFixed(0)} ms (100k posts)`);

  const ports = { small: await freePort(), large: await freePort() };
  const instances = {
    small: startYtring(envOf('small', ports.small)),
    large: startYtring(envOf('large', ports.large)),
  };
  await Promise.all([instances.small.ready, instances.large.ready]);
  const measure = async (size: 'small' | 'large', path: string) => {
    const pid = instances[size].child.pid!;
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${ports[size]}`,
        connections: options.connections,
        duration,
        requests: [{ method: 'GET', path, headers: options.headers }],
      });
    await run(1);
    const before = processCpuMs(pid);
    const result = await run(options.duration);
    const cpu = processCpuMs(pid) - before;
    if (result.non2xx || result.errors) throw new Error(`${path} on ${size}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rps: result.requests.average, cpuMs: cpu / Math.max(1, result.requests.total) };
  };
  const rows: ScaleRow[] = [];
  for (const { page, path } of PAGES) {
    const seen = { small: [] as { rps: number; cpuMs: number }[], large: [] as { rps: number; cpuMs: number }[] };
    for (let round = 0; round < options.rounds; round++) {
      for (const size of ['small', 'large'] as const)
        seen[size].push(await measure(size, typeof path === 'string' ? path : path(sites[size])));
    }
    const pick = (all: { rps: number; cpuMs: number }[]) => all.find((m) => m.rps === median(all.map((x) => x.rps)))!;
    const row = { page, small: pick(seen.small), large: pick(seen.large) };
    rows.push(row);
    console.log(
      `  ${page.padEnd(46)} ${row.small.rps.toFixed(0).padStart(6)} req/s (1k) ${row.large.rps.toFixed(0).padStart(6)} req/s (100k): ` +
        `${(row.large.rps / row.small.rps).toFixed(2)}×; CPU ${row.small.cpuMs.toFixed(2)} / ${row.large.cpuMs.toFixed(2)} ms per request`,
    );
  }
  for (const instance of Object.values(instances)) instance.child.kill('SIGTERM');
  if (!options.keep) rmSync(options.dir, { recursive: true, force: true });
  return { coldStartMs, rows };
}

export function printScale(report: ScaleReport): void {
  console.log('\nFrom scratch (page cache off), SQLite: 1,000 posts against 100,000 posts\n');
  console.log('| page | 1k req/s | 100k req/s | 100k/1k | 1k CPU ms/req | 100k CPU ms/req | CPU 100k/1k |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of report.rows) {
    console.log(
      `| ${r.page} | ${r.small.rps.toFixed(0)} | ${r.large.rps.toFixed(0)} | ${(r.large.rps / r.small.rps).toFixed(2)}× | ` +
        `${r.small.cpuMs.toFixed(2)} | ${r.large.cpuMs.toFixed(2)} | ${(r.large.cpuMs / r.small.cpuMs).toFixed(2)}× |`,
    );
  }
  const { small, large } = report.coldStartMs;
  console.log(
    `| cold start to the first 200 (front page, median of ${COLD_STARTS}) | ${small.toFixed(0)} ms | ${large.toFixed(0)} ms | ${(large / small).toFixed(2)}× | target < 500 ms: ${small < 500 && large < 500 ? 'met' : 'not met'} | | |`,
  );
}
