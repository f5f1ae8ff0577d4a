import type { Kysely } from 'kysely';

// A byline's job title and organisation for one post (issue 13): a guest's title at the time of
// writing, which later changes to their profile must not rewrite. Empty means the person's own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('post_authors')
    .addColumn('job_title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('post_authors')
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('post_authors').dropColumn('organisation').execute();
  await db.schema.alterTable('post_authors').dropColumn('job_title').execute();
}
