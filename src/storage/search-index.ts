/** The full-text index behind one small interface; each dialect's SQL is in dialects/search-*.ts. */
import type { AliasedRawBuilder, Expression, RawBuilder, SqlBool } from 'kysely';
import { dialectOf, type Db } from './db.js';
import { postgresSearchIndex } from './dialects/search-postgres.js';
import { sqliteSearchIndex } from './dialects/search-sqlite.js';

/** The fields of a post in ranking order, each already reduced to index terms (in text order) by the caller. */
export interface IndexFields {
  title: readonly string[];
  lead: readonly string[];
  /** Tags and author names. */
  extra: readonly string[];
  body: readonly string[];
}

export interface IndexEntry {
  postId: string;
  language: string;
  /** Plain text of the body, kept for snippets. */
  bodyText: string;
  fields: IndexFields;
  /**
   * What the post is filed under (its blog, its authors, its year), as tokens of letters and digits
   * that the index keeps apart from its text: a filtered search lets the index intersect them with
   * the words, rather than look through every match of a word for the few the filter keeps.
   */
  facets: readonly string[];
}

/** Every group must match; within a group any term does, or any indexed term starting with one of the prefixes. */
export interface IndexQuery {
  groups: readonly { terms: readonly string[]; prefixes: readonly string[] }[];
  /** Every group must match too, each by any one of its facets (IndexEntry.facets). */
  facets?: readonly (readonly string[])[];
}

export interface MatchRow {
  post_id: string;
  score: number;
}

/** Which matches `matches` ranks. */
export interface MatchScope {
  /** Only posts for which this holds (the filters), given the post id's column; every match when absent. */
  within?: ((postId: RawBuilder<string>) => Expression<SqlBool>) | undefined;
  /**
   * At most this many, the newest indexed first: ranking every match grows with the site (a word in
   * most posts of 100,000 cost seconds), so a search ranks the newest this many that match.
   */
  limit: number;
  /**
   * False when only the count matters: FTS5's bm25 counts every match of each term, once per
   * query, which grows with the site.
   */
  ranked?: boolean;
}

export interface SearchIndex {
  /** Stores a post's entry, replacing any it had. */
  put(db: Db, entry: IndexEntry): Promise<void>;
  remove(db: Db, postIds: readonly string[]): Promise<void>;
  /**
   * A table `matches(post_id, score)` of the posts in `scope` that match `query`, to join: a higher
   * score is more relevant, ranking title > lead > extra > body. `query` must have at least one group.
   */
  matches(query: IndexQuery, scope: MatchScope): AliasedRawBuilder<MatchRow, 'matches'>;
}

export function searchIndexFor(db: Db): SearchIndex {
  return dialectOf(db) === 'postgres' ? postgresSearchIndex : sqliteSearchIndex;
}
