import type { Kysely } from 'kysely';

// Adding a redirect first points the ones leading to its old address at the new one
// (`where to_path = ?`): without an index each addition read the whole table, so an import of a
// large site, which adds several per post, took time growing with the square of its size.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('redirects_to_path_idx').ifNotExists().on('redirects').column('to_path').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('redirects_to_path_idx').ifExists().execute();
}
