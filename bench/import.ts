/**
 * WordPress import speed (issue 18): a generated WXR export of posts with threaded comments
 * imported into a fresh SQLite database, in comments per second and megabytes per second, with the
 * import's peak memory. Also runs alone: `tsx bench/import.ts [--items N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importWxrFile } from '../src/import-export/importer.js';
import { openDb } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { writeLargeWxr } from '../test/support/wxr.js';

export interface ImportBench {
  items: number;
  comments: number;
  megabytes: number;
  seconds: number;
  commentsPerSecond: number;
  megabytesPerSecond: number;
  /** Resident memory above the level before the import, at its highest during it. */
  peakRssGrowthMb: number;
  /** Processor time the import took (user and system): steadier than the clock on a shared machine. */
  cpuSeconds: number;
  /** The machine's one-minute load average when the import ended, to read the clock time by. */
  load: number;
}

/** Generates and imports an export of `items` posts with 25 comments each (about 4 MB per 100 posts). */
export async function benchWxrImport(items = 200, commentsPerItem = 25): Promise<ImportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'ytring-bench-import-'));
  const database = openDb({ dialect: 'sqlite', url: `sqlite:${join(dir, 'i.db')}`, filename: join(dir, 'i.db') });
  try {
    await migrateToLatest(database.db, database.dialect);
    const file = join(dir, 'export.xml');
    const bytes = await writeLargeWxr(file, { items, commentsPerItem, bodyBytes: 3_000, commentBytes: 400 });
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const report = await importWxrFile(database.db, file, {
      secret: 'bench-secret',
      blogSlug: 'bench-import',
      // rss() alone: the full memoryUsage() walks the heap spaces, which cost the import a twentieth of its time.
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage.rss());
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const megabytes = bytes / 1_048_576;
    return {
      items,
      comments: report.imported.comments,
      megabytes,
      seconds,
      commentsPerSecond: report.imported.comments / seconds,
      megabytesPerSecond: megabytes / seconds,
      peakRssGrowthMb: (peak - baseline) / 1_048_576,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      load: loadavg()[0]!,
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeImportBench(r: ImportBench): string {
  return (
    `WordPress import: ${r.comments.toLocaleString('en')} comments on ${r.items} posts (${r.megabytes.toFixed(1)} MB, SQLite) in ` +
    `${r.seconds.toFixed(1)} s: ${Math.round(r.commentsPerSecond).toLocaleString('en')} comments/s (target ≥ 5,000), ` +
    `${r.megabytesPerSecond.toFixed(1)} MB/s, peak memory +${Math.round(r.peakRssGrowthMb)} MB; ` +
    `${r.cpuSeconds.toFixed(1)} s of processor time (${Math.round(r.comments / r.cpuSeconds).toLocaleString('en')} comments per processor second), load ${r.load.toFixed(1)}`
  );
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const flag = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  console.log(describeImportBench(await benchWxrImport(flag('--items'), flag('--comments'))));
}
