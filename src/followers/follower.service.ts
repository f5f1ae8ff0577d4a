/**
 * Readers who follow the site, a blog, an author or a tag by e-mail (issue 19): double opt-in,
 * what they follow and how often, one mail per published post however many of their topics
 * match, the weekly digest, bounces, and their data on request. Knows nothing of HTTP.
 */
import { getBlogById, getBlogRowBySlug, listBlogs } from '../blogs/blog.service.js';
import { emailHashOf } from '../comments/comment.service.js';
import { hitRateLimit } from '../comments/spam/spam.repository.js';
import { isPlainAddress, type MailMessage } from '../notifications/mail.js';
import { queueMail, queueMails, withdrawUnsentMail } from '../notifications/mail.service.js';
import { findPeopleByIds, findPersonBySlug, getPerson, searchPeople } from '../people/person.service.js';
import {
  findPostForFollowers,
  findTag,
  findTagByIdForFollowers,
  findTagsByIdsForFollowers,
  listPostsForFollowers,
  searchTags,
  type PostForFollowers,
} from '../posts/post.service.js';
import { newId } from '../shared/ids.js';
import { keyedHash, normaliseEmail, safeEqual } from '../shared/keyed-hash.js';
import { inTransaction, type Db } from '../storage/db.js';
import { foldText } from '../storage/text-match.js';
import { confirmationMail, digestMail, followerLinks, postMail, type FollowerMailSite } from './follower-mails.js';
import {
  claimConfirmationSlot,
  confirmTopics,
  countFollowerRows,
  countFollowersByTopic,
  deleteFollower,
  deleteTopic,
  findFollowerByEmailHash,
  findFollowerById,
  findFollowerIdsByEmailHashes,
  findFollowersForPost,
  insertDeliveries,
  insertFollowerIfMissing,
  insertFollowersIfMissing,
  insertTopics,
  listDigestFollowersDue,
  listFollowerOutboxIds,
  pageFollowersForExport,
  pageFollowersWithTopics,
  listOpenFanouts,
  listTopics,
  listTopicsOfFollowers,
  markDigestsSent,
  updateFanout,
  updateFollower,
  type FollowerRow,
  type TopicRow,
} from './follower.repository.js';
import type { FollowerFrequency, TopicKind } from './follower.table.js';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
export const MAX_TOPICS = 200;

export const TOPIC_KINDS: readonly TopicKind[] = ['site', 'blog', 'author', 'tag'];
export const isTopicKind = (value: unknown): value is TopicKind => TOPIC_KINDS.includes(value as TopicKind);

/** What a reader asks to follow, as the public form names it: the site, or a blog, person or tag by slug. */
export interface TopicRequest {
  kind: TopicKind;
  slug: string;
}

export interface Topic {
  kind: TopicKind;
  targetId: string;
}

export interface FollowEnv {
  secret: string;
  site: FollowerMailSite;
  now: Date;
}

/**
 * The answer to the public form. 'accepted' is the same whether the address was new, pending,
 * following already or refused quietly (honeypot, an hourly confirmation spent): it reveals nothing.
 */
export type FollowOutcome = { kind: 'accepted' } | { kind: 'invalid'; field: 'email' | 'topics' } | { kind: 'rate-limited' };

type TokenPurpose = 'follower-manage' | 'follower-unsubscribe';

export function followerToken(secret: string, purpose: TokenPurpose, followerId: string): string {
  return `${followerId}.${keyedHash(secret, purpose, followerId)}`;
}

/** The follower a token names, when it was made for one of `purposes` with this secret. */
async function followerFromToken(
  db: Db,
  secret: string,
  token: string,
  purposes: readonly TokenPurpose[],
): Promise<FollowerRow | undefined> {
  const [id, signature, extra] = token.split('.');
  if (!id || !signature || extra !== undefined || id.length > 64) return undefined;
  if (!purposes.some((purpose) => safeEqual(signature, keyedHash(secret, purpose, id)))) return undefined;
  return findFollowerById(db, id);
}

