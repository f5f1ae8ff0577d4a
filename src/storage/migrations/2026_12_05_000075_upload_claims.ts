import type { Kysely } from 'kysely';

// Background work on an upload (issue 13: AVIF copies made after the upload, not during it) is
// claimed one upload at a time by inserting or taking over an expired row here, in one statement,
// so several instances never encode the same image. A failed attempt stays until it expires and
// counts towards the attempts the job gives up after. No page is made from this table: no trigger.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('upload_claims')
    .ifNotExists()
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('upload_claims_pk', ['upload_id', 'job'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('upload_claims').ifExists().execute();
}
