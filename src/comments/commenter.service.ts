/**
 * What a commenter can do without an account, through private links sent to their address:
 * confirm or stop reply mails, edit or delete a comment, and see, download or erase all of
 * their comments (GDPR access and erasure).
 */
import { forgetMailFor } from '../notifications/mail.service.js';
import { keyedHash, safeEqual, sign, verify } from '../shared/keyed-hash.js';
import { inTransaction, type Db } from '../storage/db.js';
import { blogOfPost } from './moderator-mail.repository.js';
import { moderatorAddresses } from './moderator-mail.service.js';
import { mailModeratorsAboutHeld } from './comment-mails.js';
import { countLinks } from './comment-text.js';
import { COMMENT_LIMITS, commentTextVersion, type CommentStatus, type SpamReason } from './comment.js';
import {
  adjustCommentCount,
  findCommentWithPost,
  hasApprovedComment,
  listCommentsByEmailHash,
  updateCommentRow,
  type CommentWithPost,
} from './comment.repository.js';
import { emailHashOf, ipHashOf, type CommentEnv } from './comment.service.js';
import { decide, scoreComment } from './spam/spam-rules.js';
import { hitRateLimit, insertSpamEvent, readBlocklist } from './spam/spam.repository.js';
import { deleteCommentVersions, insertCommentVersion } from './version.repository.js';
import { deleteSubscriptionsForComments, findSubscriptionById, updateSubscription } from './subscription.repository.js';
import { readEditLinkToken } from './edit-link.js';

/**
 * 'subscription' is the manage token (confirm, edit, delete, stop); 'unsubscribe' only stops the
 * mails. Each route names the purposes it accepts, so a link handed around cannot do more.
 */
type TokenPurpose = 'subscription' | 'unsubscribe';

async function subscriptionFromToken(db: Db, secret: string, token: string, purposes: readonly TokenPurpose[] = ['subscription']) {
  const [id, signature, extra] = token.split('.');
  if (!id || !signature || extra !== undefined) return undefined;
  if (!purposes.some((purpose) => safeEqual(signature, keyedHash(secret, purpose, id)))) return undefined;
  return findSubscriptionById(db, id);
}

/**
 * What a manage token reaches: a confirmed subscription's comment (the mailed link, which proves the
 * address), or the one comment of a writer's edit link (edit-link.ts), which proves nothing.
 */
async function manageTarget(
  db: Db,
  secret: string,
  token: string,
  now: Date,
): Promise<{ commentId: string; subscription?: NonNullable<Awaited<ReturnType<typeof findSubscriptionById>>> } | undefined> {
  const edit = readEditLinkToken(secret, token, now);
  if (edit === 'expired') return undefined;
  if (edit) return { commentId: edit.commentId };
  const subscription = await subscriptionFromToken(db, secret, token);
  return subscription?.confirmed_at ? { commentId: subscription.comment_id, subscription } : undefined;
}

/** Whether a token is a writer's edit link whose 15 minutes are over (for a page that says so). */
export function isExpiredEditLink(secret: string, token: string, now = new Date()): boolean {
  return readEditLinkToken(secret, token, now) === 'expired';
}

export interface ManagedComment {
  id: string;
  body: string;
  status: CommentStatus;
  createdAt: Date;
  postTitle: string;
  postUrl: string;
  canEdit: boolean;
  erased: boolean;
  subscribed: boolean;
  /** The text as the page shows it (commentTextVersion), for the edit form to send back. */
  version: string;
  /**
   * Keyed hash of the address the link was mailed to: opening the link proves it (see proven-address-cookie.ts).
   * Absent for a writer's edit link, which was never mailed.
   */
  provenEmailHash?: string;
}

