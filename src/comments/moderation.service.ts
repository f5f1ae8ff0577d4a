/**
 * Moderation: the queue, approve / spam / trash / restore / delete for good, edits, staff replies
 * and the blocklist. Every function checks the actor's policy; every change keeps
 * posts.comment_count right and leaves an audit entry.
 */
import { isIP } from 'node:net';
import { canManageBlocklist, canModerateComment, type Actor } from '../accounts/account.js';
import { audit, getAccount } from '../accounts/account.service.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { newId } from '../shared/ids.js';
import { normaliseEmail } from '../shared/keyed-hash.js';
import { inTransaction, type Db } from '../storage/db.js';
import { commentFieldProblems, COMMENT_LIMITS, placeReply, type CommentStatus, type SpamReason } from './comment.js';
import { findCommentRow, insertComment, updateCommentRow } from './comment.repository.js';
import { emailHashOf, ipHashOf, notifySubscribers, type CommentEnv } from './comment.service.js';
import type { BlocklistTable } from './comment.table.js';
import {
  countModerationRows,
  deleteCommentRow,
  findModerationRow,
  findModerationRows,
  findPostAuthorIds,
  findPostHeading,
  findThreadRows,
  listBlocklistRows,
  listModerationRows,
  listNewestModerationRows,
  recountComments,
  type ModerationRow,
  type ModerationScope,
} from './moderation.repository.js';
import { deleteBlocklistEntry, insertBlocklistEntry, insertSpamEvent } from './spam/spam.repository.js';
import { deleteSubscriptionsForComments } from './subscription.repository.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';

export type StatusFilter = CommentStatus | 'all';
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'pending', 'approved', 'spam', 'trash'];
export const isStatusFilter = (value: unknown): value is StatusFilter => STATUS_FILTERS.includes(value as StatusFilter);

// "All" is the working view: what is public and what waits. Spam and trash have their own tabs.
const STATUSES_OF: Record<StatusFilter, readonly CommentStatus[]> = {
  all: ['pending', 'approved'],
  pending: ['pending'],
  approved: ['approved'],
  spam: ['spam'],
  trash: ['trash'],
};

export type ModerationAction = 'approve' | 'spam' | 'trash' | 'restore' | 'delete';
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'spam', 'trash', 'restore', 'delete'];
export const isModerationAction = (value: unknown): value is ModerationAction => MODERATION_ACTIONS.includes(value as ModerationAction);

export type BlockKind = BlocklistTable['kind'];
export const BLOCK_KINDS: readonly BlockKind[] = ['word', 'email', 'domain', 'ip'];
export const isBlockKind = (value: unknown): value is BlockKind => BLOCK_KINDS.includes(value as BlockKind);

/** A comment as the moderation page shows it: everything, the address and IP hash included. */
export interface ModerationComment {
  id: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  ipHash: string | null;
  badge: string | null;
  body: string;
  status: CommentStatus;
  spamScore: number;
  reasons: SpamReason[];
  createdAt: Date;
  updatedAt: Date;
  erased: boolean;
  post: { id: string; title: string; path: string };
}

export interface ModerationPage {
  comments: ModerationComment[];
  status: StatusFilter;
  page: number;
  pages: number;
  counts: Record<StatusFilter, number>;
  post?: { id: string; title: string };
}

/**
 * The reason a comment gets once it has been public (approved at submission, or by a moderator):
 * it is not announced to subscribers again, and a restore puts it back in public.
 */
export const WAS_PUBLIC: SpamReason = { layer: 'moderator', rule: 'was-public', score: 0 };

const hasReason = (reasons: readonly SpamReason[], reason: SpamReason) =>
  reasons.some((r) => r.layer === reason.layer && r.rule === reason.rule);
const withReason = (reasons: readonly SpamReason[], reason: SpamReason) =>
  hasReason(reasons, reason) ? [...reasons] : [...reasons, reason];

function parseReasons(json: string): SpamReason[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((r): r is SpamReason => typeof r?.layer === 'string' && typeof r?.rule === 'string') : [];
  } catch {
    return [];
  }
}

const scopeOf = (actor: Actor): ModerationScope => {
  if (actor.role === 'admin') return { blogIds: null, authorPersonId: null };
  if (actor.role === 'editor' || actor.role === 'moderator') return { blogIds: actor.blogScope, authorPersonId: null };
  return { blogIds: null, authorPersonId: actor.personId };
};

