/**
 * Walks every route the server has: each admin route refuses an anonymous request and a
 * logged-in request without the CSRF token; every other state-changing route is one of the few
 * public forms, each guarded by its own single-use or signed token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverWithAdmin } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';

const ADMIN_PUBLIC = /^\/admin\/(login|setup|reset|invite)(\/|$)/;
// Public state changes and what guards each: the comment form's single-use question token, the
// privacy link's signed token, a subscriber's signed token. None acts for a logged-in person.
const PUBLIC_POSTS = new Set([
  '/:blog/:slug/comments',
  '/privacy',
  '/privacy/erase',
  '/comments/manage',
  '/comments/subscriptions/unsubscribe',
  '/comments/subscriptions/confirm',
  '/follow',
  '/follow/confirm',
  '/follow/manage',
  '/follow/unsubscribe',
  '/privacy/followers/erase',
]);
const FAKE_ID = '01900000-0000-7000-8000-000000000000';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, FAKE_ID).replace(/\*$/, 'x');

for (const dialect of DIALECTS) {
  describe(`every route (${dialect})`, () => {
    const site = serverWithAdmin(dialect);

    const routes = () => site.server.app.server.routeTable.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');

    it('finds the routes it checks', () => {
      assert.ok(routes().filter((r) => r.url.startsWith('/admin/')).length > 30, 'the admin has its routes registered');
    });

    it('sends an anonymous visitor of any admin page to the login page', async () => {
      for (const route of routes().filter((r) => r.method === 'GET' && r.url.startsWith('/admin') && !ADMIN_PUBLIC.test(r.url))) {
        const response = await site.server.get(concrete(route.url));
        assert.equal(response.status, 303, `GET ${route.url}`);
        assert.match(response.headers.get('location') ?? '', /^\/admin\/login\?next=/, `GET ${route.url}`);
      }
    });

    it('refuses every anonymous state change in the admin', async () => {
      for (const route of routes().filter((r) => r.method !== 'GET' && r.url.startsWith('/admin') && !ADMIN_PUBLIC.test(r.url))) {
        const response = await site.server.get(concrete(route.url), {
          method: route.method,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'x=1',
        });
        assert.equal(response.status, 403, `${route.method} ${route.url}`);
      }
    });

    it('refuses every logged-in state change without the CSRF token', async () => {
      for (const route of routes().filter((r) => r.method !== 'GET' && r.url.startsWith('/admin'))) {
        const response = await site.server.get(concrete(route.url), {
          method: route.method,
          headers: { cookie: site.admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'x=1',
        });
        assert.equal(response.status, 403, `${route.method} ${route.url}`);
      }
      assert.equal((await site.admin.get('/admin')).status, 200, 'the session survived every refused request');
    });

    it('has no other state-changing route than the known public forms', () => {
      const others = routes()
        .filter((r) => r.method !== 'GET' && !r.url.startsWith('/admin'))
        .map((r) => r.url);
      assert.deepEqual(
        others.filter((url) => !PUBLIC_POSTS.has(url)),
        [],
      );
    });
  });
}
