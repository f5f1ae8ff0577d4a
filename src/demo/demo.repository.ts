/** What the demo loader created, by kind and id: the one list "remove the demo content" trusts. */
import { sql } from 'kysely';
import type { Db } from '../storage/db.js';

export type DemoItemType = 'person' | 'blog' | 'post' | 'comment' | 'upload';

export async function insertDemoItems(db: Db, type: DemoItemType, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    if (chunk.length)
      await db
        .insertInto('demo_items')
        .values(chunk.map((id) => ({ item_type: type, item_id: id })))
        .execute();
  }
}

export async function listDemoItemIds(db: Db, type: DemoItemType): Promise<string[]> {
  return (await db.selectFrom('demo_items').select('item_id').where('item_type', '=', type).execute()).map((r) => r.item_id);
}

export async function deleteDemoItems(db: Db): Promise<void> {
  await db.deleteFrom('demo_items').execute();
}

const demoIds = (db: Db, type: DemoItemType) => db.selectFrom('demo_items').select('item_id').where('item_type', '=', type);

export interface DemoCounts {
  people: number;
  blogs: number;
  posts: number;
  comments: number;
}

/** What the demo loader made that is still there. */
export async function countDemoItems(db: Db): Promise<DemoCounts> {
  const still = async (type: DemoItemType, table: 'people' | 'blogs' | 'posts' | 'comments') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .where('id', 'in', demoIds(db, type))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [people, blogs, posts, comments] = await Promise.all([
    still('person', 'people'),
    still('blog', 'blogs'),
    still('post', 'posts'),
    still('comment', 'comments'),
  ]);
  return { people, blogs, posts, comments };
}

/**
 * The images the demo drew: those it marked, and the featured images of its posts that no one
 * uploaded (a demo loaded before images were marked; only the demo stores an upload without an account).
 */
export async function listDemoUploadIds(db: Db): Promise<string[]> {
  const featured = await db
    .selectFrom('posts')
    .innerJoin('uploads', 'uploads.id', 'posts.featured_upload_id')
    .select('uploads.id')
    .where('posts.id', 'in', demoIds(db, 'post'))
    .where('uploads.account_id', 'is', null)
    .execute();
  return [...new Set([...(await listDemoItemIds(db, 'upload')), ...featured.map((r) => r.id)])];
}

/**
 * Deletes the demo's comments and posts (their authors, tags, links, boxes and revisions go with
 * them), then the demo's blogs that hold no other post and the demo's people that nothing else
 * names. What the site added itself stays, also in a demo blog or naming a demo person.
 */
export async function deleteDemoRows(db: Db): Promise<{ postIds: string[] }> {
  const postIds = (await db.selectFrom('posts').select('id').where('id', 'in', demoIds(db, 'post')).execute()).map((r) => r.id);
  await db.deleteFrom('comments').where('id', 'in', demoIds(db, 'comment')).execute();
  if (postIds.length) await db.deleteFrom('posts').where('id', 'in', postIds).execute();
  await db
    .deleteFrom('blogs')
    .where('id', 'in', demoIds(db, 'blog'))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('posts').select('posts.id').whereRef('posts.blog_id', '=', 'blogs.id'))))
    .execute();
  const unused = (table: 'post_authors' | 'blog_owners' | 'accounts') =>
    db.selectFrom(table).select(`${table}.person_id`).where(`${table}.person_id`, 'is not', null);
  const people = db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', demoIds(db, 'person'))
    .where('id', 'not in', unused('post_authors'))
    .where('id', 'not in', unused('blog_owners'))
    .where('id', 'not in', unused('accounts'));
  for (const person of await people.execute()) {
    // The site's own info boxes that named a demo person keep the name as text.
    await db
      .updateTable('info_box_contacts')
      .set({ name: person.name })
      .where('person_id', '=', person.id)
      .where('name', '=', '')
      .execute();
    await db.deleteFrom('people').where('id', '=', person.id).execute();
  }
  await deleteDemoItems(db);
  return { postIds };
}
