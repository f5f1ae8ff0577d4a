import { parseArgs } from 'node:util';
import { readArgs } from '../args.js';
import { copyUploadsIn } from '../../import-export/upload-files.js';
import type { Config } from '../../config.js';
import { formatDisqusImportReport, importDisqusFile } from '../../import-export/disqus-importer.js';
import { ImportError, formatImportReport, importWxrFile } from '../../import-export/importer.js';
import { progressReporter } from '../../import-export/progress.js';
import { restoreFile, RestoreError } from '../../import-export/restore.js';
import { findCommandLineActor } from '../../accounts/account.service.js';
import { ensureSecret } from '../../settings/secret.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

const USAGE =
  'Usage: ytring import wxr FILE [--blog SLUG] [--as EMAIL] [--media-dir DIR] [--no-fetch | --no-media] | ytring import disqus FILE | ytring import ytring FILE';

const HELP = `${USAGE}

  wxr FILE          a WordPress export (Tools → Export → All content in WordPress)
    --blog SLUG     the blog to import into (made when missing); default: one named after the site
    --as EMAIL      the administrator account the imported images are recorded as uploaded by, as
                    WordPress's importer records the user running it; default: the site's first
                    administrator (with no administrator yet, they are recorded as "WordPress import")
    --media-dir DIR a copy of wp-content/uploads to read images from before fetching them
    --no-fetch      read images from --media-dir only, fetching nothing from the old site
    --no-media      leave images pointing at the old site
  disqus FILE       a Disqus export's comments, onto the posts they were made on
  ytring FILE       a Ytring export, into an empty database`;

/**
 * `ytring import wxr FILE [--blog SLUG] [--as EMAIL]`: a WordPress export, its images read from `--media-dir` (a
 * copy of wp-content/uploads) or fetched from the old site unless `--no-fetch` (`--no-media` leaves
 * them where they are), recorded as uploaded by the administrator `--as` names, else the first one. `ytring import disqus FILE`: a Disqus export's comments. `ytring import
 * ytring FILE`: a Ytring export, into an empty database.
 */
export async function importCommand(config: Config, args: string[]): Promise<number> {
  const parsed = readArgs(
    () =>
      parseArgs({
        args,
        options: {
          blog: { type: 'string' },
          as: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
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
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  const [format, file, ...extra] = parsed.positionals;
  const blogSlug = parsed.values.blog || undefined;
  const mediaDir = parsed.values['media-dir'] || undefined;
  const asEmail = parsed.values.as;
  const wxrOnly = blogSlug || mediaDir || asEmail !== undefined || parsed.values['no-fetch'] || parsed.values['no-media'];
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
    const uploader = await findCommandLineActor(database.db, asEmail);
    if (asEmail !== undefined && uploader?.role !== 'admin') {
      console.error(
        uploader
          ? `${asEmail} is not an administrator's account: importing a site takes one.`
          : `No active account has the e-mail address ${asEmail}.`,
      );
      console.error('Nothing was imported: the database is as it was.');
      return 1;
    }
    const report = await importWxrFile(database.db, file, {
      secret,
      ...(blogSlug ? { blogSlug } : {}),
      ...(parsed.values['no-media']
        ? {}
        : {
            media: {
              uploadsDir: config.uploadsDir,
              ...(mediaDir ? { dir: mediaDir } : {}),
              fetch: !parsed.values['no-fetch'],
              ...(uploader ? { uploader } : {}),
            },
          }),
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
