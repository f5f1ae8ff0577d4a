import { parseArgs } from 'node:util';
import { readArgs } from '../args.js';
import { getSpamReport } from '../../comments/spam-report.service.js';
import type { Config } from '../../config.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

const USAGE = 'Usage: ytring spam-report [--days N]';

/** `ytring spam-report [--days N]`: what each layer of the spam defence stopped or judged. */
export async function spamReportCommand(config: Config, args: string[]): Promise<number> {
  const parsed = readArgs(() => parseArgs({ args, options: { days: { type: 'string' } }, strict: true }), USAGE);
  if (!parsed) return 2;
  const days = parsed.values.days === undefined ? undefined : Number(parsed.values.days);
  if (days !== undefined && !(Number.isInteger(days) && days > 0)) {
    console.error(`--days needs a whole number of days, e.g. --days 30\n${USAGE}`);
    return 2;
  }
  const database = openDb(config.database);
  try {
    await migrateToLatest(database.db, database.dialect);
    const since = days ? new Date(Date.now() - days * 86_400_000) : undefined;
    const rows = await getSpamReport(database.db, since);
    console.log(`Spam defence ${since ? `in the last ${days} days` : 'since the start'}:`);
    if (rows.length === 0) {
      console.log('  nothing stopped or held yet');
      return 0;
    }
    const width = Math.max(...rows.map((r) => r.layer.length), 5);
    console.log(`  ${'layer'.padEnd(width)}  ${'outcome'.padEnd(8)}  count`);
    for (const row of rows) console.log(`  ${row.layer.padEnd(width)}  ${row.outcome.padEnd(8)}  ${row.count}`);
    console.log(`  ${'total'.padEnd(width)}  ${''.padEnd(8)}  ${rows.reduce((n, r) => n + r.count, 0)}`);
    return 0;
  } finally {
    await database.close();
  }
}
