import { createHash } from 'node:crypto';
import { initialsOf } from '../people/person.js';
import type { SiteSettings } from '../settings/settings.js';
import { newId } from '../shared/ids.js';
import { keyedHash, normaliseEmail } from '../shared/keyed-hash.js';
import { inSavepoint, inTransaction, type Db } from '../storage/db.js';
import { blogOfPost } from './moderator-mail.repository.js';
import { moderatorAddresses } from './moderator-mail.service.js';
import { mailModeratorsAboutHeld, mailReply, mailSubscriptionConfirmation, type MailSite } from './comment-mails.js';
import { countLinks, renderCommentText } from './comment-text.js';
import {
  buildThreads,
  commentFieldProblems,
  isClosed,
  placeReply,
  type CommentInput,
  type CommentProblems,
  type CommentStatus,
  type PublicComment,
  type SpamReason,
} from './comment.js';
import {
  adjustCommentCount,
  countThreads,
  findCommentRow,
  findCommentRowsByIds,
  hasApprovedComment,
  insertComment,
  listThreadPage,
  listThreadRows,
  threadPageSignature,
  type ThreadWindow,
  sameShownRows,
  topLevelPosition,
  updateCommentRow,
  writeLast,
  type CommentRow,
  type ShownCommentRow,
} from './comment.repository.js';
import { checkAnswer, type QuestionCheck } from './spam/question.js';
import { decide, scoreComment } from './spam/spam-rules.js';
import { hitRateLimits, insertSpamEvent, spendToken, spendTokenAndRead } from './spam/spam.repository.js';
import { findSubscriptionsForReply, insertSubscription } from './subscription.repository.js';

/** What the comment service needs to know besides the database. */
export interface CommentEnv {
  secret: string;
  settings: SiteSettings;
  site: MailSite;
  now: Date;
}

export interface CommentTarget {
  id: string;
  /** The post's blog, when the caller knows it (the form's route does), so it need not be read again. */
  blogId?: string;
  title: string;
  url: string;
  commentsOpen: boolean;
  publishedAt: Date | null;
}

export interface SubmissionMeta {
  ip: string | undefined;
  questionToken?: string | undefined;
  answer?: string | undefined;
  /** The honeypot field: hidden from people, filled by bots. */
  honeypot?: string | undefined;
  /** Logged-in staff skip the question (set once accounts exist). */
  staff?: { personId: string; badge: string } | undefined;
  /** Keyed hashes of the addresses this browser proved by opening a link mailed to them. */
  provenEmailHashes?: readonly string[] | undefined;
}

/**
 * Why a submission was refused: 'invalid' for the person's own mistakes (a field, a vanished
 * parent), 'closed' for a post closed to comments, and otherwise the spam layer that stopped it
 * (also the layer recorded in the spam report). The route decides what each means in HTTP.
 */
export type CommentRefusal = 'invalid' | 'closed' | 'honeypot' | 'question' | 'too-fast' | 'duplicate' | 'rate-limit';

/** What became of a submission: published, held for moderation (or as spam) with the reasons, or refused. */
export type SubmitResult =
  | { kind: 'published'; id: string; rootId: string; subscriptionToken?: string; mailQueued?: boolean }
  | {
      kind: 'held';
      id: string;
      rootId: string;
      subscriptionToken?: string;
      mailQueued?: boolean;
      status: 'pending' | 'spam';
      reasons: SpamReason[];
    }
  | {
      kind: 'refused';
      refusal: CommentRefusal;
      problems: CommentProblems;
      /** Set when this request spent a genuine question token: the start the next question keeps. */
      questionStartedAt?: Date;
    };

const HOUR = 3600 * 1000;

export const ipHashOf = (secret: string, ip: string | undefined) => (ip ? keyedHash(secret, 'ip', ip) : null);
export const emailHashOf = (secret: string, email: string) => keyedHash(secret, 'email', normaliseEmail(email));
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The private token in a subscriber's links (confirm, manage, unsubscribe): the subscription id
 * signed with the site secret, so reply mails can carry it again without storing it.
 */
export const subscriptionToken = (secret: string, subscriptionId: string) =>
  `${subscriptionId}.${keyedHash(secret, 'subscription', subscriptionId)}`;