function toManaged(
  row: CommentWithPost,
  subscribed: boolean,
  editWindowMinutes: number,
  now: Date,
): Omit<ManagedComment, 'provenEmailHash'> {
  const createdAt = new Date(row.created_at);
  return {
    id: row.id,
    body: row.body,
    status: row.status,
    createdAt,
    postTitle: row.post_title,
    postUrl: `/${row.blog_slug}/${row.post_slug}#comment-${row.id}`,
    canEdit: row.erased_at === null && now.getTime() - createdAt.getTime() <= editWindowMinutes * 60_000,
    erased: row.erased_at !== null,
    subscribed,
    version: commentTextVersion({ authorName: row.author_name, body: row.body }),
  };
}

/** Confirms a reply subscription (double opt-in); undefined for a token that is not ours. */
export async function confirmSubscription(
  db: Db,
  secret: string,
  token: string,
  now = new Date(),
): Promise<{ postUrl: string; provenEmailHash: string } | undefined> {
  const subscription = await subscriptionFromToken(db, secret, token);
  if (!subscription) return undefined;
  if (!subscription.confirmed_at) await updateSubscription(db, subscription.id, { confirmed_at: now.toISOString(), unsubscribed_at: null });
  const comment = await findCommentWithPost(db, subscription.comment_id);
  return {
    postUrl: comment ? `/${comment.blog_slug}/${comment.post_slug}#comment-${comment.id}` : '/',
    provenEmailHash: emailHashOf(secret, subscription.email),
  };
}

/** Whether a token may confirm reply mails; reads only, for the page a GET of the link shows. */
export async function canConfirm(db: Db, secret: string, token: string): Promise<boolean> {
  return (await subscriptionFromToken(db, secret, token)) !== undefined;
}

/** Whether a token may stop reply mails; reads only, for the page a GET of the link shows. */
export async function canUnsubscribe(db: Db, secret: string, token: string): Promise<boolean> {
  return (await subscriptionFromToken(db, secret, token, ['subscription', 'unsubscribe'])) !== undefined;
}

export async function unsubscribe(db: Db, secret: string, token: string, now = new Date()): Promise<boolean> {
  const subscription = await subscriptionFromToken(db, secret, token, ['subscription', 'unsubscribe']);
  if (!subscription) return false;
  if (!subscription.unsubscribed_at) await updateSubscription(db, subscription.id, { unsubscribed_at: now.toISOString() });
  return true;
}

export async function getManagedComment(
  db: Db,
  secret: string,
  token: string,
  editWindowMinutes: number,
  now = new Date(),
): Promise<ManagedComment | undefined> {
  const target = await manageTarget(db, secret, token, now);
  const row = target && (await findCommentWithPost(db, target.commentId));
  if (!target || !row) return undefined;
  const { subscription } = target;
  return subscription
    ? {
        ...toManaged(row, subscription.unsubscribed_at === null, editWindowMinutes, now),
        provenEmailHash: emailHashOf(secret, subscription.email),
      }
    : toManaged(row, false, editWindowMinutes, now);
}

/**
 * Why an edit waits for a moderator, as its writer may be told: too many links (the site's limit),
 * a word the site reviews, text that looks like spam, a site that reads every comment first, or a
 * first comment from the address. A blocked address, domain or network is not told.
 */
export type EditHoldReason =
  { kind: 'links'; max: number } | { kind: 'words' } | { kind: 'content' } | { kind: 'review' } | { kind: 'first-time' };

export type EditResult =
  | { ok: true; status: CommentStatus; heldFor: EditHoldReason[] }
  | { ok: false; error: 'not_found' | 'window_closed' | 'required' | 'too_long' | 'rate_limited' | 'changed' };

/** What of a held edit's reasons its writer is told, each kind once. */
function holdReasonsForWriter(reasons: readonly SpamReason[], maxLinks: number): EditHoldReason[] {
  const told = new Map<EditHoldReason['kind'], EditHoldReason>();
  for (const reason of reasons) {
    if (reason.layer === 'links') told.set('links', { kind: 'links', max: maxLinks });
    else if (reason.layer === 'blocklist' && reason.rule.startsWith('word:')) told.set('words', { kind: 'words' });
    else if (reason.layer === 'content') told.set('content', { kind: 'content' });
    else if (reason.layer === 'policy' && reason.rule === 'hold-all') told.set('review', { kind: 'review' });
    else if (reason.layer === 'policy' && reason.rule === 'first-time-commenter') told.set('first-time', { kind: 'first-time' });
  }
  return [...told.values()];
}