async function resolveTopics(db: Db, requests: readonly TopicRequest[]): Promise<Topic[]> {
  const topics = new Map<string, Topic>();
  for (const request of requests.slice(0, 8)) {
    let targetId: string | undefined;
    if (request.kind === 'site') targetId = '';
    else if (request.kind === 'blog')
      targetId = await getBlogRowBySlug(db, request.slug).then(
        (b) => b.id,
        () => undefined,
      );
    else if (request.kind === 'author') targetId = (await findPersonBySlug(db, request.slug))?.id;
    else targetId = (await findTag(db, request.slug))?.id;
    if (targetId !== undefined) topics.set(`${request.kind}:${targetId}`, { kind: request.kind, targetId });
  }
  return [...topics.values()];
}

/**
 * A reader asks to follow: the address is kept as pending with what it asked for, and a
 * confirmation mail is queued, at most one an hour per address. Nothing else is ever sent before
 * the address confirms. `ipHash` undefined skips the per-network limit.
 */
export async function requestFollow(
  db: Db,
  env: FollowEnv,
  input: { email: string; topics: readonly TopicRequest[]; honeypot?: string; ipHash: string | undefined; perHourPerIp: number },
): Promise<FollowOutcome> {
  const email = normaliseEmail(input.email);
  if (!isPlainAddress(email)) return { kind: 'invalid', field: 'email' };
  if (input.topics.length === 0) return { kind: 'invalid', field: 'topics' };
  if (input.ipHash && (await hitRateLimit(db, `follow:ip:${input.ipHash}`, env.now, HOUR)) > input.perHourPerIp) {
    return { kind: 'rate-limited' };
  }
  // A bot that filled the hidden field is told what a person is told, and nothing is stored.
  if (input.honeypot?.trim()) return { kind: 'accepted' };
  const topics = await resolveTopics(db, input.topics);
  if (topics.length === 0) return { kind: 'invalid', field: 'topics' };
  const at = env.now.toISOString();
  await inTransaction(db, async (trx) => {
    const follower = await insertFollowerIfMissing(trx, {
      id: newId(env.now.getTime()),
      email,
      email_hash: emailHashOf(env.secret, email),
      status: 'pending',
      frequency: 'each',
      created_at: at,
      confirmed_at: null,
      confirm_sent_at: null,
      stopped_at: null,
      consent_source: 'form',
      consent_at: null,
      digest_sent_at: null,
    });
    const existing = await listTopics(trx, follower.id);
    if (existing.length + topics.length > MAX_TOPICS) return;
    await insertTopics(
      trx,
      topics.map((t) => ({ follower_id: follower.id, kind: t.kind, target_id: t.targetId, created_at: at, confirmed_at: null })),
    );
    const unconfirmed = (await listTopics(trx, follower.id)).some((t) => t.confirmed_at === null);
    const needsConfirmation = follower.status !== 'confirmed' || unconfirmed;
    if (!needsConfirmation) return;
    if (!(await claimConfirmationSlot(trx, follower.id, at, new Date(env.now.getTime() - HOUR).toISOString()))) return;
    const link = `${env.site.baseUrl}/follow/confirm?token=${encodeURIComponent(followerToken(env.secret, 'follower-manage', follower.id))}`;
    await queueMail(trx, confirmationMail(env.site, email, link), env.now);
  });
  return { kind: 'accepted' };
}

/** Whether a token may confirm; reads only, for the page a GET of the link shows. */
export async function canConfirmFollow(db: Db, secret: string, token: string): Promise<boolean> {
  return (await followerFromToken(db, secret, token, ['follower-manage'])) !== undefined;
}

