import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAccount } from '../../accounts/account.service.js';
import { listOutbox } from '../../notifications/mail.service.js';
import { formBody } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const post = (server: TestServer, path: string, fields: Record<string, string>, cookie?: string) => server.get(path, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: formBody(fields),
});

async function logIn(server: TestServer, email: string, password: string): Promise<string> {
  const response = await post(server, '/admin/login', { email, password });
  assert.equal(response.status, 303);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const resetPathIn = (text: string) => /\/admin\/reset\/[A-Za-z0-9_-]+/.exec(text)?.[0];

for (const dialect of DIALECTS) {
  describe(`password reset (${dialect})`, () => {
    let server: TestServer;
    before(async () => { server = await startTestServer(dialect); });
    after(async () => { await server?.close(); });

    it('answers a known and an unknown address the same, and mails only the known one', async () => {
      await createAccount(server.db, { name: 'Kendt Person', email: 'kendt@site.example', password: 'gammelt-kodeord', role: 'author' });
      const known = await post(server, '/admin/reset', { email: 'kendt@site.example' });
      const unknown = await post(server, '/admin/reset', { email: 'ukendt@site.example' });
      assert.equal(known.status, unknown.status);
      const strip = (html: string) => html.replace(/(?:kendt|ukendt)@site\.example/g, '');
      assert.equal(strip(await known.text()), strip(await unknown.text()));
      const mails = await listOutbox(server.db);
      assert.equal(mails.filter((m) => m.to === 'kendt@site.example').length, 1);
      assert.equal(mails.filter((m) => m.to === 'ukendt@site.example').length, 0);
    });

    it('sets a new password once through the link, and ends the account\'s other sessions', async () => {
      await createAccount(server.db, { name: 'Glemsom', email: 'glemsom@site.example', password: 'gammelt-kodeord', role: 'editor' });
      const elsewhere = await logIn(server, 'glemsom@site.example', 'gammelt-kodeord');
      await post(server, '/admin/reset', { email: 'glemsom@site.example' });
      const path = resetPathIn((await listOutbox(server.db)).find((m) => m.to === 'glemsom@site.example')!.text)!;
      assert.equal((await server.get(path)).status, 200);
      const reset = await post(server, path, { password: 'helt-nyt-kodeord', confirm: 'helt-nyt-kodeord' });
      assert.equal(reset.status, 303);
      assert.equal((await server.get('/admin', { headers: { cookie: elsewhere } })).status, 303, 'the old session ended');
      assert.equal((await post(server, path, { password: 'tredje-kodeord-x', confirm: 'tredje-kodeord-x' })).status, 410);
      await logIn(server, 'glemsom@site.example', 'helt-nyt-kodeord');
    });

    it('refuses an expired link', async () => {
      const account = await createAccount(server.db, { name: 'Sen', email: 'sen@site.example', password: 'gammelt-kodeord', role: 'author' });
      const token = 'udloebet-token-0123456789abcdefghij';
      await server.db.insertInto('account_tokens').values({
        token_hash: createHash('sha256').update(token).digest('base64url'), account_id: account.id, kind: 'reset',
        created_at: '2020-01-01T00:00:00.000Z', expires_at: '2020-01-01T01:00:00.000Z', used_at: null,
      }).execute();
      assert.equal((await server.get(`/admin/reset/${token}`)).status, 410);
      assert.equal((await post(server, `/admin/reset/${token}`, { password: 'helt-nyt-kodeord', confirm: 'helt-nyt-kodeord' })).status, 410);
      await logIn(server, 'sen@site.example', 'gammelt-kodeord');
    });

    it('keeps the link usable when the two passwords differ or are too short', async () => {
      await createAccount(server.db, { name: 'Fumle', email: 'fumle@site.example', password: 'gammelt-kodeord', role: 'author' });
      await post(server, '/admin/reset', { email: 'fumle@site.example' });
      const path = resetPathIn((await listOutbox(server.db)).find((m) => m.to === 'fumle@site.example')!.text)!;
      assert.equal((await post(server, path, { password: 'helt-nyt-kodeord', confirm: 'noget-andet-her' })).status, 422);
      assert.equal((await post(server, path, { password: 'kort', confirm: 'kort' })).status, 422);
      assert.equal((await post(server, path, { password: 'helt-nyt-kodeord', confirm: 'helt-nyt-kodeord' })).status, 303);
    });

    it('refuses an invitation link on the reset page, and a reset link on the invitation page', async () => {
      await createAccount(server.db, { name: 'Blandet', email: 'blandet@site.example', password: 'gammelt-kodeord', role: 'author' });
      await post(server, '/admin/reset', { email: 'blandet@site.example' });
      const path = resetPathIn((await listOutbox(server.db)).find((m) => m.to === 'blandet@site.example')!.text)!;
      assert.equal((await server.get(path.replace('/reset/', '/invite/'))).status, 410);
    });
  });
}
