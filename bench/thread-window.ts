/**
 * The last page of a long debate, read as a kept post page reads it at every comment: its
 * signature (threads and revisions) and its rows, found from the debate's start and from its end
 * (pageRootIdsFromEnd), on posts of 200, 2,000 and 10,000 threads, in one process on a temporary
 * SQLite file. Prints the best of five runs of 300 of each, taken in turns.
 * `node --import tsx bench/thread-window.ts`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listThreadPage, threadPageSignature, type ThreadWindow } from '../src/comments/comment.repository.js';
import { openDb } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { insertCommentRow } from '../test/support/comment-rows.js';
import { buildBlog, buildPost } from '../test/support/factories.js';

const PER_PAGE = 50;
const RUNS = 5;
const CALLS = 300;

const dir = mkdtempSync(join(tmpdir(), 'ytring-thread-window-'));
const file = join(dir, 'bench.db');
const open = openDb({ dialect: 'sqlite', url: `sqlite:${file}`, filename: file });
await migrateToLatest(open.db, open.dialect);

/** Microseconds per call, after a few calls to warm the statement and the pages it reads. */
async function perCall(read: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 30; i++) await read();
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await read();
  return ((performance.now() - started) / CALLS) * 1000;
}

try {
  const blog = await buildBlog(open.db);
  for (const threads of [200, 2000, 10_000]) {
    const { id: postId } = await buildPost(open.db, { blogId: blog.id });
    for (let i = 0; i < threads; i++) {
      const root = await insertCommentRow(open.db, postId, 'approved');
      if (i % 2 === 0) await insertCommentRow(open.db, postId, 'approved', { id: root, rootId: root });
    }
    const last = (fromEnd: boolean): ThreadWindow => ({ limit: PER_PAGE, offset: (Math.ceil(threads / PER_PAGE) - 1) * PER_PAGE, fromEnd });
    const times = { signature: [[], []] as number[][], rows: [[], []] as number[][] };
    for (let run = 0; run < RUNS; run++) {
      for (const [way, fromEnd] of [false, true].entries()) {
        times.signature[way]!.push(await perCall(() => threadPageSignature(open.db, postId, last(fromEnd))));
        times.rows[way]!.push(await perCall(() => listThreadPage(open.db, postId, last(fromEnd))));
      }
    }
    const best = (list: number[]) => Math.min(...list).toFixed(0);
    console.log(
      `${threads} threads, the last page: signature ${best(times.signature[0]!)} µs from the start, ${best(times.signature[1]!)} µs from the end; ` +
        `rows ${best(times.rows[0]!)} µs from the start, ${best(times.rows[1]!)} µs from the end`,
    );
  }
} finally {
  await open.close();
  rmSync(dir, { recursive: true, force: true });
}