/** Confirms the address and everything it asked to follow; false for a token that is not ours. */
export async function confirmFollow(db: Db, secret: string, token: string, now = new Date()): Promise<boolean> {
  const follower = await followerFromToken(db, secret, token, ['follower-manage']);
  if (!follower) return false;
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await updateFollower(trx, follower.id, {
      status: 'confirmed',
      confirmed_at: follower.confirmed_at ?? at,
      consent_at: follower.consent_at ?? at,
      stopped_at: null,
      digest_sent_at: follower.digest_sent_at ?? at,
    });
    await confirmTopics(trx, follower.id, at);
  });
  return true;
}

export interface FollowedTopic {
  kind: TopicKind;
  targetId: string;
  /** The blog's, person's or tag's name; '' for the site; undefined when it no longer exists. */
  name: string | undefined;
  confirmed: boolean;
}

export interface Following {
  email: string;
  status: FollowerRow['status'];
  frequency: FollowerFrequency;
  topics: FollowedTopic[];
}

async function nameOf(db: Db, kind: TopicKind, targetId: string): Promise<string | undefined> {
  if (kind === 'site') return '';
  if (kind === 'blog')
    return getBlogById(db, targetId).then(
      (b) => b.title,
      () => undefined,
    );
  if (kind === 'author')
    return getPerson(db, targetId).then(
      (p) => p.name,
      () => undefined,
    );
  return (await findTagByIdForFollowers(db, targetId))?.name;
}

/**
 * The names of many topics at once, by "kind:targetId": '' for the site, undefined for one that no
 * longer exists. Three statements however many topics (the blogs are a handful, read whole).
 */
async function namesOf(db: Db, topics: readonly { kind: TopicKind; targetId: string }[]): Promise<Map<string, string | undefined>> {
  const ids = (kind: TopicKind) => [...new Set(topics.filter((t) => t.kind === kind).map((t) => t.targetId))];
  const [blogs, people, tags] = await Promise.all([
    ids('blog').length ? listBlogs(db) : [],
    findPeopleByIds(db, ids('author')),
    findTagsByIdsForFollowers(db, ids('tag')),
  ]);
  const found = new Map<string, string>([
    ...blogs.map((b) => [`blog:${b.id}`, b.title] as const),
    ...people.map((p) => [`author:${p.id}`, p.name] as const),
    ...tags.map((t) => [`tag:${t.id}`, t.name] as const),
  ]);
  return new Map(topics.map((t) => [`${t.kind}:${t.targetId}`, t.kind === 'site' ? '' : found.get(`${t.kind}:${t.targetId}`)]));
}

async function followingOf(db: Db, follower: FollowerRow): Promise<Following> {
  const topics = await listTopics(db, follower.id);
  const names = await namesOf(
    db,
    topics.map((t) => ({ kind: t.kind, targetId: t.target_id })),
  );
  return {
    email: follower.email,
    status: follower.status,
    frequency: follower.frequency,
    topics: topics.map((t) => ({
      kind: t.kind,
      targetId: t.target_id,
      name: names.get(`${t.kind}:${t.target_id}`),
      confirmed: t.confirmed_at !== null,
    })),
  };
}

/** What the manage link's owner follows; undefined for a token that is not ours. */
export async function getFollowing(db: Db, secret: string, token: string): Promise<Following | undefined> {
  const follower = await followerFromToken(db, secret, token, ['follower-manage']);
  return follower && followingOf(db, follower);
}

/** Keeps only the topics named in `keep` (as "kind:targetId") and sets how often mail comes. */
export async function updateFollowing(
  db: Db,
  secret: string,
  token: string,
  changes: { keep: readonly string[]; frequency: FollowerFrequency },
  now = new Date(),
): Promise<boolean> {
  const follower = await followerFromToken(db, secret, token, ['follower-manage']);
  if (!follower) return false;
  const keep = new Set(changes.keep);
  await inTransaction(db, async (trx) => {
    for (const topic of await listTopics(trx, follower.id)) {
      if (!keep.has(`${topic.kind}:${topic.target_id}`)) await deleteTopic(trx, follower.id, topic.kind, topic.target_id);
    }
    if (changes.frequency !== follower.frequency) {
      // A reader who turns to the digest starts a fresh week rather than getting last week again.
      await updateFollower(trx, follower.id, { frequency: changes.frequency, digest_sent_at: now.toISOString() });
    }
  });
  return true;
}

