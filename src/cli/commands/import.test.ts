import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { spawnYtring } from '../../../test/support/cli.js';
import { wxrDocument, wxrItem } from '../../../test/support/wxr.js';

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