// How far from the public page each status is: an edit may move a comment away, never nearer.
const DISTANCE: Record<CommentStatus, number> = { approved: 0, pending: 1, spam: 2, trash: 3 };

/**
 * Replaces the text of a comment through its manage link. The new text meets the same rules as a
 * new comment's (links, words, spam-like content, blocklists) and a site that reads every comment
 * first reads the edit too: an edit held by them takes the comment off the page until a moderator
 * approves it, with the reasons its writer may be told. An approved comment is not held again for
 * being its writer's first (issue 15): that rule is about who writes, and this comment was let
 * through already. A held or spam comment stays where it is, whatever the new text.
 */
export async function editOwnComment(
  db: Db,
  env: CommentEnv,
  token: string,
  body: string,
  ip: string | undefined,
  provenEmailHashes: readonly string[] = [],
  /** What the page the writer typed on showed (ManagedComment.version); a moderator's edit since refuses the save. */
  expectedVersion?: string,
): Promise<EditResult> {
  const { secret, settings, now } = env;
  const target = await manageTarget(db, secret, token, now);
  const row = target && (await findCommentWithPost(db, target.commentId));
  if (!target || !row) return { ok: false, error: 'not_found' };
  if (!toManaged(row, true, settings.editWindowMinutes, now).canEdit) return { ok: false, error: 'window_closed' };
  const clean = body.replace(/\r\n?/g, '\n').trim();
  if (clean.length < COMMENT_LIMITS.bodyMin) return { ok: false, error: 'required' };
  if (clean.length > COMMENT_LIMITS.body) return { ok: false, error: 'too_long' };
  if (clean === row.body) return { ok: true, status: row.status, heldFor: [] };
  // A moderator may have taken something out (an address, a phone number) while the page was open:
  // saving the text typed over the older one would silently put it back.
  if (expectedVersion !== undefined && expectedVersion !== commentTextVersion({ authorName: row.author_name, body: row.body }))
    return { ok: false, error: 'changed' };
  // Edits count with the address's comments, so the link is no way around the hourly limit.
  if ((await hitRateLimit(db, `comment:email:${row.email_hash}`, now, HOUR)) > settings.commentsPerHourPerEmail)
    return { ok: false, error: 'rate_limited' };

  const ipHash = ipHashOf(secret, ip);
  const reasons = scoreComment(
    { name: row.author_name, email: row.author_email, body: clean, linkCount: countLinks(clean), ipHash },
    await readBlocklist(db, await blogOfPost(db, row.post_id)),
    settings,
  );
  // The mailed manage link proves the address, so the first-time policy may trust it like a proven
  // commenter. The edit link does not: there, only the browser's own proof counts, as for a new
  // comment, unless the comment itself is approved: its writer is past the first-time rule.
  const proven = Boolean(target.subscription) || provenEmailHashes.includes(row.email_hash);
  const trusted = row.status === 'approved' || (proven && (await hasApprovedComment(db, row.email_hash)));
  const decision = decide(reasons, settings, trusted);
  const status = DISTANCE[decision.status] > DISTANCE[row.status] ? decision.status : row.status;
  const at = now.toISOString();
  await inTransaction(db, async (trx) => {
    await insertCommentVersion(trx, row, now, 'writer');
    await updateCommentRow(trx, row.id, {
      body: clean,
      status,
      updated_at: at,
      edited_at: at,
      ...(status === 'approved' && row.status === 'approved'
        ? {}
        : { spam_score: decision.score, spam_reasons: JSON.stringify(decision.reasons) }),
    });
    if (row.status === 'approved' && status !== 'approved') {
      await adjustCommentCount(trx, row.post_id, -1);
      await insertSpamEvent(trx, decision.reasons[0]?.layer ?? 'policy', status === 'spam' ? 'spam' : 'held', row.post_id, now);
      await mailModeratorsAboutHeld(
        trx,
        env.site,
        await moderatorAddresses(trx, settings.moderatorEmails, row.post_id),
        {
          id: row.id,
          authorName: row.author_name,
          authorEmail: row.author_email,
          body: clean,
          status,
          reasons: decision.reasons,
          postTitle: row.post_title,
          postUrl: `${env.site.baseUrl}/${row.blog_slug}/${row.post_slug}`,
        },
        now,
      );
    }
  });
  return { ok: true, status, heldFor: status === 'approved' ? [] : holdReasonsForWriter(decision.reasons, settings.maxLinks) };
}

