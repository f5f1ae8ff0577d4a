/** The moderator's queue opens on what waits; search and filters narrow it and survive paging (issue 15). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { addQueueComment } from '../../../test/support/moderation.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const idsIn = (html: string) => [...html.matchAll(/<li id="comment-([0-9a-f-]{36})"/g)].map((m) => m[1]!);

for (const dialect of DIALECTS) {
  describe(`the moderation queue's search and filters (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blogA: { id: string };
    let blogB: { id: string };
    const c: Record<string, string> = {};
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      blogA = await buildBlog(server.db, { title: 'Debatten' });
      blogB = await buildBlog(server.db, { title: 'Kulturen' });
      const postA = await buildPost(server.db, { blogId: blogA.id, title: 'Skolereformen under lup' });
      const postB = await buildPost(server.db, { blogId: blogB.id, title: 'Teatrets fremtid' });
      c.oesterby = await addQueueComment(server.db, { postId: postA.id, name: 'Søren Østerby', body: 'Jeg er uenig.' });
      c.mail = await addQueueComment(server.db, { postId: postA.id, email: 'hemmelig.skribent@mail.example', body: 'Hmm.' });
      c.text = await addQueueComment(server.db, { postId: postB.id, body: 'Scenekunst kræver RUMMELIGHED og mod.' });
      c.ip = await addQueueComment(server.db, { postId: postB.id, ipHash: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123' });
      c.links = await addQueueComment(server.db, {
        postId: postB.id,
        body: 'Se her',
        reasons: [{ layer: 'links', rule: 'more-than-2', score: 3 }],
      });
      c.public = await addQueueComment(server.db, { postId: postA.id, status: 'approved', body: 'Offentlig og godkendt' });
      c.spam = await addQueueComment(server.db, {
        postId: postA.id,
        status: 'spam',
        body: 'Køb billigt',
        reasons: [{ layer: 'moderator', rule: 'marked-spam', score: 0 }],
      });
    });
    after(async () => {
      await server?.close();
    });
    const list = async (query: string) => {
      const response = await admin.get(`/admin/comments${query}`);
      assert.equal(response.status, 200, query);
      return response.text();
    };

    it('opens on what waits: the waiting tab, not what is already public', async () => {
      const html = await list('');
      const ids = idsIn(html);
      assert.ok(ids.includes(c.oesterby!));
      assert.ok(!ids.includes(c.public!), 'approved comments are not on the opening tab');
      assert.match(html, /<a href="\/admin\/comments" aria-current="page">Venter/);
      assert.ok(idsIn(await list('?status=all')).includes(c.public!));
    });

    it('searches name (accents folded), e-mail, text, post title and IP hash', async () => {
      assert.deepEqual(idsIn(await list('?q=osterby')), [], '"osterby" is not how Ø folds');
      assert.deepEqual(idsIn(await list('?q=oesterby')), [c.oesterby]);
      assert.deepEqual(idsIn(await list('?q=%C3%98STERBY')), [c.oesterby]);
      assert.deepEqual(idsIn(await list('?q=hemmelig.skribent')), [c.mail]);
      assert.deepEqual(idsIn(await list('?q=rummelighed')), [c.text]);
      assert.deepEqual(idsIn(await list('?q=skolereformen')).sort(), [c.oesterby, c.mail].sort());
      assert.deepEqual(idsIn(await list('?q=AbCdEfGhIj')), [c.ip]);
      assert.deepEqual(idsIn(await list('?q=100%25')), [], 'a % is a plain character');
      assert.deepEqual(idsIn(await list('?q=k%C3%B8b&status=spam')), [c.spam]);
    });

    it('filters by blog, post, status and reason, and keeps the search in the form', async () => {
      assert.deepEqual(idsIn(await list(`?blog=${blogB.id}`)).sort(), [c.text, c.ip, c.links].sort());
      assert.deepEqual(idsIn(await list('?reason=links')), [c.links]);
      assert.deepEqual(idsIn(await list(`?reason=links&blog=${blogA.id}`)), []);
      assert.deepEqual(idsIn(await list('?reason=moderator.marked-spam&status=spam')), [c.spam]);
      const html = await list(`?q=Scenekunst&blog=${blogB.id}`);
      assert.match(html, /<input type="search" id="mod-q" name="q" value="Scenekunst"/);
      assert.match(html, new RegExp(`<option value="${blogB.id}" selected`));
      // The tabs keep the search and the blog.
      assert.match(html, new RegExp(`href="/admin/comments\\?q=Scenekunst&amp;status=all&amp;blog=${blogB.id}"`));
      assert.equal((await admin.get('/admin/comments?blog=00000000-0000-4000-8000-000000000000')).status, 404);
    });

    it('shows an edited comment with its earlier versions', async () => {
      const post = await buildPost(server.db, { blogId: blogA.id });
      const id = await addQueueComment(server.db, { postId: post.id, name: 'Før Navn', body: 'Den første tekst' });
      const edited = await admin.post(`/admin/comments/${id}/edit`, {
        name: 'Efter Navn',
        body: 'Den rettede tekst',
        back: '/admin/comments',
      });
      assert.equal(edited.status, 303);
      const html = await list(`?post=${post.id}`);
      const item = html.slice(html.indexOf(`id="comment-${id}"`));
      assert.match(item, /Den rettede tekst/);
      assert.match(item, /<summary>Redigeret – tidligere versioner \(1\)<\/summary>/);
      assert.match(item, /Rettet af redaktionen .*navn: Før Navn/);
      assert.match(item, /<div class="mod-text">Den første tekst<\/div>/);
      // Saving without a change adds no version.
      await admin.post(`/admin/comments/${id}/edit`, { name: 'Efter Navn', body: 'Den rettede tekst', back: '/admin/comments' });
      assert.match(await list(`?post=${post.id}`), /tidligere versioner \(1\)/);
    });

    it('pages through a search, keeping it', async () => {
      const post = await buildPost(server.db, { blogId: blogA.id });
      for (let i = 0; i < 32; i++) await addQueueComment(server.db, { postId: post.id, body: `Mange ens svar nummer ${i}` });
      const first = await list('?q=mange+ens');
      assert.equal(idsIn(first).length, 30);
      const next = /<a href="([^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
      assert.equal(next, '/admin/comments?q=mange+ens&page=2');
      assert.equal(idsIn(await list(next!.slice('/admin/comments'.length))).length, 2);
      // An action from page 2 comes back to the same search and page.
      const target = idsIn(await list('?q=mange+ens&page=2'))[0]!;
      const done = await admin.post(`/admin/comments/${target}/approve`, { back: '/admin/comments?q=mange+ens&page=2' });
      assert.match(done.headers.get('location')!, /^\/admin\/comments\?q=mange\+ens&page=2&done=approve&n=1/);
    });
  });
}