const postPath = (row: ModerationRow) => `/${row.blog_slug}/${row.post_slug}`;

function toModerationComment(row: ModerationRow): ModerationComment {
  return {
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    authorName: row.author_name,
    authorEmail: row.author_email,
    ipHash: row.ip_hash,
    badge: row.badge,
    body: row.body,
    status: row.status,
    spamScore: row.spam_score,
    reasons: parseReasons(row.spam_reasons),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    erased: row.erased_at !== null,
    post: { id: row.post_id, title: row.post_title, path: postPath(row) },
  };
}

/**
 * The queue an actor may see: held first, then newest; counts per tab for the same post filter.
 * Throws not-found for a post filter outside the actor's reach, as for a post that does not exist.
 */
export async function listModerationQueue(
  db: Db,
  actor: Actor,
  options: { status: StatusFilter; postId?: string | undefined; page: number; perPage: number },
): Promise<ModerationPage> {
  const filter = { scope: scopeOf(actor), postId: options.postId };
  const heading = options.postId ? await findPostHeading(db, filter.scope, options.postId) : undefined;
  if (options.postId && !heading) throw notFound('Post');
  const byStatus = await countModerationRows(db, filter);
  const counts = { ...byStatus, all: byStatus.pending + byStatus.approved };
  const pages = Math.max(1, Math.ceil(counts[options.status] / options.perPage));
  const page = Math.min(Math.max(1, options.page), pages);
  const rows = await listModerationRows(db, {
    ...filter,
    statuses: STATUSES_OF[options.status],
    limit: options.perPage,
    offset: (page - 1) * options.perPage,
  });
  return {
    comments: rows.map(toModerationComment),
    status: options.status,
    page,
    pages,
    counts,
    ...(heading ? { post: { id: heading.id, title: heading.title } } : {}),
  };
}

/** A comment as the dashboard lists it. */
export interface CommentGlance {
  id: string;
  authorName: string;
  excerpt: string;
  status: CommentStatus;
  createdAt: Date;
  postTitle: string;
  postUrl: string;
}

/** What the dashboard shows of comments: those waiting and the newest, only within the actor's reach. */
export async function glanceAtComments(db: Db, actor: Actor, limit = 8): Promise<{ waiting: number; newest: CommentGlance[] }> {
  const scope = scopeOf(actor);
  const [counts, rows] = await Promise.all([countModerationRows(db, { scope }), listNewestModerationRows(db, scope, limit)]);
  return {
    waiting: counts.pending,
    newest: rows.map((row) => ({
      id: row.id,
      authorName: row.author_name,
      excerpt: row.body.length > 140 ? `${row.body.slice(0, 140)}…` : row.body,
      status: row.status,
      createdAt: new Date(row.created_at),
      postTitle: row.post_title,
      postUrl: `${postPath(row)}#comment-${row.id}`,
    })),
  };
}

async function authorize(db: Db, actor: Actor, rows: readonly ModerationRow[]): Promise<void> {
  const authors = await findPostAuthorIds(db, [...new Set(rows.map((r) => r.post_id))]);
  for (const row of rows) {
    if (!canModerateComment(actor, { blogId: row.blog_id, postAuthorPersonIds: authors.get(row.post_id) ?? [] })) {
      throw forbidden('Your role does not let you moderate this comment');
    }
  }
}

async function loadModeratable(db: Db, actor: Actor, id: string): Promise<ModerationRow> {
  const row = await findModerationRow(db, id);
  if (!row) throw notFound('Comment');
  await authorize(db, actor, [row]);
  return row;
}

/** One comment for the edit and reply pages. Throws not-found or forbidden. */
export async function getCommentForModeration(db: Db, actor: Actor, id: string): Promise<ModerationComment> {
  return toModerationComment(await loadModeratable(db, actor, id));
}

/** Where an action takes a comment; undefined when it changes nothing (restoring what is not removed). */
export function statusAfter(
  action: Exclude<ModerationAction, 'delete'>,
  current: CommentStatus,
  reasons: readonly SpamReason[],
): CommentStatus | undefined {
  if (action === 'approve') return 'approved';
  if (action === 'spam') return 'spam';
  if (action === 'trash') return 'trash';
  if (current !== 'trash' && current !== 'spam') return undefined;
  return hasReason(reasons, WAS_PUBLIC) ? 'approved' : 'pending';
}

export interface ModerationResult {
  /** Comments whose state changed. */
  changed: number;
  /** Mail was queued (reply notices), so the worker can be woken. */
  mailQueued: boolean;
}

/**
 * Applies one action to comments; all are checked against the policy before any changes, and
 * all change in one transaction.
 */
export async function moderateComments(
  db: Db,
  env: CommentEnv,
  actor: Actor,
  ids: readonly string[],
  action: ModerationAction,
  extraReason?: SpamReason,
): Promise<ModerationResult> {
  const unique = [...new Set(ids)];
  return inTransaction(db, async (trx) => {
    const rows = await findModerationRows(trx, unique);
    if (rows.length !== unique.length) throw notFound('Comment');
    await authorize(trx, actor, rows);
    const result: ModerationResult = { changed: 0, mailQueued: false };
    for (const row of rows) {
      const outcome =
        action === 'delete' ? await deleteForever(trx, env, actor, row) : await changeStatus(trx, env, actor, row, action, extraReason);
      if (outcome.changed) result.changed++;
      if (outcome.mailQueued) result.mailQueued = true;
    }
    return result;
  });
}

async function changeStatus(
  db: Db,
  env: CommentEnv,
  actor: Actor,
  row: ModerationRow,
  action: Exclude<ModerationAction, 'delete'>,
  extraReason?: SpamReason,
): Promise<{ changed: boolean; mailQueued: boolean }> {
  const { now } = env;
  const reasons = parseReasons(row.spam_reasons);
  const from = row.status;
  const to = statusAfter(action, from, reasons);
  if (!to || (to === from && !extraReason)) return { changed: false, mailQueued: false };
  const wasPublic = hasReason(reasons, WAS_PUBLIC);
  let next = reasons;
  if (from === 'approved' || to === 'approved') next = withReason(next, WAS_PUBLIC);
  if (to === 'spam') next = withReason(next, extraReason ?? { layer: 'moderator', rule: 'marked-spam', score: 0 });
  await updateCommentRow(db, row.id, { status: to, spam_reasons: JSON.stringify(next), updated_at: now.toISOString() });
  // The spam report counts what the filters missed and what they wrongly caught.
  if (to === 'spam' && from !== 'spam') await insertSpamEvent(db, 'moderator', 'spam', row.post_id, now);
  if (from === 'spam' && to === 'approved') await insertSpamEvent(db, 'moderator', 'not-spam', row.post_id, now);
  await recountComments(db, row.post_id);
  let mailQueued = false;
  if (to === 'approved' && from !== 'approved' && !wasPublic && row.erased_at === null) {
    // Subscribers hear of a reply once, when it first becomes public.
    await notifySubscribers(
      db,
      env,
      { title: row.post_title, url: `${env.site.baseUrl}${postPath(row)}` },
      {
        id: row.id,
        parentId: row.parent_id,
        authorName: row.author_name,
        emailHash: row.email_hash,
        body: row.body,
        createdAt: new Date(row.created_at),
      },
    );
    mailQueued = true;
  }
  await audit(db, actor, `comment.${action}`, { type: 'comment', id: row.id, summary: `${from} → ${to}: ${row.post_title}` }, now);
  return { changed: to !== from, mailQueued };
}

export interface ThreadNode {
  id: string;
  parentId: string | null;
  depth: number;
  rootId: string;
}

/**
 * Where a deleted comment's replies go: up one level, to its parent, so the conversation stays
 * readable. Replies to a top-level comment become top-level and head their own threads.
 * Returns only the nodes that change.
 */
export function reparentAfterDelete(thread: readonly ThreadNode[], deletedId: string): ThreadNode[] {
  const deleted = thread.find((n) => n.id === deletedId);
  if (!deleted) return [];
  const children = new Map<string, ThreadNode[]>();
  for (const node of thread) {
    if (node.parentId) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  }
  const changed: ThreadNode[] = [];
  const lift = (node: ThreadNode, parentId: string | null, rootId: string) => {
    const moved = { id: node.id, parentId, depth: node.depth - 1, rootId: rootId || node.id };
    changed.push(moved);
    for (const child of children.get(node.id) ?? []) lift(child, node.id, moved.rootId);
  };
  for (const child of children.get(deleted.id) ?? []) lift(child, deleted.parentId, deleted.parentId ? deleted.rootId : '');
  return changed;
}

async function deleteForever(
  db: Db,
  env: CommentEnv,
  actor: Actor,
  row: ModerationRow,
): Promise<{ changed: boolean; mailQueued: boolean }> {
  // Read again: deleting an earlier comment of the same bulk action may have moved this one.
  const current = await findCommentRow(db, row.id);
  if (!current) return { changed: false, mailQueued: false };
  const thread = await findThreadRows(db, current.root_id);
  const moves = reparentAfterDelete(
    thread.map((r) => ({ id: r.id, parentId: r.parent_id, depth: r.depth, rootId: r.root_id })),
    row.id,
  );
  for (const move of moves) {
    await updateCommentRow(db, move.id, { parent_id: move.parentId, depth: Math.max(1, move.depth), root_id: move.rootId });
  }
  await deleteSubscriptionsForComments(db, [row.id]);
  await deleteCommentRow(db, row.id);
  await recountComments(db, row.post_id);
  await audit(db, actor, 'comment.delete', { type: 'comment', id: row.id, summary: `${row.status}: ${row.post_title}` }, env.now);
  return { changed: true, mailQueued: false };
}

/** Changes the name and text of a comment. Throws invalid with field codes, as the public form does. */
export async function editComment(
  db: Db,
  actor: Actor,
  id: string,
  input: { name: string; body: string },
  now = new Date(),
): Promise<void> {
  const row = await loadModeratable(db, actor, id);
  if (row.erased_at) throw conflict('The writer erased this comment', 'body');
  // The address is not edited here; a placeholder keeps the shared rules from asking for one.
  const problems = commentFieldProblems({ name: input.name, email: row.author_email || 'erased@invalid.example', body: input.body });
  if (Object.keys(problems).length > 0) throw invalid(problems);
  await inTransaction(db, async (trx) => {
    await updateCommentRow(trx, id, {
      author_name: input.name.trim(),
      body: input.body.replace(/\r\n?/g, '\n').trim(),
      updated_at: now.toISOString(),
    });
    await audit(trx, actor, 'comment.edit', { type: 'comment', id, summary: row.post_title }, now);
  });
}

/** Staff badge for a post: 'author' for one of its authors, otherwise 'staff'. */
export async function staffBadgeFor(db: Db, actor: Actor, postId: string): Promise<'author' | 'staff'> {
  const authors = await findPostAuthorIds(db, [postId]);
  return (authors.get(postId) ?? []).includes(actor.personId) ? 'author' : 'staff';
}

/**
 * A reply from the logged-in staff member, public at once with their badge. Replying to a held
 * comment approves it first: a public reply under a hidden comment would read out of context.
 */
export async function replyAsStaff(
  db: Db,
  env: CommentEnv,
  actor: Actor,
  parentId: string,
  text: string,
): Promise<{ id: string; postPath: string }> {
  const parent = await loadModeratable(db, actor, parentId);
  if (parent.erased_at || (parent.status !== 'approved' && parent.status !== 'pending'))
    throw conflict('Only public or held comments can be answered', 'parent');
  const account = await getAccount(db, actor.accountId);
  const body = text.replace(/\r\n?/g, '\n').trim();
  const problems = commentFieldProblems({ name: actor.name, email: account.email, body });
  if (problems.body) throw invalid({ body: problems.body });
  const badge = await staffBadgeFor(db, actor, parent.post_id);
  const { now, settings } = env;
  return inTransaction(db, async (trx) => {
    if (parent.status === 'pending') await changeStatus(trx, env, actor, parent, 'approve');
    const id = newId(now.getTime());
    const place = placeReply(
      { id: parent.id, parentId: parent.parent_id, depth: parent.depth, rootId: parent.root_id },
      settings.commentMaxDepth,
    );
    const email = normaliseEmail(account.email);
    const emailHash = emailHashOf(env.secret, email);
    const at = now.toISOString();
    await insertComment(trx, {
      id,
      post_id: parent.post_id,
      parent_id: place.parentId,
      root_id: place.rootId,
      depth: place.depth,
      author_name: actor.name.slice(0, COMMENT_LIMITS.name),
      author_email: email,
      email_hash: emailHash,
      person_id: actor.personId,
      badge,
      body,
      status: 'approved',
      spam_score: 0,
      spam_reasons: '[]',
      ip_hash: null,
      created_at: at,
      updated_at: at,
      erased_at: null,
    });
    await recountComments(trx, parent.post_id);
    await notifySubscribers(
      trx,
      env,
      { title: parent.post_title, url: `${env.site.baseUrl}${postPath(parent)}` },
      {
        id,
        parentId: place.parentId,
        authorName: actor.name,
        emailHash,
        body,
        createdAt: now,
      },
    );
    await audit(trx, actor, 'comment.reply', { type: 'comment', id, summary: parent.post_title }, now);
    return { id, postPath: postPath(parent) };
  });
}

export type CommentBlock = 'email' | 'domain' | 'ip';

/** Blocks the comment's address, domain or IP hash, and marks the comment as spam. */
export async function blockFromComment(db: Db, env: CommentEnv, actor: Actor, id: string, kind: CommentBlock): Promise<{ value: string }> {
  if (!canManageBlocklist(actor)) throw forbidden('Your role does not let you change the blocklist');
  const row = await loadModeratable(db, actor, id);
  const email = normaliseEmail(row.author_email);
  const value = kind === 'email' ? email : kind === 'domain' ? email.slice(email.lastIndexOf('@') + 1) : (row.ip_hash ?? '');
  if (!value || row.erased_at) throw conflict(`This comment has no ${kind} to block`, kind);
  await inTransaction(db, async (trx) => {
    await insertBlocklistEntry(trx, kind, value, env.now.toISOString());
    await audit(
      trx,
      actor,
      'blocklist.add',
      { type: 'blocklist', summary: kind === 'ip' ? `ip ${value.slice(0, 10)}…` : `${kind} ${value}` },
      env.now,
    );
    await moderateComments(trx, env, actor, [id], 'spam', { layer: 'moderator', rule: `blocked-${kind}`, score: 0 });
  });
  return { value };
}

export interface BlocklistEntry {
  kind: BlockKind;
  value: string;
  createdAt: Date;
}

export async function listBlocklist(db: Db, actor: Actor): Promise<BlocklistEntry[]> {
  if (!canManageBlocklist(actor)) throw forbidden('Your role does not let you see the blocklist');
  return (await listBlocklistRows(db)).map((r) => ({ kind: r.kind, value: r.value, createdAt: new Date(r.created_at) }));
}

const DOMAIN = /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;
const HASH = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The stored form of a blocklist value, or a problem code. An IP address is hashed with the
 * site secret, as comments' addresses are, so the list never holds one.
 */
export function blocklistValue(secret: string, kind: BlockKind, raw: string): { value: string } | { problem: string } {
  const text = raw.trim();
  if (!text) return { problem: 'required' };
  if (text.length > 200) return { problem: 'too_long' };
  if (kind === 'word') return { value: text.toLowerCase() };
  if (kind === 'email') return isEmailAddress(text) ? { value: normaliseEmail(text) } : { problem: 'not_an_email' };
  if (kind === 'domain') {
    const domain = text.replace(/^@/, '').toLowerCase();
    return DOMAIN.test(domain) ? { value: domain } : { problem: 'not_a_domain' };
  }
  if (isIP(text)) return { value: ipHashOf(secret, text)! };
  return HASH.test(text) ? { value: text } : { problem: 'not_an_ip' };
}

/** Adds a word, address, domain or IP (hash) to the blocklist. Throws invalid({ value }) for a bad value. */
export async function addToBlocklist(db: Db, secret: string, actor: Actor, kind: BlockKind, raw: string, now = new Date()): Promise<void> {
  if (!canManageBlocklist(actor)) throw forbidden('Your role does not let you change the blocklist');
  if (!isBlockKind(kind)) throw invalid({ kind: 'unknown' });
  const result = blocklistValue(secret, kind, raw);
  if ('problem' in result) throw invalid({ value: result.problem });
  await inTransaction(db, async (trx) => {
    await insertBlocklistEntry(trx, kind, result.value, now.toISOString());
    await audit(
      trx,
      actor,
      'blocklist.add',
      { type: 'blocklist', summary: kind === 'ip' ? `ip ${result.value.slice(0, 10)}…` : `${kind} ${result.value}` },
      now,
    );
  });
}

export async function removeFromBlocklist(db: Db, actor: Actor, kind: BlockKind, value: string, now = new Date()): Promise<void> {
  if (!canManageBlocklist(actor)) throw forbidden('Your role does not let you change the blocklist');
  if (!isBlockKind(kind)) throw invalid({ kind: 'unknown' });
  await inTransaction(db, async (trx) => {
    await deleteBlocklistEntry(trx, kind, value);
    await audit(
      trx,
      actor,
      'blocklist.remove',
      { type: 'blocklist', summary: kind === 'ip' ? `ip ${value.slice(0, 10)}…` : `${kind} ${value}` },
      now,
    );
  });
}
