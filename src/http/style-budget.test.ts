/** The page budget: the stylesheet every page loads stays under 30 KB as it is sent compressed. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../test/support/server.js';

const BUDGET = 30 * 1024;

describe('stylesheet budget', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  for (const encoding of ['br', 'gzip'] as const) {
    it(`sends the stylesheet in under 30 KB with ${encoding}`, async () => {
      const html = await (await server.get('/')).text();
      const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
      assert.ok(href, 'the front page links a stylesheet');
      // fetch would decompress: ask with a bare request and count the bytes on the wire.
      const response = await server.get(href, { headers: { 'accept-encoding': encoding } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-encoding'), encoding);
      const sent = Number(response.headers.get('content-length'));
      assert.ok(sent > 1000, `content-length ${sent}`);
      assert.ok(sent < BUDGET, `the stylesheet is ${sent} bytes with ${encoding}, over the ${BUDGET}-byte budget`);
    });
  }
});
