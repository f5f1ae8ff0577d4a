import type { Selectable } from 'kysely';
import type { UploadTable } from '../accounts/account.table.js';
import type { Db } from '../storage/db.js';

export type UploadRow = Selectable<UploadTable>;

export async function insertUploadRow(db: Db, row: UploadRow): Promise<void> {
  await db.insertInto('uploads').values(row).execute();
}

export async function findUploadRowById(db: Db, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUploadRowsByIds(db: Db, ids: readonly string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('uploads').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/**
 * Up to `limit` JPEG and PNG uploads without AVIF copies whose work no one holds now (no claim, or
 * one expired) and that have been tried fewer than `maxAttempts` times, oldest first.
 */
export async function findUploadsLackingAvif(db: Db, now: string, limit: number, maxAttempts: number): Promise<UploadRow[]> {
  return db
    .selectFrom('uploads')
    .leftJoin('upload_claims', (join) => join.onRef('upload_claims.upload_id', '=', 'uploads.id').on('upload_claims.job', '=', 'avif'))
    .selectAll('uploads')
    .where('uploads.content_type', 'in', ['image/jpeg', 'image/png'])
    .where('uploads.variants', 'not like', '%"avif:%')
    .where((eb) =>
      eb.or([
        eb('upload_claims.upload_id', 'is', null),
        eb.and([eb('upload_claims.claimed_until', '<', now), eb('upload_claims.attempts', '<', maxAttempts)]),
      ]),
    )
    .orderBy('uploads.created_at')
    .orderBy('uploads.id')
    .limit(limit)
    .execute();
}

/**
 * Claims `job` on an upload until `until`, in one statement: a new claim, or one taken over once it
 * has expired (its attempts counted). True when this caller holds it now.
 */
export async function claimUploadJob(db: Db, uploadId: string, job: string, now: string, until: string): Promise<boolean> {
  const result = await db
    .insertInto('upload_claims')
    .values({ upload_id: uploadId, job, claimed_until: until, attempts: 1 })
    .onConflict((oc) =>
      oc
        .columns(['upload_id', 'job'])
        .doUpdateSet((eb) => ({ claimed_until: eb.ref('excluded.claimed_until'), attempts: eb('upload_claims.attempts', '+', 1) }))
        .where('upload_claims.claimed_until', '<', now),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteUploadClaim(db: Db, uploadId: string, job: string): Promise<void> {
  await db.deleteFrom('upload_claims').where('upload_id', '=', uploadId).where('job', '=', job).execute();
}

/** Sets an upload's variants if they are still `before`; false when they changed or the upload is gone. */
export async function replaceUploadVariants(db: Db, id: string, before: string, after: string): Promise<boolean> {
  const result = await db
    .updateTable('uploads')
    .set({ variants: after })
    .where('id', '=', id)
    .where('variants', '=', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
