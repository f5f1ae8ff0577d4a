import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { openDb, type OpenDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { fixturesDir, wxrDocument, wxrItem } from '../../test/support/wxr.js';
import { countRows } from './dump.repository.js';
import { exportSiteToFile } from './exporter.js';
import { readWxr } from './formats/wxr.js';
import { importWxrFile } from './importer.js';
import { restoreFile, RestoreError } from './restore.js';
import { EXPORTED_TABLES, NOT_EXPORTED } from './tables.js';
import { exportWxrToFile } from './wxr-exporter.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

interface Opened {
  database: TestDatabase;
  open: OpenDb;
}

async function freshDb(dialect: 'sqlite' | 'postgres'): Promise<Opened> {
  const database = await createTestDatabase(dialect);
  const open = openDb(database.config);
  await migrateToLatest(open.db, open.dialect);
  return { database, open };
}

async function closeDb(opened: Opened | undefined): Promise<void> {
  if (!opened) return;
  await opened.open.close();
  await opened.database.drop();
}

/** An export's content: the header's time left out, and rows compared per table whatever the database's collation did to their order. */
async function contentOf(path: string): Promise<{ header: Record<string, unknown>; tables: Record<string, string[]>; end: string }> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  const { exportedAt: _at, ...header } = JSON.parse(lines[0]!) as Record<string, unknown>;
  const tables: Record<string, string[]> = {};
  for (const line of lines.slice(1, -1)) {
    const { table } = JSON.parse(line) as { table: string };
    (tables[table] ??= []).push(line);
  }
  for (const rows of Object.values(tables)) rows.sort();
  return { header, tables, end: lines[lines.length - 1]! };
}

describe('the export table list', () => {
  it('names every table of the schema, as exported or left out on purpose', async () => {
    const opened = await freshDb('sqlite');
    try {
      const tables = (await opened.open.db.introspection.getTables())
        .map((t) => t.name)
        .filter((name) => !name.startsWith('ytring_migrations') && !name.startsWith('search_fts') && !name.startsWith('sqlite_'));
      const listed = new Set<string>([...EXPORTED_TABLES.map((t) => t.name), ...NOT_EXPORTED]);
      assert.deepEqual(
        tables.filter((name) => !listed.has(name)),
        [],
      );
      assert.deepEqual(
        [...listed].filter((name) => !tables.includes(name)),
        [],
      );
    } finally {
      await closeDb(opened);
    }
  });
});