/** Removes name, address and text but keeps the comment's place, so replies to it still read in context. */
async function eraseComments(
  db: Db,
  rows: readonly { id: string; post_id: string; status: CommentStatus; author_email: string }[],
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    // Mail about these comments (a moderator's notice, reply mails) holds the address and text too.
    for (const address of new Set(rows.map((r) => r.author_email).filter(Boolean))) await forgetMailFor(trx, address);
    for (const row of rows) {
      await updateCommentRow(trx, row.id, {
        author_name: '',
        author_email: '',
        email_hash: `erased:${row.id}`,
        body: '',
        ip_hash: null,
        erased_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      if (row.status === 'approved') await adjustCommentCount(trx, row.post_id, -1);
    }
    await deleteSubscriptionsForComments(
      trx,
      rows.map((r) => r.id),
    );
    await deleteCommentVersions(
      trx,
      rows.map((r) => r.id),
    );
  });
}

export async function deleteOwnComment(db: Db, secret: string, token: string, now = new Date()): Promise<boolean> {
  const target = await manageTarget(db, secret, token, now);
  const row = target && (await findCommentWithPost(db, target.commentId));
  if (!row || row.erased_at) return false;
  await eraseComments(db, [row], now);
  return true;
}

// ---- GDPR: everything a person wrote, found by their address.

const PRIVACY_LINK_MS = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/** A link token that proves the holder received mail at the address; valid for a day. */
export function privacyToken(secret: string, email: string, now = new Date()): string {
  return sign(secret, 'privacy', { h: emailHashOf(secret, email), e: now.getTime() + PRIVACY_LINK_MS });
}

/** The address hash a privacy link was made for, while it is valid; undefined otherwise. */
export function emailHashFromPrivacyToken(secret: string, token: string, now: Date): string | undefined {
  const payload = verify<{ h: string; e: number }>(secret, 'privacy', token);
  return payload && payload.e >= now.getTime() ? payload.h : undefined;
}

export interface OwnCommentExport {
  id: string;
  post: { title: string; url: string };
  name: string;
  email: string;
  body: string;
  status: CommentStatus;
  createdAt: string;
  updatedAt: string;
}

/** The holder's comments, or undefined for an invalid or expired token. */
export async function listOwnComments(
  db: Db,
  secret: string,
  token: string,
  baseUrl: string,
  now = new Date(),
): Promise<OwnCommentExport[] | undefined> {
  const emailHash = emailHashFromPrivacyToken(secret, token, now);
  if (!emailHash) return undefined;
  return (await listCommentsByEmailHash(db, emailHash)).map((row) => ({
    id: row.id,
    post: { title: row.post_title, url: `${baseUrl}/${row.blog_slug}/${row.post_slug}#comment-${row.id}` },
    name: row.author_name,
    email: row.author_email,
    body: row.body,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function eraseOwnComments(db: Db, secret: string, token: string, now = new Date()): Promise<number | undefined> {
  const emailHash = emailHashFromPrivacyToken(secret, token, now);
  if (!emailHash) return undefined;
  const rows = await listCommentsByEmailHash(db, emailHash);
  await eraseComments(db, rows, now);
  return rows.length;
}

export async function hasComments(db: Db, secret: string, email: string): Promise<boolean> {
  return (await listCommentsByEmailHash(db, emailHashOf(secret, email))).length > 0;
}
