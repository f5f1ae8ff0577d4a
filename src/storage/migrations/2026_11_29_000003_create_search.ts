import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

// Full-text indexes have no SQL in common, so this migration alone branches on the dialect. Both
// keep one search_documents row per published post with the same three shared columns; the code
// folds and stems the terms itself (search/text-analysis.ts), so both databases match alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Null: the post is written in the site's language.
  await db.schema.alterTable('posts').addColumn('language', 'text').execute();

  if (dialectOf(db) === 'postgres') {
    await db.schema
      .createTable('search_documents')
      .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('body_text', 'text', (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index search_documents_document_idx on search_documents using gin (document)`.execute(db);
    return;
  }

  await db.schema
    .createTable('search_documents')
    // An alias of the rowid, shared with the post's row in search_fts.
    .addColumn('doc_id', 'integer', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().unique().references('posts.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .execute();
  // Contentless: it holds only the index; the texts a snippet needs live in posts and search_documents.
  await sql`create virtual table search_fts using fts5(
    title, lead, extra, body,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
  )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_documents').ifExists().execute();
  await db.schema.alterTable('posts').dropColumn('language').execute();
}
