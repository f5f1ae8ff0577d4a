/** The search index on SQLite: an FTS5 table of terms folded and stemmed in code, ranked by bm25. */
import { sql, type RawBuilder } from 'kysely';
import type { IndexEntry, IndexQuery, MatchRow, SearchIndex } from '../search-index.js';

// bm25 weights in the table's column order: title, lead, extra, body, facets (which rank nothing).
const WEIGHTS = sql.raw('10.0, 4.0, 2.0, 1.0, 0.0');

/**
 * How many of the newest documents search_fts_recent holds besides search_fts (migration 000104).
 * bm25 counts every match of each query term in its table, once per query, so a word in most posts
 * cost a search time in proportion to the site; in the window that count is bounded by this. A
 * search is answered from the window when it holds RANKED_MATCHES (1,000) matches, i.e. for a word in
 * more than one post in ten at this size. Measured on the bench's site of 100,000 posts (CPU per count
 * and first page): a word in nearly every post cost 4.6 ms with a window of 3,000 and 4.9 ms with
 * 10,000, against 6-7 ms from the whole table, so the window's own count costs little at this size;
 * but a word in one post in six (an author's name) filled only the larger window, and with the smaller
 * one cost 5.9 ms against 4 ms from the whole table, having been ranked in the window in vain first.
 */
export const RECENT_WINDOW = 10_000;

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * An FTS5 query in which every term is a quoted string, so nothing a person types is FTS5 syntax.
 * Facets are tokens that no word can be (migration 000109), so they need no column filter.
 */
export function ftsQuery(query: IndexQuery): string {
  const groups = [
    ...query.groups.map((group) => [...group.terms.map(quote), ...group.prefixes.map((prefix) => `${quote(prefix)} *`)]),
    ...(query.facets ?? []).map((group) => group.map(quote)),
  ];
  return groups.map((group) => `(${group.join(' OR ')})`).join(' AND ');
}

const writeFts = (table: RawBuilder<unknown>, docId: number, { fields, facets }: IndexEntry) =>
  sql`insert into ${table} (rowid, title, lead, extra, body, facets)
    values (${docId}, ${fields.title.join(' ')}, ${fields.lead.join(' ')}, ${fields.extra.join(' ')}, ${fields.body.join(' ')}, ${facets.join(' ')})`;

const FULL = sql.raw('search_fts');
const RECENT = sql.raw('search_fts_recent');

/*
 * search_fts holds every document; search_fts_recent holds exactly those whose doc_id is above the
 * floor kept in search_fts_window, and the floor is never below the newest doc_id less RECENT_WINDOW.
 * doc_id is the rowid of search_documents, so a new document takes the next number: the newest are
 * the highest, which is also the order searches read matches in.
 */
export const sqliteSearchIndex: SearchIndex = {
  async put(db, entry) {
    const { postId, language, bodyText } = entry;
    const { rows } = await sql<{ doc_id: number; floor: number }>`
      insert into search_documents (post_id, language, body_text) values (${postId}, ${language}, ${bodyText})
      on conflict (post_id) do update set language = excluded.language, body_text = excluded.body_text
      returning doc_id, (select floor from search_fts_window) as floor`.execute(db);
    const { doc_id: docId, floor } = rows[0]!;
    await sql`delete from search_fts where rowid = ${docId}`.execute(db);
    await writeFts(FULL, docId, entry).execute(db);
    if (docId > floor) {
      await sql`delete from search_fts_recent where rowid = ${docId}`.execute(db);
      await writeFts(RECENT, docId, entry).execute(db);
    }
    // Only a new document can raise the floor: it is the newest, and an edited one is no newer than
    // the newest, whose arrival already raised the floor as far as it allowed. max(): a writer outside
    // a transaction may have raised it further since it was read, and lowering it would leave out of
    // the window documents already deleted from it.
    const raised = docId - RECENT_WINDOW;
    if (raised > floor) {
      await sql`update search_fts_window set floor = max(floor, ${raised})`.execute(db);
      await sql`delete from search_fts_recent
        where rowid in (select doc_id from search_documents where doc_id > ${floor} and doc_id <= ${raised})`.execute(db);
    }
  },

  async remove(db, postIds) {
    if (postIds.length === 0) return;
    const ids = sql.join(postIds);
    await sql`delete from search_fts where rowid in (select doc_id from search_documents where post_id in (${ids}))`.execute(db);
    await sql`delete from search_fts_recent where rowid in (select doc_id from search_documents
      where post_id in (${ids}) and doc_id > (select floor from search_fts_window))`.execute(db);
    await sql`delete from search_documents where post_id in (${ids})`.execute(db);
    // An empty index starts its numbers again from 1, below any floor: with the floor back at 0 a
    // rebuild (which empties the index first) fills the window as it goes.
    await sql`update search_fts_window set floor = 0 where floor > 0 and not exists (select 1 from search_documents)`.execute(db);
  },

  matches(query, { within, limit, ranked = true }) {
    // bm25 is lower for better matches; negated so that higher ranks first, as on PostgreSQL. FTS5
    // hands its matches over in rowid order, so the newest indexed come first and the limit stops it
    // there; bm25 is worked out only for those, but it counts each term's matches in the whole table
    // once per query.
    const newest = (table: RawBuilder<unknown>) => sql`select d.post_id as post_id,
        ${ranked ? sql`-bm25(${table}, ${WEIGHTS})` : sql`0`} as score
      from ${table} join search_documents d on d.doc_id = ${table}.rowid
      where ${table} match ${ftsQuery(query)}${within ? sql` and ${within(sql.ref('d.post_id'))}` : sql``}`;
    // When the window holds `limit` matches, they are the newest `limit` of all, since every
    // document above the floor is in it; so is any number when the floor is 0 and the window holds
    // everything. The whole table's branch then has a LIMIT of 0, which SQLite checks before reading
    // a row: as a WHERE term the same test was made on every match, so a word in most posts still
    // went through the whole table's matches. When the window falls short, the word is in fewer than
    // one in ten of the newest posts (or the filters keep few of them): its count over the whole table
    // still grows with the site, but some ten times more slowly than a word's in most posts.
    // Ranked in the window, a term weighs by how rare it is among the newest RECENT_WINDOW posts
    // rather than among all: the same matches can come in a slightly different order than from the
    // whole table. An index filled from empty (a new site, a rebuild) with fewer documents than that
    // has them all in both tables, and ranks as before.
    const enough = sql`((select count(*) from recent) >= ${limit} or (select floor from search_fts_window) = 0)`;
    return sql<MatchRow>`(with recent as materialized (${newest(RECENT)} order by search_fts_recent.rowid desc limit ${limit})
      select post_id, score from recent where ${enough}
      union all
      select post_id, score from (${newest(FULL)}
        order by search_fts.rowid desc limit case when ${enough} then 0 else ${limit} end))`.as('matches');
  },
};
