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

// Keys per statement: well under either database's limit on parameters.
const KEYS_PER_STATEMENT = 400;

/** The redirects from any of `keys`, or leading to any of `targets`, as from → to. */
export async function findRedirectsTouching(db: Db, keys: readonly string[], targets: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [column, values] of [
    ['from_path', keys],
    ['to_path', targets],
  ] as const) {
    for (let i = 0; i < values.length; i += KEYS_PER_STATEMENT) {
      const rows = await db
        .selectFrom('redirects')
        .select(['from_path', 'to_path'])
        .where(column, 'in', values.slice(i, i + KEYS_PER_STATEMENT))
        .execute();
      for (const row of rows) found.set(row.from_path, row.to_path);
    }
  }
  return found;
}

export async function upsertRedirects(db: Db, rows: readonly { from_path: string; to_path: string; created_at: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += KEYS_PER_STATEMENT / 2) {
    await db
      .insertInto('redirects')
      .values(rows.slice(i, i + KEYS_PER_STATEMENT / 2))
      .onConflict((oc) =>
        oc.column('from_path').doUpdateSet((eb) => ({ to_path: eb.ref('excluded.to_path'), created_at: eb.ref('excluded.created_at') })),
      )
      .execute();
  }
}

export async function setRedirectTarget(db: Db, fromPath: string, toPath: string): Promise<void> {
  await db.updateTable('redirects').set({ to_path: toPath }).where('from_path', '=', fromPath).execute();
}

export async function deleteRedirects(db: Db, fromPaths: readonly string[]): Promise<void> {
  for (let i = 0; i < fromPaths.length; i += KEYS_PER_STATEMENT) {
    await db
      .deleteFrom('redirects')
      .where('from_path', 'in', fromPaths.slice(i, i + KEYS_PER_STATEMENT))
      .execute();
  }
}
