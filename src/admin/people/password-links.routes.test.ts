import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAccount, issueAccountToken, updateAccount } from '../../accounts/account.service.js';
import { listOutbox } from '../../notifications/mail.service.js';
import { formBody } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const post = (server: TestServer, path: string, fields: Record<string, string>, cookie?: string) =>
  server.get(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: formBody(fields),
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
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

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

    it("sets a new password once through the link, and ends the account's other sessions", async () => {
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
      const account = await createAccount(server.db, {
        name: 'Sen',
        email: 'sen@site.example',
        password: 'gammelt-kodeord',
        role: 'author',
      });
      const token = 'udloebet-token-0123456789abcdefghij';
      await server.db
        .insertInto('account_tokens')
        .values({
          token_hash: createHash('sha256').update(token).digest('base64url'),
          account_id: account.id,
          kind: 'reset',
          created_at: '2020-01-01T00:00:00.000Z',
          expires_at: '2020-01-01T01:00:00.000Z',
          used_at: null,
        })
        .execute();
      assert.equal((await server.get(`/admin/reset/${token}`)).status, 410);
      assert.equal(
        (await post(server, `/admin/reset/${token}`, { password: 'helt-nyt-kodeord', confirm: 'helt-nyt-kodeord' })).status,
        410,
      );
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

  describe(`password links: where the form came from (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    const send = (path: string, headers: Record<string, string>) =>
      server.get(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: formBody({ password: 'helt-nyt-kodeord', confirm: 'helt-nyt-kodeord' }),
      });
    async function resetPath(name: string): Promise<string> {
      const account = await createAccount(server.db, {
        name,
        email: `${name}@origin.example`,
        password: 'gammelt-kodeord',
        role: 'author',
      });
      return `/admin/reset/${await issueAccountToken(server.db, account.id, 'reset')}`;
    }

    it('accepts "Origin: null" when the browser says the form was our own page', async () => {
      const response = await send(await resetPath('hidden'), { origin: 'null', 'sec-fetch-site': 'same-origin' });
      assert.equal(response.status, 303);
    });

    it('refuses "Origin: null" without that word from the browser, and says the form came from elsewhere', async () => {
      const response = await send(await resetPath('nullish'), { origin: 'null' });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /data-reason="crossSite"/);
    });

    it('refuses a form the browser marks as cross-site, even without an Origin', async () => {
      const path = await resetPath('foreign');
      const response = await send(path, { 'sec-fetch-site': 'cross-site' });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /data-reason="crossSite"/);
      assert.equal((await server.get(path)).status, 200, 'the link is still unused');
    });
  });

  describe(`password links after a password change (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    const use = (kind: string, token: string, password: string) => post(server, `/admin/${kind}/${token}`, { password, confirm: password });

    it('a newer reset link spends every older reset and invitation link of the account', async () => {
      const account = await createAccount(server.db, { name: 'Mange Links', email: 'mange@site.example', role: 'author' });
      const oldInvite = await issueAccountToken(server.db, account.id, 'invite');
      const oldReset = await issueAccountToken(server.db, account.id, 'reset');
      const newReset = await issueAccountToken(server.db, account.id, 'reset');
      assert.equal((await use('reset', newReset, 'det-rigtige-kodeord')).status, 303);
      assert.equal((await use('reset', oldReset, 'angriberens-kodeord')).status, 410);
      assert.equal((await use('invite', oldInvite, 'angriberens-kodeord')).status, 410);
      await logIn(server, 'mange@site.example', 'det-rigtige-kodeord');
    });

    it('an accepted invitation spends the invitation sent before it', async () => {
      const account = await createAccount(server.db, { name: 'To Invitationer', email: 'to@site.example', role: 'editor' });
      const first = await issueAccountToken(server.db, account.id, 'invite');
      const second = await issueAccountToken(server.db, account.id, 'invite');
      assert.equal((await use('invite', second, 'det-rigtige-kodeord')).status, 303);
      assert.equal((await server.get(`/admin/invite/${first}`)).status, 410);
      assert.equal((await use('invite', first, 'angriberens-kodeord')).status, 410);
      await logIn(server, 'to@site.example', 'det-rigtige-kodeord');
    });

    it('a disabled account cannot use its reset link, then or after it is enabled again', async () => {
      const account = await createAccount(server.db, {
        name: 'Slaaet Fra',
        email: 'fra@site.example',
        password: 'gammelt-kodeord',
        role: 'author',
      });
      const token = await issueAccountToken(server.db, account.id, 'reset');
      await updateAccount(server.db, account.id, { disabled: true });
      assert.equal((await server.get(`/admin/reset/${token}`)).status, 410);
      assert.equal((await use('reset', token, 'angriberens-kodeord')).status, 410);
      await updateAccount(server.db, account.id, { disabled: false });
      assert.equal((await use('reset', token, 'angriberens-kodeord')).status, 410);
      const login = await post(server, '/admin/login', { email: 'fra@site.example', password: 'angriberens-kodeord' });
      assert.equal(login.status, 401);
      await logIn(server, 'fra@site.example', 'gammelt-kodeord');
    });
  });
}
