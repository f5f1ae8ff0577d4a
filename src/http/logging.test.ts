import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { startYtring } from '../../test/support/cli.js';
import { createTestDatabase } from '../../test/support/db.js';
import { openDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { loadAssets } from './assets.js';
import { buildServer } from './server.js';

type Line = Record<string, unknown>;
const jsonLines = (text: string): Line[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);

describe('the log when standard output is not a terminal', () => {
  it('is JSON, one line per request with its route pattern, status, time and request id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-log-'));
    const cli = await startYtring(`sqlite:${join(dir, 'site.db')}`);
    try {
      const health = await fetch(`${cli.url}/healthz`);
      const missing = await fetch(`${cli.url}/tags/no-such-tag-4c1d?token=secret-4c1d`);
      assert.equal(missing.status, 404);
      const wait = () => cli.waitFor(new RegExp(`"reqId":"${missing.headers.get('x-request-id')}"[^\\n]*"msg":"request"`), 10_000);
      await wait();
      const lines = jsonLines(cli.output());
      const healthLines = lines.filter((line) => line.reqId === health.headers.get('x-request-id'));
      assert.equal(healthLines.length, 1, 'one line for the request, not two');
      assert.equal(healthLines[0]!.level, 30);
      assert.equal(healthLines[0]!.method, 'GET');
      assert.equal(healthLines[0]!.route, '/healthz');
      assert.equal(healthLines[0]!.statusCode, 200);
      assert.equal(typeof healthLines[0]!.ms, 'number');
      const missingLine = lines.find((line) => line.reqId === missing.headers.get('x-request-id'))!;
      assert.equal(missingLine.route, '/tags/:slug');
      assert.equal(missingLine.statusCode, 404);
      assert.equal(missingLine.url, '/tags/no-such-tag-4c1d?token=[redacted]', 'the address, with its token taken out');
      assert.doesNotMatch(cli.output(), /secret-4c1d/, 'no token in the log');
      assert.doesNotMatch(cli.output(), /incoming request|request completed/);
    } finally {
      await cli.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A server logging at `level` into a string, with a route that throws; the callback's requests are logged. */
  async function withLog(level: string, use: (app: Awaited<ReturnType<typeof buildServer>>) => Promise<void>): Promise<string> {
    const database = await createTestDatabase('sqlite');
    const { db, close } = openDb(database.config);
    const stream = new PassThrough();
    let output = '';
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await migrateToLatest(db, 'sqlite');
      const app = await buildServer({
        db,
        secret: 's'.repeat(32),
        baseUrl: 'http://localhost',
        assets: loadAssets(),
        logLevel: level,
        logOutput: { stream },
        uploadsDir: join(tmpdir(), 'ytring-logging-nothing-is-uploaded'),
      });
      app.get('/test-failure', async () => {
        throw new Error('something broke');
      });
      await use(app);
      await app.close();
      return output;
    } finally {
      await close();
      await database.drop();
    }
  }

  it('gives an unexpected error the id of the request it happened in', async () => {
    let id: unknown;
    const output = await withLog('info', async (app) => {
      const response = await app.inject('/test-failure');
      assert.equal(response.statusCode, 500);
      id = response.headers['x-request-id'];
    });
    const error = jsonLines(output).find((line) => line.level === 50);
    assert.ok(error, 'an error line');
    assert.equal(error.reqId, id);
    assert.match(JSON.stringify(error.err), /something broke/);
  });

  it('at warn writes no line for an answered request, and still the error of a failed one', async () => {
    let id: unknown;
    const output = await withLog('warn', async (app) => {
      assert.equal((await app.inject('/healthz')).statusCode, 200);
      const failed = await app.inject('/test-failure?token=secret-7e2a');
      assert.equal(failed.statusCode, 500);
      id = failed.headers['x-request-id'];
    });
    const lines = jsonLines(output);
    assert.deepEqual(
      lines.filter((line) => line.msg === 'request'),
      [],
      'no request line below info',
    );
    const error = lines.find((l) => l.level === 50);
    assert.ok(error, 'the error is written');
    assert.equal(error.reqId, id);
    assert.doesNotMatch(output, /secret-7e2a/);
  });
});
