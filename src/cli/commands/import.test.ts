import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { spawnYtring } from '../../../test/support/cli.js';
import { wxrDocument, wxrItem } from '../../../test/support/wxr.js';
import type { Role } from '../../accounts/account.js';
import { createAccount } from '../../accounts/account.service.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

describe('ytring import wxr with --media-dir', () => {
  let dir: string;
  let file: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ytring-import-cli-'));
    await mkdir(join(dir, 'uploads-copy', '2021', '02'), { recursive: true });
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#246' } })
      .png()
      .toBuffer();
    await writeFile(join(dir, 'uploads-copy', '2021', '02', 'havn.png'), png);
    file = join(dir, 'site.xml');
    const content =
      '<img src="https://old.example.org/wp-content/uploads/2021/02/havn.png" alt="Havnen"> <img src="https://old.example.org/wp-content/uploads/2021/02/vaek.png" alt="">';
    await writeFile(file, wxrDocument('', wxrItem({ id: 7, content })));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (args: string[]) => {
    const ytring = spawnYtring(['import', 'wxr', file, ...args], {
      DATABASE_URL: `sqlite:${join(dir, 'site.db')}`,
      UPLOADS_DIR: join(dir, 'uploads'),
    });
    try {
      return { code: await ytring.exited, output: ytring.output() };
    } finally {
      await ytring.kill();
    }
  };

  it('stores the images found in the folder and lists the missing one, fetching nothing', async () => {
    const { code, output } = await run(['--blog', 'havn', '--media-dir', join(dir, 'uploads-copy'), '--no-fetch']);
    assert.equal(code, 0, output);
    assert.match(output, /images {6}1 stored/);
    assert.match(output, /wp-content\/uploads\/2021\/02\/vaek\.png: not in the media folder/);
    assert.ok((await readdir(join(dir, 'uploads'))).some((name) => name.endsWith('.png')));
  });

  it('refuses --no-media together with --media-dir', async () => {
    const { code, output } = await run(['--no-media', '--media-dir', dir]);
    assert.equal(code, 2);
    assert.match(output, /Usage: ytring import wxr FILE/);
  });

  it('stops with a clear message when the media folder is not there', async () => {
    const { code, output } = await run(['--blog', 'andet', '--media-dir', join(dir, 'findes-ikke')]);
    assert.equal(code, 1);
    assert.match(output, /media folder .*findes-ikke is not there/);
  });
});

describe('ytring import wxr: who the imported images are uploaded by', () => {
  let dir: string;
  let file: string;
  /** Each test's own site: account ids by role. */
  const sites: Record<string, Record<string, string>> = {};
  const dbUrl = (site: string) => `sqlite:${join(dir, `${site}.db`)}`;
  const openSite = (site: string) => openDb({ dialect: 'sqlite', url: dbUrl(site), filename: join(dir, `${site}.db`) });
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ytring-import-as-'));
    await mkdir(join(dir, 'copy', '2021', '02'), { recursive: true });
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#642' } })
      .png()
      .toBuffer();
    await writeFile(join(dir, 'copy', '2021', '02', 'mole.png'), png);
    file = join(dir, 'site.xml');
    await writeFile(
      file,
      wxrDocument('', wxrItem({ id: 9, content: '<img src="https://old.example.org/wp-content/uploads/2021/02/mole.png" alt="Molen">' })),
    );
    for (const site of ['first', 'named', 'refused']) {
      const database = openSite(site);
      try {
        await migrateToLatest(database.db, database.dialect);
        const made = async (email: string, role: Role, at: string) =>
          (await createAccount(database.db, { name: email.split('@')[0], email, role }, new Date(at))).id;
        sites[site] = {
          editor: await made('redaktor@example.org', 'editor', '2019-01-01T00:00:00Z'),
          first: await made('forste@example.org', 'admin', '2020-01-01T00:00:00Z'),
          second: await made('anden@example.org', 'admin', '2021-01-01T00:00:00Z'),
        };
      } finally {
        await database.close();
      }
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const importInto = async (site: string, extra: string[]) => {
    const ytring = spawnYtring(['import', 'wxr', file, '--media-dir', join(dir, 'copy'), '--no-fetch', ...extra], {
      DATABASE_URL: dbUrl(site),
      UPLOADS_DIR: join(dir, `uploads-${site}`),
    });
    try {
      return { code: await ytring.exited, output: ytring.output() };
    } finally {
      await ytring.kill();
    }
  };
  const uploaders = async (site: string) => {
    const database = openSite(site);
    try {
      return (await database.db.selectFrom('uploads').select('account_id').execute()).map((r) => r.account_id);
    } finally {
      await database.close();
    }
  };

  it("records them as the site's first administrator's when no account is named", async () => {
    const { code, output } = await importInto('first', []);
    assert.equal(code, 0, output);
    assert.deepEqual(await uploaders('first'), [sites.first!.first]);
  });

  it('records them as the administrator --as names', async () => {
    const { code, output } = await importInto('named', ['--as', 'ANDEN@example.org']);
    assert.equal(code, 0, output);
    assert.deepEqual(await uploaders('named'), [sites.named!.second]);
  });

  it("refuses an editor's or an unknown address before importing anything", async () => {
    for (const email of ['redaktor@example.org', 'ingen@example.org']) {
      const { code, output } = await importInto('refused', ['--as', email]);
      assert.equal(code, 1, output);
      assert.match(output, /Nothing was imported/);
    }
    assert.deepEqual(await uploaders('refused'), []);
  });

  it('explains --as in import --help', async () => {
    const ytring = spawnYtring(['import', '--help']);
    try {
      assert.equal(await ytring.exited, 0);
      assert.match(ytring.output(), /--as EMAIL +the administrator account/);
    } finally {
      await ytring.kill();
    }
  });
});
