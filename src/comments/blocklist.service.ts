/**
 * The blocklist: words, addresses, domains and IP hashes whose comments go to spam. The site-wide
 * list is kept by those whose reach is every blog, a blog's own list also by that blog's moderators
 * and editors; a block from a comment also marks that comment as spam.
 */
import { isIP } from 'node:net';
import { canManageBlocklist, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { conflict, forbidden, invalid } from '../errors.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';
import { normaliseEmail } from '../shared/keyed-hash.js';
import { inTransaction, type Db } from '../storage/db.js';
import { ipHashOf, type CommentEnv } from './comment.service.js';
import type { BlocklistTable } from './comment.table.js';
import { countIpHashUse, listBlocklistRows } from './moderation.repository.js';
import { loadModeratable, moderateComments } from './moderation.service.js';
import { deleteBlocklistEntry, insertBlocklistEntry } from './spam/spam.repository.js';
import { insertUndo, noChanges } from './undo.repository.js';

export type BlockKind = BlocklistTable['kind'];
export const BLOCK_KINDS: readonly BlockKind[] = ['word', 'email', 'domain', 'ip'];
export const isBlockKind = (value: unknown): value is BlockKind => BLOCK_KINDS.includes(value as BlockKind);

export type CommentBlock = 'email' | 'domain' | 'ip';

/** Where a block from a comment holds: the whole site, or only the comment's blog. */
export type BlockScope = 'site' | 'blog';
export const isBlockScope = (value: unknown): value is BlockScope => value === 'site' || value === 'blog';

/** The scopes an actor may block a comment of this blog in; the first is what they get without choosing. */
export function blockScopesFor(actor: Actor, blogId: string): BlockScope[] {
  return [...(canManageBlocklist(actor) ? (['site'] as const) : []), ...(canManageBlocklistOf(actor, blogId) ? (['blog'] as const) : [])];
}

/** The blog id the entry is stored under ('' for site-wide), or forbidden. */
function blocklistBlogOf(actor: Actor, blogId: string, scope: BlockScope | undefined): string {
  const allowed = blockScopesFor(actor, blogId);
  const chosen = scope ?? allowed[0];
  if (!chosen || !allowed.includes(chosen)) throw forbidden('Your role does not let you change this blocklist');
  return chosen === 'site' ? '' : blogId;
}

const describeEntry = (kind: BlockKind, value: string, blogId: string) =>
  `${kind === 'ip' ? `ip ${value.slice(0, 10)}…` : `${kind} ${value}`}${blogId ? ` (blog ${blogId})` : ''}`;

/**
 * Blocks the comment's address, domain or IP hash, site-wide or for the comment's blog (site staff
 * choose; a blog's own moderators and editors block for their blog), and marks the comment as spam.
 * Returns the record that undoes both (the entry goes again only if this block added it).
 */
export async function blockFromComment(
  db: Db,
  env: CommentEnv,
  actor: Actor,
  id: string,
  kind: CommentBlock,
  scope?: BlockScope,
): Promise<{ value: string; undoId: string }> {
  const row = await loadModeratable(db, actor, id);
  const blogId = blocklistBlogOf(actor, row.blog_id, scope);
  const email = normaliseEmail(row.author_email);
  const value = kind === 'email' ? email : kind === 'domain' ? email.slice(email.lastIndexOf('@') + 1) : (row.ip_hash ?? '');
  if (!value || row.erased_at) throw conflict(`This comment has no ${kind} to block`, kind);
  const undoId = await inTransaction(db, async (trx) => {
    const changes = noChanges();
    if (await insertBlocklistEntry(trx, kind, value, env.now.toISOString(), blogId)) changes.blocklist = { kind, value, blogId };
    await audit(trx, actor, 'blocklist.add', { type: 'blocklist', summary: describeEntry(kind, value, blogId) }, env.now);
    await moderateComments(trx, env, actor, [id], 'spam', { layer: 'moderator', rule: `blocked-${kind}`, score: 0 }, changes);
    return insertUndo(trx, actor.accountId, `block-${kind}`, changes, env.now);
  });
  return { value, undoId };
}

/**
 * What blocking a comment's IP hash would reach, for the warning before it: the comments from that
 * hash (on the site, or on the comment's blog for those who can block only there), how many
 * different addresses wrote them, and the scopes the actor may choose from.
 */
export async function ipBlockReach(db: Db, actor: Actor, id: string): Promise<{ comments: number; people: number; scopes: BlockScope[] }> {
  const row = await loadModeratable(db, actor, id);
  const scopes = blockScopesFor(actor, row.blog_id);
  if (scopes.length === 0) throw forbidden('Your role does not let you change the blocklist');
  if (!row.ip_hash || row.erased_at) throw conflict('This comment has no ip to block', 'ip');
  return { ...(await countIpHashUse(db, row.ip_hash, scopes.includes('site') ? undefined : row.blog_id)), scopes };
}

export interface BlocklistEntry {
  kind: BlockKind;
  value: string;
  createdAt: Date;
}

/**
 * Who keeps which list: the site-wide list ('') as before, those whose reach is every blog; a
 * blog's own list, administrators and that blog's editors and moderators.
 */
export function canManageBlocklistOf(actor: Actor, blogId: string): boolean {
  if (!blogId) return canManageBlocklist(actor);
  if (actor.role === 'admin') return true;
  return (actor.role === 'editor' || actor.role === 'moderator') && (actor.blogScope === null || actor.blogScope.includes(blogId));
}

export async function listBlocklist(db: Db, actor: Actor, blogId = ''): Promise<BlocklistEntry[]> {
  if (!canManageBlocklistOf(actor, blogId)) throw forbidden('Your role does not let you see the blocklist');
  return (await listBlocklistRows(db, blogId)).map((r) => ({ kind: r.kind, value: r.value, createdAt: new Date(r.created_at) }));
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
export async function addToBlocklist(
  db: Db,
  secret: string,
  actor: Actor,
  kind: BlockKind,
  raw: string,
  now = new Date(),
  blogId = '',
): Promise<void> {
  if (!canManageBlocklistOf(actor, blogId)) throw forbidden('Your role does not let you change the blocklist');
  if (!isBlockKind(kind)) throw invalid({ kind: 'unknown' });
  const result = blocklistValue(secret, kind, raw);
  if ('problem' in result) throw invalid({ value: result.problem });
  await inTransaction(db, async (trx) => {
    await insertBlocklistEntry(trx, kind, result.value, now.toISOString(), blogId);
    await audit(
      trx,
      actor,
      'blocklist.add',
      {
        type: 'blocklist',
        summary: `${kind === 'ip' ? `ip ${result.value.slice(0, 10)}…` : `${kind} ${result.value}`}${blogId ? ` (blog ${blogId})` : ''}`,
      },
      now,
    );
  });
}

export async function removeFromBlocklist(
  db: Db,
  actor: Actor,
  kind: BlockKind,
  value: string,
  now = new Date(),
  blogId = '',
): Promise<void> {
  if (!canManageBlocklistOf(actor, blogId)) throw forbidden('Your role does not let you change the blocklist');
  if (!isBlockKind(kind)) throw invalid({ kind: 'unknown' });
  await inTransaction(db, async (trx) => {
    await deleteBlocklistEntry(trx, kind, value, blogId);
    await audit(
      trx,
      actor,
      'blocklist.remove',
      {
        type: 'blocklist',
        summary: `${kind === 'ip' ? `ip ${value.slice(0, 10)}…` : `${kind} ${value}`}${blogId ? ` (blog ${blogId})` : ''}`,
      },
      now,
    );
  });
}
