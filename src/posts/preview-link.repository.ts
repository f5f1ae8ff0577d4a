import type { Selectable } from 'kysely';
import type { Db } from '../storage/db.js';
import type { PreviewLinkTable } from './preview-link.table.js';

export type PreviewLinkRow = Selectable<PreviewLinkTable>;

export async function insertPreviewLinkRow(db: Db, row: PreviewLinkRow): Promise<void> {
  await db.insertInto('post_preview_links').values(row).execute();
}

export async function findPreviewLinkRowByHash(db: Db, tokenHash: string): Promise<PreviewLinkRow | undefined> {
  return db.selectFrom('post_preview_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findPreviewLinkRow(db: Db, postId: string, id: string): Promise<PreviewLinkRow | undefined> {
  return db.selectFrom('post_preview_links').selectAll().where('post_id', '=', postId).where('id', '=', id).executeTakeFirst();
}

export async function listPreviewLinkRows(db: Db, postId: string): Promise<PreviewLinkRow[]> {
  return db.selectFrom('post_preview_links').selectAll().where('post_id', '=', postId).orderBy('created_at', 'desc').limit(100).execute();
}

export async function revokePreviewLinkRow(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('post_preview_links').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
