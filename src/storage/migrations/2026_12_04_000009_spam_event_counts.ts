import { sql, type Kysely } from 'kysely';

// spam_events held one row per stopped submission, so one client without a token could add
// thousands of rows a second. Counts per day, layer, outcome and post stay small: each new
// event adds one to its row. The id is that key written out, so the upsert needs no unique
// index over a nullable column (which SQLite and PostgreSQL treat alike only as distinct).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('spam_event_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spam_event_counts_day_idx').on('spam_event_counts').columns(['day']).execute();

  // The counts so far carry over; the events were only ever read as counts.
  const day = sql`substr(created_at, 1, 10)`;
  await sql`
    insert into spam_event_counts (id, day, layer, outcome, post_id, count)
    select ${day} || '|' || layer || '|' || outcome || '|' || coalesce(post_id, ''), ${day}, layer, outcome, post_id, count(*)
    from spam_events group by ${day}, layer, outcome, post_id`.execute(db);
  await db.schema.dropTable('spam_events').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('spam_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spam_events_layer_idx').on('spam_events').columns(['layer', 'outcome']).execute();
  await db.schema.dropTable('spam_event_counts').execute();
}
