/**
 * Imports a Disqus export's comments onto the posts they were made on, in one transaction,
 * streaming the file. Threads are matched to posts by address (directly, or through a redirect
 * such as an imported WordPress permalink) or by the identifier the site gave Disqus.
 */
import { withFileChunks } from './files.js';
import { getBlogBySlug } from '../blogs/blog.service.js';
import { placeReply, type CommentStatus } from '../comments/comment.js';
import { emailHashOf } from '../comments/comment.service.js';
import { AppError } from '../errors.js';
import { findPostRowById, findPostRowBySlug } from '../posts/post.repository.js';
import { findRedirect } from '../redirects/redirect.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { inTransaction, type Db } from '../storage/db.js';
import { DisqusParseError, readDisqus, type DisqusPost, type DisqusThread } from './formats/disqus.js';
import { commentHtmlToText, cut, plainLine } from './html.js';
import { findImportTarget, insertImportTargets, type SourceKey } from './import-source.repository.js';
import { addToCommentCounts, findCommentPlaces, insertImportedComments, type ImportedCommentRow } from './imported-comments.repository.js';
import { newId } from '../shared/ids.js';
import { normaliseEmail } from '../shared/keyed-hash.js';
import { ImportError, increment, type ImportProgress } from './import-report.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';

export const DISQUS_COMMENT_KIND = 'disqus-comment';

export interface DisqusImportOptions {
  /** The site secret, which keys the commenters' e-mail hashes. */
  secret: string;
  now?: Date;
  onProgress?: (progress: ImportProgress) => void;
}

export interface DisqusImportReport {
  /** `disqus:<forum>` (or `disqus:<host>` when the file names no forum): what re-runs are recognised by. */
  source: string;
  threads: { matched: number; unmatched: number };
  imported: { comments: number };
  commentsByStatus: Record<CommentStatus, number>;
  /** Found from an earlier run of the same import and left as they were. */
  alreadyImported: { comments: number };
  /** Reason → how many things were left out for it. */
  skipped: Record<string, number>;
  /** Reason → how many things were imported with a change. */
  adjusted: Record<string, number>;
}

export interface DisqusInput {
  /** Text of the export, in order (a file stream with an encoding set). */
  chunks: AsyncIterable<string> | Iterable<string>;
  bytesRead(): number;
  totalBytes: number;
}

const UNMATCHED_COMMENT = 'comment on a thread that matches no post';

interface State {
  trx: Db;
  options: DisqusImportOptions;
  now: Date;
  maxDepth: number;
  source: string;
  report: DisqusImportReport;
  /** Thread dsq:id → Ytring post id, or null when it matches no post. */
  threads: Map<string, string | null>;
  /** Disqus post dsq:id → the Ytring comment and its post, with its place in the thread when this run made it. */
  imported: Map<string, ImportedHere>;
  /** Disqus posts that are not imported (skipped), so their replies need not wait for them. */
  dropped: Set<string>;
  /** Parent dsq:id → replies read before it. */
  waitingForParent: Map<string, DisqusPost[]>;
  /** Comments read before their thread. */
  waitingForThread: DisqusPost[];
  /** Comments read but not yet written, as the WordPress import keeps them (see flushPending). */
  pending: { comments: ImportedCommentRow[]; targets: { key: SourceKey; targetId: string; at: string }[]; approved: Map<string, number> };
}

type Place = { id: string; parentId: string | null; depth: number; rootId: string };
type ImportedHere = { id: string; postId: string; place?: Place };

// Rows kept before they are written: a few statements' worth, so memory stays flat on a large file.
const FLUSH_ROWS = 1_200;

const emptyPending = (): State['pending'] => ({ comments: [], targets: [], approved: new Map() });

/** Writes the comments waiting, with their import keys and their posts' new counts. */
async function flushPending(state: State): Promise<void> {
  const { pending } = state;
  if (pending.comments.length === 0) return;
  state.pending = emptyPending();
  await insertImportedComments(state.trx, pending.comments);
  await insertImportTargets(state.trx, pending.targets);
  await addToCommentCounts(state.trx, pending.approved);
}

