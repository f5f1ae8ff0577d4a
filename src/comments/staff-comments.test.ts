import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { loginAs, type Session } from '../../test/support/admin.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

const RELAXED = {
  minSecondsToSubmit: 0,
  commentsPerHourPerIp: 10_000,
  commentsPerHourPerEmail: 10_000,
  commentPolicy: 'first-time' as const,
};

for (const dialect of DIALECTS) {
  describe(`staff commenting on the public page (${dialect})`, () => {
    let server: TestServer;
    let author: Session;
    let path: string;
    before(async () => {
      server = await startTestServer(dialect);
      author = await loginAs(server, 'author', { name: 'Signe Skribent' });
    });
    after(async () => {
      await server?.close();
    });
    beforeEach(async () => {
      await updateSiteSettings(server.db, RELAXED);
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, authors: [{ personId: author.personId }] });
      path = `/${blog.slug}/${post.slug}`;
    });

    const send = (session: Session, fields: Record<string, string>) =>
      server.get(`${path}/comments`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ parent: '', website: '', ...fields }),
      });

    it('shows staff a private form with their name, no e-mail field and no question', async () => {
      const response = await author.get(path);
      assert.equal(response.headers.get('cache-control'), 'private, no-store');
      const html = await response.text();
      assert.match(html, /id="comment-name" name="name" type="text" readonly value="Signe Skribent"/);
      assert.doesNotMatch(html, /id="comment-email"/);
      assert.doesNotMatch(html, /name="token"/);
    });

    it('publishes an author\'s comment at once, without the question, with the badge "Skribent"', async () => {
      const response = await send(author, { _csrf: author.csrf, body: 'Tak for de gode kommentarer' });
      assert.equal(response.status, 303);
      const html = await (await server.get(path)).text();
      assert.match(html, /Signe Skribent<\/strong><span class="badge">Skribent<\/span>[\s\S]*Tak for de gode kommentarer/);
      const row = await server.db
        .selectFrom('comments')
        .select(['author_email', 'person_id', 'status'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const account = await server.db.selectFrom('accounts').select('email').where('id', '=', author.accountId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { author_email: account.email, person_id: author.personId, status: 'approved' });
    });

    it('gives staff who are not authors of the post the badge "Redaktionen"', async () => {
      const editor = await loginAs(server, 'editor', { name: 'Erik Redaktør' });
      assert.equal((await send(editor, { _csrf: editor.csrf, body: 'Et ord fra redaktionen' })).status, 303);
      assert.match(await (await server.get(path)).text(), /Erik Redaktør<\/strong><span class="badge">Redaktionen<\/span>/);
    });

    it('treats a logged-in post without the CSRF token as anonymous: it must answer the question', async () => {
      const response = await send(author, { name: 'Signe Skribent', email: 'signe@debat.example', body: 'Uden token' });
      assert.equal(response.status, 422);
      assert.equal((await postComment(server, path, { body: 'Almindelig læser' })).status, 303);
    });
  });
}
