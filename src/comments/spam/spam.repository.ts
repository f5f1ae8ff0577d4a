import { sql, type QueryCreator, type SelectQueryBuilder } from 'kysely';
import { compiledStatement, writesInWith } from '../../storage/compiled-statement.js';
import type { Database } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import { newId } from '../../shared/ids.js';
import type { BlocklistTable } from '../comment.table.js';
import type { Blocklist } from './spam-rules.js';

/** Records a spent question token; false when it was spent before (a replay). */
export async function spendToken(db: Db, nonce: string, expiresAt: Date): Promise<boolean> {
  const result = await spendTokenStatement(db, nonce, expiresAt.toISOString());
  return Number(result.numAffectedRows ?? 0n) === 1;
}

// The statements every comment sent through the form runs are built once (compiled-statement.ts).
const spendTokenStatement = compiledStatement((db: Db, nonce: string, expiresAt: string) =>
  db
    .insertInto('used_question_tokens')
    .values({ nonce, expires_at: expiresAt })
    .onConflict((oc) => oc.column('nonce').doNothing()),
);

export async function forgetExpiredTokens(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('used_question_tokens').where('expires_at', '<', now.toISOString()).execute();
}

/**
 * Counts one hit for `key` in a fixed window and returns the count so far. One atomic upsert,
 * so concurrent requests on several instances cannot both slip under the limit.
 */
export async function hitRateLimit(db: Db, key: string, now: Date, windowMs: number): Promise<number> {
  return (await hitRateLimits(db, [key], now, windowMs)).get(key) ?? 0;
}

/** Counts a hit in each of these windows (distinct keys) in one statement; the hits in each window so far, by key. */
export async function hitRateLimits(db: Db, keys: readonly string[], now: Date, windowMs: number): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const at = now.toISOString();
  const windowOpenedAfter = new Date(now.getTime() - windowMs).toISOString();
  const { rows } = await hitRateLimitsStatement(db, keys, at, windowOpenedAfter);
  return new Map(rows.map((row) => [row.key, Number(row.hits)]));
}

const hitRateLimitsStatement = compiledStatement((db: Db, keys: readonly string[], at: string, windowOpenedAfter: string) =>
  rateLimitHits(db, keys, at, windowOpenedAfter),
);

/** The upsert hitRateLimits runs, for a statement that does more besides (the comment form's last writes). */
export const rateLimitHits = (db: QueryCreator<Database>, keys: readonly string[], at: string, windowOpenedAfter: string) =>
  db
    .insertInto('rate_limits')
    .values(keys.map((key) => ({ key, window_start: at, hits: 1 })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rate_limits.window_start', '<', windowOpenedAfter)
          .then(1)
          .else(eb('rate_limits.hits', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('rate_limits.window_start', '<', windowOpenedAfter)
          .then(at)
          .else(eb.ref('rate_limits.window_start'))
          .end(),
      })),
    )
    .returning(['key', 'hits']);

export async function forgetOldRateLimits(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', before.toISOString()).execute();
}

/** The site-wide entries, and with a blog, that blog's entries too. */
export async function readBlocklist(db: Db, blogId?: string): Promise<Blocklist> {
  const { rows } = await blocklistStatement(db, blogId ? ['', blogId] : ['']);
  return blocklistOf(rows);
}

const blocklistStatement = compiledStatement((db: Db, blogIds: string[]) =>
  db.selectFrom('blocklist').select(['kind', 'value']).where('blog_id', 'in', blogIds),
);

function blocklistOf(rows: readonly { kind: string; value: string }[]): Blocklist {
  const pick = (kind: BlocklistTable['kind']) => rows.filter((r) => r.kind === kind).map((r) => r.value);
  return { words: pick('word'), emails: pick('email'), domains: pick('domain'), ipHashes: pick('ip') };
}

/** What a submission's spam checks found before its comment is written. */
export interface SubmissionChecks {
  /** Whether this request spent the question token (false: it was spent before); undefined without a token. */
  spent: boolean | undefined;
  /** An earlier comment on the post by the same address with the same text, when asked for. */
  duplicateId: string | undefined;
  /** Site-wide and the blog's entries, when asked for. */
  blocklist: Blocklist | undefined;
}

/**
 * Spends the question token and reads what the spam checks need, the duplicate and the blocklist,
 * in one statement where a WITH may write, and in two otherwise. The token is spent first: with one
 * writer at a time, its write takes the write lock, so the duplicate is looked for among every
 * comment already stored, and no transaction reads before its first write (which would fail to turn
 * into a writer when another committed in between).
 */
export async function spendTokenAndRead(
  db: Db,
  token: { nonce: string; expiresAt: Date } | undefined,
  duplicateOf: { postId: string; emailHash: string; body: string } | undefined,
  blogId: string | undefined,
): Promise<SubmissionChecks> {
  let spent: boolean | undefined;
  let tokenArgs = token ? [token.nonce, token.expiresAt.toISOString()] : [];
  if (token && !writesInWith(db)) {
    spent = await spendToken(db, token.nonce, token.expiresAt);
    tokenArgs = [];
  }
  const duplicateArgs = duplicateOf ? [duplicateOf.postId, duplicateOf.emailHash, duplicateOf.body] : [];
  const blogIds = blogId === undefined ? [] : blogId ? ['', blogId] : [''];
  const rows =
    tokenArgs.length + duplicateArgs.length + blogIds.length > 0 ? (await checksStatement(db, tokenArgs, duplicateArgs, blogIds)).rows : [];
  return {
    spent: spent ?? (token ? rows.some((r) => r.kind === SPENT) : undefined),
    duplicateId: rows.find((r) => r.kind === DUPLICATE)?.value,
    blocklist: blogId === undefined ? undefined : blocklistOf(rows),
  };
}

