/** The search index on SQLite: an FTS5 table of terms folded and stemmed in code, ranked by bm25. */
import { sql } from 'kysely';
import type { IndexQuery, MatchRow, SearchIndex } from '../search-index.js';

// bm25 weights in the table's column order: title, lead, extra, body.
const WEIGHTS = sql.raw('10.0, 4.0, 2.0, 1.0');

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** An FTS5 query in which every term is a quoted string, so nothing a person types is FTS5 syntax. */
export function ftsQuery(query: IndexQuery): string {
  return query.groups
    .map((group) => `(${[...group.terms.map(quote), ...group.prefixes.map((prefix) => `${quote(prefix)} *`)].join(' OR ')})`)
    .join(' AND ');
}

export const sqliteSearchIndex: SearchIndex = {
  async put(db, { postId, language, bodyText, fields }) {
    const { rows } = await sql<{ doc_id: number }>`
      insert into search_documents (post_id, language, body_text) values (${postId}, ${language}, ${bodyText})
      on conflict (post_id) do update set language = excluded.language, body_text = excluded.body_text
      returning doc_id`.execute(db);
    const docId = rows[0]!.doc_id;
    await sql`delete from search_fts where rowid = ${docId}`.execute(db);
    await sql`insert into search_fts (rowid, title, lead, extra, body)
      values (${docId}, ${fields.title.join(' ')}, ${fields.lead.join(' ')}, ${fields.extra.join(' ')}, ${fields.body.join(' ')})`.execute(
      db,
    );
  },

  async remove(db, postIds) {
    if (postIds.length === 0) return;
    const ids = sql.join(postIds);
    await sql`delete from search_fts where rowid in (select doc_id from search_documents where post_id in (${ids}))`.execute(db);
    await sql`delete from search_documents where post_id in (${ids})`.execute(db);
  },

  matches(query, { within, limit, ranked = true }) {
    // bm25 is lower for better matches; negated so that higher ranks first, as on PostgreSQL. FTS5
    // hands its matches over in rowid order, so the newest indexed come first and the limit stops it
    // there; bm25 is worked out only for those (though it still counts each term's matches once per query).
    const score = ranked ? sql`-bm25(search_fts, ${WEIGHTS})` : sql`0`;
    return sql<MatchRow>`(select d.post_id as post_id, ${score} as score
      from search_fts join search_documents d on d.doc_id = search_fts.rowid
      where search_fts match ${ftsQuery(query)} and ${within(sql.ref('d.post_id'))}
      order by search_fts.rowid desc limit ${limit})`.as('matches');
  },
};
