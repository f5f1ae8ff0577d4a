/**
 * The rows of issue 16, called from run.ts: reading with query strings that bust nothing, storing
 * comments through the real form, and the live debate (readers on a long debate while comments
 * arrive). Each returns rows of the scenarios table; the ratios compare runs made side by side here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { processCpuMs } from './instances.js';
import { makeQuestion } from '../src/comments/spam/question.js';

export interface ScenarioRow {
  scenario: string;
  value: string;
  target: string;
  met: boolean | undefined;
}

export interface PerfContext {
  port: number;
  secret: string;
  duration: number;
  connections: number;
  headers: Record<string, string>;
  /** Rounds of the live debate, each a quiet run and a run with comments; the median ratio counts. */
  rounds: number;
  /** The server's process, whose CPU time the live debate's rows report beside the load generator's. */
  serverPid?: number;
}

const run = (options: autocannon.Options) => autocannon(options);

/** Cached reads of a page, then the same with a random query string on every request. */
export async function cacheBusting(ctx: PerfContext, path: string): Promise<ScenarioRow> {
  const base = { url: `http://127.0.0.1:${ctx.port}`, connections: ctx.connections, duration: ctx.duration };
  const plain = await run({ ...base, requests: [{ method: 'GET', path, headers: ctx.headers }] });
  const busting = await run({
    ...base,
    requests: [
      {
        method: 'GET',
        path,
        headers: ctx.headers,
        setupRequest: (req) => ({ ...req, path: `${path}?utm_source=${Math.random().toString(36).slice(2)}&x=${Date.now()}` }),
      },
    ],
  });
  const ratio = busting.requests.average / plain.requests.average;
  return {
    scenario: 'post (200 comments), random query strings vs cached',
    value: `${busting.requests.average.toFixed(0)} vs ${plain.requests.average.toFixed(0)} req/s (${ratio.toFixed(2)}×)`,
    target: '≥ 0.5×',
    met: ratio >= 0.5,
  };
}

/** The comment form as a reader sends it, with the question answered (the bench knows the site's secret). */
export function commentForm(secret: string, postId: string, body: string): string {
  const q = makeQuestion(secret, new Date(Date.now() - 10_000), { postId });
  return new URLSearchParams({
    name: 'Bench Læser',
    email: `bench${Math.random().toString(36).slice(2)}@bench.example`,
    body,
    token: q.token,
    answer: String(q.op === 'plus' ? q.a + q.b : q.a - q.b),
    website: '',
  }).toString();
}

/** Comments sent through the form as fast as the connections go; counts the ones stored (answered 303). */
export async function commentRate(ctx: PerfContext, postPath: string, postId: string, target: number, label: string): Promise<ScenarioRow> {
  let n = 0;
  const sending = (duration: number): autocannon.Options => ({
    url: `http://127.0.0.1:${ctx.port}`,
    connections: ctx.connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: `${postPath}/comments`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (req) => ({ ...req, body: commentForm(ctx.secret, postId, `Kommentar ${++n} ${Math.random()}`) }),
      },
    ],
  });
  // A second of comments first, not counted: run alone (--only comments), the row otherwise
  // measured the server compiling its comment path, which in a whole run the live debate has done.
  await run(sending(1));
  const result = await run(sending(ctx.duration));
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const stored = (stats['303']?.count ?? 0) / ctx.duration;
  return {
    scenario: `comments stored through the form (${label})`,
    value: `${stored.toFixed(0)} comments/s`,
    target: `≥ ${target}/s`,
    met: stored >= target,
  };
}

/**
 * Readers reload a long debate while comments arrive at a steady rate; each comment's writer then
 * reloads the page it was sent to until the comment is there. Each round reads the page quietly and
 * then with the comments, back to back, so that a busy moment on the machine falls on both; the
 * row gives the round with the median ratio, and the writers' times from every round.
 */
export async function liveDebate(ctx: PerfContext, postPath: string, postId: string, rates: number[]): Promise<ScenarioRow[]> {
  const rows: ScenarioRow[] = [];
  const writers = await startWriters();
  try {
    for (const rate of rates) rows.push(await liveDebateRow(ctx, writers, postPath, postId, rate));
  } finally {
    writers.kill();
  }
  return rows;
}

