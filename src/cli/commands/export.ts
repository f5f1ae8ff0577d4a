import { parseArgs } from 'node:util';
import { readArgs } from '../args.js';
import type { Config } from '../../config.js';
import { exportSiteToFile } from '../../import-export/exporter.js';
import { exportWxrToFile } from '../../import-export/wxr-exporter.js';
import { progressReporter } from '../../import-export/progress.js';
import { copyUploadsOut, uploadsFolderFor } from '../../import-export/upload-files.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

const USAGE = 'Usage: ytring export FILE | ytring export wxr FILE';

/** `ytring export FILE` (everything, as NDJSON) or `ytring export wxr FILE` (posts, people, tags and comments for WordPress). */
export async function exportCommand(config: Config, args: string[]): Promise<number> {
  const parsed = readArgs(() => parseArgs({ args, allowPositionals: true, strict: true }), USAGE);
  if (!parsed) return 2;
  const { positionals } = parsed;
  const wxr = positionals[0] === 'wxr';
  const file = wxr ? positionals[1] : positionals[0];
  if (!file || positionals.length !== (wxr ? 2 : 1)) {
    console.error(USAGE);
    return 2;
  }
  const database = openDb(config.database);
  const progress = progressReporter(process.stderr, 'export', { unit: 'rows' });
  try {
    await migrateToLatest(database.db, database.dialect);
    const onProgress = (p: { rows: number; totalRows: number }) => progress.update(p.rows, Math.max(p.rows, p.totalRows), p.rows);
    const counts = wxr
      ? await exportWxrToFile(database.db, file, { baseUrl: config.baseUrl, onProgress })
      : await exportSiteToFile(database.db, file, { onProgress });
    progress.finish();
    console.log(`Exported to ${file}${wxr ? ' (WordPress WXR 1.2)' : ''}:`);
    for (const [what, n] of Object.entries(counts)) console.log(`  ${what.padEnd(22)} ${n}`);
    if (!wxr) {
      const files = await copyUploadsOut(config.uploadsDir, file);
      if (files > 0) console.log(`Uploaded files (${files}) are in ${uploadsFolderFor(file)}/ beside it.`);
      console.log('The export holds private data (e-mail addresses, password hashes): keep it like a backup.');
    }
    return 0;
  } finally {
    await database.close();
  }
}
