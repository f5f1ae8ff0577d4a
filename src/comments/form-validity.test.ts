/**
 * Every error state of the public forms is valid HTML (Nu Html Checker): the comment form with
 * empty fields, a bad address, a wrong answer, a text too long, sent too fast, as a reply, from
 * another site; the privacy form with an empty or bad address, or sent from another site; the
 * commenter's manage form with an empty text, and the confirm, manage and erase forms from another site.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { postComment, readForm } from '../../test/support/comments.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { errorPages, vnuCanRun, vnuErrors } from '../../test/support/vnu.js';

for (const dialect of DIALECTS) {
  describe(`public form error pages are valid HTML (${dialect})`, () => {
    let server: TestServer;
    let path_: string;
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentPolicy: 'open',
        commentsPerHourPerIp: 10_000,
        commentsPerHourPerEmail: 10_000,
      });
      const post = await buildPost(server.db);
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      path_ = `/${blog.slug}/${post.slug}`;
    });
    after(async () => {
      await server?.close();
    });

    it('finds no error in any error state of the comment and privacy forms', async (t) => {
      if (!vnuCanRun(t)) return;
      const { pages, expect } = errorPages();
      const form = await readForm(server, path_);
      await expect(
        'empty-fields',
        422,
        postComment(server, path_, { name: '', email: '', body: '', token: form.token, answer: '' }),
        /id="error-name"[\s\S]*id="error-email"[\s\S]*id="error-body"[\s\S]*id="error-answer"/,
      );
      await expect('bad-email', 422, postComment(server, path_, { email: 'ikke-en-adresse' }), /id="error-email"/);
      await expect('wrong-answer', 422, postComment(server, path_, { answer: '999' }), /id="error-answer"/);
      await expect('too-long', 422, postComment(server, path_, { body: 'x'.repeat(5001) }), /id="error-body"/);
      await expect(
        'cross-site',
        403,
        postComment(server, path_, {}, { headers: { origin: 'https://angriber.example' } }),
        /anden hjemmeside/,
      );
      const top = (await postComment(server, path_, { body: 'Et indlæg at svare på' })).headers.get('location')!.split('#comment-')[1]!;
      await expect(
        'reply-wrong-answer',
        422,
        postComment(server, path_, { parent: top, answer: '999' }),
        /Svar til[\s\S]*id="error-answer"/,
      );
      await updateSiteSettings(server.db, { minSecondsToSubmit: 600 });
      await expect('too-fast', 422, postComment(server, path_), /sendt meget hurtigt/);
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0 });
      const privacy = (email: string) =>
        server.get('/privacy', {
          method: 'POST',
          body: new URLSearchParams({ email }),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      await expect('privacy-empty', 422, privacy(''), /id="privacy-error"/);
      await expect('privacy-bad-email', 422, privacy('ikke@'), /id="privacy-error"/);
      await expect(
        'privacy-cross-site',
        403,
        server.get('/privacy', {
          method: 'POST',
          body: new URLSearchParams({ email: 'a@b.example' }),
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://angriber.example' },
        }),
        /id="cross-site-error"/,
      );
      // The commenter's own pages: the manage form with an empty text, and each form sent from another site.
      const post = (to: string, fields: Record<string, string>, origin?: string) =>
        server.get(to, {
          method: 'POST',
          body: new URLSearchParams(fields),
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
        });
      const lastMailTo = async (email: string) =>
        (
          await server.db
            .selectFrom('outbox')
            .select('text_body')
            .where('to_address', '=', email)
            .orderBy('id', 'desc')
            .executeTakeFirstOrThrow()
        ).text_body;
      const tokenIn = (text: string, route: string) => decodeURIComponent(new RegExp(`${route}\\?token=(\\S+)`).exec(text)?.[1] ?? '');
      const email = 'egen@debat.example';
      assert.equal((await postComment(server, path_, { email, notify: true, body: 'Min egen kommentar.' })).status, 303);
      const token = tokenIn(await lastMailTo(email), '/comments/subscriptions/confirm');
      await expect(
        'confirm-cross-site',
        403,
        post('/comments/subscriptions/confirm', { token }, 'https://angriber.example'),
        /id="cross-site-error"/,
      );
      assert.equal((await post('/comments/subscriptions/confirm', { token })).status, 200);
      await expect('manage-empty', 422, post('/comments/manage', { token, action: 'edit', body: '' }), /id="manage-error"/);
      await expect(
        'manage-cross-site',
        403,
        post('/comments/manage', { token, action: 'edit', body: 'Fra et andet sted.' }, 'https://angriber.example'),
        /id="cross-site-error"/,
      );
      assert.equal((await privacy(email)).status, 200);
      const privacyToken = tokenIn(await lastMailTo(email), '/privacy/comments');
      await expect(
        'erase-cross-site',
        403,
        post('/privacy/erase', { token: privacyToken }, 'https://angriber.example'),
        /id="cross-site-error"/,
      );
      assert.deepEqual(vnuErrors(pages), []);
    });
  });
}
