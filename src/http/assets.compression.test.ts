/** The stylesheet, script and icons are compressed once at start and sent in the form the browser takes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import Fastify from 'fastify';
import { addDefaultIcons, DEFAULT_ICON_SIZES, loadAssets, PUBLIC_DIR, sendAsset } from './assets.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET, so the test sees the bytes as sent and decodes them itself. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (answer: Raw) => {
  const encoding = answer.headers['content-encoding'];
  return encoding === 'br' ? brotliDecompressSync(answer.body) : encoding === 'gzip' ? gunzipSync(answer.body) : answer.body;
};

describe('static files', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  const { urls } = loadAssets();

  for (const name of ['style.css', 'ytring.js', 'admin.js', 'favicon.svg', 'favicon.ico']) {
    it(`sends ${name} in brotli, gzip or as it is, as asked, each the same bytes`, async () => {
      const original = readFileSync(join(PUBLIC_DIR, name));
      const url = `${server.url}${urls[name]}`;
      const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
      const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
      const plain = await rawGet(url);
      for (const answer of [br, gz, plain]) {
        assert.equal(answer.status, 200);
        assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.equal(answer.headers.vary, 'accept-encoding');
        assert.ok(decode(answer).equals(original), name);
      }
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.ok(br.body.length < original.length && gz.body.length < original.length, 'the compressed forms are smaller');
    });
  }

  it('refuses an encoding the browser turns down with q=0', async () => {
    const answer = await rawGet(`${server.url}${urls['style.css']}`, { 'accept-encoding': 'br;q=0, gzip' });
    assert.equal(answer.headers['content-encoding'], 'gzip');
  });

  it('sends /favicon.ico compressed too, kept for a day as its name never changes', async () => {
    const answer = await rawGet(`${server.url}/favicon.ico`, { 'accept-encoding': 'br' });
    assert.equal(answer.headers['content-encoding'], 'br');
    assert.equal(answer.headers['cache-control'], 'public, max-age=86400');
    assert.ok(decode(answer).equals(readFileSync(join(PUBLIC_DIR, 'favicon.ico'))));
  });

  it("without the build's forms, compresses nothing before it answers: the first reader after start gets the compressed forms, the same bytes", async () => {
    // A folder with none of the build's compressed forms: a run from source, or public/ changed since the build.
    const assets = loadAssets(PUBLIC_DIR, join(PUBLIC_DIR, 'no-such-folder'));
    const name = assets.urls['style.css']!.slice('/static/'.length);
    const asset = assets.files.get(name)!;
    assert.equal(asset.br, undefined, 'brotli is not made before loadAssets returns');
    assert.ok(asset.compressing, 'it is being made');
    const app = Fastify();
    app.get('/s', (request, reply) => sendAsset(request, reply, asset, 'public, max-age=31536000, immutable'));
    try {
      const answer = await app.inject({ url: '/s', headers: { 'accept-encoding': 'br' } });
      assert.equal(answer.headers['content-encoding'], 'br');
      assert.ok(brotliDecompressSync(answer.rawPayload).equals(readFileSync(join(PUBLIC_DIR, 'style.css'))));
      assert.ok(answer.rawPayload.length < asset.body.length);
    } finally {
      await app.close();
    }
  });

  it('draws the default icons at once for a reader who asks before their time', async () => {
    const assets = loadAssets();
    // Ten minutes: without a reader to hurry them, nothing would be drawn during the test.
    const drawn = addDefaultIcons(assets, PUBLIC_DIR, 600_000);
    const app = Fastify();
    app.get('/static/:file', (request, reply) =>
      sendAsset(request, reply, assets.files.get((request.params as { file: string }).file)!, 'public, max-age=31536000, immutable'),
    );
    try {
      const url = assets.urls['icon-192.png']!;
      const waited = new Promise<'waited'>((resolve) => setTimeout(resolve, 20_000, 'waited').unref());
      const answer = await Promise.race([app.inject({ url }), waited]);
      assert.notEqual(answer, 'waited', 'the icon came before the timer would have drawn it');
      if (answer !== 'waited') assert.equal(answer.rawPayload.readUInt32BE(16), 192);
      await drawn;
    } finally {
      await app.close();
    }
  });

  it('names the default icons before they are drawn, and a reader asking meanwhile gets the drawn PNG', async () => {
    const assets = loadAssets();
    const drawn = addDefaultIcons(assets);
    const app = Fastify();
    app.get('/static/:file', (request, reply) =>
      sendAsset(request, reply, assets.files.get((request.params as { file: string }).file)!, 'public, max-age=31536000, immutable'),
    );
    try {
      for (const size of DEFAULT_ICON_SIZES) {
        const url = assets.urls[`icon-${size}.png`];
        assert.match(url ?? '', new RegExp(`^/static/icon-${size}\\.[0-9a-f]{10}\\.png$`));
        const answer = await app.inject({ url: url! });
        assert.equal(answer.statusCode, 200);
        assert.equal(answer.headers['content-type'], 'image/png');
        // The PNG signature, and the width in the IHDR chunk.
        assert.ok(answer.rawPayload.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
        assert.equal(answer.rawPayload.readUInt32BE(16), size);
      }
      await drawn;
    } finally {
      await app.close();
    }
  });
});