/**
 * The token in a reply mail's unsubscribe link and List-Unsubscribe header: it can stop the mails
 * and nothing else, because mail programs, scanners and forwarded mails hand that link around.
 */
export const unsubscribeToken = (secret: string, subscriptionId: string) =>
  `${subscriptionId}.${keyedHash(secret, 'unsubscribe', subscriptionId)}`;

function reject(refusal: CommentRefusal, problems: CommentProblems): SubmitResult {
  return { kind: 'refused', refusal, problems };
}

/**
 * What the question says of a submission, once a genuine token was spent (`spent`: true) or found
 * spent before (false). A right or wrong answer spends the token, so a bot cannot try answers on
 * one token. `spent` is handed back only when this request spent it: the one question handed out
 * next may keep that start (see QuestionBinding), and no other.
 */
function questionOutcome(
  env: CommentEnv,
  check: QuestionCheck,
  spent: boolean | undefined,
): { problems: CommentProblems; layer?: 'question' | 'too-fast'; spent?: SpentToken } {
  if (!('nonce' in check)) {
    const code = check.reason === 'expired' ? 'expired' : check.reason === 'other_post' ? 'other_post' : 'missing';
    return { problems: { answer: code }, layer: 'question' };
  }
  if (!spent) return { problems: { answer: 'reused' }, layer: 'question' };
  const token = { nonce: check.nonce, expiresAt: check.expiresAt, startedAt: check.startedAt };
  if (!check.ok) return { problems: { answer: 'wrong' }, layer: 'question', spent: token };
  if (tooFast(env, check.startedAt)) return { problems: { form: 'too_fast' }, layer: 'too-fast', spent: token };
  return { problems: {}, spent: token };
}

// Counted from the reader's first form for this post, so a corrected answer is not "too fast".
const tooFast = (env: CommentEnv, startedAt: Date) => env.now.getTime() - startedAt.getTime() < env.settings.minSecondsToSubmit * 1000;

interface SpentToken {
  nonce: string;
  expiresAt: Date;
  startedAt: Date;
}

/**
 * Thrown from inside a submission's transaction when its rate-limit hit finds the writer over a
 * limit. The hit comes last, after the comment is written (see submitIn), so the transaction is
 * rolled back and what a refusal spends is written again on its own.
 */
class OverRateLimit extends Error {
  constructor(
    readonly keys: string[],
    readonly spent: SpentToken | undefined,
  ) {
    super('over the comment rate limit');
  }
}

/** The rate-limit keys a comment counts against: its IP's and its address's windows. */
const rateLimitKeys = (ipHash: string | null, emailHash: string) =>
  ipHash ? [`comment:ip:${ipHash}`, `comment:email:${emailHash}`] : [`comment:email:${emailHash}`];

/** Counts a hit in each of the writer's windows; true when either is now over its limit. */
async function overRateLimit(db: Db, settings: SiteSettings, keys: string[], now: Date): Promise<boolean> {
  return isOverRateLimit(settings, keys, await hitRateLimits(db, keys, now, HOUR));
}

/** True when either of the writer's windows is over its limit with these hits. */
const isOverRateLimit = (settings: SiteSettings, keys: string[], hits: Map<string, number>) =>
  keys.some(
    (key) => (hits.get(key) ?? 0) > (key.startsWith('comment:ip:') ? settings.commentsPerHourPerIp : settings.commentsPerHourPerEmail),
  );

/**
 * Runs a public submission through every layer of the spam defence and stores it (published,
 * held or spam) with the reasons. A rejection stores nothing but a count for the spam report,
 * and comes back with field errors so the form can be shown again with the person's text.
 */