// Kinds a blocklist row never has.
const SPENT = 'spent-token';
const DUPLICATE = 'duplicate';

type CheckRow = { kind: string; value: string };

// Each list is empty or whole, so each of its lengths is a shape of its own (compiled-statement.ts).
const checksStatement = compiledStatement((db: Db, token: string[], duplicate: string[], blogIds: string[]) => {
  const [nonce, expiresAt] = token;
  const [postId, emailHash, body] = duplicate;
  const creator: QueryCreator<Database & { spent: { nonce: string } }> =
    nonce !== undefined && expiresAt !== undefined
      ? db.with('spent', (w) =>
          w
            .insertInto('used_question_tokens')
            .values({ nonce, expires_at: expiresAt })
            .onConflict((oc) => oc.column('nonce').doNothing())
            .returning('nonce'),
        )
      : (db as unknown as QueryCreator<Database & { spent: { nonce: string } }>);
  const parts = [
    ...(nonce !== undefined ? [creator.selectFrom('spent').select([sql.lit(SPENT).as('kind'), 'nonce as value'])] : []),
    ...(postId !== undefined && emailHash !== undefined && body !== undefined
      ? [
          db
            .selectFrom((q) =>
              q
                .selectFrom('comments')
                .select('id')
                .where('post_id', '=', postId)
                .where('email_hash', '=', emailHash)
                .where('body', '=', body)
                .limit(1)
                .as('d'),
            )
            .select([sql.lit(DUPLICATE).as('kind'), 'd.id as value']),
        ]
      : []),
    ...(blogIds.length > 0 ? [db.selectFrom('blocklist').select(['kind', 'value']).where('blog_id', 'in', blogIds)] : []),
  ] as unknown as SelectQueryBuilder<Database, never, CheckRow>[];
  // The token's WITH belongs to the whole statement: only its own part (the first) is built on it.
  return parts.reduce((all, part) => all.unionAll(part));
});

/** Adds an entry, site-wide or for one blog; false when it was already there. */
export async function insertBlocklistEntry(db: Db, kind: BlocklistTable['kind'], value: string, at: string, blogId = ''): Promise<boolean> {
  const result = await db
    .insertInto('blocklist')
    .values({ id: newId(), kind, value, blog_id: blogId, created_at: at })
    .onConflict((oc) => oc.columns(['kind', 'value', 'blog_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteBlocklistEntry(db: Db, kind: BlocklistTable['kind'], value: string, blogId = ''): Promise<void> {
  await db.deleteFrom('blocklist').where('kind', '=', kind).where('value', '=', value).where('blog_id', '=', blogId).execute();
}

/** Counts one event: one upsert on its day's row, so a flood of rejections adds no rows. */
export async function insertSpamEvent(db: Db, layer: string, outcome: string, postId: string | null, at: Date): Promise<void> {
  const day = at.toISOString().slice(0, 10);
  await spamEventStatement(db, `${day}|${layer}|${outcome}|${postId ?? ''}`, day, layer, outcome, postId);
}

const spamEventStatement = compiledStatement((db: Db, id: string, day: string, layer: string, outcome: string, postId: string | null) =>
  db
    .insertInto('spam_event_counts')
    .values({ id, day, layer, outcome, post_id: postId, count: 1 })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ count: eb('spam_event_counts.count', '+', 1) }))),
);

/** Takes back one counted event (an undone moderator action). */
export async function removeSpamEvent(db: Db, layer: string, outcome: string, postId: string | null, day: string): Promise<void> {
  await db
    .updateTable('spam_event_counts')
    .set((eb) => ({ count: eb('count', '-', 1) }))
    .where('id', '=', `${day}|${layer}|${outcome}|${postId ?? ''}`)
    .where('count', '>', 0)
    .execute();
}

/** Totals per layer and outcome; `since` counts whole UTC days, so its own day counts in full. */
export async function countSpamEvents(db: Db, since?: Date): Promise<{ layer: string; outcome: string; count: number }[]> {
  let query = db
    .selectFrom('spam_event_counts')
    .select(['layer', 'outcome', (eb) => eb.fn.sum<number | string>('count').as('count')])
    .groupBy(['layer', 'outcome']);
  if (since) query = query.where('day', '>=', since.toISOString().slice(0, 10));
  const rows = await query.orderBy('layer').orderBy('outcome').execute();
  return rows.map((r) => ({ layer: r.layer, outcome: r.outcome, count: Number(r.count) }));
}

export async function forgetOldSpamEvents(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('spam_event_counts').where('day', '<', before.toISOString().slice(0, 10)).execute();
}

export async function unhitRateLimit(db: Db, key: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', key)
    .where('hits', '>', 0)
    .execute();
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}
