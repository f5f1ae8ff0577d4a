/**
 * The rules of moderation, free of storage: which statuses a tab shows, where an action takes a
 * comment, how a deleted comment's replies move up, and the reasons a comment carries.
 */
import type { Actor } from '../accounts/account.js';
import type { CommentStatus, SpamReason } from './comment.js';
import type { ModerationScope } from './moderation.repository.js';

export type StatusFilter = CommentStatus | 'all';
export const STATUS_FILTERS: readonly StatusFilter[] = ['pending', 'all', 'approved', 'spam', 'trash'];
/** The queue opens on what waits. */
export const DEFAULT_STATUS: StatusFilter = 'pending';
export const isStatusFilter = (value: unknown): value is StatusFilter => STATUS_FILTERS.includes(value as StatusFilter);

// "All" is the working view: what is public and what waits. Spam and trash have their own tabs.
export const STATUSES_OF: Record<StatusFilter, readonly CommentStatus[]> = {
  all: ['pending', 'approved'],
  pending: ['pending'],
  approved: ['approved'],
  spam: ['spam'],
  trash: ['trash'],
};

/**
 * The reasons the queue filters by, each a LIKE pattern over the stored reasons (JSON written
 * as {"layer":…,"rule":…}).
 */
export const REASON_FILTERS = {
  blocklist: '%"layer":"blocklist"%',
  links: '%"layer":"links"%',
  'content.link-in-name': '%"layer":"content","rule":"link-in-name"%',
  'content.mostly-links': '%"layer":"content","rule":"mostly-links"%',
  'content.all-capitals': '%"layer":"content","rule":"all-capitals"%',
  'policy.first-time-commenter': '%"layer":"policy","rule":"first-time-commenter"%',
  'policy.hold-all': '%"layer":"policy","rule":"hold-all"%',
  'moderator.marked-spam': '%"layer":"moderator","rule":"marked-spam"%',
  'moderator.blocked': '%"layer":"moderator","rule":"blocked-%',
} as const;
export type ReasonFilter = keyof typeof REASON_FILTERS;
export const isReasonFilter = (value: unknown): value is ReasonFilter => typeof value === 'string' && Object.hasOwn(REASON_FILTERS, value);

export type ModerationAction = 'approve' | 'spam' | 'trash' | 'restore' | 'delete';
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'spam', 'trash', 'restore', 'delete'];
export const isModerationAction = (value: unknown): value is ModerationAction => MODERATION_ACTIONS.includes(value as ModerationAction);

/**
 * The reason a comment gets once it has been public (approved at submission, or by a moderator):
 * it is not announced to subscribers again, and a restore puts it back in public.
 */
export const WAS_PUBLIC: SpamReason = { layer: 'moderator', rule: 'was-public', score: 0 };

export const hasReason = (reasons: readonly SpamReason[], reason: SpamReason) =>
  reasons.some((r) => r.layer === reason.layer && r.rule === reason.rule);
export const withReason = (reasons: readonly SpamReason[], reason: SpamReason) =>
  hasReason(reasons, reason) ? [...reasons] : [...reasons, reason];

export function parseReasons(json: string): SpamReason[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((r): r is SpamReason => typeof r?.layer === 'string' && typeof r?.rule === 'string') : [];
  } catch {
    return [];
  }
}

export const scopeOf = (actor: Actor): ModerationScope => {
  if (actor.role === 'admin') return { blogIds: null, authorPersonId: null };
  if (actor.role === 'editor' || actor.role === 'moderator') return { blogIds: actor.blogScope, authorPersonId: null };
  return { blogIds: null, authorPersonId: actor.personId };
};

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
