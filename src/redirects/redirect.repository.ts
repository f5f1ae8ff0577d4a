import type { Db } from '../storage/db.js';

export async function findRedirectTarget(db: Db, fromPath: string): Promise<string | undefined> {
  const row = await db.selectFrom('redirects').select('to_path').where('from_path', '=', fromPath).executeTakeFirst();
  return row?.to_path;
}

export async function upsertRedirect(db: Db, fromPath: string, toPath: string, at: string): Promise<void> {
  await db
    .insertInto('redirects')
    .values({ from_path: fromPath, to_path: toPath, created_at: at })
    .onConflict((oc) => oc.column('from_path').doUpdateSet({ to_path: toPath, created_at: at }))
    .execute();
}

/** Points redirects that led to `oldTarget` at `newTarget`, so no chain forms. */
export async function retargetRedirects(db: Db, oldTarget: string, newTarget: string): Promise<void> {
  await db.updateTable('redirects').set({ to_path: newTarget }).where('to_path', '=', oldTarget).execute();
}

export async function deleteRedirect(db: Db, fromPath: string): Promise<void> {
  await db.deleteFrom('redirects').where('from_path', '=', fromPath).execute();
}
