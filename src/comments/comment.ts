import { createHash } from 'node:crypto';
import type { SafeHtml } from '../shared/safe-html.js';
import type { CommentStatus } from './comment.table.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';

export type { CommentStatus };

export interface SpamReason {
  /** Which layer spoke: question, honeypot, too-fast, rate-limit, duplicate, links, blocklist, content, policy. */
  layer: string;
  rule: string;
  score: number;
}

/** A comment as a public page shows it: no e-mail, no IP hash. */
export interface PublicComment {
  id: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  /** Colour index for the locally made avatar, derived from the keyed e-mail hash. */
  avatarColour: number;
  initials: string;
  badge: string | null;
  bodyHtml: SafeHtml;
  status: CommentStatus;
  createdAt: Date;
  /** When the writer last changed the text; null if never. */
  editedAt: Date | null;
  erased: boolean;
  replies: PublicComment[];
}

export interface CommentInput {
  name: string;
  email: string;
  body: string;
  parentId?: string | undefined;
  notify?: boolean;
}

export const COMMENT_LIMITS = { name: 80, email: 200, bodyMin: 2, body: 5000 } as const;

/**
 * Every problem a comment form can come back with, by the field it is shown at ('form' for the
 * form as a whole). Closed unions: a misspelt code fails tsc, and so does a code without a message
 * (commentProblemKey in views/partials/comment-form.tsx).
 */
export interface CommentProblemCodes {
  name: 'required' | 'too_long';
  email: 'required' | 'too_long' | 'not_an_email';
  body: 'required' | 'too_short' | 'too_long' | 'duplicate';
  answer: 'missing' | 'wrong' | 'expired' | 'other_post' | 'reused';
  parent: 'not_found';
  form: 'closed' | 'rejected' | 'too_fast' | 'rate_limited' | 'cross_site' | 'unavailable';
}
export type CommentField = keyof CommentProblemCodes;
/** Field → problem code; an empty object means valid. */
export type CommentProblems = { [F in CommentField]?: CommentProblemCodes[F] };

/** Field problems as codes the form turns into messages; an empty object means valid. */
export function commentFieldProblems(input: CommentInput): CommentProblems {
  const problems: CommentProblems = {};
  const name = input.name.trim();
  if (!name) problems.name = 'required';
  else if (name.length > COMMENT_LIMITS.name) problems.name = 'too_long';
  const email = input.email.trim();
  if (!email) problems.email = 'required';
  else if (email.length > COMMENT_LIMITS.email) problems.email = 'too_long';
  else if (!isEmailAddress(email)) problems.email = 'not_an_email';
  const body = input.body.trim();
  if (!body) problems.body = 'required';
  else if (body.length < COMMENT_LIMITS.bodyMin) problems.body = 'too_short';
  else if (body.length > COMMENT_LIMITS.body) problems.body = 'too_long';
  return problems;
}

/**
 * Where a reply goes: under its parent, unless that would nest deeper than `maxDepth`;
 * then beside the parent, at the deepest allowed level.
 */
export function placeReply(
  parent: { id: string; parentId: string | null; depth: number; rootId: string },
  maxDepth: number,
): { parentId: string; depth: number; rootId: string } {
  if (parent.depth < maxDepth) return { parentId: parent.id, depth: parent.depth + 1, rootId: parent.rootId };
  return { parentId: parent.parentId ?? parent.id, depth: parent.depth, rootId: parent.rootId };
}

/**
 * Nests a flat, oldest-first list into threads; replies whose parent is missing become top-level.
 * A deleted comment keeps its place (a placeholder) only while replies hang from it.
 */
export function buildThreads(comments: PublicComment[]): PublicComment[] {
  const byId = new Map(comments.map((c) => [c.id, { ...c, replies: [] as PublicComment[] }]));
  const roots: PublicComment[] = [];
  for (const comment of byId.values()) {
    const parent = comment.parentId ? byId.get(comment.parentId) : undefined;
    if (parent) parent.replies.push(comment);
    else roots.push(comment);
  }
  return withoutDeletedLeaves(roots);
}

function withoutDeletedLeaves(list: PublicComment[]): PublicComment[] {
  const kept: PublicComment[] = [];
  for (const comment of list) {
    comment.replies = withoutDeletedLeaves(comment.replies);
    if (!comment.erased || comment.replies.length > 0) kept.push(comment);
  }
  return kept;
}

export function isClosed(post: { commentsOpen: boolean; publishedAt: Date | null }, closeAfterDays: number, now: Date): boolean {
  if (!post.commentsOpen) return true;
  if (closeAfterDays <= 0 || !post.publishedAt) return false;
  return now.getTime() > post.publishedAt.getTime() + closeAfterDays * 24 * 3600 * 1000;
}

/**
 * What the edit form says it started from: the comment's name and text as it was opened. A digest
 * of the text itself rather than a time, so that a status change (approved, trashed, restored)
 * refuses no one's edit, while an edit by a moderator or by the writer through their link does. Both
 * edit forms carry it (moderation's and the writer's manage page).
 */
export function commentTextVersion(comment: { authorName: string; body: string }): string {
  return createHash('sha256').update(comment.authorName).update('\u0000').update(comment.body).digest('base64url').slice(0, 22);
}
