/** Runs the `ytring` command as a child process, as an operator would, and watches what it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface YtringProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects when the process ends first or after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  /** The exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string>;
  /** SIGKILL unless it has already ended; for `finally` blocks. */
  kill(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * With `built`, runs the shipped command (`bin/ytring.js` and the one built file) instead of the
 * source through tsx; `root` is the package folder it runs from (a copy with its own build).
 */
export function spawnYtring(
  args: string[],
  env: Record<string, string> = {},
  options: { built?: boolean; root?: string } = {},
): YtringProcess {
  const entry = options.built ? ['bin/ytring.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: options.root ?? ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: [options.built ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const watchers = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of watchers) check();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string>((done) => child.on('exit', (code, signal) => done(code ?? signal ?? -1)));
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const check of watchers) check();
  });

  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, ms = 90_000) {
      return new Promise((resolveMatch, reject) => {
        const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${ms} ms:\n${output.slice(-2_000)}`)), ms);
        const finish = (error?: Error, match?: RegExpExecArray) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (match) resolveMatch(match);
          else reject(error);
        };
        const check = () => {
          const match = pattern.exec(output);
          if (match) finish(undefined, match);
          else if (ended) finish(new Error(`ended before ${pattern}:\n${output.slice(-2_000)}`));
        };
        watchers.add(check);
        check();
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** `ytring start` on a free port of 127.0.0.1; resolves with the process once it says where it listens. */
export async function startYtring(
  databaseUrl: string,
  env: Record<string, string> = {},
  extraArgs: string[] = ['--no-demo'],
): Promise<YtringProcess & { url: string }> {
  const server = spawnYtring(['start', '--port', '0', '--host', '127.0.0.1', '--database-url', databaseUrl, ...extraArgs], env);
  try {
    // Generous: under tsx every module is compiled at start, and other test files run beside this one.
    const match = await server.waitFor(/"listening":"(http:\/\/[^"]+)"/, 90_000);
    return Object.assign(server, { url: match[1]! });
  } catch (error) {
    await server.kill();
    throw error;
  }
}
