/**
 * The live channel under load: how long one new comment takes to reach many open streams (fan-out),
 * and how long a reader waits for each comment of a live debate. Called from bench/run.ts against the
 * started `ytring`; run on its own (`node --import tsx bench/live.ts [--connections N]`) it starts the
 * app in this process on a temporary SQLite file. Every wait is bounded, and everything it opens it closes.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LiveTarget {
  baseUrl: string;
  postId: string;
  /** The post's path; comments go to `${postPath}/comments`. */
  postPath: string;
  /** A form body with a valid question for this post. */
  commentBody: () => string;
}

interface Stream {
  /** When each comment id arrived on this stream. */
  received: Map<string, number>;
  close(): void;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function openStream(target: LiveTarget, onComment: () => void): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const received = new Map<string, number>();
    const request = http.get(
      `${target.baseUrl}/live/posts/${target.postId}`,
      { agent, headers: { accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`live stream refused: ${response.statusCode}`));
          return;
        }
        response.setEncoding('utf8');
        let buffer = '';
        let ready = false;
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (!ready && block.includes('event: ready')) {
              ready = true;
              resolve({ received, close: () => request.destroy() });
            }
            if (!block.includes('event: comment')) continue;
            const id = /"id":"([0-9a-f-]{36})"/.exec(block)?.[1];
            if (id && !received.has(id)) {
              received.set(id, performance.now());
              onComment();
            }
          }
        });
      },
    );
    request.on('error', reject);
    request.setTimeout(15_000, () => request.destroy(new Error('live stream did not open in 15 s')));
  });
}

