/**
 * Preview links: a draft or scheduled post shown to anyone holding a random token (a guest expert
 * asked to check their words), until the link expires or is revoked. Only a keyed hash of the token
 * is stored; creating and revoking are audited.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { invalid, notFound } from '../errors.js';
import { newId } from '../shared/ids.js';
import { keyedHash } from '../shared/keyed-hash.js';
import { inTransaction, type Db } from '../storage/db.js';
import { getPostToEdit } from './post-admin.service.js';
import {
  findPreviewLinkRow,
  findPreviewLinkRowByHash,
  insertPreviewLinkRow,
  listPreviewLinkRows,
  revokePreviewLinkRow,
  type PreviewLinkRow,
} from './preview-link.repository.js';

export const PREVIEW_LINK_DAYS: readonly number[] = [1, 7, 30];
const HASH_DOMAIN = 'preview-link';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type PreviewLinkState = 'active' | 'expired' | 'revoked';

export interface PreviewLink {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  state: PreviewLinkState;
}

const stateOf = (row: PreviewLinkRow, now: Date): PreviewLinkState =>
  row.revoked_at ? 'revoked' : new Date(row.expires_at).getTime() <= now.getTime() ? 'expired' : 'active';

const toPreviewLink = (row: PreviewLinkRow, now: Date): PreviewLink => ({
  id: row.id,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  state: stateOf(row, now),
});

/** The path a token opens. */
export const previewLinkPath = (token: string) => `/preview/${token}`;

/** Creates a link to the post valid for `days` days; the token is returned once and never again. Throws forbidden, not-found, invalid. */
export async function createPreviewLink(
  db: Db,
  secret: string,
  actor: Actor,
  postId: string,
  days: number,
  now = new Date(),
): Promise<{ link: PreviewLink; token: string }> {
  if (!PREVIEW_LINK_DAYS.includes(days)) throw invalid({ days: 'invalid' });
  return inTransaction(db, async (trx) => {
    const post = await getPostToEdit(trx, actor, postId);
    const token = randomBytes(32).toString('base64url');
    const row: PreviewLinkRow = {
      id: newId(now.getTime()),
      post_id: post.id,
      token_hash: keyedHash(secret, HASH_DOMAIN, token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
      revoked_at: null,
      account_id: actor.accountId,
    };
    await insertPreviewLinkRow(trx, row);
    await audit(trx, actor, 'post.preview-link.create', { type: 'post', id: post.id, summary: `${post.title} (${days} d)` }, now);
    return { link: toPreviewLink(row, now), token };
  });
}

/** The post's links, newest first, for someone who may edit it. */
export async function listPreviewLinks(db: Db, actor: Actor, postId: string, now = new Date()): Promise<PreviewLink[]> {
  const post = await getPostToEdit(db, actor, postId);
  return (await listPreviewLinkRows(db, post.id)).map((row) => toPreviewLink(row, now));
}

export async function revokePreviewLink(db: Db, actor: Actor, postId: string, linkId: string, now = new Date()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const post = await getPostToEdit(trx, actor, postId);
    const row = await findPreviewLinkRow(trx, post.id, linkId);
    if (!row) throw notFound('Preview link');
    if (row.revoked_at) return;
    await revokePreviewLinkRow(trx, row.id, now.toISOString());
    await audit(trx, actor, 'post.preview-link.revoke', { type: 'post', id: post.id, summary: post.title }, now);
  });
}

export type PreviewLinkOutcome =
  { kind: 'open'; postId: string; expiresAt: Date } | { kind: 'expired' } | { kind: 'revoked' } | { kind: 'unknown' };

/** What a token opens now. A token that could not be one costs no query. */
export async function openPreviewLink(db: Db, secret: string, token: string, now = new Date()): Promise<PreviewLinkOutcome> {
  if (!TOKEN.test(token)) return { kind: 'unknown' };
  const row = await findPreviewLinkRowByHash(db, keyedHash(secret, HASH_DOMAIN, token));
  if (!row) return { kind: 'unknown' };
  const state = stateOf(row, now);
  return state === 'active' ? { kind: 'open', postId: row.post_id, expiresAt: new Date(row.expires_at) } : { kind: state };
}
