/** The followers' tables: who follows what, which post mails were queued, and each post's fan-out. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../storage/db.js';
import { foldedContains } from '../storage/text-match.js';
import type { FollowerFanoutTable, FollowerTable, FollowerTopicTable, TopicKind } from './follower.table.js';

export type FollowerRow = Selectable<FollowerTable>;
export type TopicRow = Selectable<FollowerTopicTable>;
export type FanoutRow = Selectable<FollowerFanoutTable>;

export async function findFollowerByEmailHash(db: Db, emailHash: string): Promise<FollowerRow | undefined> {
  return db.selectFrom('followers').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();
}

export async function findFollowerById(db: Db, id: string): Promise<FollowerRow | undefined> {
  return db.selectFrom('followers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts the follower unless the address is there already; returns the row now stored. */
export async function insertFollowerIfMissing(db: Db, row: Insertable<FollowerTable>): Promise<FollowerRow> {
  await db
    .insertInto('followers')
    .values(row)
    .onConflict((oc) => oc.column('email_hash').doNothing())
    .execute();
  return (await findFollowerByEmailHash(db, row.email_hash))!;
}

export async function updateFollower(
  db: Db,
  id: string,
  changes: Partial<Omit<FollowerRow, 'id' | 'email' | 'email_hash' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('followers').set(changes).where('id', '=', id).execute();
}

/** Sets confirm_sent_at to `at` unless a confirmation went out after `notBefore`; true when this call may send one. */
export async function claimConfirmationSlot(db: Db, id: string, at: string, notBefore: string): Promise<boolean> {
  const result = await db
    .updateTable('followers')
    .set({ confirm_sent_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('confirm_sent_at', 'is', null), eb('confirm_sent_at', '<=', notBefore)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// Rows per multi-row statement: well under both databases' limits on bound parameters.
const CHUNK = 500;

export async function insertTopics(db: Db, rows: readonly Insertable<FollowerTopicTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('follower_topics')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['follower_id', 'kind', 'target_id']).doNothing())
      .execute();
  }
}

/** The ids of the followers with these address hashes, by hash (a statement per 500). */
export async function findFollowerIdsByEmailHashes(db: Db, hashes: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const rows = await db
      .selectFrom('followers')
      .select(['id', 'email_hash'])
      .where('email_hash', 'in', hashes.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) ids.set(row.email_hash, row.id);
  }
  return ids;
}

/** Inserts followers whose address is not here yet (a statement per 500); an address already here is left as it is. */
export async function insertFollowersIfMissing(db: Db, rows: readonly Insertable<FollowerTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('followers')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column('email_hash').doNothing())
      .execute();
  }
}

export async function confirmTopics(db: Db, followerId: string, at: string): Promise<void> {
  await db
    .updateTable('follower_topics')
    .set({ confirmed_at: at })
    .where('follower_id', '=', followerId)
    .where('confirmed_at', 'is', null)
    .execute();
}

export async function listTopics(db: Db, followerId: string): Promise<TopicRow[]> {
  return db.selectFrom('follower_topics').selectAll().where('follower_id', '=', followerId).orderBy('created_at').orderBy('kind').execute();
}

/** The topics of many followers at once, by follower id (one query per 500 followers). */
export async function listTopicsOfFollowers(db: Db, followerIds: readonly string[]): Promise<Map<string, TopicRow[]>> {
  const topics = new Map<string, TopicRow[]>();
  for (let i = 0; i < followerIds.length; i += 500) {
    const rows = await db
      .selectFrom('follower_topics')
      .selectAll()
      .where('follower_id', 'in', followerIds.slice(i, i + 500))
      .orderBy('created_at')
      .orderBy('kind')
      .execute();
    for (const row of rows) topics.set(row.follower_id, [...(topics.get(row.follower_id) ?? []), row]);
  }
  return topics;
}

