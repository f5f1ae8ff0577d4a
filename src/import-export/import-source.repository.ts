import type { Db } from '../storage/db.js';

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