export async function submitComment(
  db: Db,
  env: CommentEnv,
  target: CommentTarget,
  input: CommentInput,
  meta: SubmissionMeta,
): Promise<SubmitResult> {
  const { settings, now } = env;
  const problems = commentFieldProblems(input);
  const fieldsOk = Object.keys(problems).length === 0;
  if (fieldsOk && isClosed(target, settings.commentsCloseAfterDays, now)) return reject('closed', { form: 'closed' });
  // One write transaction for the spent token, the rate-limit hits, the spam count and the comment
  // with its mails: with one writer at a time each commit is a turn of its own, and three of them per
  // comment kept the rate far below what the statements cost. A refusal returns and so commits what
  // it spent (the token, the hits, its count); only an error takes them back, so the person may send again.
  try {
    return await inSavepoint(db, (trx) => submitIn(trx, env, target, input, meta, problems, fieldsOk));
  } catch (error) {
    if (!(error instanceof OverRateLimit)) throw error;
    // The comment, its mails and its count are undone with the transaction; the refusal keeps
    // what it spent, as every refusal does: the token, the hits and its count in the spam report.
    await inSavepoint(db, async (trx) => {
      if (error.spent) await spendToken(trx, error.spent.nonce, error.spent.expiresAt);
      await hitRateLimits(trx, error.keys, now, HOUR);
      await insertSpamEvent(trx, 'rate-limit', 'rejected', target.id, now);
    });
    const refused: SubmitResult = { kind: 'refused', refusal: 'rate-limit', problems: { form: 'rate_limited' } };
    return error.spent ? { ...refused, questionStartedAt: error.spent.startedAt } : refused;
  }
}

