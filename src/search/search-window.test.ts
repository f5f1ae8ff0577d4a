/**
 * SQLite's recent-window index (migration 000104): a search whose newest RANKED_MATCHES matches all lie in
 * the window is ranked there, and must find and count the same posts the whole index would.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openedTestDatabase, migrateTo } from '../../test/support/db.js';
import { buildBlog, buildPerson } from '../../test/support/factories.js';
import { createPosts, deletePost, updatePost } from '../posts/post.service.js';
import { ftsQuery, RECENT_WINDOW, sqliteSearchIndex } from '../storage/dialects/search-sqlite.js';
import { migrateToLatest } from '../storage/migrate.js';
import type { Db } from '../storage/db.js';
import { countMatchingPosts, findMatchingPosts, RANKED_MATCHES, type SearchFilter } from './search.repository.js';
import { isSearchIndexMissing, rebuildSearchIndex } from './search.service.js';
import { parseQuery } from './text-analysis.js';

// More posts than the window holds. Two in five of those after the first OLD have the common word:
// more in the window than a search ranks, and a larger share of the window than of the site, so that
// bm25 weighs the word differently in the two tables (in every post, it would weigh nothing in both).
const POSTS = RECENT_WINDOW + 600;
const OLD = 600;
// One post in this many has the rare word instead: too few in the window for a search to be answered there.
const RARE_EVERY = 100;
const isRare = (i: number) => i > 0 && i % RARE_EVERY === 0;
const isCommon = (i: number) => i > OLD && i % 5 < 2 && !isRare(i);
const titleOf = (i: number) =>
  i === 0 ? 'Gammelt om fjorden' : isRare(i) ? `En sjælden sag ${i}` : isCommon(i) ? `Fjorden nummer ${i}` : `Skoven nummer ${i}`;

/** The newest RANKED_MATCHES published posts that match, read from the whole index as the search did before the window. */
async function fromWholeIndex(db: Db, q: string, blogId?: string): Promise<string[]> {
  const { rows } = await sql<{ post_id: string }>`select d.post_id from search_fts
    join search_documents d on d.doc_id = search_fts.rowid
    join posts p on p.id = d.post_id
    where search_fts match ${ftsQuery(parseQuery(q))} and p.status = 'published' and p.deleted_at is null
      and (${blogId ?? null} is null or p.blog_id = ${blogId ?? null})
    order by search_fts.rowid desc limit ${RANKED_MATCHES}`.execute(db);
  return rows.map((r) => r.post_id);
}

async function search(db: Db, q: string, filter: SearchFilter = {}): Promise<{ count: number; ids: string[] }> {
  const query = parseQuery(q);
  const count = await countMatchingPosts(db, query, filter);
  const found = await findMatchingPosts(db, query, filter, RANKED_MATCHES, 0);
  const ids = found.posts.map((post) => post.id);
  // The ranking counts as it goes, and must count as the count alone does.
  assert.equal(found.total, count);
  return { count, ids };
}

/**
 * Which table ranked the search: bm25 weighs each term by how many documents of its own table hold
 * it, so the two tables give the best match different scores once the window is smaller than the site.
 */
