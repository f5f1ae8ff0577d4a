/**
 * Followers (issue 19): the memory the admin's CSV export of 100,000 followers takes. Starts the app in
 * this process on a temporary SQLite file, fills it, logs in, reads /admin/followers.csv to the end
 * and samples the process's memory every 20 ms meanwhile. Bounded: it gives up after two minutes.
 * Run: `node --import tsx bench/followers-export.ts [--followers N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { createAccount } from '../src/accounts/account.service.js';
import { loadConfig } from '../src/config.js';

const argv = process.argv.slice(2);
const at = argv.indexOf('--followers');
const FOLLOWERS = at >= 0 ? Number(argv[at + 1]) : 100_000;
const LIMIT_MS = 120_000;
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'ytring-bench-export-'));
const config = loadConfig(
  { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'export.db')}` },
  {},
  false,
);
const app = await buildApp(config, { schedulerIntervalMs: 0 });
try {
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const db = app.database.db;
  const created = new Date('2024-01-01T00:00:00Z').getTime();
  for (let i = 0; i < FOLLOWERS; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, FOLLOWERS - i) }, (_, k) => {
      const n = i + k;
      const id = `f${String(n).padStart(7, '0')}`;
      const time = new Date(created + n * 1000).toISOString();
      return {
        row: {
          id,
          email: `laeser${n}@eksempel.dk`,
          email_hash: `hash-${id}`,
          status: 'confirmed' as const,
          frequency: 'each' as const,
          created_at: time,
          confirmed_at: time,
          confirm_sent_at: null,
          stopped_at: null,
          consent_source: `Gammelt nyhedsbrev ${n % 10}`,
          consent_at: time,
          digest_sent_at: null,
        },
        topic: { follower_id: id, kind: 'site' as const, target_id: '', created_at: time, confirmed_at: time },
      };
    });
    await db.transaction().execute(async (trx) => {
      for (let c = 0; c < rows.length; c += 500) {
        await trx
          .insertInto('followers')
          .values(rows.slice(c, c + 500).map((r) => r.row))
          .execute();
        await trx
          .insertInto('follower_topics')
          .values(rows.slice(c, c + 500).map((r) => r.topic))
          .execute();
      }
    });
  }
  const email = 'admin@bench.example';
  const password = 'bench-kodeord-langt-nok';
  await createAccount(db, { name: 'Bench Admin', email, password, role: 'admin', blogScope: null });
  const login = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (login.status !== 303 || !cookie) throw new Error(`login answered ${login.status}`);

  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const started = performance.now();
  const abort = AbortSignal.timeout(LIMIT_MS);
  const response = await fetch(`${base}/admin/followers.csv`, { headers: { cookie }, signal: abort });
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    bytes += read.value.length;
    for (const byte of read.value) if (byte === 10) lines++;
  }
  clearInterval(sampler);
  const ms = performance.now() - started;
  console.log(
    `Followers CSV export: ${FOLLOWERS.toLocaleString('en')} followers, ${lines - 1} rows, ${(bytes / MB).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s` +
      ` (status ${response.status}, ${response.headers.get('transfer-encoding') ?? 'not chunked'}); server and client in one process:` +
      ` RSS ${(before.rss / MB).toFixed(0)} → peak ${(peakRss / MB).toFixed(0)} MB (+${((peakRss - before.rss) / MB).toFixed(0)}),` +
      ` heap used ${(before.heapUsed / MB).toFixed(0)} → peak ${(peakHeap / MB).toFixed(0)} MB (+${((peakHeap - before.heapUsed) / MB).toFixed(0)})`,
  );
} finally {
  app.server.server.closeAllConnections();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
