import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { writeLargeWxr } from '../../test/support/wxr.js';
import { importWxrFile } from './importer.js';

const MB = 1_048_576;
// YTRING_LARGE_TESTS=1 runs the full 200 MB import (minutes, SQLite only); by default a 20 MB one shows the same shape.
const LARGE = process.env.YTRING_LARGE_TESTS === '1';
// About 29 KB an item: 7,000 make 200 MB, 700 make 20 MB. PostgreSQL, slower per statement, gets a 5 MB file by default.
const itemsFor = (dialect: string) => (LARGE ? 7_000 : dialect === 'sqlite' ? 700 : 175);
const SIZE = { commentsPerItem: 10, bodyBytes: 5_000, commentBytes: 1_500 };
// What may stay reachable beyond the baseline whatever the file's size: caches, the current item.
const RETAINED_LIMIT_MB = 32;
const PEAK_RSS_LIMIT_MB = LARGE ? 500 : 400;

// Retained memory is measured after a full collection, so garbage not yet collected does not count.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

for (const dialect of LARGE ? DIALECTS.filter((d) => d === 'sqlite') : DIALECTS) {
  describe(`importing a large generated export (${dialect})`, () => {
    let server: TestServer;
    let dir: string;
    let file: string;
    let bytes: number;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ytring-large-'));
      file = join(dir, 'large.xml');
      bytes = await writeLargeWxr(file, { ...SIZE, items: itemsFor(dialect) });
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const expectedMb = itemsFor(dialect) * 0.0285;
    it(`streams ${expectedMb.toFixed(0)} MB with flat memory and reports progress as it reads`, async () => {
      gc();
      const baseline = process.memoryUsage();
      const retained: number[] = [];
      let peakRss = baseline.rss;
      let lastBytes = 0;
      let nextCheckpoint = 0;
      const started = performance.now();
      const report = await importWxrFile(server.db, file, {
        secret: server.app.secret,
        blogSlug: 'large',
        onProgress: (p) => {
          assert.ok(p.bytesRead >= lastBytes && p.bytesRead <= p.totalBytes);
          lastBytes = p.bytesRead;
          if (p.bytesRead >= nextCheckpoint) {
            nextCheckpoint += p.totalBytes / 10;
            gc();
            const now = process.memoryUsage();
            retained.push(now.heapUsed - baseline.heapUsed);
            peakRss = Math.max(peakRss, now.rss);
          }
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const growth = (Math.max(...retained) - retained[0]!) / MB;
      console.log(
        `# ${dialect}: ${(bytes / MB).toFixed(0)} MB, ${report.imported.posts} posts, ${report.imported.comments} comments in ${seconds.toFixed(1)} s; ` +
          `retained heap over the run ${retained.map((r) => (r / MB).toFixed(0)).join(' ')} MB; peak RSS ${(peakRss / MB).toFixed(0)} MB`,
      );
      assert.ok(bytes > expectedMb * 0.95 * MB, `generated ${bytes} bytes`);
      assert.equal(report.imported.posts, itemsFor(dialect));
      assert.equal(report.imported.comments, itemsFor(dialect) * SIZE.commentsPerItem);
      assert.equal(lastBytes, bytes);
      assert.ok(retained.length >= 9, `${retained.length} checkpoints`);
      assert.ok(growth < RETAINED_LIMIT_MB, `retained heap grew ${growth.toFixed(0)} MB while reading ${(bytes / MB).toFixed(0)} MB`);
      assert.ok(peakRss / MB < PEAK_RSS_LIMIT_MB, `peak RSS ${(peakRss / MB).toFixed(0)} MB`);
    });
  });
}
