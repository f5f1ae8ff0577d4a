import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { redactUrl } from './request-log.js';

const TOKEN = 'Zq3xY9bWk2LmN8pR4sT6vU0wXa1Bc5De7Fg-_Hi2Jk';

describe('request log', () => {
  let database: TestDatabase;
  let app: App;
  let url: string;
  const lines: string[] = [];

  before(async () => {
    database = await createTestDatabase('sqlite');
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: database.config.url }, {}, false);
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({ ...config, database: database.config }, { schedulerIntervalMs: 0, logStream });
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(async () => {
    await app?.close();
    await database?.drop();
  });

  for (const path of [
    `/admin/reset/${TOKEN}`,
    `/admin/invite/${TOKEN}`,
    `/comments/manage?token=${TOKEN}`,
    `/privacy/comments?token=${TOKEN}`,
    `/privacy/comments.json?token=${TOKEN}`,
    `/comments/subscriptions/unsubscribe?token=${TOKEN}`,
    `/comments/subscriptions/confirm?token=${TOKEN}`,
    `/admin/comments?_csrf=${TOKEN}&status=held`,
  ]) {
    it(`keeps the token of ${path.replace(TOKEN, '…')} out of the log`, async () => {
      lines.length = 0;
      await fetch(`${url}${path}`, { redirect: 'manual' }).then((r) => r.arrayBuffer());
      const logged = lines.join('');
      const route = path.split(/[?]/)[0]!.replace(TOKEN, '');
      assert.match(logged, /"url":"/, 'the request was logged');
      assert.ok(logged.includes(route), `the log names ${route}`);
      assert.ok(!logged.includes(TOKEN), logged);
    });
  }
});

describe('redactUrl', () => {
  it('keeps ordinary addresses as they are', () => {
    for (const path of ['/', '/blog/et-meget-langt-indlaeg-om-noget-der-betyder-noget?page=2', '/search?q=hej+med+dig', '/admin/reset']) {
      assert.equal(redactUrl(path), path);
    }
  });
  it('hides a token-like value under any name, and every token and CSRF value', () => {
    assert.equal(redactUrl(`/x?ref=${TOKEN}&a=1`), '/x?ref=[redacted]&a=1');
    assert.equal(redactUrl('/comments/manage?token=short'), '/comments/manage?token=[redacted]');
    assert.equal(redactUrl(`/some/${TOKEN}/more`), '/some/[redacted]/more');
  });
  it('hides a link token by its place under /admin/ even when it has no capital letter', () => {
    const lower = TOKEN.toLowerCase();
    assert.equal(redactUrl(`/admin/reset/${lower}`), '/admin/reset/[redacted]');
    assert.equal(redactUrl(`/admin/invite/${lower}?next=1`), '/admin/invite/[redacted]?next=1');
    assert.equal(redactUrl(`/blog/${lower}`), `/blog/${lower}`, 'a long lower-case slug is kept');
  });
});
