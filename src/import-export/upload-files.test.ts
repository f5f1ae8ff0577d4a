import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyUploadsIn, copyUploadsOut, uploadsFolderFor } from './upload-files.js';

describe('upload files beside an export', () => {
  it('go out with the export and come back in on restore, without overwriting what the site has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-uploads-'));
    try {
      const site = join(dir, 'site-uploads');
      mkdirSync(site);
      writeFileSync(join(site, 'a.png'), 'billede a');
      writeFileSync(join(site, 'b.webp'), 'billede b');
      const exportFile = join(dir, 'site.ndjson');
      assert.equal(await copyUploadsOut(site, exportFile), 2);
      assert.equal(readFileSync(join(uploadsFolderFor(exportFile), 'a.png'), 'utf8'), 'billede a');

      const restored = join(dir, 'restored-uploads');
      mkdirSync(restored);
      writeFileSync(join(restored, 'b.webp'), 'den nye sides egen fil');
      assert.equal(await copyUploadsIn(exportFile, restored), 2);
      assert.equal(readFileSync(join(restored, 'a.png'), 'utf8'), 'billede a');
      assert.equal(readFileSync(join(restored, 'b.webp'), 'utf8'), 'den nye sides egen fil');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing for a site without uploads or an export without the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ytring-uploads-'));
    try {
      assert.equal(await copyUploadsOut(join(dir, 'missing'), join(dir, 'x.ndjson')), 0);
      assert.equal(await copyUploadsIn(join(dir, 'x.ndjson'), join(dir, 'target')), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