async function submitIn(
  db: Db,
  env: CommentEnv,
  target: CommentTarget,
  input: CommentInput,
  meta: SubmissionMeta,
  problems: CommentProblems,
  fieldsOk: boolean,
): Promise<SubmitResult> {
  const { settings, now, secret } = env;

  // Once this request has spent a genuine question, every refusal tells the route when it started.
  let questionStartedAt: Date | undefined;
  let spent: SpentToken | undefined;
  const refuse = (refusal: CommentRefusal, problems: CommentProblems): SubmitResult =>
    questionStartedAt ? { kind: 'refused', refusal, problems, questionStartedAt } : reject(refusal, problems);
  // A spam layer said no: the spam report counts it under that layer.
  const stopped = async (layer: Exclude<CommentRefusal, 'invalid' | 'closed'>, problems: CommentProblems) => {
    await insertSpamEvent(db, layer, 'rejected', target.id, now);
    return refuse(layer, problems);
  };

  if (fieldsOk && settings.honeypotEnabled && meta.honeypot?.trim()) return stopped('honeypot', { form: 'rejected' });

  const email = normaliseEmail(input.email);
  const emailHash = emailHashOf(secret, email);
  const ipHash = ipHashOf(secret, meta.ip);
  const body = input.body.replace(/\r\n?/g, '\n').trim();

  const asked = settings.questionEnabled && !meta.staff;
  const check = asked ? checkAnswer(env.secret, meta.questionToken, meta.answer, now, target.id) : undefined;
  // The duplicate and the blocklist are read with the token's spending, and only for a submission they may yet decide.
  const checked = fieldsOk && (!check || (check.ok && !tooFast(env, check.startedAt)));
  const found = await spendTokenAndRead(
    db,
    check && 'nonce' in check ? check : undefined,
    checked && settings.duplicateCheckEnabled ? { postId: target.id, emailHash, body } : undefined,
    checked && !meta.staff ? (target.blogId ?? (await blogOfPost(db, target.id)) ?? '') : undefined,
  );
  if (check) {
    const question = questionOutcome(env, check, found.spent);
    spent = question.spent;
    questionStartedAt = spent?.startedAt;
    // Field errors come back with the answer's, so the person fixes everything at once.
    if (!fieldsOk) return refuse('invalid', { ...problems, ...(question.problems.answer ? { answer: question.problems.answer } : {}) });
    if (question.layer) return stopped(question.layer, question.problems);
  } else if (!fieldsOk) {
    return reject('invalid', problems);
  }

  if (found.duplicateId !== undefined) return stopped('duplicate', { body: 'duplicate' });
  // Each comment is counted against its address and its IP alike, both windows in one statement.
  const keys = meta.staff ? undefined : rateLimitKeys(ipHash, emailHash);

  let parent: CommentRow | undefined;
  if (input.parentId) {
    parent = await findCommentRow(db, input.parentId);
    if (!parent || parent.post_id !== target.id || parent.status !== 'approved') {
      // Counted all the same, and the limit answers first, as it would for a comment it stops.
      if (keys && (await overRateLimit(db, settings, keys, now))) return stopped('rate-limit', { form: 'rate_limited' });
      return refuse('invalid', { parent: 'not_found' });
    }
  }

  const reasons: SpamReason[] =
    meta.staff || !found.blocklist
      ? []
      : scoreComment({ name: input.name, email, body, linkCount: countLinks(body), ipHash }, found.blocklist, settings);
  // A typed address proves nothing: anyone can type a regular's or a staff member's address.
  // Trust needs a staff session, or this browser having opened a link mailed to the address.
  const proven = meta.provenEmailHashes?.includes(emailHash) ?? false;
  const trusted = Boolean(meta.staff) || (proven && (await hasApprovedComment(db, emailHash)));
  // Staff speak for the site: their comments are published whatever the moderation policy.
  const decision = meta.staff ? { status: 'approved' as const, score: 0, reasons: [] } : decide(reasons, settings, trusted);
  const id = newId(now.getTime());
  const place = parent
    ? placeReply({ id: parent.id, parentId: parent.parent_id, depth: parent.depth, rootId: parent.root_id }, settings.commentMaxDepth)
    : { parentId: null, depth: 1, rootId: id };

  const at = now.toISOString();
  const row = {
    id,
    post_id: target.id,
    parent_id: place.parentId,
    root_id: place.rootId,
    depth: place.depth,
    author_name: input.name.trim(),
    author_email: email,
    email_hash: emailHash,
    person_id: meta.staff?.personId ?? null,
    badge: meta.staff?.badge ?? null,
    body,
    status: decision.status,
    spam_score: decision.score,
    spam_reasons: JSON.stringify(decision.reasons),
    ip_hash: ipHash,
    created_at: at,
    updated_at: at,
    erased_at: null,
  };
  // A published top-level comment without a subscription writes nothing else (no mail below): it goes with the last writes.
  const alone = decision.status === 'approved' && !place.parentId && !input.notify;
  if (!alone) await insertComment(db, row);
  // Whether the outbox has something new: held comments may mail the moderators.
  let mailQueued = decision.status !== 'approved' || Boolean(input.notify);
  if (decision.status === 'approved') {
    const notified = await notifySubscribers(db, env, target, {
      id,
      parentId: place.parentId,
      authorName: input.name.trim(),
      emailHash,
      body,
      createdAt: now,
    });
    if (notified > 0) mailQueued = true;
  } else {
    await insertSpamEvent(db, decision.reasons[0]?.layer ?? 'policy', decision.status === 'spam' ? 'spam' : 'held', target.id, now);
    await mailModeratorsAboutHeld(
      db,
      env.site,
      await moderatorAddresses(db, settings.moderatorEmails, target.id),
      {
        id,
        authorName: input.name.trim(),
        authorEmail: email,
        body,
        status: decision.status,
        reasons: decision.reasons,
        postTitle: target.title,
        postUrl: target.url,
      },
      now,
    );
  }
  let token: string | undefined;
  if (input.notify) {
    const subscriptionId = newId(now.getTime());
    token = subscriptionToken(secret, subscriptionId);
    await insertSubscription(db, {
      id: subscriptionId,
      comment_id: id,
      email,
      token_hash: tokenHash(token),
      created_at: at,
      confirmed_at: null,
      unsubscribed_at: null,
    });
    await mailSubscriptionConfirmation(db, env.site, email, token, target.title, now);
  }
  // Every comment from one IP writes that IP's rate-limit row, and every published comment on a
  // post writes the post's count: on a database with row locks each row stays locked from its write
  // to the commit, and concurrent comments queue on it. Written last, each is held for the commit alone.
  const last = {
    countedPostId: decision.status === 'approved' ? target.id : undefined,
    hits: keys && { keys, at, windowOpenedAfter: new Date(now.getTime() - HOUR).toISOString() },
  };
  const hits = await writeLast(db, alone ? { comment: row, ...last } : last);
  if (keys && isOverRateLimit(settings, keys, hits)) throw new OverRateLimit(keys, spent);
  const stored = { id, rootId: place.rootId, mailQueued, ...(token ? { subscriptionToken: token } : {}) };
  return decision.status === 'approved'
    ? { kind: 'published' as const, ...stored }
    : {
        kind: 'held' as const,
        ...stored,
        status: decision.status === 'spam' ? ('spam' as const) : ('pending' as const),
        reasons: decision.reasons,
      };
}