/** Marks the week's digest done for these followers. */
export async function markDigestsSent(db: Db, followerIds: readonly string[], at: string): Promise<void> {
  for (let i = 0; i < followerIds.length; i += 500) {
    await db
      .updateTable('followers')
      .set({ digest_sent_at: at })
      .where('id', 'in', followerIds.slice(i, i + 500))
      .execute();
  }
}

export async function deleteTopic(db: Db, followerId: string, kind: TopicKind, targetId: string): Promise<void> {
  await db
    .deleteFrom('follower_topics')
    .where('follower_id', '=', followerId)
    .where('kind', '=', kind)
    .where('target_id', '=', targetId)
    .execute();
}

/** Removes a follower with everything kept about them; their outbox mail is the caller's to forget. */
export async function deleteFollower(db: Db, id: string): Promise<void> {
  await db.deleteFrom('follower_topics').where('follower_id', '=', id).execute();
  await db.deleteFrom('follower_deliveries').where('follower_id', '=', id).execute();
  await db.deleteFrom('followers').where('id', '=', id).execute();
}

/** Starts (or starts again, after an unpublish) a post's fan-out; what was queued before stays queued. */
export async function openFanout(db: Db, postId: string, at: string): Promise<void> {
  await db
    .insertInto('follower_fanouts')
    .values({ post_id: postId, queued_at: at, cursor: '', queued_count: 0, done_at: null, cancelled_at: null })
    .onConflict((oc) => oc.column('post_id').doUpdateSet({ cursor: '', done_at: null, cancelled_at: null }))
    .execute();
}

export async function findFanout(db: Db, postId: string): Promise<FanoutRow | undefined> {
  return db.selectFrom('follower_fanouts').selectAll().where('post_id', '=', postId).executeTakeFirst();
}

export async function listOpenFanouts(db: Db, limit: number): Promise<FanoutRow[]> {
  return db
    .selectFrom('follower_fanouts')
    .selectAll()
    .where('done_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('queued_at')
    .limit(limit)
    .execute();
}

export async function updateFanout(db: Db, postId: string, changes: Partial<Omit<FanoutRow, 'post_id'>>): Promise<void> {
  await db.updateTable('follower_fanouts').set(changes).where('post_id', '=', postId).execute();
}

export interface PostMatch {
  postId: string;
  blogId: string;
  authorIds: readonly string[];
  tagIds: readonly string[];
}

/**
 * Confirmed followers of one post's site, blog, authors or tags who want each post, after `afterId`
 * in id order, and not yet queued for it: each follower once, however many of their topics match.
 */
export async function findFollowersForPost(
  db: Db,
  match: PostMatch,
  afterId: string,
  limit: number,
): Promise<Pick<FollowerRow, 'id' | 'email'>[]> {
  return db
    .selectFrom('followers as f')
    .select(['f.id', 'f.email'])
    .where('f.status', '=', 'confirmed')
    .where('f.frequency', '=', 'each')
    .where('f.id', '>', afterId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('follower_topics as t')
          .select('t.follower_id')
          .whereRef('t.follower_id', '=', 'f.id')
          .where('t.confirmed_at', 'is not', null)
          .where((w) =>
            w.or([
              w('t.kind', '=', 'site'),
              w.and([w('t.kind', '=', 'blog'), w('t.target_id', '=', match.blogId)]),
              ...(match.authorIds.length ? [w.and([w('t.kind', '=', 'author'), w('t.target_id', 'in', [...match.authorIds])])] : []),
              ...(match.tagIds.length ? [w.and([w('t.kind', '=', 'tag'), w('t.target_id', 'in', [...match.tagIds])])] : []),
            ]),
          ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('follower_deliveries as d')
            .select('d.follower_id')
            .whereRef('d.follower_id', '=', 'f.id')
            .where('d.post_id', '=', match.postId),
        ),
      ),
    )
    .orderBy('f.id')
    .limit(limit)
    .execute();
}