async function stop(db: Db, follower: FollowerRow, status: 'stopped' | 'bounced', now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    await updateFollower(trx, follower.id, { status, stopped_at: now.toISOString() });
    await withdrawUnsentMail(trx, await listFollowerOutboxIds(trx, follower.id));
  });
}

/** Whether a token may stop the mails (manage or unsubscribe token); reads only. */
export async function canStopFollowing(db: Db, secret: string, token: string): Promise<boolean> {
  return (await followerFromToken(db, secret, token, ['follower-manage', 'follower-unsubscribe'])) !== undefined;
}

/** Stops every mail to the address (the manage page's button, and RFC 8058 one-click); false for a token not ours. */
export async function stopFollowing(db: Db, secret: string, token: string, now = new Date()): Promise<boolean> {
  const follower = await followerFromToken(db, secret, token, ['follower-manage', 'follower-unsubscribe']);
  if (!follower) return false;
  if (follower.status !== 'stopped') await stop(db, follower, 'stopped', now);
  return true;
}

/** The receiving server refused the address for good (SMTP 5xx): no more mail goes to it. */
export async function stopBouncedAddress(db: Db, secret: string, address: string, now = new Date()): Promise<void> {
  const follower = await findFollowerByEmailHash(db, emailHashOf(secret, address));
  if (follower && follower.status !== 'bounced') await stop(db, follower, 'bounced', now);
}

// ---- Publishing: one mail per follower and post ----

export interface FanoutOptions {
  /** Followers per transaction. */
  batchSize?: number;
  /** Follower mails per minute; later batches are held back in the outbox to keep to it. */
  perMinute: number;
}

/**
 * Queues the mails of every published post with an open fan-out, batch by batch. Each batch
 * writes its mails, their idempotency keys (follower, post) and the fan-out's cursor in one
 * transaction, so a restart resumes after the last batch and never mails anyone twice. A post
 * no longer published closes its fan-out. Returns how many mails were queued.
 */
export async function queueFollowerMails(db: Db, env: Omit<FollowEnv, 'now'> & { now: Date }, options: FanoutOptions): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const perMinute = Math.max(1, options.perMinute);
  let queued = 0;
  for (const fanout of await listOpenFanouts(db, 20)) {
    const post = await findPostForFollowers(db, fanout.post_id);
    if (!post) {
      await updateFanout(db, fanout.post_id, { cancelled_at: env.now.toISOString() });
      continue;
    }
    const match = { postId: post.id, blogId: post.blog.id, authorIds: post.authors.map((a) => a.id), tagIds: post.tagIds };
    let cursor = fanout.cursor;
    let count = Number(fanout.queued_count);
    for (;;) {
      const done = await inTransaction(db, async (trx) => {
        const followers = await findFollowersForPost(trx, match, cursor, batchSize);
        if (followers.length === 0) {
          await updateFanout(trx, post.id, { done_at: env.now.toISOString() });
          return true;
        }
        const messages = followers.map((f) => postMail(env.site, f.email, post, followerLinks(env.site, tokensFor(env.secret, f.id))));
        // The n-th mail of a post is due in minute n / perMinute: the cap holds however the batches fall.
        const ids: string[] = [];
        for (let i = 0; i < messages.length;) {
          const minute = Math.floor((count + i) / perMinute);
          const end = Math.min(messages.length, (minute + 1) * perMinute - count);
          ids.push(...(await queueMails(trx, messages.slice(i, end), env.now, new Date(env.now.getTime() + minute * 60_000))));
          i = end;
        }
        const at = env.now.toISOString();
        await insertDeliveries(
          trx,
          followers.map((f, i) => ({ follower_id: f.id, post_id: post.id, outbox_id: ids[i]!, created_at: at })),
        );
        cursor = followers[followers.length - 1]!.id;
        count += followers.length;
        queued += followers.length;
        await updateFanout(trx, post.id, { cursor, queued_count: count });
        return followers.length < batchSize;
      });
      if (done) break;
    }
  }
  return queued;
}

