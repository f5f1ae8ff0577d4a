import type { Kysely } from 'kysely';

// Readers who follow the site, a blog, an author or a tag by e-mail (issue 19). follower_topics
// says what each follows (target_id '' for the whole site); follower_deliveries is the
// idempotency key of a post's mail to one follower; follower_fanouts tracks a published post's
// mails as they are queued in batches, so a restart resumes where it stopped. outbox.html_body
// lets a mail carry an HTML part beside its plain text.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('followers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('confirm_sent_at', 'text')
    .addColumn('stopped_at', 'text')
    .addColumn('consent_source', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'text')
    .addColumn('digest_sent_at', 'text')
    .execute();
  await db.schema.createIndex('followers_status_idx').on('followers').columns(['status', 'frequency', 'id']).execute();
  await db.schema
    .createTable('follower_topics')
    .addColumn('follower_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addPrimaryKeyConstraint('follower_topics_pk', ['follower_id', 'kind', 'target_id'])
    .execute();
  await db.schema.createIndex('follower_topics_target_idx').on('follower_topics').columns(['kind', 'target_id']).execute();
  await db.schema
    .createTable('follower_deliveries')
    .addColumn('follower_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('follower_deliveries_pk', ['follower_id', 'post_id'])
    .execute();
  await db.schema.createIndex('follower_deliveries_post_idx').on('follower_deliveries').columns(['post_id']).execute();
  await db.schema
    .createTable('follower_fanouts')
    .addColumn('post_id', 'text', (c) => c.primaryKey())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('queued_count', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema.alterTable('outbox').addColumn('html_body', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('html_body').execute();
  await db.schema.dropTable('follower_fanouts').execute();
  await db.schema.dropTable('follower_deliveries').execute();
  await db.schema.dropTable('follower_topics').execute();
  await db.schema.dropTable('followers').execute();
}