/** Sends one comment through the form; resolves with its id and when it was sent. */
async function sendComment(target: LiveTarget): Promise<{ id: string; sentAt: number }> {
  const sentAt = performance.now();
  const response = await fetch(`${target.baseUrl}${target.postPath}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: target.commentBody(),
  });
  const data = (await response.json()) as { id?: string; status?: string };
  if (response.status !== 201 || !data.id || data.status !== 'approved') throw new Error(`comment not published: ${response.status}`);
  return { id: data.id, sentAt };
}

export interface LiveStreams {
  streams: Stream[];
  /** Resolves when `n` more comment arrivals (over all streams) have happened, or after `timeoutMs`. */
  arrivals(n: number, timeoutMs: number): Promise<boolean>;
  close(): void;
}

/** Opens `count` streams on the post, a hundred at a time (the listen backlog is finite). */
export async function openStreams(target: LiveTarget, count: number): Promise<LiveStreams> {
  let arrived = 0;
  let waiter: { until: number; resolve: (ok: boolean) => void } | undefined;
  const onComment = () => {
    arrived++;
    if (waiter && arrived >= waiter.until) {
      waiter.resolve(true);
      waiter = undefined;
    }
  };
  const streams: Stream[] = [];
  try {
    for (let i = 0; i < count; i += 100)
      streams.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => openStream(target, onComment)))));
  } catch (error) {
    for (const s of streams) s.close();
    throw error;
  }
  return {
    streams,
    arrivals(n, timeoutMs) {
      const until = arrived + n;
      if (arrived >= until) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          resolve(false);
        }, timeoutMs);
        waiter = {
          until,
          resolve: (ok) => {
            clearTimeout(timer);
            resolve(ok);
          },
        };
      });
    },
    close() {
      for (const s of streams) s.close();
    },
  };
}

export interface FanOut {
  connections: number;
  /** From sending the comment to the last stream having it. */
  msToAll: number;
  msToFirst: number;
  reachedAll: boolean;
}

/** One comment sent while `open` streams listen: how long until every one of them has it. */
export async function measureFanOut(target: LiveTarget, open: LiveStreams, timeoutMs = 10_000): Promise<FanOut> {
  const all = open.arrivals(open.streams.length, timeoutMs);
  const { id, sentAt } = await sendComment(target);
  const reachedAll = await all;
  const times = open.streams.map((s) => s.received.get(id)).filter((t): t is number => t !== undefined);
  return {
    connections: open.streams.length,
    msToAll: times.length ? Math.max(...times) - sentAt : Infinity,
    msToFirst: times.length ? Math.min(...times) - sentAt : Infinity,
    reachedAll: reachedAll && times.length === open.streams.length,
  };
}

/**
 * The median of `rounds` fan-outs, after `warmUp` comments that are not counted (the first
 * submissions compile and fill what later ones reuse), half a second apart.
 */
export async function measureFanOutRounds(
  target: LiveTarget,
  open: LiveStreams,
  rounds = 5,
  warmUp = 2,
): Promise<FanOut & { rounds: number; worstMs: number }> {
  const results: FanOut[] = [];
  for (let i = 0; i < warmUp + rounds; i++) {
    const result = await measureFanOut(target, open);
    if (i >= warmUp) results.push(result);
    await new Promise((r) => setTimeout(r, 500));
  }
  results.sort((a, b) => a.msToAll - b.msToAll);
  const median = results[Math.floor(results.length / 2)]!;
  return { ...median, reachedAll: results.every((r) => r.reachedAll), rounds, worstMs: results.at(-1)!.msToAll };
}

export const describeFanOut = (f: FanOut & { rounds: number; worstMs: number }) =>
  `live fan-out: one comment reached ${f.reachedAll ? 'all' : 'NOT all'} ${f.connections} open streams in ${f.msToAll.toFixed(0)} ms ` +
  `(median of ${f.rounds}; first stream after ${f.msToFirst.toFixed(0)} ms, worst round ${f.worstMs.toFixed(0)} ms)`;

export interface LiveLatency {
  perSecond: number;
  sent: number;
  p50: number;
  p95: number;
  max: number;
  /** Comments some reader never got within the wait. */
  missed: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;

/**
 * A live debate: comments sent at `perSecond` for `seconds` while `open` readers listen. For each
 * comment and reader, the time from sending to that reader seeing it through the live channel.
 */
export async function measureLiveLatency(target: LiveTarget, open: LiveStreams, perSecond: number, seconds: number): Promise<LiveLatency> {
  const sent: { id: string; sentAt: number }[] = [];
  const pending: Promise<void>[] = [];
  const total = Math.max(1, Math.round(perSecond * seconds));
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      sendComment(target).then(
        (s) => void sent.push(s),
        () => {},
      ),
    );
  }
  await Promise.all(pending);
  await open.arrivals(sent.length * open.streams.length, 5000);
  const waits: number[] = [];
  let missed = 0;
  for (const { id, sentAt } of sent) {
    for (const s of open.streams) {
      const at = s.received.get(id);
      if (at === undefined) missed++;
      else waits.push(at - sentAt);
    }
  }
  waits.sort((a, b) => a - b);
  return { perSecond, sent: sent.length, p50: quantile(waits, 0.5), p95: quantile(waits, 0.95), max: waits.at(-1) ?? NaN, missed };
}

export interface LiveReport {
  fanOut: FanOut & { rounds: number; worstMs: number };
  /** What the caller measured while the streams were held (the readers' throughput). */
  whileHeld?: unknown;
  latency: LiveLatency[];
}

/**
 * For bench/run.ts: 1,000 streams and one comment at a time, then a live debate (50 readers, comments
 * at 5, 20 and 50 per second for two seconds each). `whileHeld` runs while the 1,000 are open.
 */
export async function benchLive(target: LiveTarget, whileHeld?: () => Promise<unknown>): Promise<LiveReport> {
  const report: Partial<LiveReport> = {};
  let open = await openStreams(target, 1000);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    report.fanOut = await measureFanOutRounds(target, open);
    console.log(`  ${describeFanOut(report.fanOut)}`);
    if (whileHeld) report.whileHeld = await whileHeld();
  } finally {
    open.close();
  }
  report.latency = [];
  open = await openStreams(target, 50);
  try {
    for (const perSecond of [5, 20, 50]) {
      const result = await measureLiveLatency(target, open, perSecond, 2);
      report.latency.push(result);
      console.log(
        `  live debate, ${String(perSecond).padStart(2)} comments/s: a reader sees each after ${result.p50.toFixed(0)} ms (p95 ${result.p95.toFixed(0)}, max ${result.max.toFixed(0)}, missed ${result.missed})`,
      );
    }
  } finally {
    open.close();
  }
  return report as LiveReport;
}

/** On its own: the app in this process on a temporary SQLite file, and 1,000 streams on one post. */
async function main() {
  const { buildApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { createBlog } = await import('../src/blogs/blog.service.js');
  const { createPost } = await import('../src/posts/post.service.js');
  const { createPerson } = await import('../src/people/person.service.js');
  const { updateSiteSettings } = await import('../src/settings/settings.service.js');
  const { makeQuestion } = await import('../src/comments/spam/question.js');
  const argv = process.argv.slice(2);
  const connections = Number(argv[argv.indexOf('--connections') + 1] ?? 1000) || 1000;
  const dir = mkdtempSync(join(tmpdir(), 'ytring-live-bench-'));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(dir, 'live.db')}`,
      LIVE_MAX_PER_IP: String(connections + 10),
      LIVE_MAX_CONNECTIONS: String(connections + 10),
    },
    {},
    false,
  );
  const app = await buildApp(config, { schedulerIntervalMs: 0 });
  let open: LiveStreams | undefined;
  try {
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.server.address() as { port: number };
    const db = app.database.db;
    await updateSiteSettings(db, {
      minSecondsToSubmit: 0,
      commentsPerHourPerIp: 1_000_000,
      commentsPerHourPerEmail: 1_000_000,
      commentPolicy: 'open',
    });
    const person = await createPerson(db, { name: 'Bench Skribent' });
    const blog = await createBlog(db, { slug: 'debat', title: 'Debat', ownerIds: [person.id] });
    const post = await createPost(db, {
      blogId: blog.id,
      title: 'En levende debat',
      body: 'Tekst',
      status: 'published',
      authors: [{ personId: person.id }],
    });
    let n = 0;
    const target: LiveTarget = {
      baseUrl: `http://127.0.0.1:${port}`,
      postId: post.id,
      postPath: `/${blog.slug}/${post.slug}`,
      commentBody: () => {
        const q = makeQuestion(app.secret, new Date(Date.now() - 10_000), { postId: post.id });
        n++;
        return new URLSearchParams({
          name: 'Bench',
          email: `live${n}@bench.example`,
          body: `Live kommentar ${n}`,
          token: q.token,
          answer: String(q.op === 'plus' ? q.a + q.b : q.a - q.b),
          website: '',
        }).toString();
      },
    };
    open = await openStreams(target, connections);
    // Let the server finish settling the new streams (their cursors) before the comment is sent.
    await new Promise((r) => setTimeout(r, 1000));
    const fanOut = await measureFanOutRounds(target, open);
    console.log(describeFanOut(fanOut));
    process.exitCode = fanOut.reachedAll && fanOut.msToAll < 1000 ? 0 : 1;
  } finally {
    open?.close();
    app.server.server.closeAllConnections();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
