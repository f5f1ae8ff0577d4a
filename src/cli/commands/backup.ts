import { parseArgs } from 'node:util';
import { readArgs } from '../args.js';
import type { Config } from '../../config.js';
import { backupDatabase } from '../../storage/backup.js';

/**
 * `ytring backup FILE`: a consistent copy of a running site's database file; for a database
 * server it explains that server's own tools.
 */
export async function backupCommand(config: Config, args: string[]): Promise<number> {
  const usage = 'Usage: ytring backup FILE';
  const parsed = readArgs(() => parseArgs({ args, allowPositionals: true, strict: true }), usage);
  if (!parsed) return 2;
  const [file, ...rest] = parsed.positionals;
  if (!file || rest.length > 0) {
    console.error(usage);
    return 2;
  }
  const outcome = await backupDatabase(config.database, file);
  switch (outcome.kind) {
    case 'elsewhere':
      console.error(outcome.howTo);
      return 2;
    case 'missing':
      console.error(`No database at ${outcome.source}: nothing to back up.`);
      return 1;
    case 'copied':
      console.log(`Backed up ${outcome.source} to ${file}: ${outcome.pages} pages in ${outcome.ms} ms.`);
      return 0;
  }
}
