/** What a route's schema answers when input does not fit: never Fastify's bare JSON, and never before the admin's own checks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formBody, serverWithAdmin } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';

for (const dialect of DIALECTS) {
  describe(`route schemas (${dialect})`, () => {
    const site = serverWithAdmin(dialect);

    it('answers a form field sent twice by hand with the bad-request page, in HTML', async () => {
      const response = await site.admin.post('/admin/people', { name: ['Ada', 'Grace'] });
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    });

    it('refuses an anonymous malformed form as forbidden, before its shape is looked at', async () => {
      const response = await site.server.get('/admin/people', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ name: ['Ada', 'Grace'] }),
      });
      assert.equal(response.status, 403);
    });

    it('answers an address whose parameters do not fit as not found', async () => {
      assert.equal((await site.server.get('/archive/2024/13')).status, 404);
      assert.equal((await site.server.get('/accent.css?v=rød')).status, 404);
    });
  });
}
