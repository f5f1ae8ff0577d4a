/**
 * Feeds answered from scratch (the page cache off, issue 16) keep what they read until what they
 * show changes: an unchanged feed runs no statement, and every kind of change, written by another
 * instance (a second connection), shows in the very next answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { isLivePoll, statementRecorder } from '../../test/support/statements.js';
import type { App } from '../app.js';
import { addImportedComment } from '../comments/comment.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { openDb, type OpenDb } from '../storage/db.js';
import { getSiteFeed } from './feed.service.js';
import { findFeedVersion } from './feed.repository.js';
import { feedLastModified } from './kept-feed.js';

for (const dialect of DIALECTS) {
  describe(`feeds from scratch keep what they read until it changes (${dialect})`, () => {
    let server: TestServer;
    let app: App;
    let other: OpenDb;
    let url: string;
    const recorder = statementRecorder(isLivePoll);
    let feeds: Record<'site' | 'blog' | 'author' | 'tag' | 'comments' | 'postComments', string>;
    let postId: string;
    let personId: string;
    let blogId: string;

    before(async () => {
      server = await startTestServer(dialect, { env: { PAGE_CACHE_MB: '0' }, queryLog: recorder.log });
      ({ app, url } = server);
      // Another instance's connection: its writes reach this one only through the database.
      other = openDb(server.database.config);
      const person = await buildPerson(other.db, { name: 'Anna Skribent' });
      const blog = await buildBlog(other.db, { slug: 'nyt', title: 'Nyt fra os' });
      const post = await buildPost(other.db, {
        blogId: blog.id,
        title: 'Første indlæg',
        authors: [{ personId: person.id }],
        tags: ['Klima'],
      });
      await addImportedComment(other.db, 'secret', 3, {
        postId: post.id,
        name: 'Læser',
        email: 'laeser@example.test',
        body: 'Første kommentar.',
        status: 'approved',
        createdAt: new Date(Date.now() - 1000),
      });
      [postId, personId, blogId] = [post.id, person.id, blog.id];
      feeds = {
        site: '/feed.atom',
        blog: '/nyt/feed.rss',
        author: `/authors/${person.slug}/feed.atom`,
        tag: '/tags/klima/feed.json',
        comments: '/comments/feed.atom',
        postComments: `/nyt/${post.slug}/comments/feed.atom`,
      };
    });
    after(async () => {
      await other?.close();
      await server?.close();
    });

    async function feed(path: string): Promise<{ text: string; statements: string[] }> {
      const { value: text, statements } = await recorder.during(async () => {
        const response = await fetch(`${url}${path}`);
        assert.equal(response.status, 200, path);
        return response.text();
      });
      return { text, statements };
    }
    const read = async (path: string) => (await feed(path)).text;
    /** Each feed answered once, so what follows finds their reads kept. */
    const readAll = async () => {
      for (const path of Object.values(feeds)) await read(path);
    };

    it('answers each unchanged feed again without a statement, the same', async () => {
      for (const path of Object.values(feeds)) {
        const first = await feed(path);
        const again = await feed(path);
        // The first answer read the database (so the recording sees this feed's statements); the second did not.
        assert.ok(first.statements.length > 0, path);
        assert.deepEqual(again.statements, [], path);
        assert.equal(again.text, first.text, path);
      }
    });

    it('shows an edit to a listed post in every feed at once', async () => {
      await readAll();
      await other.db
        .updateTable('posts')
        .set({ title: 'Rettet titel', updated_at: new Date().toISOString() })
        .where('id', '=', postId)
        .execute();
      for (const path of Object.values(feeds)) {
        const text = await read(path);
        assert.ok(text.includes('Rettet titel') && !text.includes('Første indlæg'), path);
      }
    });

    it('shows a post published and then unpublished at once', async () => {
      await readAll();
      const post = await buildPost(other.db, { blogId, title: 'Helt nyt indlæg', authors: [{ personId }], tags: ['Klima'] });
      for (const key of ['site', 'blog', 'author', 'tag'] as const) assert.ok((await read(feeds[key])).includes('Helt nyt indlæg'), key);
      await other.db.updateTable('posts').set({ status: 'draft' }).where('id', '=', post.id).execute();
      for (const key of ['site', 'blog', 'author', 'tag'] as const) assert.ok(!(await read(feeds[key])).includes('Helt nyt indlæg'), key);
    });

    it('shows an author renamed, a tag renamed and a blog retitled at once', async () => {
      await readAll();
      await other.db.updateTable('people').set({ name: 'Anna Omdøbt' }).where('id', '=', personId).execute();
      assert.ok((await read(feeds.site)).includes('Anna Omdøbt'), 'site');
      assert.ok((await read(feeds.author)).includes('Anna Omdøbt'), 'author');
      await other.db.updateTable('tags').set({ name: 'Klimaet' }).where('slug', '=', 'klima').execute();
      assert.ok((await read(feeds.site)).includes('label="Klimaet"'), 'site');
      assert.ok((await read(feeds.tag)).includes('Klimaet'), 'tag');
      await other.db.updateTable('blogs').set({ title: 'Nyt navn til bloggen' }).where('id', '=', blogId).execute();
      assert.ok((await read(feeds.blog)).includes('Nyt navn til bloggen'), 'blog');
    });

    it("shows the site's new title and language at once", async () => {
      await readAll();
      await updateSiteSettings(other.db, { title: 'Omdøbt forbund', language: 'en', timeZone: 'America/New_York' });
      try {
        for (const path of Object.values(feeds)) assert.ok((await read(path)).includes('Omdøbt forbund'), path);
        assert.match(await read(feeds.site), /xml:lang="en"/);
        assert.match(await read(feeds.comments), /xml:lang="en"/);
      } finally {
        await updateSiteSettings(other.db, { language: 'da', timeZone: 'Europe/Copenhagen' });
      }
    });

    it('shows a new comment and an edited one in the comment feeds at once', async () => {
      await readAll();
      const id = await addImportedComment(other.db, 'secret', 3, {
        postId,
        name: 'Ny læser',
        email: 'ny@example.test',
        body: 'En ny kommentar.',
        status: 'approved',
        createdAt: new Date(),
      });
      assert.ok((await read(feeds.comments)).includes('En ny kommentar.'), 'site comments');
      assert.ok((await read(feeds.postComments)).includes('En ny kommentar.'), 'post comments');
      await other.db.updateTable('comments').set({ body: 'Kommentaren rettet.' }).where('id', '=', id).execute();
      assert.ok((await read(feeds.comments)).includes('Kommentaren rettet.'), 'site comments');
      assert.ok((await read(feeds.postComments)).includes('Kommentaren rettet.'), 'post comments');
    });

    it('dates a body shown again after another instance sent another one after it, not from when it was first sent', async () => {
      // Edited an hour ago: the feed's date is past, so each answer says it.
      const blog = await buildBlog(other.db, { slug: 'gammel' });
      const post = await buildPost(other.db, { blogId: blog.id, title: 'Gammel titel' }, new Date(Date.now() - 3_600_000));
      const path = '/gammel/feed.atom';
      const first = await fetch(`${url}${path}`);
      const since = first.headers.get('last-modified');
      assert.ok(since, 'the first body is dated');
      await other.db.updateTable('posts').set({ title: 'Kortvarig titel' }).where('id', '=', post.id).execute();
      // Another instance sends the changed feed, then the title is changed back.
      await feedLastModified(other.db, path, 'W/"another body"', new Date(Date.parse(since) + 5000));
      await other.db.updateTable('posts').set({ title: 'Gammel titel' }).where('id', '=', post.id).execute();
      const again = await fetch(`${url}${path}`);
      assert.equal(again.headers.get('etag'), first.headers.get('etag'), 'the same body as first');
      assert.ok(Date.parse(again.headers.get('last-modified') ?? '') > Date.parse(since), 'dated after the other body');
    });

    it('gives two bodies dated at once by two instances two dates, the one that stays the later', async () => {
      const path = '/race/feed.atom';
      const updated = new Date(Date.now() - 3_600_000);
      const first = await feedLastModified(app.database.db, path, 'W/"first"', updated);
      // Each instance reads the first body's row before either writes its own.
      const [mine, theirs] = await Promise.all([
        feedLastModified(app.database.db, path, 'W/"mine"', updated),
        feedLastModified(other.db, path, 'W/"theirs"', updated),
      ]);
      assert.ok(mine > first && theirs > first, 'both after the first body');
      // One date for two bodies would answer a reader holding one 304 while the other is served.
      assert.notEqual(mine.getTime(), theirs.getTime(), 'each body its own date');
      const kept = await findFeedVersion(other.db, path);
      const keptSince = kept?.etag === 'W/"mine"' ? mine : theirs;
      assert.equal(kept?.since.getTime(), keptSince.getTime(), 'the row says what its writer answered');
      assert.equal(keptSince.getTime(), Math.max(mine.getTime(), theirs.getTime()), 'the body that stays is the later');
    });

    it('writes kept posts under the base URL of each answer', async () => {
      const keeping = { version: 'kept', stale: () => false };
      const first = await getSiteFeed(app.database.db, 'https://a.example', keeping);
      const second = await getSiteFeed(app.database.db, 'https://b.example', keeping);
      assert.ok(first.feed.items.every((item) => item.url.startsWith('https://a.example/')));
      assert.ok(second.feed.items.length > 0 && second.feed.items.every((item) => item.url.startsWith('https://b.example/')));
    });
  });
}
