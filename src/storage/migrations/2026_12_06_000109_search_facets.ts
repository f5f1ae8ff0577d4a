import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from '../db.js';

// Issue 16: a search filtered by blog, author or year went through every match of its words and
// looked each up in posts until it had enough that the filter kept. For a word in most posts and a
// filter that kept few of them (an old year, a small blog, a blog that does not exist), that was
// every match: a third of a second on 100,000 posts, for anyone who asks. The index now keeps each
// post's facets (search-index.ts) apart from its text, where the database intersects them with the
// words: a fifth FTS5 column on SQLite, lexemes of the document's tsvector on PostgreSQL.
//
// An FTS5 table takes no new column and the contentless one keeps no text to fill it from, so the
// index is emptied: at the next start the application finds it missing and builds it anew from
// the posts (app.ts), as it does for a restored database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL keeps them in the document's tsvector, as lexemes no word can be (dialects/search-postgres.ts):
  // its GIN index then gives the posts that have both, where an array with an index of its own left the
  // words to be checked in every document of the facet.
  if (dialectOf(db) === 'postgres') {
    await sql`delete from search_documents`.execute(db);
    return;
  }
  // "_" joins the letters of a token, so a facet ("_y2019") is one token, which no word of a text or
  // of a query can be: they are letters and digits only (text-analysis.ts). A search then needs no
  // column filter, which cost a fifth more on a word in most posts.
  await emptyFtsTables(db, sql`title, lead, extra, body, facets`, `unicode61 remove_diacritics 0 tokenchars '_'`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`delete from search_documents`.execute(db);
    return;
  }
  await emptyFtsTables(db, sql`title, lead, extra, body`, 'unicode61 remove_diacritics 0');
}

/** Both FTS5 tables made anew with these columns and tokenizer, and the index emptied for a rebuild. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function emptyFtsTables(db: Kysely<any>, columns: RawBuilder<unknown>, tokenize: string): Promise<void> {
  for (const table of ['search_fts', 'search_fts_recent']) {
    await sql`drop table ${sql.raw(table)}`.execute(db);
    await sql`create virtual table ${sql.raw(table)} using fts5(
      ${columns}, content = '', contentless_delete = 1, tokenize = ${sql.raw(`"${tokenize}"`)}
    )`.execute(db);
  }
  await sql`delete from search_documents`.execute(db);
  await sql`update search_fts_window set floor = 0`.execute(db);
}
