/** The bench's Ytring processes: a free port, and `ytring start` timed to its first answered page. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A process's user and system CPU time so far, in ms, from /proc (Linux; USER_HZ 100). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line; after the name they are at 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** How long a start may take before the bench gives up on it. */
export const START_LIMIT_MS = 60_000;

/**
 * Starts `ytring start`; `ready` is the time from spawning the process to the first 200 for the
 * front page (a real page, rendered from the database) on 127.0.0.1, bounded by START_LIMIT_MS.
 */
export function startYtring(env: Record<string, string>): { child: ChildProcess; ready: Promise<number> } {
  const began = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin/ytring.js'), 'start', '--no-demo'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const ready = (async () => {
    while (performance.now() - began < START_LIMIT_MS) {
      try {
        const response = await fetch(`http://127.0.0.1:${env.PORT}/`, { signal: AbortSignal.timeout(START_LIMIT_MS) });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - began;
      } catch {
        /* not listening yet */
      }
      if (child.exitCode !== null) throw new Error('ytring exited during start-up');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGTERM');
    throw new Error(`ytring gave no 200 within ${START_LIMIT_MS} ms of starting`);
  })();
  return { child, ready };
}
