import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

// SQLite only: bm25 weighs each term by its matches in the whole table, once per query, so a word in
// most posts cost a search time in proportion to the site (issue 16). search_fts_recent is a second
// FTS5 table over the newest documents only, where such a word can be ranked (dialects/search-sqlite.ts).
// PostgreSQL ranks only the rows it reads and needs no such table.
//
// The contentless search_fts keeps no text to copy from, so the window starts empty with its floor at
// the newest document: every document above the floor (none yet) is in it, which is all a search
// relies on. Documents indexed from now on fill it; a rebuild fills it at once.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`create virtual table search_fts_recent using fts5(
    title, lead, extra, body,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
  )`.execute(db);
  // One row. Named with the prefix of the FTS5 tables, which the export leaves out with them.
  await sql`create table search_fts_window (floor integer not null)`.execute(db);
  await sql`insert into search_fts_window (floor) select coalesce(max(doc_id), 0) from search_documents`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`drop table if exists search_fts_window`.execute(db);
  await sql`drop table if exists search_fts_recent`.execute(db);
}