/** Mails confirmed subscribers of the replied-to comment; never the replier themself. */
export async function notifySubscribers(
  db: Db,
  env: CommentEnv,
  target: { title: string; url: string },
  reply: {
    id: string;
    parentId: string | null;
    authorName: string;
    emailHash: string;
    body: string;
    createdAt: Date;
  },
): Promise<number> {
  if (!reply.parentId) return 0;
  let queued = 0;
  for (const subscription of await findSubscriptionsForReply(db, reply.parentId)) {
    if (emailHashOf(env.secret, subscription.email) === reply.emailHash) continue;
    queued++;
    await mailReply(
      db,
      env.site,
      subscription.email,
      {
        manage: subscriptionToken(env.secret, subscription.id),
        unsubscribe: unsubscribeToken(env.secret, subscription.id),
      },
      {
        authorName: reply.authorName,
        body: reply.body,
        postTitle: target.title,
        url: `${target.url}#comment-${reply.id}`,
        createdAt: reply.createdAt,
      },
      env.now,
    );
  }
  return queued;
}

export interface ThreadPage {
  comments: PublicComment[];
  page: number;
  pages: number;
  /** Approved comments on the post, replies included. */
  total: number;
  /** What the comments were made from, to tell whether the page would still show the same (threadPageSince). */
  readonly source?: readonly ShownCommentRow[];
  /**
   * The page's threads and their revisions (threadPageSignature), read before `source`: while they
   * read the same, so do the rows. Moved on by threadPageSince when a change in a thread turned out
   * to change nothing shown (a held reply), so the rows are not read again at every later look.
   */
  signature?: string;
}

/** Colour for the local avatar, from the keyed e-mail hash: stable per person, reveals nothing. */
const colourOf = (emailHash: string) => emailHash.charCodeAt(0) % 8;

function toPublicComment(row: ShownCommentRow, atWord: string): PublicComment {
  const erased = row.erased_at !== null;
  return {
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    authorName: row.author_name,
    avatarColour: colourOf(row.email_hash),
    initials: initialsOf(row.author_name),
    badge: row.badge,
    bodyHtml: renderCommentText(row.body, atWord),
    status: row.status,
    createdAt: new Date(row.created_at),
    editedAt: row.edited_at ? new Date(row.edited_at) : null,
    erased,
    replies: [],
  };
}

/**
 * One page of a post's debate: approved comments, plus the viewer's own held ones (ids from
 * their signed cookie) marked as awaiting moderation. Page numbers past the end give the last page.
 */
export async function getThreadPage(
  db: Db,
  post: { id: string; commentCount: number },
  page: number,
  perPage: number,
  ownPendingIds: readonly string[],
  atWord: string,
): Promise<ThreadPage> {
  const pages = await threadPageCount(db, post.id, perPage);
  const current = Math.min(Math.max(1, page), pages);
  const window = threadWindowOf(current, pages, perPage);
  // Before the rows: a change between the two reads leaves the signature older than the rows, never newer.
  const signature = ownPendingIds.length > 0 ? undefined : await threadPageSignature(db, post.id, window);
  const rows: ShownCommentRow[] = await listThreadPage(db, post.id, window);
  if (ownPendingIds.length > 0) {
    const own = (await findCommentRowsByIds(db, ownPendingIds)).filter(
      (r) => r.post_id === post.id && r.status !== 'approved' && r.status !== 'trash',
    );
    // A held top-level comment shows on the last page, where a new comment would appear.
    rows.push(...own.filter((r) => r.parent_id !== null || current === pages));
  }
  // A reader's own held comments make the page theirs: no later read is compared with it.
  return threadOf(rows, current, pages, post.commentCount, atWord, signature);
}

/** Page `page` of `pages`: one past the middle is found from the debate's end, where its newest threads are. */
const threadWindowOf = (page: number, pages: number, perPage: number): ThreadWindow => ({
  limit: perPage,
  offset: (page - 1) * perPage,
  fromEnd: page > 1 && 2 * page > pages + 1,
});

