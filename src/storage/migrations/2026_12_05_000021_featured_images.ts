import type { Kysely } from 'kysely';

// A post's featured image (issue 13): the upload it shows, and the words that go with it. Alt text
// belongs to this use of the image (the same photo may say different things in two posts), so it is
// kept here beside the caption and the credit; an empty featured_upload_id means no image. Columns on
// posts, so the triggers that tell the page caches about a changed post cover them too.
// A person's photo needs nothing new: people.avatar_path names the uploaded file (/uploads/<file>).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('featured_upload_id', 'text').execute();
  await db.schema
    .alterTable('posts')
    .addColumn('featured_alt', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('posts')
    .addColumn('featured_caption', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('posts')
    .addColumn('featured_credit', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('posts_featured_upload_idx').on('posts').column('featured_upload_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('posts_featured_upload_idx').ifExists().execute();
  for (const column of ['featured_credit', 'featured_caption', 'featured_alt', 'featured_upload_id'])
    await db.schema.alterTable('posts').dropColumn(column).execute();
}
