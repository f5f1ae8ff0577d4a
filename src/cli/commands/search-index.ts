import type { Config } from '../../config.js';
import { rebuildSearchIndex } from '../../search/search.service.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

/** `ytring search-index rebuild`: indexes every published post anew, e.g. after the site language changed. */
export async function searchIndexCommand(config: Config, args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] !== 'rebuild') {
    console.error('Usage: ytring search-index rebuild');
    return 2;
  }
  const database = openDb(config.database);
  try {
    await migrateToLatest(database.db, database.dialect);
    const count = await rebuildSearchIndex(database.db);
    console.log(`Indexed ${count} published post(s).`);
    return 0;
  } finally {
    await database.close();
  }
}
