import type { Db } from '../storage/db.js';

// Both databases cap the values one statement may bind (the smaller cap is 32,766): 300 rows of up to
// 20 columns stay far below it, and still make one statement of what were hundreds.
export const ROWS_PER_STATEMENT = 300;

export interface SourceKey {
  source: string;
  kind: string;
  sourceId: string;
}

export async function findImportTarget(db: Db, key: SourceKey): Promise<string | undefined> {
  const row = await db
    .selectFrom('import_sources')
    .select('target_id')
    .where('source', '=', key.source)
    .where('kind', '=', key.kind)
    .where('source_id', '=', key.sourceId)
    .executeTakeFirst();
  return row?.target_id;
}

export async function insertImportTarget(db: Db, key: SourceKey, targetId: string, at: string): Promise<void> {
  await db
    .insertInto('import_sources')
    .values({ source: key.source, kind: key.kind, source_id: key.sourceId, target_id: targetId, created_at: at })
    .execute();
}

/** The Ytring ids of many source ids of one source and kind, in one query per few hundred ids. */
export async function findImportTargets(db: Db, source: string, kind: string, sourceIds: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < sourceIds.length; i += ROWS_PER_STATEMENT) {
    const rows = await db
      .selectFrom('import_sources')
      .select(['source_id', 'target_id'])
      .where('source', '=', source)
      .where('kind', '=', kind)
      .where('source_id', 'in', sourceIds.slice(i, i + ROWS_PER_STATEMENT))
      .execute();
    for (const row of rows) found.set(row.source_id, row.target_id);
  }
  return found;
}

export async function insertImportTargets(db: Db, rows: readonly { key: SourceKey; targetId: string; at: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await db
      .insertInto('import_sources')
      .values(
        rows.slice(i, i + ROWS_PER_STATEMENT).map(({ key, targetId, at }) => ({
          source: key.source,
          kind: key.kind,
          source_id: key.sourceId,
          target_id: targetId,
          created_at: at,
        })),
      )
      .execute();
  }
}
