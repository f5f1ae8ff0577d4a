/**
 * Every error state of the admin forms is valid HTML (Nu Html Checker): setup, login, password
 * reset and invitation, the post editor, people and their accounts, blogs, settings, the blocklist, and editing and
 * answering a comment. All pages go through one checker run, which is what costs time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAccount, issueAccountToken } from '../accounts/account.service.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { formBody, loginAs, shownAgain } from '../../test/support/admin.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { errorPages, vnuCanRun, vnuErrors } from '../../test/support/vnu.js';
import { formValuesOf } from './settings/settings-form.js';

for (const dialect of DIALECTS) {
  describe(`admin form error pages are valid HTML (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('finds no error in any error state of the admin forms', async (t) => {
      if (!vnuCanRun(t)) return;
      const { pages, expect } = errorPages();
      const anonymous = (path: string, fields: Record<string, string>) =>
        server.get(path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: formBody(fields),
        });

      // Setup only answers on a site nobody has used yet, so it comes first.
      await expect(
        'setup',
        422,
        anonymous('/admin/setup', { name: '', email: 'ikke-en-adresse', password: 'kort' }),
        /class="field-error" id="setup-name-error"[\s\S]*class="field-error" id="setup-email-error"/,
      );

      const account = await createAccount(server.db, {
        name: 'Glemsom Person',
        email: 'glemsom@site.example',
        password: 'et-gammelt-kodeord',
        role: 'author',
      });
      await expect(
        'login',
        401,
        anonymous('/admin/login', { email: 'glemsom@site.example', password: 'forkert-kodeord' }),
        /value="glemsom@site\.example"/,
      );
      for (const kind of ['reset', 'invite'] as const) {
        const path = `/admin/${kind}/${await issueAccountToken(server.db, account.id, kind)}`;
        await expect(
          `${kind}-mismatch`,
          422,
          anonymous(path, { password: 'helt-nyt-kodeord', confirm: 'noget-andet-her' }),
          /aria-invalid="true"/,
        );
        await expect(`${kind}-short`, 422, anonymous(path, { password: 'kort', confirm: 'kort' }), /aria-invalid="true"/);
      }

      const admin = await loginAs(server, 'admin');
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentPolicy: 'open',
        commentsPerHourPerIp: 10_000,
        commentsPerHourPerEmail: 10_000,
      });
      const post = await buildPost(server.db);
      // The editor answers its POST with a redirect to the kept form (post/redirect/get); the page is that GET.
      await expect(
        'post-editor',
        200,
        admin
          .post('/admin/posts', {
            blogId: post.blogId,
            title: '',
            slug: '',
            lead: '',
            body: 'Tekst jeg ikke vil miste.',
            tags: '',
            commentsOpen: '1',
            status_action: 'publish',
            publish_at: '',
            author_person: [admin.personId],
            author_note: [''],
            author_order: ['1'],
            guest_name: '',
            guest_job_title: '',
            guest_organisation: '',
            guest_note: '',
            guest_order: '',
            link_title: ['Dårligt link'],
            link_url: ['javascript:alert(1)'],
            link_description: [''],
            op: 'save',
          })
          .then((sent) => shownAgain(admin, sent)),
        /id="post-title"[^>]*aria-invalid="true"/,
      );
      await expect(
        'person',
        422,
        admin.post('/admin/people', {
          name: '',
          initials: '',
          jobTitle: 'Chefanalytiker',
          organisation: '',
          bio: '',
          avatarPath: 'https://elsewhere.example/x.jpg',
          email: 'ikke-en-adresse',
          phone: '',
        }),
        /aria-invalid="true"/,
      );
      const person = await buildPerson(server.db);
      await expect(
        'account',
        422,
        admin.post(`/admin/people/${person.id}/account`, { email: 'ikke-en-adresse', role: '' }),
        /aria-invalid="true"/,
      );
      await expect(
        'blog',
        422,
        admin.post('/admin/blogs', { title: 'Forkert', slug: 'admin', description: 'Beholdes', owner: '' }),
        /aria-invalid="true"/,
      );
      await expect(
        'settings',
        422,
        admin.post('/admin/settings', {
          ...formValuesOf(DEFAULT_SETTINGS),
          postsPerPage: 'mange',
          commentMaxDepth: '99',
          language: 'fr',
          holdScore: '9',
          spamScore: '8',
        }),
        /id="settings-postsPerPage"[^>]*aria-invalid="true"/,
      );
      await expect(
        'blocklist',
        422,
        admin.post('/admin/comments/blocklist', { kind: 'email', value: 'ikke en adresse' }),
        /class="field-error"/,
      );

      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      const path = `/${blog.slug}/${post.slug}`;
      const created = await postComment(server, path, { body: 'En kommentar at rette.' });
      const id = /#comment-([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')?.[1];
      assert.ok(id, 'the comment was stored');
      await expect(
        'comment-edit',
        422,
        admin.post(`/admin/comments/${id}/edit`, { name: '', body: '' }),
        /class="field-error" id="error-body"/,
      );
      await expect('comment-reply', 422, admin.post(`/admin/comments/${id}/reply`, { body: ' ' }), /class="field-error" id="error-body"/);

      assert.deepEqual(vnuErrors(pages), []);
    });
  });
}
