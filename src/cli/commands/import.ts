import { parseArgs } from 'node:util';
import { readArgs } from '../args.js';
import { copyUploadsIn } from '../../import-export/upload-files.js';
import type { Config } from '../../config.js';
import { formatDisqusImportReport, importDisqusFile } from '../../import-export/disqus-importer.js';
import { ImportError, formatImportReport, importWxrFile } from '../../import-export/importer.js';
import { progressReporter } from '../../import-export/progress.js';
import { restoreFile, RestoreError } from '../../import-export/restore.js';
import { ensureSecret } from '../../settings/secret.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

const USAGE =
  'Usage: ytring import wxr FILE [--blog SLUG] [--media-dir DIR] [--no-fetch | --no-media] | ytring import disqus FILE | ytring import ytring FILE';

/**
 * `ytring import wxr FILE [--blog SLUG]`: a WordPress export, its images read from `--media-dir` (a
 * copy of wp-content/uploads) or fetched from the old site unless `--no-fetch` (`--no-media` leaves
 * them where they are). `ytring import disqus FILE`: a Disqus export's comments. `ytring import
 * ytring FILE`: a Ytring export, into an empty database.
 */
export async function importCommand(config: Config, args: string[]): Promise<number> {
  const parsed = readArgs(
    () =>
      parseArgs({
        args,
        options: {
          blog: { type: 'string' },
          'media-dir': { type: 'string' },
          'no-fetch': { type: 'boolean' },
          'no-media': { type: 'boolean' },
        },
        allowPositionals: true,
        strict: true,
      }),
    USAGE,
  );
  if (!parsed) return 2;
  const [format, file, ...extra] = parsed.positionals;
  const blogSlug = parsed.values.blog || undefined;
  const mediaDir = parsed.values['media-dir'] || undefined;
  const wxrOnly = blogSlug || mediaDir || parsed.values['no-fetch'] || parsed.values['no-media'];
  const contradicting = parsed.values['no-media'] && (mediaDir || parsed.values['no-fetch']);
  if (
    !file ||
    extra.length > 0 ||
    (format !== 'wxr' && format !== 'disqus' && format !== 'ytring') ||
    (format !== 'wxr' && wxrOnly) ||
    contradicting
  ) {
    console.error(USAGE);
    return 2;
  }
  const database = openDb(config.database);
  const progress = progressReporter(process.stderr, format === 'ytring' ? 'restore' : 'import');
  try {
    await migrateToLatest(database.db, database.dialect);
    if (format === 'ytring') {
      const counts = await restoreFile(database.db, file, { onProgress: (p) => progress.update(p.bytesRead, p.totalBytes, p.rows) });
      progress.finish();
      console.log(`Restored ${file}:`);
      for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(22)} ${n}`);
      const files = await copyUploadsIn(file, config.uploadsDir);
      if (files > 0) console.log(`  uploaded files         ${files}`);
      return 0;
    }
    const secret = await ensureSecret(database.db, config.secret);
    if (format === 'disqus') {
      const report = await importDisqusFile(database.db, file, {
        secret,
        onProgress: (p) => progress.update(p.bytesRead, p.totalBytes, p.records),
      });
      progress.finish();
      console.log(formatDisqusImportReport(report));
      return 0;
    }
    const report = await importWxrFile(database.db, file, {
      secret,
      ...(blogSlug ? { blogSlug } : {}),
      ...(parsed.values['no-media']
        ? {}
        : { media: { uploadsDir: config.uploadsDir, ...(mediaDir ? { dir: mediaDir } : {}), fetch: !parsed.values['no-fetch'] } }),
      onProgress: (p) => progress.update(p.bytesRead, p.totalBytes, p.records),
    });
    progress.finish();
    console.log(formatImportReport(report));
    return 0;
  } catch (error) {
    progress.finish();
    if (error instanceof ImportError || error instanceof RestoreError) {
      console.error(`${file}: ${error.message}\nNothing was imported: the database is as it was.`);
      return 1;
    }
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES')) {
      console.error(`Cannot read ${file}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
