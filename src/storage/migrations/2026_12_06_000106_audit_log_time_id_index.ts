import type { Kysely } from 'kysely';

// The audit log is read newest first by time and then id, and the CSV export reads it in batches,
// each from where the last one ended. With an index on the time alone, the cursor's "earlier, or as
// early with a lower id" could not be a range: each batch read every newer entry again, so a long
// log's export took time growing with the square of its length. With the id in the index, each
// batch is a range from the cursor. The index on the time alone serves nothing this one does not.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_at_id_idx').ifNotExists().on('audit_log').columns(['at', 'id']).execute();
  await db.schema.dropIndex('audit_log_at_idx').ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_at_idx').ifNotExists().on('audit_log').columns(['at']).execute();
  await db.schema.dropIndex('audit_log_at_id_idx').ifExists().execute();
}
