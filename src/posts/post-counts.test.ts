import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import type { Db } from '../storage/db.js';
import { createPosts, deletePost, listPublishedPosts, listTopTags, publishScheduledPost, updatePost } from './post.service.js';
import type { PostInput } from './post.js';

type Counts = Record<string, number>;
const record = (rows: { slug: string; posts: number | string }[]): Counts =>
  Object.fromEntries(rows.map((r) => [r.slug, Number(r.posts)]).sort(([a], [b]) => String(a).localeCompare(String(b))));

/** Published posts per tag and per blog as kept by the database, and as counted from the rows: they must agree. */
async function countsBothWays(db: Db): Promise<{ kept: Counts; counted: Counts; keptBlogs: Counts; countedBlogs: Counts }> {
  const kept = await sql<{ slug: string; posts: number | string }>`select t.slug, c.posts from tag_post_counts c
    join tags t on t.id = c.tag_id where c.posts <> 0`.execute(db);
  const counted = await sql<{ slug: string; posts: number | string }>`select t.slug, count(*) as posts from post_tags pt
    join tags t on t.id = pt.tag_id join posts p on p.id = pt.post_id
    where p.status = 'published' and p.deleted_at is null group by t.slug`.execute(db);
  const keptBlogs = await sql<{ slug: string; posts: number | string }>`select b.slug, c.posts from blog_post_counts c
    join blogs b on b.id = c.blog_id where c.posts <> 0`.execute(db);
  const countedBlogs = await sql<{ slug: string; posts: number | string }>`select b.slug, count(*) as posts from posts p
    join blogs b on b.id = p.blog_id where p.status = 'published' and p.deleted_at is null group by b.slug`.execute(db);
  return {
    kept: record(kept.rows),
    counted: record(counted.rows),
    keptBlogs: record(keptBlogs.rows),
    countedBlogs: record(countedBlogs.rows),
  };
}

for (const dialect of DIALECTS) {
  describe(`post counts per tag and per blog kept by the database (${dialect})`, () => {
    const open = openedTestDatabase(dialect);
    const assertExact = async (after: string, expected: Counts) => {
      const { kept, counted, keptBlogs, countedBlogs } = await countsBothWays(open.db);
      assert.deepEqual(counted, expected, `the rows after ${after}`);
      assert.deepEqual(kept, counted, `kept tag counts after ${after}`);
      assert.deepEqual(keptBlogs, countedBlogs, `kept blog counts after ${after}`);
    };

    it('stay exact through publish, unpublish, tag edits, scheduling, deletion and plain SQL', async () => {
      const blog = await buildBlog(open.db);
      const person = await buildPerson(open.db);
      const base = (tags: string[], status: PostInput['status'] = 'published'): PostInput => ({
        blogId: blog.id,
        title: 'Om havnen',
        status,
        publishedAt: new Date(Date.now() - 60_000),
        authors: [{ personId: person.id }],
        tags,
      });
      const a = await buildPost(open.db, base(['havn', 'sommer']));
      const b = await buildPost(open.db, base(['havn']));
      await buildPost(open.db, base(['havn', 'vinter'], 'draft'));
      await assertExact('creating two published posts and a draft', { havn: 2, sommer: 1 });

      await updatePost(open.db, a.id, { ...base(['sommer', 'vinter']), slug: a.slug });
      await assertExact('editing the tags', { havn: 1, sommer: 1, vinter: 1 });

      await updatePost(open.db, b.id, { ...base(['havn'], 'draft'), slug: b.slug });
      await assertExact('unpublishing', { sommer: 1, vinter: 1 });
      await updatePost(open.db, b.id, { ...base(['havn', 'sommer']), slug: b.slug });
      await assertExact('publishing again with another tag', { havn: 1, sommer: 2, vinter: 1 });

      const scheduled = await buildPost(open.db, { ...base(['havn'], 'scheduled'), publishedAt: new Date(Date.now() + 3600_000) });
      await assertExact('scheduling', { havn: 1, sommer: 2, vinter: 1 });
      await publishScheduledPost(open.db, scheduled.id, new Date());
      await assertExact('a scheduled post coming out', { havn: 2, sommer: 2, vinter: 1 });

      const other = await buildBlog(open.db);
      await updatePost(open.db, b.id, { ...base(['havn', 'sommer']), blogId: other.id, slug: b.slug });
      await assertExact('moving a post to another blog', { havn: 2, sommer: 2, vinter: 1 });
      assert.equal((await countsBothWays(open.db)).keptBlogs[other.slug], 1);

      await deletePost(open.db, a.id);
      await assertExact('deleting a post for readers', { havn: 2, sommer: 1 });

      const now = new Date();
      await createPosts(open.db, [
        { input: { ...base(['fjord', 'havn']), slug: 'batch-1' }, now },
        { input: { ...base(['fjord'], 'draft'), slug: 'batch-2' }, now },
      ]);
      await assertExact('a batch', { fjord: 1, havn: 3, sommer: 1 });

      await sql`delete from posts where id = ${b.id}`.execute(open.db);
      await assertExact('removing a post for good (its tags by cascade)', { fjord: 1, havn: 2 });
      await sql`delete from posts where id = ${a.id}`.execute(open.db);
      await assertExact('removing a deleted post for good', { fjord: 1, havn: 2 });

      await sql`update post_tags set tag_id = (select id from tags where slug = 'vinter')
        where post_id = ${scheduled.id}`.execute(open.db);
      await assertExact('moving a post to another tag by hand', { fjord: 1, havn: 1, vinter: 1 });

      await sql`delete from tags where slug = 'fjord'`.execute(open.db);
      await assertExact('deleting a tag', { havn: 1, vinter: 1 });

      // The pagers read the kept counts.
      const { countedBlogs } = await countsBothWays(open.db);
      const total = Object.values(countedBlogs).reduce((sum, n) => sum + n, 0);
      assert.equal((await listPublishedPosts(open.db, {}, 1, 10)).total, total);
      assert.equal((await listPublishedPosts(open.db, { blogId: blog.id }, 1, 10)).total, countedBlogs[blog.slug]);
      const havn = (await listTopTags(open.db, 100)).find((tag) => tag.slug === 'havn')!;
      assert.equal((await listPublishedPosts(open.db, { tagId: havn.id }, 1, 10)).total, 1);
    });

    it('offers the most used tags first, ties by name, from the kept counts', async () => {
      const blog = await buildBlog(open.db);
      const person = await buildPerson(open.db);
      const post = (tags: string[]) =>
        buildPost(open.db, { blogId: blog.id, authors: [{ personId: person.id }], tags: tags.map((t) => `emne-${t}`) });
      await post(['c', 'b']);
      await post(['c', 'a']);
      await post(['c']);
      const top = (await listTopTags(open.db, 20)).map((t) => t.slug).filter((slug) => slug.startsWith('emne-'));
      assert.deepEqual(top, ['emne-c', 'emne-a', 'emne-b']);
    });
  });
}