describe('export and restore', () => {
  let dir: string;
  let source: Opened;
  const others = DIALECTS.includes('postgres') ? ('postgres' as const) : ('sqlite' as const);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ytring-export-'));
    source = await freshDb('sqlite');
    const { db } = source.open;
    await updateSiteSettings(db, { title: 'Ytring på prøve', commentMaxDepth: 10 });
    const fixtures = fixturesDir();
    const wxr = join(dir, 'site.xml');
    if (fixtures) {
      await importWxrFile(db, join(fixtures, 'bitcoin-france.fr-FR.wordpress.xml'), { secret: SECRET, blogSlug: 'bitcoin' });
      await importWxrFile(db, join(fixtures, 'everet.zh-CN.wordpress.xml'), { secret: SECRET, blogSlug: 'everet' });
    } else {
      await writeFile(wxr, wxrDocument('', wxrItem({ id: 1, title: 'Æblegrød 中文', comments: [{ id: 1 }, { id: 2, parent: 1 }] })));
      await importWxrFile(db, wxr, { secret: SECRET, blogSlug: 'imported' });
    }
    const post = await buildPost(db, {
      relatedLinks: [{ title: 'Kilde', url: 'https://example.org/kilde', description: 'En kilde' }],
      infoBoxes: [
        {
          heading: 'Fakta',
          body: 'Tal og **fakta**',
          contacts: [{ name: 'Ida Ø', role: 'Presse', phone: '+45 1234', email: 'ida@example.org' }],
        },
      ],
      tags: ['Grøn omstilling'],
    });
    const comment = await db.selectFrom('comments').select('id').limit(1).executeTakeFirstOrThrow();
    await db
      .insertInto('comment_subscriptions')
      .values({
        id: '01900000-0000-7000-8000-000000000001',
        comment_id: comment.id,
        email: 'sub@example.org',
        token_hash: 'hash-1',
        created_at: '2024-01-01T00:00:00.000Z',
        confirmed_at: '2024-01-01T00:01:00.000Z',
        unsubscribed_at: null,
      })
      .execute();
    await db
      .insertInto('blocklist')
      .values({ id: '01900000-0000-7000-8000-000000000002', kind: 'word', value: 'viagra', created_at: '2024-01-01T00:00:00.000Z' })
      .execute();
    assert.ok(post.id);
  });
  after(async () => {
    await closeDb(source);
    await rm(dir, { recursive: true, force: true });
  });

  it(`restores a SQLite export into ${others} and back with nothing lost or changed`, async () => {
    const first = join(dir, 'first.ndjson');
    const second = join(dir, 'second.ndjson');
    const third = join(dir, 'third.ndjson');
    const counts = await exportSiteToFile(source.open.db, first, { batchSize: 50 });
    assert.ok(counts.comments! > 0 && counts.comment_subscriptions === 1 && counts.info_box_contacts === 1 && counts.redirects! > 0);
    let middle: Opened | undefined;
    let back: Opened | undefined;
    try {
      middle = await freshDb(others);
      await updateSiteSettings(middle.open.db, { title: 'Replaced by the restore' });
      assert.deepEqual(
        await restoreFile(middle.open.db, first, { batchSize: 37 }),
        Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)),
      );
      await exportSiteToFile(middle.open.db, second);
      back = await freshDb('sqlite');
      await restoreFile(back.open.db, second);
      await exportSiteToFile(back.open.db, third);
      const [a, b, c] = await Promise.all([contentOf(first), contentOf(second), contentOf(third)]);
      assert.deepEqual(b, a);
      assert.deepEqual(c, a);
      assert.equal(
        a.tables.settings?.some((line) => line.includes('Ytring på prøve')),
        true,
      );
    } finally {
      await closeDb(middle);
      await closeDb(back);
    }
  });

  it('refuses to restore into a database with content, and changes nothing there', async () => {
    const file = join(dir, 'refuse.ndjson');
    await exportSiteToFile(source.open.db, file);
    const before = await countRows(source.open.db, 'posts');
    await assert.rejects(
      restoreFile(source.open.db, file),
      (error: unknown) => error instanceof RestoreError && /not empty/.test(error.message),
    );
    assert.equal(await countRows(source.open.db, 'posts'), before);
  });

  it('refuses a cut-off export and leaves the database empty', async () => {
    const file = join(dir, 'cut.ndjson');
    await exportSiteToFile(source.open.db, file);
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, lines.slice(0, Math.floor(lines.length / 2)).join('\n'));
    const target = await freshDb('sqlite');
    try {
      await assert.rejects(
        restoreFile(target.open.db, file),
        (error: unknown) => error instanceof RestoreError && /ends early/.test(error.message),
      );
      assert.equal(await countRows(target.open.db, 'people'), 0);
      assert.equal(await countRows(target.open.db, 'comments'), 0);
    } finally {
      await closeDb(target);
    }
  });

  it('writes a WXR file that reads back as the same posts, comments and threads', async () => {
    const file = join(dir, 'site-export.xml');
    const counts = await exportWxrToFile(source.open.db, file, { baseUrl: 'https://ytring.example' });
    let items = 0;
    let comments = 0;
    for await (const record of readWxr(createReadStream(file, { encoding: 'utf8' }))) {
      if (record.kind === 'item') {
        items++;
        comments += record.item.comments.length;
      }
    }
    assert.equal(items, counts.posts);
    assert.equal(comments, counts.comments);
    const target = await freshDb('sqlite');
    try {
      await updateSiteSettings(target.open.db, { commentMaxDepth: 10 });
      const report = await importWxrFile(target.open.db, file, { secret: SECRET, blogSlug: 'again' });
      assert.equal(report.imported.posts, await countRows(source.open.db, 'posts'));
      assert.equal(report.imported.comments, await countRows(source.open.db, 'comments'));
      const depths = async (opened: OpenDb) =>
        (await opened.db.selectFrom('comments').select(['depth', 'status']).orderBy('depth').orderBy('status').execute())
          .map((r) => `${r.depth}:${r.status}`)
          .sort();
      assert.deepEqual(await depths(target.open), await depths(source.open));
    } finally {
      await closeDb(target);
    }
  });
});
