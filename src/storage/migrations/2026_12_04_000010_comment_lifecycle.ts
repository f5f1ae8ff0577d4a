import type { Kysely } from 'kysely';

// When the writer last changed a comment's text through their private link: public pages say
// "edited" with this time, so a reply never seems to answer words that were put there later.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('edited_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('edited_at').execute();
}