const tokensFor = (secret: string, followerId: string) => ({
  manage: followerToken(secret, 'follower-manage', followerId),
  unsubscribe: followerToken(secret, 'follower-unsubscribe', followerId),
});

function follows(topics: readonly { kind: TopicKind; target_id: string; confirmed_at: string | null }[], post: PostForFollowers): boolean {
  return topics.some(
    (t) =>
      t.confirmed_at !== null &&
      (t.kind === 'site' ||
        (t.kind === 'blog' && t.target_id === post.blog.id) ||
        (t.kind === 'author' && post.authors.some((a) => a.id === t.target_id)) ||
        (t.kind === 'tag' && post.tagIds.includes(t.target_id))),
  );
}

/**
 * Mails each digest follower whose last digest is a week old the posts of that week on what they
 * follow (nothing when there were none), and marks the week done in the same transaction.
 */
export async function sendWeeklyDigests(db: Db, env: FollowEnv): Promise<number> {
  const before = new Date(env.now.getTime() - WEEK);
  const followers = await listDigestFollowersDue(db, before.toISOString(), 1000);
  if (followers.length === 0) return 0;
  const [posts, topics] = await Promise.all([
    listPostsForFollowers(db, new Date(env.now.getTime() - 2 * WEEK), env.now),
    listTopicsOfFollowers(
      db,
      followers.map((f) => f.id),
    ),
  ]);
  const messages: MailMessage[] = [];
  for (const follower of followers) {
    const since = follower.digest_sent_at ? new Date(follower.digest_sent_at) : before;
    const theirTopics = topics.get(follower.id) ?? [];
    const theirs = posts.filter((p) => p.publishedAt > since && p.publishedAt <= env.now && follows(theirTopics, p));
    if (theirs.length > 0) {
      messages.push(digestMail(env.site, follower.email, theirs, followerLinks(env.site, tokensFor(env.secret, follower.id))));
    }
  }
  // The mails and the week marked done go together: a crash in between sends neither, and the next run does both.
  await inTransaction(db, async (trx) => {
    await queueMails(trx, messages, env.now);
    await markDigestsSent(
      trx,
      followers.map((f) => f.id),
      env.now.toISOString(),
    );
  });
  return messages.length;
}

// ---- Privacy self-service (GDPR) ----

export interface FollowerExport {
  email: string;
  status: string;
  frequency: string;
  createdAt: string;
  confirmedAt: string | null;
  consent: { source: string; at: string | null };
  topics: { kind: TopicKind; name: string | null; confirmed: boolean }[];
}

/** Everything kept about the address as a follower, or undefined when it follows nothing. */
export async function exportFollowerData(db: Db, emailHash: string): Promise<FollowerExport | undefined> {
  const follower = await findFollowerByEmailHash(db, emailHash);
  if (!follower) return undefined;
  const following = await followingOf(db, follower);
  return {
    email: follower.email,
    status: follower.status,
    frequency: follower.frequency,
    createdAt: follower.created_at,
    confirmedAt: follower.confirmed_at,
    consent: { source: follower.consent_source, at: follower.consent_at },
    topics: following.topics.map((t) => ({ kind: t.kind, name: t.name ?? null, confirmed: t.confirmed })),
  };
}

export async function hasFollowerData(db: Db, emailHash: string): Promise<boolean> {
  return (await findFollowerByEmailHash(db, emailHash)) !== undefined;
}

/** Erases the follower with its topics and deliveries, and its mails still in the outbox; false when there was none. */
export async function eraseFollowerData(db: Db, emailHash: string): Promise<boolean> {
  const follower = await findFollowerByEmailHash(db, emailHash);
  if (!follower) return false;
  await inTransaction(db, async (trx) => {
    await withdrawUnsentMail(trx, await listFollowerOutboxIds(trx, follower.id));
    await deleteFollower(trx, follower.id);
  });
  return true;
}

