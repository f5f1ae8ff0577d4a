/**
 * The server's CPU per step of one comment on the 200-comment post, one request at a time (so a
 * loaded machine changes little): the POST, the writer's reload of the page it was sent to, the
 * next reader's reload of the post, and a kept read for comparison. The built `ytring` runs as its
 * own process and its CPU time is read from /proc around each step.
 * `node scripts/build.mjs && node --import tsx bench/comment-cost.ts [--n 100] [--rounds 2] [--no-question] [--profile DIR]`
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { freePort, processCpuMs } from './instances.js';
import { commentForm } from './perf-rows.js';
import { updateSiteSettings } from '../src/settings/settings.service.js';
import { openDb } from '../src/storage/db.js';
import { buildSite } from './site.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const N = Number(option('n', '100'));
const ROUNDS = Number(option('rounds', '2'));
const root = new URL('..', import.meta.url).pathname;

const cpuMs = processCpuMs;

const dir = mkdtempSync(join(tmpdir(), 'ytring-comment-cost-'));
const secret = randomBytes(32).toString('base64url');
const url = `sqlite:${join(dir, 'bench.db')}`;
const opened = openDb({ dialect: 'sqlite', url, filename: join(dir, 'bench.db') });
const site = await buildSite(opened, 200, 0);
// Without the question the post page has no hole, so it is kept in brotli too.
if (args.includes('--no-question')) await updateSiteSettings(opened.db, { questionEnabled: false });
await opened.close();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn(
  process.execPath,
  [
    ...(option('profile', '') ? ['--cpu-prof', '--cpu-prof-dir', option('profile', '')] : []),
    join(root, 'bin/ytring.js'),
    'start',
    '--no-demo',
  ],
  {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      YTRING_SECRET: secret,
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const pid = child.pid!;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const headers = { 'accept-encoding': 'gzip, deflate, br' };
interface Answer {
  status: number;
  body: Buffer;
  cache: string | undefined;
  encoding: string | undefined;
  location: string | undefined;
}
function request(method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method, agent, headers: body ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            cache: response.headers['x-ytring-cache'] as string | undefined,
            encoding: response.headers['content-encoding'],
            location: response.headers.location,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const text = (r: Answer) =>
  (r.encoding === 'gzip' ? gunzipSync(r.body) : r.encoding === 'br' ? brotliDecompressSync(r.body) : r.body).toString('utf8');
const form = (marker: string) => commentForm(secret, site.c200Id, marker);

const path = site.posts.c200;
for (let i = 0; ; i++) {
  try {
    if ((await request('GET', path)).status === 200) break;
  } catch {
    if (i > 600) throw new Error('ytring did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}
for (let i = 0; i < 50; i++) await request('GET', path);
if (option('dump', '')) writeFileSync(option('dump', ''), text(await request('GET', path)));
for (let round = 0; round < ROUNDS; round++) {
  const steps = { hit: 0, post: 0, writer: 0, reader: 0 };
  const misses = { writer: 0, reader: 0 };
  for (let i = 0; i < N; i++) {
    let t = cpuMs(pid);
    for (let j = 0; j < 10; j++) await request('GET', path);
    steps.hit += (cpuMs(pid) - t) / 10;
    const marker = `Live ${Math.random().toString(36).slice(2)}`;
    t = cpuMs(pid);
    const sent = await request('POST', `${path}/comments`, form(marker));
    steps.post += cpuMs(pid) - t;
    if (sent.status !== 303 || !sent.location) throw new Error(`comment not stored: ${sent.status}`);
    t = cpuMs(pid);
    const seen = await request('GET', sent.location.split('#')[0]!);
    steps.writer += cpuMs(pid) - t;
    if (!text(seen).includes(marker)) throw new Error('the writer did not see the comment');
    if (seen.cache === 'miss') misses.writer++;
    t = cpuMs(pid);
    const read = await request('GET', path);
    steps.reader += cpuMs(pid) - t;
    if (read.cache === 'miss') misses.reader++;
  }
  const per = (v: number) => (v / N).toFixed(2);
  console.log(
    `round ${round}: server CPU ms: kept read ${per(steps.hit)}, POST ${per(steps.post)}, writer's reload ${per(steps.writer)} ` +
      `(${misses.writer} misses), reader's reload ${per(steps.reader)} (${misses.reader} misses); ` +
      `a comment costs ${((steps.post + steps.writer + steps.reader - steps.hit) / N).toFixed(2)} ms beyond a read, ` +
      `${((steps.post + steps.writer + steps.reader - steps.hit) / steps.hit).toFixed(0)} reads' worth`,
  );
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });
