/**
 * Moderation's queue actions: the queue, approve / spam / trash / restore / delete for good, edits
 * and staff replies. Every function checks the actor's policy; every change keeps
 * posts.comment_count right and leaves an audit entry. The rules live in moderation-rules.ts,
 * the blocklist in blocklist.service.ts.
 */
import { canModerateComment, type Actor } from '../accounts/account.js';
import { audit, getAccount } from '../accounts/account.service.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { newId } from '../shared/ids.js';
import { normaliseEmail } from '../shared/keyed-hash.js';
import { inTransaction, type Db } from '../storage/db.js';
import { commentFieldProblems, commentTextVersion, COMMENT_LIMITS, placeReply, type CommentStatus, type SpamReason } from './comment.js';
import { findCommentRow, insertComment, updateCommentRow } from './comment.repository.js';
import { emailHashOf, notifySubscribers, type CommentEnv } from './comment.service.js';
import {
  countModerationRows,
  deleteCommentRow,
  findModerationRow,
  findModerationRows,
  findPostAuthorIds,
  findPostHeading,
  findThreadRows,
  listModerationRows,
  listNewestModerationRows,
  recountComments,
  type ModerationRow,
} from './moderation.repository.js';
import {
  hasReason,
  parseReasons,
  REASON_FILTERS,
  reparentAfterDelete,
  scopeOf,
  statusAfter,
  STATUSES_OF,
  WAS_PUBLIC,
  withReason,
  type ModerationAction,
  type ReasonFilter,
  type StatusFilter,
} from './moderation-rules.js';
import { listBlogRows } from '../blogs/blog.repository.js';
import { insertSpamEvent } from './spam/spam.repository.js';
import { insertCommentVersion, listCommentVersions } from './version.repository.js';
import type { CommentVersionTable } from './comment.table.js';
import { insertUndo, noChanges, type UndoChanges } from './undo.repository.js';
import { deleteSubscriptionsForComments } from './subscription.repository.js';

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
  blog: { id: string; title: string };
  /** Earlier names and texts, newest first: by the writer through their link, or by staff. */
  versions: { name: string; body: string; replacedAt: Date; byWriter: boolean }[];
}

/** What the queue is narrowed to, besides the status tab; every part survives paging. */
export interface QueueFilters {
  search?: string | undefined;
  blogId?: string | undefined;
  postId?: string | undefined;
  reason?: ReasonFilter | undefined;
}

export interface ModerationPage {
  comments: ModerationComment[];
  status: StatusFilter;
  page: number;
  pages: number;
  counts: Record<StatusFilter, number>;
  filters: QueueFilters;
  /** The blogs the actor may narrow the queue to. */
  blogs: { id: string; title: string }[];
  post?: { id: string; title: string };
}

const postPath = (row: ModerationRow) => `/${row.blog_slug}/${row.post_slug}`;

type Versions = Map<string, CommentVersionTable[]>;

function toModerationComment(row: ModerationRow, versions: Versions = new Map()): ModerationComment {
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
    blog: { id: row.blog_id, title: row.blog_title },
    versions:
      row.erased_at === null
        ? (versions.get(row.id) ?? []).map((v) => ({
            name: v.author_name,
            body: v.body,
            replacedAt: new Date(v.replaced_at),
            byWriter: v.replaced_by === 'writer',
          }))
        : [],
  };
}

/**
 * The queue an actor may see: held first, then newest; counts per tab for the same post filter.
 * Throws not-found for a post filter outside the actor's reach, as for a post that does not exist.
 */
export async function listModerationQueue(
  db: Db,
  actor: Actor,
  options: QueueFilters & { status: StatusFilter; page: number; perPage: number },
): Promise<ModerationPage> {
  const scope = scopeOf(actor);
  const search = options.search?.trim().slice(0, 200) || undefined;
  const filters: QueueFilters = {
    ...(search ? { search } : {}),
    ...(options.blogId ? { blogId: options.blogId } : {}),
    ...(options.postId ? { postId: options.postId } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  };
  const filter = {
    scope,
    postId: options.postId,
    blogId: options.blogId,
    search,
    reasonPattern: options.reason ? REASON_FILTERS[options.reason] : undefined,
  };
  const heading = options.postId ? await findPostHeading(db, scope, options.postId) : undefined;
  if (options.postId && !heading) throw notFound('Post');
  const blogs = (await listBlogRows(db))
    .filter((blog) => scope.blogIds === null || scope.blogIds.includes(blog.id))
    .map((blog) => ({ id: blog.id, title: blog.title }));
  if (options.blogId && !blogs.some((blog) => blog.id === options.blogId)) throw notFound('Blog');
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
  const versions = await listCommentVersions(
    db,
    rows.map((r) => r.id),
  );
  return {
    comments: rows.map((row) => toModerationComment(row, versions)),
    status: options.status,
    page,
    pages,
    counts,
    filters,
    blogs,
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

export async function authorize(db: Db, actor: Actor, rows: readonly ModerationRow[]): Promise<void> {
  const authors = await findPostAuthorIds(db, [...new Set(rows.map((r) => r.post_id))]);
  for (const row of rows) {
    if (!canModerateComment(actor, { blogId: row.blog_id, postAuthorPersonIds: authors.get(row.post_id) ?? [] })) {
      throw forbidden('Your role does not let you moderate this comment');
    }
  }
}

export async function loadModeratable(db: Db, actor: Actor, id: string): Promise<ModerationRow> {
  const row = await findModerationRow(db, id);
  if (!row) throw notFound('Comment');
  await authorize(db, actor, [row]);
  return row;
}

/** One comment for the edit and reply pages. Throws not-found or forbidden. */
export async function getCommentForModeration(db: Db, actor: Actor, id: string): Promise<ModerationComment> {
  return toModerationComment(await loadModeratable(db, actor, id));
}

export interface ModerationResult {
  /** Comments whose state changed. */
  changed: number;
  /** Mail was queued (reply notices), so the worker can be woken. */
  mailQueued: boolean;
  /** The record that undoes the action, for approve, spam and trash that changed something. */
  undoId?: string;
}

const UNDOABLE: readonly ModerationAction[] = ['approve', 'spam', 'trash'];

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
  /** Given by a caller that records the undo itself (a block adds its blocklist entry). */
  collect?: UndoChanges,
): Promise<ModerationResult> {
  const unique = [...new Set(ids)];
  return inTransaction(db, async (trx) => {
    const rows = await findModerationRows(trx, unique);
    if (rows.length !== unique.length) throw notFound('Comment');
    await authorize(trx, actor, rows);
    const result: ModerationResult = { changed: 0, mailQueued: false };
    const changes = collect ?? noChanges();
    for (const row of rows) {
      const outcome =
        action === 'delete'
          ? await deleteForever(trx, env, actor, row)
          : await changeStatus(trx, env, actor, row, action, extraReason, changes);
      if (outcome.changed) result.changed++;
      if (outcome.mailQueued) result.mailQueued = true;
    }
    if (!collect && UNDOABLE.includes(action) && changes.comments.length > 0) {
      result.undoId = await insertUndo(trx, actor.accountId, action, changes, env.now);
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
  changes: UndoChanges = noChanges(),
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
  const day = now.toISOString().slice(0, 10);
  if (to === 'spam' && from !== 'spam') {
    await insertSpamEvent(db, 'moderator', 'spam', row.post_id, now);
    changes.spamEvents.push({ day, layer: 'moderator', outcome: 'spam', postId: row.post_id });
  }
  if (from === 'spam' && to === 'approved') {
    await insertSpamEvent(db, 'moderator', 'not-spam', row.post_id, now);
    changes.spamEvents.push({ day, layer: 'moderator', outcome: 'not-spam', postId: row.post_id });
  }
  await recountComments(db, row.post_id);
  let mailQueued = false;
  if (to === 'approved' && from !== 'approved' && !wasPublic && row.erased_at === null) {
    // Subscribers hear of a reply once, when it first becomes public.
    const queued = await notifySubscribers(
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
    changes.mailQueued ||= queued > 0;
  }
  // Undone, the comment gets its earlier reasons back, but keeps "was public" once subscribers
  // heard of it: approving it again must not tell them twice.
  const undoReasons = mailQueued ? JSON.stringify(withReason(reasons, WAS_PUBLIC)) : row.spam_reasons;
  changes.comments.push({ id: row.id, postId: row.post_id, from, to, reasons: undoReasons, mailed: mailQueued });
  await audit(db, actor, `comment.${action}`, { type: 'comment', id: row.id, summary: `${from} → ${to}: ${row.post_title}` }, now);
  return { changed: to !== from, mailQueued };
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

/**
 * Changes the name and text of a comment. Throws invalid with field codes, as the public form
 * does, and conflict on `version` when the text is no longer what the form was opened on.
 */
export async function editComment(
  db: Db,
  actor: Actor,
  id: string,
  input: { name: string; body: string; version?: string | undefined },
  now = new Date(),
): Promise<void> {
  const row = await loadModeratable(db, actor, id);
  if (row.erased_at) throw conflict('The writer erased this comment', 'body');
  // The address is not edited here; a placeholder keeps the shared rules from asking for one.
  const problems = commentFieldProblems({ name: input.name, email: row.author_email || 'erased@invalid.example', body: input.body });
  if (Object.keys(problems).length > 0) throw invalid(problems);
  await inTransaction(db, async (trx) => {
    // Two moderators (or two tabs) on one comment: the later save would silently undo the earlier one.
    const current = input.version === undefined ? row : await findCommentRow(trx, id);
    if (
      current &&
      input.version !== undefined &&
      input.version !== commentTextVersion({ authorName: current.author_name, body: current.body })
    )
      throw conflict('The comment was changed by someone else meanwhile', 'version');
    const name = input.name.trim();
    const body = input.body.replace(/\r\n?/g, '\n').trim();
    if (name !== row.author_name || body !== row.body) await insertCommentVersion(trx, row, now, actor.accountId);
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
