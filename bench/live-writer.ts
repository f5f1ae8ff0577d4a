/**
 * The live debate's writers, as a process of their own (forked by perf-rows.ts). A writer comments
 * through the form and then reloads the page it was sent to until the comment is there. Writers
 * are other people's browsers: run in the readers' load generator, whose one thread is the
 * bottleneck of the row, their fetching and unpacking of a 200-comment page took that thread's
 * time from the readers and was counted against the server.
 *
 * Messages in: {start: {port, postPath, postId, secret, rate}}, then {stop: true}; out: {ready: true}
 * once loaded, and {visible: ms[]} (each comment's wait from the redirect to seeing it) after a stop.
 */
import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { commentForm } from './perf-rows.js';

interface Start {
  port: number;
  postPath: string;
  postId: string;
  secret: string;
  rate: number;
}

interface Answer {
  status: number;
  location: string | undefined;
  body: Buffer;
}

// Kept-alive connections and node:http rather than fetch: a browser keeps its connection, and
// fetch's own work per request (several times node:http's) came out of the machine the server runs on.
const agent = new Agent({ keepAlive: true });
const unpack: Record<string, (b: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync };

function send(port: number, path: string, form?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        method: form === undefined ? 'GET' : 'POST',
        headers:
          form === undefined
            ? { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' }
            : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'];
          const body = encoding && unpack[encoding] ? unpack[encoding](raw) : raw;
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(form);
  });
}

// The run of writing in progress: a stop, or the next start, ends it. A run that was asleep
// between two comments when its stop came must not wake into the next run's window and write on.
let current = 0;
let finished: Promise<number[]> = Promise.resolve([]);

async function write({ port, postPath, postId, secret, rate }: Start, run: number): Promise<number[]> {
  const visible: number[] = [];
  const pending: Promise<void>[] = [];
  const interval = 1000 / rate;
  let next = performance.now();
  while (current === run) {
    next += interval;
    pending.push(
      (async () => {
        const marker = `Live ${Math.random().toString(36).slice(2)}`;
        const sent = await send(port, `${postPath}/comments`, commentForm(secret, postId, marker));
        if (sent.status !== 303 || !sent.location) return;
        const at = performance.now();
        const path = sent.location.split('#')[0]!;
        for (let i = 0; i < 400; i++) {
          if ((await send(port, path)).body.includes(marker)) {
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
  return visible;
}

process.on('message', (message: { start?: Start; stop?: true }) => {
  if (message.start) {
    const run = ++current;
    finished = write(message.start, run);
  } else if (message.stop) {
    current++;
    void finished.then((visible) => process.send!({ visible }));
  }
});
process.send!({ ready: true });