/** One rate's row: the median round's ratio, and every round's writers' waits. */
async function liveDebateRow(
  ctx: PerfContext,
  writers: ChildProcess,
  postPath: string,
  postId: string,
  rate: number,
): Promise<ScenarioRow> {
  const visible: number[] = [];
  const rounds: { quiet: number; busy: number; cpu: Busy }[] = [];
  for (let round = 0; round < ctx.rounds; round++) {
    const quiet = await readsWhileCommenting(ctx, writers, postPath, postId, 0, visible);
    const busy = rate === 0 ? quiet : await readsWhileCommenting(ctx, writers, postPath, postId, rate, visible);
    rounds.push({ quiet: quiet.readers.requests.average, busy: busy.readers.requests.average, cpu: busy.cpu });
  }
  rounds.sort((a, b) => a.busy / a.quiet - b.busy / b.quiet);
  const { quiet, busy, cpu } = rounds[Math.floor(rounds.length / 2)]!;
  const ratio = quiet > 0 ? busy / quiet : 1;
  const sorted = [...visible].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  const ratios = rounds.map((r) => (r.busy / r.quiet).toFixed(2)).join(', ');
  return {
    scenario: `live debate, ${rate} comments/s: reads, and a reloading writer seeing the comment`,
    value:
      rate === 0
        ? `${quiet.toFixed(0)} req/s${busyText(cpu)}`
        : `${busy.toFixed(0)} vs ${quiet.toFixed(0)} req/s quiet (${ratio.toFixed(2)}×; rounds ${ratios}); ` +
          `seen after median ${p(0.5).toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms (${visible.length} comments)` +
          busyText(cpu),
    target: rate === 20 ? '≥ 0.9×, every comment within 100 ms' : '—',
    met: rate === 20 ? ratio >= 0.9 && (sorted.at(-1) ?? Infinity) <= 100 : undefined,
  };
}

/** The writers' own process (bench/live-writer.ts), once it has loaded. */
async function startWriters(): Promise<ChildProcess> {
  const child = fork(fileURLToPath(new URL('./live-writer.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
  });
  return child;
}

/**
 * How busy each process kept a core through one run, in per cent of one core: the server, the load
 * generator (this process, autocannon's connections) and the writers. Which of them is near 100 says
 * what bounds the row on this machine: a saturated server loses reads to a comment's CPU, a saturated
 * generator to the time the server's one thread spends on a comment while every connection waits.
 */
interface Busy {
  server: number | undefined;
  generator: number;
  writers: number | undefined;
}

const cpuOf = (pid: number | undefined) => {
  try {
    return pid === undefined ? undefined : processCpuMs(pid);
  } catch {
    return undefined;
  }
};

function busyText({ server, generator, writers }: Busy): string {
  const share = (n: number | undefined) => (n === undefined ? '?' : `${n.toFixed(0)}%`);
  return `; busy in that run: server ${share(server)}, load generator ${share(generator)}, writers ${share(writers)} of a core`;
}

/** One run of readers on the post while comments arrive at `rate` a second; pushes each writer's wait to `visible`. */
async function readsWhileCommenting(
  ctx: PerfContext,
  writers: ChildProcess,
  postPath: string,
  postId: string,
  rate: number,
  visible: number[],
): Promise<{ readers: autocannon.Result; cpu: Busy }> {
  const started = { at: performance.now(), server: cpuOf(ctx.serverPid), writers: cpuOf(writers.pid), generator: process.cpuUsage() };
  if (rate > 0) writers.send({ start: { port: ctx.port, postPath, postId, secret: ctx.secret, rate } });
  const readers = await run({
    url: `http://127.0.0.1:${ctx.port}`,
    connections: ctx.connections,
    duration: ctx.duration,
    requests: [{ method: 'GET', path: postPath, headers: ctx.headers }],
  });
  if (rate > 0) {
    const done = new Promise<number[]>((resolve) => writers.once('message', (m: { visible: number[] }) => resolve(m.visible)));
    writers.send({ stop: true });
    visible.push(...(await done));
  }
  const elapsed = performance.now() - started.at;
  const percent = (now: number | undefined, then: number | undefined) =>
    now === undefined || then === undefined ? undefined : ((now - then) * 100) / elapsed;
  const generator = process.cpuUsage(started.generator);
  const cpu: Busy = {
    server: percent(cpuOf(ctx.serverPid), started.server),
    generator: ((generator.user + generator.system) / 1000 / elapsed) * 100,
    writers: percent(cpuOf(writers.pid), started.writers),
  };
  return { readers, cpu };
}

export function printScenarios(rows: ScenarioRow[]): void {
  console.log('\n| scenario | measured | target | met |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.value} | ${r.target} | ${r.met === undefined ? '' : r.met ? 'yes' : 'no'} |`);
}