// ---- Staff ----

export interface TopicCount {
  kind: TopicKind;
  targetId: string;
  name: string | undefined;
  confirmed: number;
  pending: number;
}

/** How many followers there are, in any state. */
export async function countAllFollowers(db: Db): Promise<number> {
  return countFollowerRows(db);
}

/** Followers per topic with the topic's name, in a fixed number of statements however many topics are followed. */
export async function countFollowers(db: Db): Promise<TopicCount[]> {
  const counts = await countFollowersByTopic(db);
  const names = await namesOf(db, counts);
  return counts.map((c) => ({ ...c, name: names.get(`${c.kind}:${c.targetId}`) }));
}

export interface FollowerListItem {
  id: string;
  email: string;
  status: string;
  frequency: string;
  createdAt: string;
  consentSource: string;
  consentAt: string | null;
  topics: { kind: TopicKind; targetId: string; confirmed: boolean }[];
}

const toListItem = (f: FollowerRow & { topics: readonly TopicRow[] }): FollowerListItem => ({
  id: f.id,
  email: f.email,
  status: f.status,
  frequency: f.frequency,
  createdAt: f.created_at,
  consentSource: f.consent_source,
  consentAt: f.consent_at,
  topics: f.topics.map((t) => ({ kind: t.kind, targetId: t.target_id, confirmed: t.confirmed_at !== null })),
});

/**
 * Every follower, newest first, a page at a time: for the CSV export, which streams them out, so
 * memory stays one page however many there are.
 */
export async function* exportFollowers(db: Db, pageSize = FOLLOWER_EXPORT_PAGE): AsyncGenerator<FollowerListItem[]> {
  let beforeId: string | undefined;
  for (;;) {
    const page = await pageFollowersForExport(db, beforeId, pageSize);
    if (page.length > 0) yield page.map(toListItem);
    if (page.length < pageSize) return;
    beforeId = page[page.length - 1]!.id;
  }
}

export const FOLLOWERS_PER_PAGE = 50;
/** Followers read per query while the CSV export streams: what the export holds in memory at once. */
export const FOLLOWER_EXPORT_PAGE = 500;

/** One page of followers for the admin, newest first; `search` matches part of the address, ignoring case and accents. */
export async function searchFollowers(
  db: Db,
  search: string,
  page: number,
): Promise<{ items: FollowerListItem[]; page: number; pages: number; total: number }> {
  const { rows, total } = await pageFollowersWithTopics(db, {
    search: search.trim().slice(0, 200),
    offset: (page - 1) * FOLLOWERS_PER_PAGE,
    limit: FOLLOWERS_PER_PAGE,
  });
  return {
    items: rows.map(toListItem),
    page,
    pages: Math.max(1, Math.ceil(total / FOLLOWERS_PER_PAGE)),
    total,
  };
}

/** An administrator removes a follower (and their unsent mail); returns the address, for the audit log, or undefined. */
export async function removeFollower(db: Db, id: string): Promise<string | undefined> {
  const follower = await findFollowerById(db, id);
  if (!follower) return undefined;
  await eraseFollowerData(db, follower.email_hash);
  return follower.email;
}

/**
 * The topic an import's form names as "site" or "kind:targetId", when it exists: the site, a blog, a
 * person or a tag. Undefined for anything else.
 */
export async function findImportTopic(db: Db, value: string): Promise<Topic | undefined> {
  if (value === 'site') return { kind: 'site', targetId: '' };
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon);
  const targetId = value.slice(colon + 1);
  if (colon < 1 || !targetId || targetId.length > 64 || kind === 'site' || !isTopicKind(kind)) return undefined;
  return (await nameOf(db, kind, targetId)) === undefined ? undefined : { kind, targetId };
}