/** Where a parent sits: known when this run made it, else read (an earlier run's comment; gone if deleted since). */
async function placeOf(state: State, parent: ImportedHere): Promise<Place | undefined> {
  if (parent.place) return parent.place;
  await flushPending(state);
  return (await findCommentPlaces(state.trx, [parent.id])).get(parent.id);
}

function emptyReport(): DisqusImportReport {
  return {
    source: '',
    threads: { matched: 0, unmatched: 0 },
    imported: { comments: 0 },
    commentsByStatus: { approved: 0, pending: 0, spam: 0, trash: 0 },
    alreadyImported: { comments: 0 },
    skipped: {},
    adjusted: {},
  };
}

function hostOf(link: string): string {
  try {
    return new URL(link).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return '';
  }
}

/** `/<blog>/<slug>` (trailing slash, query and fragment ignored) → the post there, if any. */
async function postAtPath(trx: Db, path: string): Promise<string | undefined> {
  const bare = path.split(/[?#]/)[0]!.replace(/\/+$/, '');
  const parts = bare.split('/').filter(Boolean);
  if (parts.length !== 2) return undefined;
  let blogSlug: string;
  let slug: string;
  try {
    blogSlug = decodeURIComponent(parts[0]!);
    slug = decodeURIComponent(parts[1]!);
  } catch {
    return undefined;
  }
  try {
    const blog = await getBlogBySlug(trx, blogSlug);
    return (await findPostRowBySlug(trx, blog.id, slug))?.id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
}

/** The post at a path: directly, or through a redirect (an imported WordPress permalink, `?p=ID`). */
async function postAtPathOrRedirect(trx: Db, path: string): Promise<string | undefined> {
  const direct = await postAtPath(trx, path);
  if (direct) return direct;
  const target = await findRedirect(trx, path);
  return target ? postAtPath(trx, target) : undefined;
}

const pathOf = (link: string): string | undefined => {
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.pathname + url.search : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The post a thread was about: by identifier (a post id, `<blog>/<slug>`, or the WordPress plugin's
 * `<post id> <guid>`), then by its address or a redirect from it.
 */
async function matchThread(trx: Db, thread: DisqusThread): Promise<string | undefined> {
  const identifier = thread.id.trim();
  if (identifier) {
    if (/^[A-Za-z0-9_-]+$/.test(identifier)) {
      const post = await findPostRowById(trx, identifier);
      if (post) return post.id;
    }
    const byPath = await postAtPath(trx, identifier.startsWith('/') ? identifier : `/${identifier}`);
    if (byPath) return byPath;
    // The WordPress plugin names a thread "<post id> <guid>", which outlives permalink changes:
    // an imported WordPress post answers its old ?p=<id> through a redirect.
    const wordpress = /^(\d{1,20}) (\S+)$/.exec(identifier);
    if (wordpress) {
      const byId = await postAtPathOrRedirect(trx, `/?p=${wordpress[1]}`);
      if (byId) return byId;
      const guid = pathOf(wordpress[2]!);
      const byGuid = guid ? await postAtPathOrRedirect(trx, guid) : undefined;
      if (byGuid) return byGuid;
    }
  }
  const path = pathOf(thread.link);
  return path ? postAtPathOrRedirect(trx, path) : undefined;
}

function statusOf(post: DisqusPost): CommentStatus {
  // Deleted comments go to the trash rather than away: the text stays recoverable, and replies keep their place.
  if (post.isDeleted) return 'trash';
  if (post.isSpam) return 'spam';
  return 'approved';
}

async function importThread(state: State, thread: DisqusThread): Promise<void> {
  if (state.threads.has(thread.dsqId)) return;
  if (!state.source) setSource(state, thread.forum, thread.link);
  const postId = await matchThread(state.trx, thread);
  state.threads.set(thread.dsqId, postId ?? null);
  if (postId) state.report.threads.matched++;
  else state.report.threads.unmatched++;
}

function setSource(state: State, forum: string, link: string): void {
  const name = forum.trim().toLowerCase() || hostOf(link) || 'unknown';
  state.source = `disqus:${name}`;
  state.report.source = state.source;
}

/** Imports one comment (once its thread and parent are known), then any replies that were waiting for it. */
async function importPost(state: State, post: DisqusPost, orphan = false): Promise<void> {
  const { report } = state;
  if (!state.source) setSource(state, post.forum, '');
  const postId = state.threads.get(post.threadDsqId);
  if (postId === undefined) {
    state.waitingForThread.push(post);
    return;
  }
  if (postId === null) {
    await drop(state, post, UNMATCHED_COMMENT);
    return;
  }

  let parent: ImportedHere | undefined;
  if (post.parentDsqId && !orphan) {
    parent = state.imported.get(post.parentDsqId);
    if (!parent && !state.dropped.has(post.parentDsqId)) {
      state.waitingForParent.set(post.parentDsqId, [...(state.waitingForParent.get(post.parentDsqId) ?? []), post]);
      return;
    }
    if (!parent || parent.postId !== postId) {
      increment(report.adjusted, 'reply whose parent is not imported, made top-level');
      parent = undefined;
    }
  }

  const key = { source: state.source, kind: DISQUS_COMMENT_KIND, sourceId: post.dsqId };
  // The same comment twice in one file: the first may still be waiting to be written.
  const earlier = state.imported.get(post.dsqId)?.id ?? (await findImportTarget(state.trx, key));
  let imported: ImportedHere;
  if (earlier) {
    report.alreadyImported.comments++;
    imported = state.imported.get(post.dsqId) ?? { id: earlier, postId };
  } else {
    const body = commentHtmlToText(post.message);
    if (!body) {
      await drop(state, post, 'empty comment');
      return;
    }
    let createdAt = new Date(post.createdAt);
    if (!post.createdAt || Number.isNaN(createdAt.getTime())) {
      increment(report.adjusted, 'comment without a valid date, dated at the import');
      createdAt = state.now;
    }
    const status = statusOf(post);
    const name = cut(plainLine(post.author.name) || plainLine(post.author.username), 80) || 'Anonymous';
    const email = isEmailAddress(post.author.email) ? post.author.email : '';
    const id = newId(createdAt.getTime());
    const parentPlace = parent ? await placeOf(state, parent) : undefined;
    const place = parentPlace ? placeReply(parentPlace, state.maxDepth) : { parentId: null, depth: 1, rootId: id };
    const { pending } = state;
    pending.comments.push({
      id,
      post_id: postId,
      parent_id: place.parentId,
      root_id: place.rootId,
      depth: place.depth,
      author_name: name.trim(),
      author_email: normaliseEmail(email),
      email_hash: emailHashOf(state.options.secret, email),
      badge: null,
      body: body.trim(),
      status,
      created_at: createdAt.toISOString(),
    });
    pending.targets.push({ key, targetId: id, at: state.now.toISOString() });
    if (status === 'approved') pending.approved.set(postId, (pending.approved.get(postId) ?? 0) + 1);
    imported = { id, postId, place: { id, ...place } };
    report.imported.comments++;
    report.commentsByStatus[status]++;
    if (pending.comments.length >= FLUSH_ROWS) await flushPending(state);
  }
  state.imported.set(post.dsqId, imported);
  await releaseReplies(state, post.dsqId);
}

async function drop(state: State, post: DisqusPost, reason: string): Promise<void> {
  increment(state.report.skipped, reason);
  state.dropped.add(post.dsqId);
  await releaseReplies(state, post.dsqId);
}

async function releaseReplies(state: State, dsqId: string): Promise<void> {
  const replies = state.waitingForParent.get(dsqId);
  if (!replies) return;
  state.waitingForParent.delete(dsqId);
  for (const reply of replies) await importPost(state, reply);
}

/** What is still waiting at the end: comments on threads the file never listed, replies to parents it never had. */
async function finish(state: State): Promise<void> {
  const waiting = state.waitingForThread;
  state.waitingForThread = [];
  for (const post of waiting) {
    if (state.threads.has(post.threadDsqId)) await importPost(state, post);
    else await drop(state, post, 'comment on a thread not in the file');
  }
  while (state.waitingForParent.size > 0) {
    const [parentId, replies] = state.waitingForParent.entries().next().value as [string, DisqusPost[]];
    state.waitingForParent.delete(parentId);
    const sorted = [...replies].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    for (const reply of sorted) {
      increment(state.report.adjusted, 'reply whose parent is not in the export, made top-level');
      await importPost(state, reply, true);
    }
  }
}

/**
 * Imports a Disqus export in one transaction: on any error (a malformed file reports its line)
 * nothing is stored. Comments imported by an earlier run of the same export are left alone.
 */
export async function importDisqus(db: Db, input: DisqusInput, options: DisqusImportOptions): Promise<DisqusImportReport> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const state: State = {
      trx,
      options,
      now,
      maxDepth: (await getSiteSettings(trx)).commentMaxDepth,
      source: '',
      report: emptyReport(),
      threads: new Map(),
      imported: new Map(),
      dropped: new Set(),
      waitingForParent: new Map(),
      waitingForThread: [],
      pending: emptyPending(),
    };
    let records = 0;
    let line = 0;
    try {
      for await (const record of readDisqus(input.chunks)) {
        records++;
        if (record.kind === 'category') {
          if (!state.source && record.category.forum) setSource(state, record.category.forum, '');
        } else if (record.kind === 'thread') {
          line = record.thread.line;
          await importThread(state, record.thread);
        } else {
          line = record.post.line;
          await importPost(state, record.post);
        }
        options.onProgress?.({ bytesRead: input.bytesRead(), totalBytes: input.totalBytes, records });
      }
      line = 0;
      await finish(state);
      await flushPending(state);
    } catch (error) {
      if (error instanceof DisqusParseError) {
        throw new ImportError(`line ${error.line}, column ${error.column}: ${error.reason}`, error.line, { cause: error });
      }
      if (error instanceof AppError) {
        const fields = error.details.fields
          ? ` (${Object.entries(error.details.fields)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', ')})`
          : '';
        const where = line > 0 ? `line ${line}: the record starting there could not be imported` : 'a comment could not be imported';
        throw new ImportError(`${where}: ${error.message}${fields}`, line || undefined, { cause: error });
      }
      throw error;
    }
    return state.report;
  });
}

/** Imports the Disqus export at `path`, streaming it. */
export async function importDisqusFile(db: Db, path: string, options: DisqusImportOptions): Promise<DisqusImportReport> {
  return withFileChunks(path, (input) => importDisqus(db, input, options));
}

/** The end-of-import report as lines of text for a person, laid out like the WordPress import's. */
export function formatDisqusImportReport(report: DisqusImportReport): string {
  const parts = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
  const { imported, commentsByStatus, alreadyImported, threads } = report;
  const lines = [`Imported Disqus comments from ${report.source || 'an empty export'}:`];
  lines.push(`  threads     ${threads.matched} matched to posts, ${threads.unmatched} matching no post`);
  lines.push(`  comments    ${imported.comments}${imported.comments > 0 ? ` (${parts(commentsByStatus)})` : ''}`);
  if (alreadyImported.comments > 0)
    lines.push(`Already imported by an earlier run, left as they were: ${alreadyImported.comments} comments`);
  const adjusted = Object.entries(report.adjusted);
  if (adjusted.length > 0) {
    lines.push('Imported with a change:');
    for (const [reason, n] of adjusted.sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(5)}  ${reason}`);
  }
  const skipped = Object.entries(report.skipped);
  lines.push(skipped.length > 0 ? 'Skipped:' : 'Skipped: nothing');
  for (const [reason, n] of skipped.sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(5)}  ${reason}`);
  return lines.join('\n');
}
