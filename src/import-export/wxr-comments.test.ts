/** Imported WordPress comments, written in batches: threads, counts and a second run's new replies. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDb, type OpenDb } from '../storage/db.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/db.js';
import { wxrDocument, wxrItem, type CommentSpec } from '../../test/support/wxr.js';
import { importWxrFile } from './importer.js';

for (const dialect of DIALECTS) {
  describe(`imported WordPress comments (${dialect})`, () => {
    let database: TestDatabase;
    let open: OpenDb;
    let dir: string;
    before(async () => {
      database = await createTestDatabase(dialect, { migrated: true });
      open = openDb(database.config);
      dir = await mkdtemp(join(tmpdir(), 'ytring-wxr-comments-'));
    });
    after(async () => {
      await open?.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    const importComments = async (name: string, comments: CommentSpec[]) => {
      const file = join(dir, name);
      await writeFile(file, wxrDocument('', wxrItem({ id: 7, comments })));
      return importWxrFile(open.db, file, { secret: 'test-secret', blogSlug: 'kommentarer' });
    };
    const rows = () =>
      open.db.selectFrom('comments').select(['id', 'parent_id', 'root_id', 'depth', 'author_name', 'status']).orderBy('id').execute();

    it('stores threads with their places and counts the approved comments on the post', async () => {
      // Many more than one statement's rows, so the batches meet.
      const comments: CommentSpec[] = Array.from({ length: 700 }, (_, i) => ({
        id: i + 1,
        parent: i % 3 === 0 ? 0 : i,
        approved: i % 50 === 0 ? '0' : '1',
      }));
      const report = await importComments('first.xml', comments);
      assert.equal(report.imported.comments, 700);
      const stored = await rows();
      const byName = new Map(stored.map((c) => [c.author_name, c]));
      const reply = byName.get('Læser 3')!;
      const parent = byName.get('Læser 2')!;
      assert.equal(reply.parent_id, parent.id);
      assert.equal(reply.root_id, byName.get('Læser 1')!.id);
      assert.equal(reply.depth, 3);
      const post = await open.db.selectFrom('posts').select('comment_count').executeTakeFirstOrThrow();
      assert.equal(post.comment_count, 700 - 14);
    });

    it('puts a reply that is new in a second run under its parent from the first', async () => {
      const report = await importComments('second.xml', [{ id: 1 }, { id: 2, parent: 1 }, { id: 5000, parent: 2, author: 'Ny læser' }]);
      assert.equal(report.imported.comments, 1);
      assert.equal(report.alreadyImported.comments, 2);
      const stored = await rows();
      const reply = stored.find((c) => c.author_name === 'Ny læser')!;
      const parent = stored.find((c) => c.author_name === 'Læser 2')!;
      assert.deepEqual([reply.parent_id, reply.root_id, reply.depth], [parent.id, parent.root_id, parent.depth + 1]);
      const post = await open.db.selectFrom('posts').select('comment_count').executeTakeFirstOrThrow();
      assert.equal(post.comment_count, 700 - 14 + 1);
    });
  });
}
