import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { updateSiteSettings } from '../settings/settings.service.js';
import { buildPost } from '../../test/support/factories.js';
import { readForm } from '../../test/support/comments.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

// SQLite only: another connection holding the write lock is a real "database away"
// that a test can start and end; PostgreSQL outages belong to the fault tests.
describe('a comment sent while the database is away (sqlite)', () => {
  let server: TestServer;
  let path: string;
  before(async () => {
    server = await startTestServer('sqlite');
    await updateSiteSettings(server.db, { minSecondsToSubmit: 0 });
    const post = await buildPost(server.db);
    const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
    path = `/${blog.slug}/${post.slug}`;
  });
  after(async () => {
    await server?.close();
  });

  it('comes back with the text, a clear message and Retry-After, and can be sent again once it is back', async () => {
    const form = await readForm(server, path);
    const filename = server.database.config.dialect === 'sqlite' ? server.database.config.filename : '';
    const blocker = new SQLite(filename);
    // Holding the write lock: the app can still read, but every write waits out its busy
    // timeout and fails, as when another process keeps the database busy.
    blocker.exec('BEGIN IMMEDIATE');
    let response: Response;
    try {
      response = await server.get(`${path}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          name: 'Tålmodig',
          email: 'taalmodig@debat.example',
          body: 'Denne tekst må ikke forsvinde.',
          token: form.token,
          answer: form.answer,
        }),
      });
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '5');
    const html = await response.text();
    assert.match(html, />Denne tekst må ikke forsvinde\.<\/textarea>/);
    assert.match(html, /value="Tålmodig"/);
    assert.match(html, /databasen ikke svarer/);
    const token = /name="token" value="([^"]+)"/.exec(html)![1]!;
    const answer = (await import('../../test/support/comments.js')).answerOf(html);
    const retry = await server.get(`${path}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Tålmodig',
        email: 'taalmodig@debat.example',
        body: 'Denne tekst må ikke forsvinde.',
        token,
        answer,
      }),
    });
    assert.equal(retry.status, 303);
    assert.match(await (await server.get(path)).text(), /Denne tekst må ikke forsvinde\./);
  });
});
