/** The demo's featured images: drawn at demo load, in the accent colour, described honestly, shown on the front and post pages. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { demoImage, mix } from './demo-images.js';

describe('demo images', () => {
  it('mixes a colour toward white and black', () => {
    assert.equal(mix('#0b5a7a', 0), '#0b5a7a');
    assert.equal(mix('#0b5a7a', 1), '#ffffff');
    assert.equal(mix('#0b5a7a', -1), '#000000');
    assert.equal(mix('#204060', 0.5), '#90a0b0');
  });

  it('draws in the accent colour it is given', () => {
    for (let i = 0; i < 6; i++) {
      assert.notEqual(demoImage(i, '#7a1f5c').svg, demoImage(i, '#0b5a7a').svg, `image ${i} follows the accent`);
      assert.match(demoImage(i, '#0b5a7a').alt, /^Abstrakt illustration: /);
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`the demo's featured images (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect, { demo: true });
    });
    after(async () => {
      await server?.close();
    });

    it('gives every published demo post a featured image, shown on the front page and the post with its alt text', async () => {
      const posts = await server.db
        .selectFrom('posts')
        .select(['id', 'featured_upload_id', 'featured_alt'])
        .where('status', '=', 'published')
        .execute();
      assert.ok(posts.length >= 5);
      for (const post of posts) {
        assert.ok(post.featured_upload_id, `post ${post.id} has a featured image`);
        assert.match(post.featured_alt, /^Abstrakt illustration: /);
      }
      const front = await (await server.get('/')).text();
      const images = [...front.matchAll(/<img[^>]*src="(\/uploads\/[^"]+)"[^>]*alt="(Abstrakt illustration: [^"]+)"/g)];
      assert.ok(images.length >= 5, `the front page shows the demo images (${images.length})`);
      const served = await server.get(images[0]![1]!);
      assert.equal(served.status, 200);
      const body = Buffer.from(await served.arrayBuffer());
      const meta = await sharp(body).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(Math.round((meta.width! / meta.height!) * 9), 16, 'a 16:9 picture');
      // Drawn in the theme's blue accent: blue outweighs red across the picture.
      const { channels } = await sharp(body).stats();
      assert.ok(channels[2]!.mean > channels[0]!.mean, 'blue rather than red');
    });
  });
}