export interface ImportTopic {
  kind: Exclude<TopicKind, 'site'>;
  targetId: string;
  name: string;
}

/**
 * What an import may target, for its picker: the blogs, people and tags whose name contains
 * `query` (case and accents ignored; all when empty), at most `limit` people and `limit` tags, by
 * name. `more` says that people or tags were cut at the limit.
 */
export async function findImportTopics(db: Db, query: string, limit: number): Promise<{ topics: ImportTopic[]; more: boolean }> {
  const typed = query.trim().slice(0, 120);
  const needle = foldText(typed);
  const [blogs, people, tags] = await Promise.all([listBlogs(db), searchPeople(db, typed, limit + 1), searchTags(db, typed, limit + 1)]);
  return {
    topics: [
      // A site has a handful of blogs: they are matched here rather than in a query.
      ...blogs.filter((b) => foldText(b.title).includes(needle)).map((b) => ({ kind: 'blog' as const, targetId: b.id, name: b.title })),
      ...people.slice(0, limit).map((p) => ({ kind: 'author' as const, targetId: p.id, name: p.name })),
      ...tags.slice(0, limit).map((t) => ({ kind: 'tag' as const, targetId: t.id, name: t.name })),
    ],
    more: people.length > limit || tags.length > limit,
  };
}

/** The import target the form names as "kind:targetId", with its name; undefined for the site or anything unknown. */
export async function describeImportTopic(db: Db, value: string): Promise<ImportTopic | undefined> {
  const topic = await findImportTopic(db, value);
  if (!topic || topic.kind === 'site') return undefined;
  const name = await nameOf(db, topic.kind, topic.targetId);
  return name === undefined ? undefined : { kind: topic.kind, targetId: topic.targetId, name };
}

export interface ImportedFollower {
  email: string;
  consentAt: Date;
  consentSource: string;
}

/**
 * Adds addresses moved from another platform, with the consent they gave there, as confirmed
 * followers of `topic` (no confirmation mail: their consent is on record). Addresses already
 * here, repeated or unusable are skipped; those already here keep their state. Returns how many
 * were added and skipped. A few statements per 500 addresses, however many there are.
 */
export async function importFollowers(
  db: Db,
  secret: string,
  topic: Topic,
  rows: readonly ImportedFollower[],
  now = new Date(),
): Promise<{ added: number; skipped: number }> {
  const at = now.toISOString();
  const wanted = new Map<string, FollowerRow>();
  for (const row of rows) {
    const email = normaliseEmail(row.email);
    if (!isPlainAddress(email)) continue;
    const hash = emailHashOf(secret, email);
    if (wanted.has(hash)) continue;
    const consentAt = row.consentAt.toISOString();
    wanted.set(hash, {
      id: newId(now.getTime()),
      email,
      email_hash: hash,
      status: 'confirmed',
      frequency: 'each',
      created_at: at,
      confirmed_at: consentAt,
      confirm_sent_at: null,
      stopped_at: null,
      consent_source: row.consentSource.slice(0, 200),
      consent_at: consentAt,
      digest_sent_at: at,
    });
  }
  const added = await inTransaction(db, async (trx) => {
    const hashes = [...wanted.keys()];
    const existing = await findFollowerIdsByEmailHashes(trx, hashes);
    await insertFollowersIfMissing(
      trx,
      [...wanted.values()].filter((f) => !existing.has(f.email_hash)),
    );
    // Ours are the rows that now carry the ids made here: an address another request added meanwhile is not.
    const stored = await findFollowerIdsByEmailHashes(
      trx,
      hashes.filter((h) => !existing.has(h)),
    );
    const inserted = [...wanted.values()].filter((f) => stored.get(f.email_hash) === f.id);
    await insertTopics(
      trx,
      inserted.map((f) => ({ follower_id: f.id, kind: topic.kind, target_id: topic.targetId, created_at: at, confirmed_at: f.consent_at })),
    );
    return inserted.length;
  });
  return { added, skipped: rows.length - added };
}
