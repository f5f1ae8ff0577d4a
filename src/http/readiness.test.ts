import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startYtring } from '../../test/support/cli.js';
import { DIALECTS, POSTGRES_URL } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';

for (const dialect of DIALECTS) {
  describe(`/readyz (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect, { env: { PAGE_CACHE_MB: '64' } });
    });
    after(async () => {
      await server?.close();
    });

    it('is 200 when the database answers and every migration has run, and is never kept by the page cache', async () => {
      for (let i = 0; i < 2; i++) {
        const response = await server.get('/readyz');
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.notEqual(response.headers.get('x-ytring-cache'), 'hit');
        const body = (await response.json()) as { status: string; checks: Record<string, string> };
        assert.equal(body.status, 'ready');
        assert.equal(body.checks.database, 'ok');
        if (dialect === 'postgres') assert.equal(body.checks.notifications, 'ok');
        const health = await server.get('/healthz');
        assert.equal(health.status, 200);
        assert.equal(health.headers.get('cache-control'), 'no-store');
        assert.notEqual(health.headers.get('x-ytring-cache'), 'hit');
      }
    });

    it('is 503 while a migration this build knows has not run', async () => {
      const last = (await sql<{ name: string }>`select name from ytring_migrations order by name desc`.execute(server.db)).rows[0]!.name;
      await sql`delete from ytring_migrations where name = ${last}`.execute(server.db);
      try {
        const response = await server.get('/readyz');
        assert.equal(response.status, 503);
        assert.equal(((await response.json()) as { checks: Record<string, string> }).checks.migrations, 'pending');
      } finally {
        await sql`insert into ytring_migrations (name, timestamp) values (${last}, ${new Date().toISOString()})`.execute(server.db);
      }
      assert.equal((await server.get('/readyz')).status, 200);
    });
  });
}

describe('/readyz while PostgreSQL is away', { skip: POSTGRES_URL ? false : 'YTRING_TEST_POSTGRES_URL is not set' }, () => {
  let proxy: TcpProxy;
  let server: TestServer;
  before(async () => {
    const target = new URL(POSTGRES_URL!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startTestServer('postgres', {
      databaseUrl: (url) => {
        const viaProxy = new URL(url);
        viaProxy.hostname = '127.0.0.1';
        viaProxy.port = String(proxy.port);
        return viaProxy.toString();
      },
    });
  });
  after(async () => {
    proxy?.restore();
    await server?.close();
    await proxy?.close();
  });

  it('is 503 during the outage, naming the database and the lost notifications, and 200 again after', async () => {
    assert.equal((await server.get('/readyz')).status, 200);
    proxy.cut();
    try {
      const response = await server.get('/readyz');
      assert.equal(response.status, 503);
      const { checks } = (await response.json()) as { checks: Record<string, string> };
      assert.equal(checks.database, 'failing');
      assert.equal(checks.notifications, 'failing');
    } finally {
      proxy.restore();
    }
    // The listening connection comes back on its own within a few seconds.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await server.get('/readyz')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(status, 200);
  });
});

describe('/readyz while stopping', () => {
  it('says 503 after SIGTERM while a slow request finishes, then the process ends cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-drain-'));
    const cli = await startYtring(`sqlite:${join(dir, 'site.db')}`);
    try {
      const { port } = new URL(cli.url);
      assert.equal((await fetch(`${cli.url}/readyz`)).status, 200);
      // A request whose body is still on its way: in flight until the last byte arrives.
      const body = 'email=slow%40example.org&password=not-the-password';
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      const closed = new Promise((resolve) => socket.on('close', resolve));
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      cli.child.kill('SIGTERM');
      await cli.waitFor(/shutting down/);
      const ready = await fetch(`${cli.url}/readyz`);
      assert.equal(ready.status, 503);
      assert.equal(((await ready.json()) as { checks: Record<string, string> }).checks.shutdown, 'draining');
      assert.equal((await fetch(`${cli.url}/healthz`)).status, 200, 'alive, only not taking new work');
      assert.equal(cli.child.exitCode, null, 'still running while the request is in flight');

      socket.write(body.slice(10));
      await closed;
      assert.match(answer, /^HTTP\/1\.1 [234]\d\d /, 'the slow request got its answer');
      assert.equal(await cli.exited, 0);
    } finally {
      await cli.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