/** How many pages a post's debate has: its published threads (kept counted), `perPage` to a page; at least one. */
export const threadPageCount = async (db: Db, postId: string, perPage: number): Promise<number> =>
  Math.max(1, Math.ceil((await countThreads(db, postId)) / perPage));

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The page made from its rows, sorted here (a reply after its parent); with its source and signature when it was read as a whole page (see ThreadPage). */
function threadOf(
  rows: ShownCommentRow[],
  page: number,
  pages: number,
  total: number,
  atWord: string,
  signature: string | undefined,
): ThreadPage {
  rows.sort(byId);
  const comments = buildThreads(rows.map((r) => toPublicComment(r, atWord)));
  return signature === undefined ? { comments, page, pages, total } : { comments, page, pages, total, source: rows, signature };
}

/**
 * Page `shown.page` of the thread as it is now, for a page that showed `shown`: `shown` itself when
 * its approved comments are, row for row, those it was made from (nothing of theirs is rendered
 * again), else the page read anew; undefined when the thread no longer has as many pages, or
 * `shown` was not read this way (a reader's own held comments among it).
 */
export async function threadPageSince(
  db: Db,
  post: { id: string; commentCount: number },
  shown: ThreadPage,
  perPage: number,
  atWord: string,
): Promise<ThreadPage | undefined> {
  if (!shown.source) return undefined;
  const pages = await threadPageCount(db, post.id, perPage);
  if (pages !== shown.pages) return undefined;
  const window = threadWindowOf(shown.page, pages, perPage);
  // The same threads at the same revisions: the same rows, without reading them (a comment on another page).
  const signature = await threadPageSignature(db, post.id, window);
  if (signature === shown.signature) return shown;
  const partly = await rowsOfChangedThreads(db, shown, signature);
  const rows = partly?.rows ?? (await listThreadPage(db, post.id, window));
  // Compared before any is rendered: unchanged rows cost no rendering of their text.
  rows.sort(byId);
  if (!sameShownRows(rows, shown.source)) {
    return partly
      ? withChangedThreads(shown, rows, partly.changed, pages, post.commentCount, atWord, signature)
      : threadOf(rows, shown.page, pages, post.commentCount, atWord, signature);
  }
  // Read before these rows and found to show what `shown` does.
  shown.signature = signature;
  return shown;
}

const entriesOf = (signature: string) =>
  signature
    .split(' ')
    .filter(Boolean)
    .map((entry) => entry.split(':') as [string, string]);

/**
 * The page's rows as they now are, when it still has the threads it had in the same order (and
 * perhaps new ones after them, as the last page gets): its kept rows of the threads whose revision
 * stayed, and the rows of the others read anew. A comment in a long debate so reads its own thread,
 * not the page. Undefined when a thread came or went before the page's end: everything is read.
 * The kept rows were current at the older signature and the new ones are read after the newer:
 * whatever changes meanwhile moves a revision past the signature the page keeps.
 */
async function rowsOfChangedThreads(
  db: Db,
  shown: ThreadPage,
  signature: string,
): Promise<{ rows: ShownCommentRow[]; changed: ReadonlySet<string> } | undefined> {
  if (shown.signature === undefined || !shown.source) return undefined;
  const before = entriesOf(shown.signature);
  const after = entriesOf(signature);
  if (after.length < before.length || before.some(([id], i) => after[i]![0] !== id)) return undefined;
  const changed = new Set(after.filter(([, revision], i) => i >= before.length || before[i]![1] !== revision).map(([id]) => id));
  const kept = shown.source.filter((row) => !changed.has(row.root_id));
  return { rows: [...kept, ...(await listThreadRows(db, [...changed], ['approved']))], changed };
}

/**
 * The page made from `rows` (sorted) when only the threads in `changed` differ from `shown`: the
 * others keep their comments as `shown` has them, so a comment in a long debate maps and arranges
 * its own thread's rows, not the page's. A thread's comments never hang under another thread's, so
 * the pieces come together as the whole would (buildThreads), in the order of their first ids.
 */
function withChangedThreads(
  shown: ThreadPage,
  rows: ShownCommentRow[],
  changed: ReadonlySet<string>,
  pages: number,
  total: number,
  atWord: string,
  signature: string,
): ThreadPage {
  const threadOfId = new Map(shown.source!.map((row) => [row.id, row.root_id]));
  const kept = shown.comments.filter((comment) => !changed.has(threadOfId.get(comment.id)!));
  const fresh = buildThreads(rows.filter((row) => changed.has(row.root_id)).map((row) => toPublicComment(row, atWord)));
  const comments = [...kept, ...fresh].sort(byId);
  return { comments, page: shown.page, pages, total, source: rows, signature };
}

