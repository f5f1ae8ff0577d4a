/** What a route's schema answers when input does not fit: never Fastify's bare JSON, and never before the admin's own checks. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formBody, loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`route schemas (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
    });
    after(async () => {
      await server?.close();
    });

    it('answers a form field sent twice by hand with the bad-request page, in HTML', async () => {
      const response = await admin.post('/admin/people', { name: ['Ada', 'Grace'] });
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    });

    it('refuses an anonymous malformed form as forbidden, before its shape is looked at', async () => {
      const response = await server.get('/admin/people', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ name: ['Ada', 'Grace'] }),
      });
      assert.equal(response.status, 403);
    });

    it('answers an address whose parameters do not fit as not found', async () => {
      assert.equal((await server.get('/archive/2024/13')).status, 404);
      assert.equal((await server.get('/accent.css?v=rød')).status, 404);
    });
  });
}