async function rankedBy(db: Db, q: string): Promise<'recent' | 'whole'> {
  const query = parseQuery(q);
  const top = await db
    .selectFrom(sqliteSearchIndex.matches(query, { within: () => sql`1 = 1`, limit: RANKED_MATCHES }))
    .select(['matches.post_id', 'matches.score'])
    .orderBy('matches.score', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const scoreIn = async (table: 'search_fts' | 'search_fts_recent') => {
    const { rows } = await sql<{ score: number }>`select -bm25(${sql.table(table)}, 10.0, 4.0, 2.0, 1.0) as score
      from ${sql.table(table)} where ${sql.table(table)} match ${ftsQuery(query)}
      and rowid = (select doc_id from search_documents where post_id = ${top.post_id})`.execute(db);
    return rows[0]?.score;
  };
  const [recent, whole] = [await scoreIn('search_fts_recent'), await scoreIn('search_fts')];
  assert.notEqual(recent, whole, 'the two tables score alike, so this cannot tell which one ranked');
  if (top.score === recent) return 'recent';
  assert.equal(top.score, whole);
  return 'whole';
}

async function windowState(db: Db): Promise<{ floor: number; top: number; recent: number }> {
  const { rows } = await sql<{ floor: number; top: number; recent: number }>`select
    (select floor from search_fts_window) as floor,
    (select coalesce(max(doc_id), 0) from search_documents) as top,
    (select count(*) from search_fts_recent) as recent`.execute(db);
  return rows[0]!;
}

const sorted = (ids: readonly string[]) => [...ids].sort();

describe('the recent window of the search index (sqlite)', () => {
  const open = openedTestDatabase('sqlite');
  let home: { id: string; slug: string };
  let old: { id: string; slug: string };
  let personId: string;
  let ids: string[];

  before(async () => {
    const db = open.db;
    [home, old] = [await buildBlog(db), await buildBlog(db)];
    personId = (await buildPerson(db)).id;
    const post = (i: number) => {
      const at = new Date(Date.UTC(2010, 0, 1) + i * 3600_000);
      const title = titleOf(i);
      return {
        now: at,
        input: {
          blogId: i === 0 ? old.id : home.id,
          slug: `p-${i}`,
          title,
          status: 'published' as const,
          publishedAt: at,
          authors: [{ personId }],
        },
      };
    };
    const all = Array.from({ length: POSTS + 1 }, (_, i) => post(i));
    ids = [];
    for (let i = 0; i < all.length; i += 500) ids.push(...(await createPosts(db, all.slice(i, i + 500))).map(({ post }) => post.id));
  });

  it('holds the newest RECENT_WINDOW documents', async () => {
    const state = await windowState(open.db);
    assert.deepEqual(state, { floor: state.top - RECENT_WINDOW, top: POSTS + 1, recent: RECENT_WINDOW });
  });

  it('ranks a common word in the window, finding and counting the posts the whole index would', async () => {
    const { count, ids: found } = await search(open.db, 'fjorden');
    const expected = await fromWholeIndex(open.db, 'fjorden');
    assert.equal(expected.length, RANKED_MATCHES);
    assert.equal(count, RANKED_MATCHES);
    assert.deepEqual(sorted(found), sorted(expected));
    assert.equal(await rankedBy(open.db, 'fjorden'), 'recent');
  });

  it('ranks a rare word, too few in the window, in the whole index', async () => {
    const { count, ids: found } = await search(open.db, 'sjælden');
    const expected = await fromWholeIndex(open.db, 'sjælden');
    assert.equal(expected.length, Math.floor(POSTS / RARE_EVERY));
    assert.ok(expected.length < RANKED_MATCHES);
    assert.equal(count, expected.length);
    assert.deepEqual(sorted(found), sorted(expected));
    assert.equal(await rankedBy(open.db, 'sjælden'), 'whole');
  });

  it('reaches an old post through a filter the window cannot satisfy', async () => {
    assert.deepEqual(await search(open.db, 'fjorden', { blogSlug: old.slug }), { count: 1, ids: [ids[0]] });
  });

  it('follows an edit below the floor and one inside the window, and a deleted post', async () => {
    const db = open.db;
    const edit = (i: number, title: string) =>
      updatePost(db, ids[i]!, { blogId: home.id, slug: `p-${i}`, title, status: 'published', authors: [{ personId }] });
    // Post OLD + 1 has the common word and lies far below the floor; the two newest with it are in the window.
    const [newest, next] = Array.from({ length: POSTS + 1 }, (_, i) => i)
      .filter(isCommon)
      .reverse();
    assert.ok(isCommon(OLD + 1));
    await edit(OLD + 1, 'Havnen i en ny overskrift');
    await edit(newest!, 'Havnen, nyeste');
    await deletePost(db, ids[next!]!);

    assert.deepEqual(sorted((await search(db, 'havnen')).ids), sorted([ids[OLD + 1]!, ids[newest!]!]));
    const { count, ids: found } = await search(db, 'fjorden');
    assert.equal(count, RANKED_MATCHES);
    assert.ok(!found.includes(ids[newest!]!) && !found.includes(ids[next!]!) && !found.includes(ids[OLD + 1]!));
    assert.deepEqual(sorted(found), sorted(await fromWholeIndex(db, 'fjorden')));
    assert.equal(await rankedBy(db, 'fjorden'), 'recent');
  });

  it('is built anew after the upgrade to facets, with the window full', async () => {
    const db = open.db;
    assert.equal(await migrateTo(db, '2026_12_05_000103_drop_comments_updated_index'), undefined);
    await migrateToLatest(db, 'sqlite');
    // Migration 000109 empties the index (its tables took a new column), and a start finds it missing.
    assert.deepEqual(await windowState(db), { floor: 0, top: 0, recent: 0 });
    assert.equal(await isSearchIndexMissing(db), true);

    const indexed = await rebuildSearchIndex(db);
    const state = await windowState(db);
    assert.deepEqual(state, { floor: indexed - RECENT_WINDOW, top: indexed, recent: RECENT_WINDOW });
    assert.deepEqual(sorted((await search(db, 'fjorden')).ids), sorted(await fromWholeIndex(db, 'fjorden')));
    assert.equal(await rankedBy(db, 'fjorden'), 'recent');
    assert.deepEqual(sorted((await search(db, 'sjælden')).ids), sorted(await fromWholeIndex(db, 'sjælden')));
    assert.deepEqual(await search(db, 'fjorden', { blogSlug: old.slug }), { count: 1, ids: [ids[0]] });
  });
});