/** The approved comments among `ids`, as a public page shows them (the live channel sends them to readers). */
export async function findApprovedComments(
  db: Db,
  ids: readonly string[],
  atWord: string,
): Promise<(PublicComment & { postId: string })[]> {
  if (ids.length === 0) return [];
  const rows = await findCommentRowsByIds(db, ids);
  return rows.filter((r) => r.status === 'approved').map((r) => ({ ...toPublicComment(r, atWord), postId: r.post_id }));
}

/** The thread page a comment is on, for redirects to its anchor. */
export async function pageOfComment(db: Db, postId: string, rootId: string, perPage: number): Promise<number> {
  return Math.max(1, Math.ceil((await topLevelPosition(db, postId, rootId)) / perPage));
}

export async function getCommentRowForAnchor(db: Db, id: string): Promise<{ rootId: string; postId: string } | undefined> {
  const row = await findCommentRow(db, id);
  return row && { rootId: row.root_id, postId: row.post_id };
}

export { updateCommentRow };

export interface ImportedComment {
  postId: string;
  parentId?: string | null;
  name: string;
  email: string;
  body: string;
  status: CommentStatus;
  createdAt: Date;
  badge?: string | null;
}

/**
 * Stores a comment that passed no spam layer because it comes from a trusted source (the demo,
 * an import). Threading and counts follow the same rules as a public submission.
 */
export async function addImportedComment(db: Db, secret: string, maxDepth: number, input: ImportedComment): Promise<string> {
  return inTransaction(db, async (trx) => {
    const id = newId(input.createdAt.getTime());
    const parent = input.parentId ? await findCommentRow(trx, input.parentId) : undefined;
    const place = parent
      ? placeReply({ id: parent.id, parentId: parent.parent_id, depth: parent.depth, rootId: parent.root_id }, maxDepth)
      : { parentId: null, depth: 1, rootId: id };
    const at = input.createdAt.toISOString();
    await insertComment(trx, {
      id,
      post_id: input.postId,
      parent_id: place.parentId,
      root_id: place.rootId,
      depth: place.depth,
      author_name: input.name.trim(),
      author_email: normaliseEmail(input.email),
      email_hash: emailHashOf(secret, input.email),
      person_id: null,
      badge: input.badge ?? null,
      body: input.body.trim(),
      status: input.status,
      spam_score: 0,
      spam_reasons: '[]',
      ip_hash: null,
      created_at: at,
      updated_at: at,
      erased_at: null,
    });
    if (input.status === 'approved') await adjustCommentCount(trx, input.postId, 1);
    return id;
  });
}

// ---- Read-only: the comment feeds.

// Imported here rather than above so this block stays one self-contained addition.
import type { SafeHtml } from '../shared/safe-html.js';
import { listLatestApprovedComments } from './comment.repository.js';

/** A comment as a feed shows it: the name and the text, never the address. */
export interface FeedComment {
  id: string;
  authorName: string;
  bodyHtml: SafeHtml;
  createdAt: Date;
  updatedAt: Date;
  post: { id: string; title: string; path: string };
  /** Path of the comment on its post's page, with the thread page it is on. */
  path: string;
}

/** The `limit` newest approved comments on published posts, or on one post. */
export async function listLatestComments(
  db: Db,
  options: { postId?: string; limit: number; perPage: number; atWord: string },
): Promise<FeedComment[]> {
  const rows = await listLatestApprovedComments(db, options.postId, options.limit);
  return rows.map((row) => {
    const postPath = `/${row.blog_slug}/${row.post_slug}`;
    const page = Math.max(1, Math.ceil(Number(row.root_position) / options.perPage));
    return {
      id: row.id,
      authorName: row.author_name,
      bodyHtml: renderCommentText(row.body, options.atWord),
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      post: { id: row.post_id, title: row.post_title, path: postPath },
      path: `${postPath}${page > 1 ? `?comments-page=${page}` : ''}#comment-${row.id}`,
    };
  });
}
