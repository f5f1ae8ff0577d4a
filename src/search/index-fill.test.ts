/**
 * The search index filled from the posts in the background, a batch per transaction, after a start
 * found it missing (an upgrade that emptied it): resumable, in the posts' order, and never losing a
 * post saved while it runs.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Post } from '../posts/post.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '../accounts/account.js';
import { editPerson } from '../people/person-admin.service.js';
import { updatePost } from '../posts/post.service.js';
import { inTransaction } from '../storage/db.js';
import { buildPerson, buildPost } from '../../test/support/factories.js';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { startIndexFill } from './index-fill.js';
import { beginIndexFill, listIndexedPostIds, listSearchablePostIdsAfter, readIndexFill, removeIndexEntries } from './search.repository.js';
import { fillSearchIndexStep, isSearchIndexFilling, prepareSearchIndexFill, rebuildSearchIndex, searchPosts } from './search.service.js';

const found = async (db: Parameters<typeof searchPosts>[0], q: string) =>
  (await searchPosts(db, { q, page: 1 })).hits.map((hit) => hit.title).sort();

const quietLog = { info: () => {}, warn: () => {} };
const admin: Actor = { accountId: 'no-account', personId: 'no-person', name: 'Admin', role: 'admin', blogScope: null };

for (const dialect of DIALECTS) {
  describe(`filling the search index (${dialect})`, () => {
    const database = openedTestDatabase(dialect);
    let posts: Post[];
    let authorId: string;

    beforeEach(async () => {
      const db = database.db;
      await removeIndexEntries(db, await listIndexedPostIds(db));
      await db.deleteFrom('search_index_fill').execute();
      await db.deleteFrom('posts').execute();
      const author = await buildPerson(db);
      authorId = author.id;
      posts = [];
      for (let n = 1; n <= 7; n++) {
        posts.push(await buildPost(db, { title: `Fyldeprøve ${n}`, authors: [{ personId: author.id }] }));
      }
      await buildPost(db, { title: 'Fyldeprøve kladde', status: 'draft', authors: [{ personId: author.id }] });
      // As after migration 000109: every post, and no index.
      await removeIndexEntries(db, await listIndexedPostIds(db));
    });

    it('begins when a start finds the index missing, and goes through the posts by id, a batch a step', async () => {
      const db = database.db;
      assert.equal(await prepareSearchIndexFill(db), true);
      const byId = [...posts].sort((a, b) => (a.id < b.id ? -1 : 1));
      assert.deepEqual(await fillSearchIndexStep(db, 3), { indexed: 3, done: false });
      assert.equal(await readIndexFill(db), byId[2]!.id);
      assert.deepEqual(
        (await listIndexedPostIds(db)).sort(),
        byId.slice(0, 3).map((p) => p.id),
      );
      assert.deepEqual(await fillSearchIndexStep(db, 3), { indexed: 3, done: false });
      assert.deepEqual(await fillSearchIndexStep(db, 3), { indexed: 1, done: true });
      assert.equal(await isSearchIndexFilling(db), false);
      assert.equal((await found(db, 'fyldeprøve')).length, 7, 'every published post, not the draft');
      // Nothing under way: a step does nothing, and a start with the index whole begins nothing.
      assert.deepEqual(await fillSearchIndexStep(db, 3), { indexed: 0, done: true });
      assert.equal(await prepareSearchIndexFill(db), false);
    });

    it('carries on after a restart from the last post it reached', async () => {
      const db = database.db;
      await prepareSearchIndexFill(db);
      await fillSearchIndexStep(db, 2);
      // The index is no longer empty, but the fill's record says it is not whole either.
      assert.equal(await prepareSearchIndexFill(db), true);
      assert.deepEqual(await fillSearchIndexStep(db, 10), { indexed: 5, done: true });
      assert.equal((await listIndexedPostIds(db)).length, 7);
    });

    it('finds a post saved during the fill as it was saved, whether the fill had reached it or not', async () => {
      const db = database.db;
      await prepareSearchIndexFill(db);
      const byId = [...posts].sort((a, b) => (a.id < b.id ? -1 : 1));
      await fillSearchIndexStep(db, 3);
      const reached = byId[0]!;
      const ahead = byId[5]!;
      for (const [post, word] of [
        [reached, 'nået'],
        [ahead, 'forude'],
      ] as const) {
        await updatePost(db, post.id, {
          blogId: post.blogId,
          title: `Omdøbt ${word}`,
          lead: post.lead,
          body: post.body,
          status: 'published',
          authors: [{ personId: authorId }],
        });
      }
      while (!(await fillSearchIndexStep(db, 3)).done);
      assert.deepEqual(await found(db, 'omdøbt'), ['Omdøbt forude', 'Omdøbt nået']);
      assert.equal((await found(db, 'fyldeprøve')).length, 5);
    });

    // SQLite has one writer at a time. On PostgreSQL a change that touches only other tables (a
    // person's name, their bylines) still writes the post's entry, whose key on posts waits for the
    // step's lock on the post: the step cannot write what it read before the change over the
    // change's own entry. Were the entry's key dropped, the step would need to be waited for otherwise.
    it('makes a change that reindexes a post wait for the fill step that holds it', { skip: dialect !== 'postgres' }, async () => {
      const db = database.db;
      await prepareSearchIndexFill(db);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const step = inTransaction(db, async (trx) => {
        await listSearchablePostIdsAfter(trx, '', 10);
        holding();
        await released;
      });
      await held;
      let renamed = false;
      const rename = editPerson(db, admin, authorId, { name: 'Omdøbt Skribent' }).then(() => (renamed = true));
      await sleep(300);
      assert.equal(renamed, false, 'the rename waits for the step');
      release();
      await step;
      await rename;
      assert.equal((await found(db, 'omdøbt')).length, 7, 'every published post of the author, by the new name');
    });

    it('is over once the index is rebuilt whole', async () => {
      const db = database.db;
      await beginIndexFill(db);
      await rebuildSearchIndex(db);
      assert.equal(await isSearchIndexFilling(db), false);
    });

    it('runs in the background until done, and stops when asked without waiting out a retry', async () => {
      const db = database.db;
      await prepareSearchIndexFill(db);
      const notes: string[] = [];
      const fill = startIndexFill(db, { info: (_obj, msg) => notes.push(msg), warn: () => {} }, 2);
      await fill.finished;
      assert.equal((await listIndexedPostIds(db)).length, 7);
      assert.equal(notes.length, 1);
      assert.match(notes[0]!, /filled/);
      // A fill whose every step fails (here: its database gone) retries after seconds; stop() ends it at once.
      await beginIndexFill(db);
      const broken = startIndexFill(
        new Proxy(db, {
          get: (target, key) => (key === 'transaction' ? () => Promise.reject(new Error('away')) : Reflect.get(target, key)),
        }),
        quietLog,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const began = performance.now();
      await broken.stop();
      assert.ok(performance.now() - began < 1000, 'stopped within a second');
    });
  });

  describe(`the search page while the index is filled (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect, { demo: true });
    });
    after(async () => {
      await server?.close();
    });

    it('says some posts may be missing, is kept by no cache, and says nothing once the fill is over', async () => {
      await beginIndexFill(server.db);
      const during = await server.get('/search?q=ledelse');
      assert.equal(during.status, 200);
      assert.match(await during.text(), /class="search-note" role="status">Søgningen bygges op igen/);
      assert.match(during.headers.get('cache-control') ?? '', /no-store/);
      while (!(await fillSearchIndexStep(server.db)).done);
      const afterwards = await server.get('/search?q=ledelse');
      assert.doesNotMatch(await afterwards.text(), /search-note/);
      assert.match(afterwards.headers.get('cache-control') ?? '', /^public/);
    });
  });
}