export async function insertDeliveries(
  db: Db,
  rows: readonly { follower_id: string; post_id: string; outbox_id: string; created_at: string }[],
) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('follower_deliveries')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function listDeliveryOutboxIds(db: Db, postId: string): Promise<string[]> {
  return (await db.selectFrom('follower_deliveries').select('outbox_id').where('post_id', '=', postId).execute()).map((r) => r.outbox_id);
}

/** Forgets deliveries whose mail was withdrawn, so a post published again mails those followers after all. */
export async function deleteDeliveries(db: Db, postId: string, outboxIds: readonly string[]): Promise<void> {
  for (let i = 0; i < outboxIds.length; i += 500) {
    await db
      .deleteFrom('follower_deliveries')
      .where('post_id', '=', postId)
      .where('outbox_id', 'in', outboxIds.slice(i, i + 500))
      .execute();
  }
}

/** Unsent post mails to one follower (to withdraw when they stop). */
export async function listFollowerOutboxIds(db: Db, followerId: string): Promise<string[]> {
  return (await db.selectFrom('follower_deliveries').select('outbox_id').where('follower_id', '=', followerId).execute()).map(
    (r) => r.outbox_id,
  );
}

/** Confirmed weekly followers whose last digest is older than `before` (or who never had one). */
export async function listDigestFollowersDue(db: Db, before: string, limit: number): Promise<FollowerRow[]> {
  return db
    .selectFrom('followers')
    .selectAll()
    .where('status', '=', 'confirmed')
    .where('frequency', '=', 'weekly')
    .where((eb) => eb.or([eb('digest_sent_at', 'is', null), eb('digest_sent_at', '<=', before)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countFollowerRows(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('followers')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Followers per topic, counting the confirmed ones apart. */
export async function countFollowersByTopic(db: Db): Promise<{ kind: TopicKind; targetId: string; confirmed: number; pending: number }[]> {
  const rows = await db
    .selectFrom('follower_topics as t')
    .innerJoin('followers as f', 'f.id', 't.follower_id')
    .select((eb) => [
      't.kind',
      't.target_id',
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(eb.and([eb('f.status', '=', 'confirmed'), eb('t.confirmed_at', 'is not', null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('confirmed'),
      eb.fn.countAll<number | string>().as('all'),
    ])
    .groupBy(['t.kind', 't.target_id'])
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    targetId: r.target_id,
    confirmed: Number(r.confirmed),
    pending: Number(r.all) - Number(r.confirmed),
  }));
}

/** Each follower's topics, read for all of them in one query. */
async function withTopics(db: Db, followers: FollowerRow[]): Promise<(FollowerRow & { topics: TopicRow[] })[]> {
  const topics = await listTopicsOfFollowers(
    db,
    followers.map((f) => f.id),
  );
  return followers.map((f) => ({ ...f, topics: topics.get(f.id) ?? [] }));
}

/**
 * Up to `limit` followers with their topics, newest id first, from just before `beforeId` (all when
 * undefined): the CSV export walks the table page by page, never holding more than one page.
 */
export async function pageFollowersForExport(
  db: Db,
  beforeId: string | undefined,
  limit: number,
): Promise<(FollowerRow & { topics: TopicRow[] })[]> {
  let query = db.selectFrom('followers').selectAll().orderBy('id', 'desc').limit(limit);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return withTopics(db, await query.execute());
}

/** One page of followers, newest first, optionally only those whose address contains `search` (folded). */
export async function pageFollowersWithTopics(
  db: Db,
  options: { search: string; offset: number; limit: number },
): Promise<{ rows: (FollowerRow & { topics: TopicRow[] })[]; total: number }> {
  const base = () => {
    let query = db.selectFrom('followers');
    if (options.search) query = query.where(foldedContains('followers.email', options.search));
    return query;
  };
  const { count } = await base()
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  const followers = await base()
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return { rows: await withTopics(db, followers), total: Number(count) };
}
