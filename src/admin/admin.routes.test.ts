import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { attemptLogin } from '../accounts/login.service.js';
import { createAccount } from '../accounts/account.service.js';
import { DIALECTS } from '../../test/support/db.js';
import { loginAs } from '../../test/support/admin.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields),
});

for (const dialect of DIALECTS) {
  describe(`admin access (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('sends the first visitor to a setup page that creates the administrator and then disappears', async () => {
      const login = await server.get('/admin/login');
      assert.equal(login.status, 303);
      assert.equal(login.headers.get('location'), '/admin/setup');
      const refused = await server.get('/admin/setup', form({ name: 'Ada Admin', email: 'ikke-en-adresse', password: 'kort' }));
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /value="Ada Admin"/);
      const created = await server.get(
        '/admin/setup',
        form({ name: 'Ada Admin', email: 'ada@site.example', password: 'et-langt-kodeord' }),
      );
      assert.equal(created.status, 303);
      // The same attributes as ever, in whichever order the serialiser writes them.
      const [pair, ...attributes] = created.headers.get('set-cookie')!.split('; ');
      assert.match(pair!, /^ytring_session=[^;]+$/);
      assert.deepEqual(attributes.map((a) => a.replace(/^Max-Age=[1-9]\d*$/, 'Max-Age=N')).sort(), [
        'HttpOnly',
        'Max-Age=N',
        'Path=/',
        'SameSite=Lax',
      ]);
      assert.equal((await server.get('/admin', { headers: { cookie: created.headers.get('set-cookie')!.split(';')[0]! } })).status, 200);
      assert.equal((await server.get('/admin/setup')).status, 404);
    });

    it('sends an anonymous visitor to the login page and back after logging in', async () => {
      const response = await server.get('/admin?from=mail');
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/admin/login?next=%2Fadmin%3Ffrom%3Dmail');
    });

    it('refuses a wrong password without saying which part was wrong', async () => {
      await createAccount(server.db, { name: 'Bent', email: 'bent@site.example', password: 'rigtigt-kodeord', role: 'author' });
      const wrong = await server.get('/admin/login', form({ email: 'bent@site.example', password: 'forkert-kodeord' }));
      const unknown = await server.get('/admin/login', form({ email: 'ingen@site.example', password: 'forkert-kodeord' }));
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.equal(wrong.headers.get('set-cookie'), null);
    });

    it('gives a new session id at login, so a planted one is worthless', async () => {
      await createAccount(server.db, { name: 'Fie', email: 'fie@site.example', password: 'rigtigt-kodeord', role: 'author' });
      const planted = 'ytring_session=planted-by-an-attacker';
      const response = await server.get(
        '/admin/login',
        form({ email: 'fie@site.example', password: 'rigtigt-kodeord' }, { cookie: planted }),
      );
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      assert.notEqual(cookie, planted);
      assert.equal((await server.get('/admin', { headers: { cookie: planted } })).status, 303);
    });

    it('slows logins after repeated failures, even with the right password', async () => {
      await createAccount(server.db, { name: 'Gorm', email: 'gorm@site.example', password: 'rigtigt-kodeord', role: 'author' });
      for (let i = 0; i < 5; i++) {
        const result = await attemptLogin(
          server.db,
          server.app.secret,
          'gorm@site.example',
          'forkert',
          '198.51.100.7',
          new Date(),
          async () => {},
        );
        assert.equal(result.ok, false);
      }
      const response = await server.get('/admin/login', form({ email: 'gorm@site.example', password: 'rigtigt-kodeord' }));
      assert.equal(response.status, 429);
    });

    it('refuses a state change without the CSRF token, or from another site', async () => {
      const session = await loginAs(server, 'author');
      assert.equal((await session.post('/admin/logout', {}, { csrf: false })).status, 403);
      const crossSite = await server.get(
        '/admin/logout',
        form({ _csrf: session.csrf }, { cookie: session.cookie, origin: 'https://evil.example' }),
      );
      assert.equal(crossSite.status, 403);
      assert.equal((await session.get('/admin')).status, 200, 'still logged in');
    });

    it('logs out, and logs out everywhere', async () => {
      const first = await loginAs(server, 'editor', { name: 'Hanne Hjem' });
      const response = await first.post('/admin/logout');
      assert.equal(response.status, 303);
      assert.match(response.headers.get('set-cookie')!, /Max-Age=0/);
      assert.equal((await first.get('/admin')).status, 303);

      await createAccount(server.db, { name: 'Ib', email: 'ib@site.example', password: 'rigtigt-kodeord', role: 'author' });
      const cookies = [];
      for (let i = 0; i < 2; i++) {
        const r = await server.get('/admin/login', form({ email: 'ib@site.example', password: 'rigtigt-kodeord' }));
        cookies.push(r.headers.get('set-cookie')!.split(';')[0]!);
      }
      const page = await (await server.get('/admin', { headers: { cookie: cookies[0]! } })).text();
      const csrf = /data-csrf="([^"]+)"/.exec(page)![1]!;
      await server.get('/admin/logout', form({ _csrf: csrf, everywhere: '1' }, { cookie: cookies[0]! }));
      assert.equal((await server.get('/admin', { headers: { cookie: cookies[1]! } })).status, 303);
    });

    it('never redirects outside the admin after login', async () => {
      await createAccount(server.db, { name: 'Jens', email: 'jens@site.example', password: 'rigtigt-kodeord', role: 'author' });
      for (const next of ['//evil.example/x', 'https://evil.example', '/admin/../../evil', 'javascript:alert(1)']) {
        const response = await server.get('/admin/login', form({ email: 'jens@site.example', password: 'rigtigt-kodeord', next }));
        assert.equal(response.headers.get('location'), '/admin', next);
      }
    });

    it('shows the dashboard with counts to a logged-in person', async () => {
      const session = await loginAs(server, 'admin');
      const html = await (await session.get('/admin')).text();
      assert.match(html, /<meta name="robots" content="noindex, nofollow"/);
      assert.match(html, /Kommentarer, der venter/);
    });
  });
}

describe('ytring user add', () => {
  it('creates an account with the password from standard input, which then logs in', async () => {
    const server = await startTestServer('sqlite');
    try {
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/main.ts', 'user', 'add', '--role', 'admin', '--email', 'cli@site.example', '--name', 'Cli Admin'],
        {
          input: 'et-langt-kodeord\n',
          env: { ...process.env, DATABASE_URL: server.database.config.url, LOG_LEVEL: 'silent' },
          encoding: 'utf8',
        },
      );
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /Created admin cli@site\.example/);
      const login = await server.get('/admin/login', form({ email: 'cli@site.example', password: 'et-langt-kodeord' }));
      assert.equal(login.status, 303);
      const short = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/main.ts', 'user', 'add', '--role', 'admin', '--email', 'kort@site.example', '--name', 'Kort'],
        {
          input: 'kort\n',
          env: { ...process.env, DATABASE_URL: server.database.config.url },
          encoding: 'utf8',
        },
      );
      assert.equal(short.status, 2);
      assert.match(short.stderr, /password too_short/);
    } finally {
      await server.close();
    }
  });
});
