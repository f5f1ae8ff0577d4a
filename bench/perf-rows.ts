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
 * reloads the page it was sent to until the comment is there. Each round is one run of readers in
 * which the comments come and go in turns of a second (quiet, busy, busy, quiet, ...), so that a
 * slow moment of the machine falls on both sides and a drift through the run cancels; the row gives
 * the round with the median ratio, and the writers' times from every round.
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
  const rounds: Turns[] = [];
  for (let round = 0; round < ctx.rounds; round++) rounds.push(await readsInTurns(ctx, writers, postPath, postId, rate, visible));
  const ratioOf = (r: Turns) => (r.quiet.reads > 0 ? r.busy.reads / r.quiet.reads : 1);
  rounds.sort((a, b) => ratioOf(a) - ratioOf(b));
  const median = rounds[Math.floor(rounds.length / 2)]!;
  const ratio = ratioOf(median);
  const sorted = [...visible].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  const ratios = rounds.map((r) => ratioOf(r).toFixed(2)).join(', ');
  return {
    scenario: `live debate, ${rate} comments/s: reads, and a reloading writer seeing the comment`,
    value:
      rate === 0
        ? `${median.quiet.reads.toFixed(0)} req/s${busyText(median.quiet)}`
        : `${median.busy.reads.toFixed(0)} vs ${median.quiet.reads.toFixed(0)} req/s quiet (${ratio.toFixed(2)}×; rounds ${ratios}); ` +
          `seen after median ${p(0.5).toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms (${visible.length} comments)` +
          busyText(median.busy),
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
 * How busy each process kept a core through one side of a round, in per cent of one core: the
 * server, the load generator (this process, autocannon's connections) and the writers. Which of them
 * is near 100 says what bounds the row on this machine: a saturated server loses reads to a
 * comment's CPU, a saturated generator to the time the server's one thread spends on a comment
 * while every connection waits.
 */
interface Side {
  /** Reads answered a second. */
  reads: number;
  server: number | undefined;
  generator: number;
  writers: number | undefined;
}

interface Turns {
  quiet: Side;
  busy: Side;
}

const cpuOf = (pid: number | undefined) => {
  try {
    return pid === undefined ? undefined : processCpuMs(pid);
  } catch {
    return undefined;
  }
};

function busyText({ server, generator, writers }: Side): string {
  const share = (n: number | undefined) => (n === undefined ? '?' : `${n.toFixed(0)}%`);
  return `; busy on that side: server ${share(server)}, load generator ${share(generator)}, writers ${share(writers)} of a core`;
}

/** A turn's length, and the pause before each turn that neither side counts. */
const TURN_MS = 1000;
const SETTLE_MS = 100;
/** Quiet, busy, busy, quiet: over each four turns both sides sit at the same mean time. */
const TURN_ORDER = [false, true, true, false];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One run of readers on the post, with comments arriving at `rate` a second in every other turn;
 * pushes each writer's wait to `visible`. A comment sent late in a busy turn is still being read
 * back, and its pages refreshed, just after the turn: the pause before the next turn takes that
 * rather than the quiet side. With `rate` 0 every turn is quiet.
 */
async function readsInTurns(
  ctx: PerfContext,
  writers: ChildProcess,
  postPath: string,
  postId: string,
  rate: number,
  visible: number[],
): Promise<Turns> {
  // Twice the run's duration in turns, whole rounds of the order.
  const turns = Math.max(TURN_ORDER.length, Math.ceil((2 * ctx.duration) / TURN_ORDER.length) * TURN_ORDER.length);
  const sides = {
    quiet: { reads: 0, ms: 0, server: 0, generator: 0, writers: 0 },
    busy: { reads: 0, ms: 0, server: 0, generator: 0, writers: 0 },
  };
  const known = { server: true, writers: true };
  let answered = 0;
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  const readers = autocannon(
    {
      url: `http://127.0.0.1:${ctx.port}`,
      connections: ctx.connections,
      // Longer than the turns: the run is stopped after the last one.
      duration: (turns * (TURN_MS + SETTLE_MS)) / 1000 + 10,
      requests: [{ method: 'GET', path: postPath, headers: ctx.headers }],
    },
    () => ended(),
  );
  readers.on('response', () => answered++);
  const replies: Promise<number[]>[] = [];
  const nextReply = () => new Promise<number[]>((resolve) => writers.once('message', (m: { visible: number[] }) => resolve(m.visible)));
  try {
    // The connections open and the first answers come before the first turn.
    await sleep(500);
    for (let turn = 0; turn < turns; turn++) {
      const busy = rate > 0 && TURN_ORDER[turn % TURN_ORDER.length]!;
      await sleep(SETTLE_MS);
      const before = {
        at: performance.now(),
        answered,
        server: cpuOf(ctx.serverPid),
        writers: cpuOf(writers.pid),
        generator: process.cpuUsage(),
      };
      if (busy) writers.send({ start: { port: ctx.port, postPath, postId, secret: ctx.secret, rate } });
      await sleep(TURN_MS);
      const side = sides[busy ? 'busy' : 'quiet'];
      side.reads += answered - before.answered;
      side.ms += performance.now() - before.at;
      const server = cpuOf(ctx.serverPid);
      const writing = cpuOf(writers.pid);
      if (server === undefined || before.server === undefined) known.server = false;
      else side.server += server - before.server;
      if (writing === undefined || before.writers === undefined) known.writers = false;
      else side.writers += writing - before.writers;
      const generator = process.cpuUsage(before.generator);
      side.generator += (generator.user + generator.system) / 1000;
      if (busy) {
        // Registered before the stop is sent: the reply may come at once.
        replies.push(nextReply());
        writers.send({ stop: true });
      }
    }
  } finally {
    readers.stop();
    await end;
  }
  for (const reply of await Promise.all(replies)) visible.push(...reply);
  const sideOf = (s: typeof sides.quiet): Side => ({
    reads: s.ms > 0 ? (s.reads * 1000) / s.ms : 0,
    server: known.server && s.ms > 0 ? (s.server * 100) / s.ms : undefined,
    generator: s.ms > 0 ? (s.generator * 100) / s.ms : 0,
    writers: known.writers && s.ms > 0 ? (s.writers * 100) / s.ms : undefined,
  });
  return { quiet: sideOf(sides.quiet), busy: rate > 0 ? sideOf(sides.busy) : sideOf(sides.quiet) };
}

export function printScenarios(rows: ScenarioRow[]): void {
  console.log('\n| scenario | measured | target | met |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.value} | ${r.target} | ${r.met === undefined ? '' : r.met ? 'yes' : 'no'} |`);
}
