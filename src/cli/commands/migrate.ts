import type { Config } from '../../config.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

export async function migrateCommand(config: Config): Promise<void> {
  const database = openDb(config.database);
  try {
    const applied = await migrateToLatest(database.db, database.dialect);
    console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'The database is up to date.');
  } finally {
    await database.close();
  }
}
