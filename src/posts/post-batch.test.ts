import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { buildBlog, buildPerson } from '../../test/support/factories.js';
import { searchPosts } from '../search/search.service.js';
import { getEditablePost, recordFirstRevision, recordFirstRevisions, snapshotOf } from './post-admin.service.js';
import { getRevision, listRevisions } from './post-revision.service.js';
import { createPost, createPosts, type NewPost } from './post.service.js';
import { AppError } from '../errors.js';

for (const dialect of DIALECTS) {
  describe(`createPosts (${dialect})`, () => {
    const open = openedTestDatabase(dialect);

    const firstSnapshot = async (postId: string) => {
      const [revision] = await listRevisions(open.db, postId);
      return (await getRevision(open.db, postId, revision!.id)).snapshot;
    };

    it('stores what createPost and recordFirstRevision store, tags spelled as already stored', async () => {
      const blog = await buildBlog(open.db);
      const person = await buildPerson(open.db);
      const now = new Date('2015-03-01T10:00:00Z');
      const input = (slug: string): NewPost => ({
        blogId: blog.id,
        title: ' Havnebadet åbner ',
        slug,
        lead: 'Vandet er 18 grader',
        body: '## Om badet\n\nKom og bad.',
        status: 'published',
        publishedAt: now,
        authors: [{ personId: person.id, bylineNote: ' gæst ' }],
        tags: ['Havn', 'havn', 'Sommer'],
        commentsOpen: false,
        language: 'en-GB',
      });
      await createPost(open.db, { ...input('enkelt'), tags: ['HAVN'] }, now);
      const single = await createPost(open.db, input('en-ad-gangen'), now);
      await recordFirstRevision(open.db, single.id, now);
      const [batched] = await createPosts(open.db, [{ input: input('i-batch'), now }]);
      await recordFirstRevisions(open.db, [batched!], now);

      const strip = ({ id: _id, slug: _slug, ...rest }: Awaited<ReturnType<typeof getEditablePost>>) => rest;
      assert.deepEqual(strip(await getEditablePost(open.db, batched!.post.id)), strip(await getEditablePost(open.db, single.id)));
      assert.deepEqual((await getEditablePost(open.db, batched!.post.id)).tags, ['HAVN', 'Sommer']);
      assert.deepEqual(
        { ...(await firstSnapshot(batched!.post.id)), slug: '' },
        { ...snapshotOf(await getEditablePost(open.db, single.id)), slug: '' },
      );
      assert.deepEqual({ ...(await firstSnapshot(batched!.post.id)), slug: '' }, { ...(await firstSnapshot(single.id)), slug: '' });
      const found = await searchPosts(open.db, { q: 'havnebadet', page: 1 });
      assert.ok(found.hits.some((hit) => hit.id === batched!.post.id));
    });

    it('refuses a slug the blog has, or one given twice, and stores none of the batch', async () => {
      const blog = await buildBlog(open.db);
      const person = await buildPerson(open.db);
      const now = new Date();
      const input = (slug: string): NewPost => ({ blogId: blog.id, title: 'T', slug, status: 'draft', authors: [{ personId: person.id }] });
      await createPosts(open.db, [{ input: input('findes'), now }]);
      for (const batch of [
        [input('ny'), input('findes')],
        [input('to-gange'), input('to-gange')],
      ]) {
        await assert.rejects(
          createPosts(
            open.db,
            batch.map((i) => ({ input: i, now })),
          ),
          (error: unknown) => error instanceof AppError && error.code === 'conflict',
        );
      }
      const slugs = await open.db.selectFrom('posts').select('slug').where('blog_id', '=', blog.id).execute();
      assert.deepEqual(
        slugs.map((r) => r.slug),
        ['findes'],
      );
    });
  });
}
