/** What the demo loader created, by kind and id: the one list "remove the demo content" trusts. */
import type { Db } from '../storage/db.js';

export type DemoItemType = 'person' | 'blog' | 'post' | 'comment';

export async function insertDemoItems(db: Db, type: DemoItemType, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    if (chunk.length)
      await db
        .insertInto('demo_items')
        .values(chunk.map((id) => ({ item_type: type, item_id: id })))
        .execute();
  }
}

export async function listDemoItemIds(db: Db, type: DemoItemType): Promise<string[]> {
  return (await db.selectFrom('demo_items').select('item_id').where('item_type', '=', type).execute()).map((r) => r.item_id);
}

export async function deleteDemoItems(db: Db): Promise<void> {
  await db.deleteFrom('demo_items').execute();
}
