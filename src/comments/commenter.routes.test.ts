import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { translator } from '../i18n/i18n.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { loginAs } from '../../test/support/admin.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

// Without SMTP_URL every mail stays in the outbox, where these tests read the links.
const ERASED = translator('da', 'Europe/Copenhagen').t('comments.erased');
const EDITED = translator('da', 'Europe/Copenhagen').t('comments.edited');

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}@debat.example`;
const commentIdOf = (response: Response) => /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1];
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

for (const dialect of DIALECTS) {
  describe(`commenter links (${dialect})`, () => {
    let server: TestServer;

    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentsPerHourPerIp: 10000, commentsPerHourPerEmail: 10000 });
    });
    after(async () => {
      await server?.close();
    });

    async function newPostPath(): Promise<string> {
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      return `/${blog.slug}/${post.slug}`;
    }

    async function mailTextsTo(email: string): Promise<string[]> {
      const rows = await server.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id').execute();
      return rows.map((r) => r.text_body);
    }

    /** Posts a comment asking for reply mails and returns its id and the token from the confirmation mail. */
    async function commentWithToken(path: string, fields: { name?: string; email?: string; body?: string } = {}) {
      const email = fields.email ?? unique('manager');
      const response = await postComment(server, path, { ...fields, email, notify: true });
      assert.equal(response.status, 303);
      const [text] = await mailTextsTo(email);
      const token = /\/comments\/subscriptions\/confirm\?token=(\S+)/.exec(text ?? '')?.[1];
      assert.ok(token, 'the confirmation mail has a token');
      return { id: commentIdOf(response)!, token: decodeURIComponent(token) };
    }

    async function confirmedComment(path: string, fields: { name?: string; email?: string; body?: string } = {}) {
      const comment = await commentWithToken(path, fields);
      assert.equal((await server.get('/comments/subscriptions/confirm', form({ token: comment.token }))).status, 200);
      return comment;
    }

    async function privacyToken(email: string): Promise<string> {
      assert.equal((await server.get('/privacy', form({ email }))).status, 200);
      const token = /\/privacy\/comments\?token=(\S+)/.exec((await mailTextsTo(email)).at(-1) ?? '')?.[1];
      assert.ok(token, 'the privacy mail has a token');
      return decodeURIComponent(token);
    }

    const page = async (path: string) => (await server.get(path)).text();

    // ---- Managing one comment

    it('shows the comment on the manage page', async () => {
      const path = await newPostPath();
      const { token } = await confirmedComment(path, { body: 'Teksten jeg vil kunne rette.' });
      const response = await server.get(`/comments/manage?token=${encodeURIComponent(token)}`);
      assert.equal(response.status, 200);
      assert.match(await response.text(), /Teksten jeg vil kunne rette\./);
    });

    it('changes the public text when the comment is edited within the window', async () => {
      const path = await newPostPath();
      const { token } = await confirmedComment(path, { body: 'Første udgave af teksten.' });
      const response = await server.get('/comments/manage', form({ token, action: 'edit', body: 'Anden og bedre udgave.' }));
      assert.equal(response.status, 303);
      const html = await page(path);
      assert.match(html, /Anden og bedre udgave\./);
      assert.doesNotMatch(html, /Første udgave af teksten\./);
    });

    it("refuses a writer's edit from a page opened before a moderator changed the text, and keeps what the writer typed", async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path, { body: 'Ring til mig på 12345678.' });
      const opened = await (await server.get(`/comments/manage?token=${encodeURIComponent(token)}`)).text();
      const version = /name="version" value="([^"]+)"/.exec(opened)?.[1] ?? assert.fail('no version on the manage page');
      // A moderator takes the phone number out while the writer's page is open.
      const admin = await loginAs(server, 'admin');
      const redacted = 'Ring til mig på [fjernet af redaktionen].';
      const moderatorForm = await (await admin.get(`/admin/comments/${id}/edit`)).text();
      const moderatorVersion = /name="version" value="([^"]+)"/.exec(moderatorForm)?.[1] ?? assert.fail('no version in the edit form');
      const name = /id="edit-name"[^>]*value="([^"]*)"/.exec(moderatorForm)?.[1] ?? assert.fail('no name field');
      assert.equal((await admin.post(`/admin/comments/${id}/edit`, { name, body: redacted, version: moderatorVersion })).status, 303);
      const stale = await server.get(
        '/comments/manage',
        form({ token, action: 'edit', body: 'Ring til mig på 12345678, gerne i aften.', version }),
      );
      assert.equal(stale.status, 409);
      const html = await stale.text();
      assert.match(html, /<textarea[^>]*>Ring til mig på 12345678, gerne i aften\.<\/textarea>/, 'what the writer typed comes back');
      assert.match(html, /\[fjernet af redaktionen\]/, 'the text as it now reads is shown');
      assert.match(await page(path), /\[fjernet af redaktionen\]/, "the moderator's edit stands");
      // The page now carries the newer version: saving again is the writer's choice.
      const newer = /name="version" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no version on the refused page');
      assert.notEqual(newer, version);
      const saved = await server.get('/comments/manage', form({ token, action: 'edit', body: 'Skriv til mig i stedet.', version: newer }));
      assert.equal(saved.status, 303);
      assert.match(await page(path), /Skriv til mig i stedet\./);
    });

    it('refuses an edit after the window with 422 and keeps the typed text in the textarea', async () => {
      const path = await newPostPath();
      const { token } = await confirmedComment(path, { body: 'Teksten fra før fristen.' });
      await updateSiteSettings(server.db, { editWindowMinutes: 0 });
      try {
        const response = await server.get('/comments/manage', form({ token, action: 'edit', body: 'For sent skrevet.' }));
        assert.equal(response.status, 422);
        assert.match(await response.text(), /<textarea[^>]*>For sent skrevet\.<\/textarea>/);
        assert.match(await page(path), /Teksten fra før fristen\./);
      } finally {
        await updateSiteSettings(server.db, { editWindowMinutes: 15 });
      }
    });

    it('confirms a delete on a page of its own, which a reload reads rather than sending the deletion again', async () => {
      const { token } = await confirmedComment(await newPostPath());
      const deleted = await server.get('/comments/manage', form({ token, action: 'delete' }));
      assert.equal(deleted.status, 303);
      assert.equal(deleted.headers.get('location'), '/comments/manage/deleted');
      const page = await server.get('/comments/manage/deleted');
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'private, no-store');
      assert.match(await page.text(), /<h1>Kommentaren er slettet\.<\/h1>/);
    });

    it("asks before deleting: the page's button leads to a confirmation page, which deletes only when confirmed", async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path, { body: 'Skal den slettes?' });
      const manage = await (await server.get(`/comments/manage?token=${encodeURIComponent(token)}`)).text();
      assert.match(manage, /<input type="hidden" name="action" value="confirm-delete"\/>/);
      const asked = await server.get('/comments/manage', form({ token, action: 'confirm-delete' }));
      assert.equal(asked.status, 200);
      const html = await asked.text();
      assert.match(html, /Vil du slette din kommentar\?/);
      assert.match(html, /<input type="hidden" name="action" value="delete"\/>/);
      assert.match(html, new RegExp(`href="/comments/manage\\?token=${encodeURIComponent(token).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
      const row = await server.db.selectFrom('comments').select(['erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.erased_at, null, 'asking deletes nothing');
      await server.get('/comments/manage', form({ token, action: 'delete' }));
      const after = await server.db.selectFrom('comments').select(['erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.notEqual(after.erased_at, null);
      // Without replies, it leaves no placeholder.
      assert.doesNotMatch(await page(path), new RegExp(`comment-${id}|${ERASED}`));
    });

    it('shows the deleted placeholder instead of name and text after a delete, and keeps the replies', async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path, { name: 'Dorte Dele', body: 'Det her fortryder jeg.' });
      await postComment(server, path, { name: 'Bo Besvarer', email: unique('bo'), parent: id, body: 'Et svar der bliver stående.' });
      await server.get('/comments/manage', form({ token, action: 'delete' }));
      const html = await page(path);
      assert.ok(html.includes(ERASED));
      assert.doesNotMatch(html, /Dorte Dele|Det her fortryder jeg/);
      assert.match(html, /Et svar der bliver stående\./);
    });

    it('answers 404 for an invalid or altered token on confirm, manage and unsubscribe', async () => {
      const { token } = await confirmedComment(await newPostPath());
      const [id, signature] = token.split('.') as [string, string];
      const flip = (s: string, at: number) => `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;
      assert.equal((await server.get(`/comments/manage?token=${encodeURIComponent(token)}`)).status, 200);
      for (const bad of ['', 'not-a-token', `${flip(id, 0)}.${signature}`, `${id}.${flip(signature, 10)}`, `${id}.`]) {
        for (const route of ['/comments/subscriptions/confirm', '/comments/manage', '/comments/subscriptions/unsubscribe']) {
          assert.equal((await server.get(`${route}?token=${encodeURIComponent(bad)}`)).status, 404, `${route} with "${bad}"`);
        }
      }
    });

    // ---- Edits meet the same checks and policy as new comments (issue 12)

    const statusOf = async (id: string) =>
      (await server.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const countOf = async (path: string) => {
      const slug = path.split('/')[2]!;
      return Number(
        (await server.db.selectFrom('posts').select('comment_count').where('slug', '=', slug).executeTakeFirstOrThrow()).comment_count,
      );
    };
    const SPAM_LINKS = 'Køb her https://a.example https://b.example https://c.example https://d.example';

    it('holds an edit that adds more links than allowed: the new text is not public and the comment leaves the count', async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path, { body: 'En pæn og saglig kommentar.' });
      assert.equal(await countOf(path), 1);
      const held = await server.get('/comments/manage', form({ token, action: 'edit', body: SPAM_LINKS }));
      assert.equal(held.status, 303);
      assert.match(held.headers.get('location') ?? '', /&saved=held&held=links-\d+/);
      // The page it sends the writer to says the edit waits, and why.
      const notice = /<p class="form-notice" role="status">([^<]*)<\/p>/.exec(
        await (await server.get(held.headers.get('location')!)).text(),
      )?.[1];
      assert.match(
        notice ?? '',
        /^Dine ændringer er gemt, men kommentaren vises først igen, når en moderator har godkendt den\. Den rettede tekst har flere end \d+ links?\./,
      );
      assert.equal(await statusOf(id), 'pending');
      assert.doesNotMatch(await page(path), /a\.example|d\.example/);
      assert.equal(await countOf(path), 0);
    });

    it('holds an edit under "hold everything" until a moderator approves it', async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path, { body: 'Godkendt før politikken skiftede.' });
      const moderator = unique('moderator');
      await updateSiteSettings(server.db, { commentPolicy: 'all', moderatorEmails: [moderator] });
      try {
        await server.get('/comments/manage', form({ token, action: 'edit', body: 'Ny tekst der skal godkendes.' }));
        assert.equal(await statusOf(id), 'pending');
        assert.doesNotMatch(await page(path), /Ny tekst der skal godkendes/);
        assert.match((await mailTextsTo(moderator)).join('\n'), /Ny tekst der skal godkendes/, 'the moderators hear of it');
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open', moderatorEmails: [] });
      }
    });

    it('publishes a held edit, marked as edited, once a moderator approves it', async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path, { body: 'Tekst før rettelsen.' });
      await server.get('/comments/manage', form({ token, action: 'edit', body: `Rettet med kilder: ${SPAM_LINKS}` }));
      assert.equal(await statusOf(id), 'pending');
      const moderator = await loginAs(server, 'admin');
      await moderator.post(`/admin/comments/${id}/approve`);
      assert.equal(await statusOf(id), 'approved');
      const html = await page(path);
      assert.match(html, /Rettet med kilder/);
      assert.match(html, /class="comment__edited"/);
      assert.equal(await countOf(path), 1);
    });

    it('counts edits against the hourly limit per address and keeps the typed text when refusing', async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path, { body: 'Den oprindelige tekst.' });
      await updateSiteSettings(server.db, { commentsPerHourPerEmail: 1 });
      try {
        const response = await server.get('/comments/manage', form({ token, action: 'edit', body: 'Rettelse nummer et.' }));
        assert.equal(response.status, 422);
        assert.match(await response.text(), /<textarea[^>]*>Rettelse nummer et\.<\/textarea>/);
        assert.equal(
          (await server.db.selectFrom('comments').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body,
          'Den oprindelige tekst.',
        );
      } finally {
        await updateSiteSettings(server.db, { commentsPerHourPerEmail: 10000 });
      }
    });

    it('marks an edit with two blocklisted words as spam', async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path);
      await server.db
        .insertInto('blocklist')
        .values([
          { id: `bw-${dialect}-1`, kind: 'word', value: 'forbudtord', created_at: new Date().toISOString() },
          { id: `bw-${dialect}-2`, kind: 'word', value: 'bandlyst', created_at: new Date().toISOString() },
        ])
        .execute();
      const moderator = unique('moderator');
      await updateSiteSettings(server.db, { moderatorEmails: [moderator] });
      try {
        await server.get('/comments/manage', form({ token, action: 'edit', body: 'forbudtord og bandlyst i samme tekst' }));
        assert.equal(await statusOf(id), 'spam');
        assert.deepEqual(await mailTextsTo(moderator), [], 'no "waiting" mail about spam');
      } finally {
        await updateSiteSettings(server.db, { moderatorEmails: [] });
        await server.db
          .deleteFrom('blocklist')
          .where('id', 'in', [`bw-${dialect}-1`, `bw-${dialect}-2`])
          .execute();
      }
    });

    it('never publishes a held comment by editing it', async () => {
      const path = await newPostPath();
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      let comment: { id: string; token: string };
      try {
        comment = await confirmedComment(path, { body: 'Venter på en moderator.' });
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
      await server.get('/comments/manage', form({ token: comment.token, action: 'edit', body: 'Nu en helt uskyldig tekst.' }));
      assert.equal(await statusOf(comment.id), 'pending');
    });

    it('shows that a published comment was edited, with the time', async () => {
      const path = await newPostPath();
      const { id, token } = await confirmedComment(path, { body: 'Første udgave.' });
      assert.doesNotMatch(await page(path), /class="comment__edited"/);
      await server.get('/comments/manage', form({ token, action: 'edit', body: 'Rettet udgave.' }));
      assert.equal(await statusOf(id), 'approved');
      const html = await page(path);
      assert.match(html, new RegExp(`id="comment-${id}"[\\s\\S]*<p class="comment__edited">${EDITED} <time datetime="[^"]+">`));
    });

    // ---- Trust is earned by proving the address, not by typing it (issue 12)

    const confirmAndKeepCookie = async (token: string) => {
      const response = await server.get('/comments/subscriptions/confirm', form({ token }));
      assert.equal(response.status, 200);
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    };

    // ---- Confirming reply mails: GET shows a button, POST confirms (issue 12)

    const confirmedAt = async (email: string) =>
      (await server.db.selectFrom('comment_subscriptions').select('confirmed_at').where('email', '=', email).executeTakeFirstOrThrow())
        .confirmed_at;

    it('changes nothing on GET of the confirmation link, however often, sets no proof cookie, and shows a button that posts', async () => {
      const email = unique('scanned');
      const { token } = await commentWithToken(await newPostPath(), { email });
      for (let i = 0; i < 2; i++) {
        const response = await server.get(`/comments/subscriptions/confirm?token=${encodeURIComponent(token)}`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('set-cookie'), null, 'a fetched link proves no address');
        assert.match(
          await response.text(),
          /<form method="post" action="\/comments\/subscriptions\/confirm"[\s\S]*name="token"[\s\S]*<button type="submit">/,
        );
      }
      assert.equal(await confirmedAt(email), null);
      const pressed = await server.get('/comments/subscriptions/confirm', form({ token }));
      assert.equal(pressed.status, 200);
      assert.match(pressed.headers.get('set-cookie') ?? '', /^ytring_proven=/);
      assert.notEqual(await confirmedAt(email), null);
    });

    it('changes nothing and proves no address on GET of the manage link', async () => {
      const email = unique('managed');
      const { id, token } = await confirmedComment(await newPostPath(), { email, body: 'Uændret af et kig.' });
      const before = await server.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      for (let i = 0; i < 2; i++) {
        const response = await server.get(`/comments/manage?token=${encodeURIComponent(token)}`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('set-cookie'), null, 'a fetched link proves no address');
        await response.arrayBuffer();
      }
      assert.deepEqual(await server.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), before);
    });

    it('holds a comment typed with the address of an approved commenter, under the first-time policy', async () => {
      const path = await newPostPath();
      const email = unique('known');
      assert.equal((await postComment(server, path, { email })).status, 303);
      await updateSiteSettings(server.db, { commentPolicy: 'first-time' });
      try {
        const id = commentIdOf(await postComment(server, path, { email, body: 'Skrevet af en der lader som om.' }))!;
        assert.equal(await statusOf(id), 'pending');
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
    });

    it("holds a comment typed with a staff member's address, under the first-time policy", async () => {
      const path = await newPostPath();
      const staff = await loginAs(server, 'editor');
      await updateSiteSettings(server.db, { commentPolicy: 'first-time' });
      try {
        const staffComment = await server.get(`${path}/comments`, {
          method: 'POST',
          headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: staff.csrf, body: 'Redaktionens ord.', parent: '', website: '' }),
        });
        assert.equal(await statusOf(commentIdOf(staffComment)!), 'approved');
        const account = await server.db.selectFrom('accounts').select('email').where('id', '=', staff.accountId).executeTakeFirstOrThrow();
        const id = commentIdOf(await postComment(server, path, { email: account.email, body: 'Falsk redaktør.' }))!;
        assert.equal(await statusOf(id), 'pending');
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
    });

    it('trusts an approved commenter in the browser where they opened their confirmation link', async () => {
      const path = await newPostPath();
      const email = unique('proven');
      const { token } = await commentWithToken(path, { email });
      const cookie = await confirmAndKeepCookie(token);
      assert.match(cookie, /=/);
      await updateSiteSettings(server.db, { commentPolicy: 'first-time' });
      try {
        const proven = commentIdOf(await postComment(server, path, { email, body: 'Med bevis.' }, { headers: { cookie } }))!;
        assert.equal(await statusOf(proven), 'approved');
        const typed = commentIdOf(
          await postComment(server, path, { email: unique('other'), body: 'Andet navn, samme browser.' }, { headers: { cookie } }),
        )!;
        assert.equal(await statusOf(typed), 'pending', 'the proof is for one address only');
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
    });

    // ---- The commenter's forms refuse posts from another site, keeping what was typed (issue 12)

    const foreign = (fields: Record<string, string>) => {
      const init = form(fields);
      return { ...init, headers: { ...init.headers, origin: 'https://angriber.example' } };
    };
    const REFUSED = /id="cross-site-error"[^>]*role="alert"[^>]*>[^<]*anden hjemmeside/;

    it('refuses a privacy request from another site, shows the address again and mails nothing', async () => {
      const email = unique('privacy-foreign');
      await postComment(server, await newPostPath(), { email });
      const before = (await mailTextsTo(email)).length;
      const response = await server.get('/privacy', foreign({ email }));
      assert.equal(response.status, 403);
      const html = await response.text();
      assert.match(html, REFUSED);
      assert.match(html, new RegExp(`name="email"[^>]*value="${email}"`));
      assert.equal((await mailTextsTo(email)).length, before);
      assert.equal(
        (await server.get('/privacy', { ...form({ email }), headers: { ...form({}).headers, origin: server.url } })).status,
        200,
        'our own page may send it',
      );
    });

    it('refuses erasing from another site and erases nothing', async () => {
      const email = unique('erase-foreign');
      await postComment(server, await newPostPath(), { email, body: 'Bliver stående.' });
      const token = await privacyToken(email);
      const response = await server.get('/privacy/erase', foreign({ token }));
      assert.equal(response.status, 403);
      const html = await response.text();
      assert.match(html, REFUSED);
      assert.match(html, /Bliver stående\./);
      assert.match(html, /<form method="post" action="\/privacy\/erase"/);
      const rows = await server.db.selectFrom('comments').select('erased_at').where('author_email', '=', email).execute();
      assert.deepEqual(
        rows.map((r) => r.erased_at),
        [null],
      );
    });

    it('refuses an edit or delete of a comment from another site, keeping the typed text', async () => {
      const { id, token } = await confirmedComment(await newPostPath(), { body: 'Min egen tekst.' });
      const edit = await server.get('/comments/manage', foreign({ token, action: 'edit', body: 'Ny tekst fra et fremmed sted.' }));
      assert.equal(edit.status, 403);
      const html = await edit.text();
      assert.match(html, REFUSED);
      assert.match(html, /<textarea[^>]*>Ny tekst fra et fremmed sted\.<\/textarea>/);
      const del = await server.get('/comments/manage', foreign({ token, action: 'delete' }));
      assert.equal(del.status, 403);
      assert.match(await del.text(), REFUSED);
      const row = await server.db.selectFrom('comments').select(['body', 'erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { body: 'Min egen tekst.', erased_at: null });
    });

    it('refuses confirming reply mails from another site', async () => {
      const email = unique('confirm-foreign');
      const { token } = await commentWithToken(await newPostPath(), { email });
      const response = await server.get('/comments/subscriptions/confirm', foreign({ token }));
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('set-cookie'), null);
      const html = await response.text();
      assert.match(html, REFUSED);
      assert.match(html, /<form method="post" action="\/comments\/subscriptions\/confirm"/);
      const row = await server.db
        .selectFrom('comment_subscriptions')
        .select('confirmed_at')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      assert.equal(row.confirmed_at, null);
    });

    // ---- Unsubscribing: GET shows a button, POST acts; the token does nothing else (issue 12, RFC 8058)

    async function replyMailUnsubscribeToken(path: string, email: string): Promise<string> {
      const { id } = await confirmedComment(path, { email });
      await postComment(server, path, { name: 'Bo Besvarer', email: unique('bo'), parent: id });
      const text = (await mailTextsTo(email)).at(-1) ?? '';
      const token = /\/comments\/subscriptions\/unsubscribe\?token=(\S+)/.exec(text)?.[1];
      assert.ok(token, 'the reply mail has an unsubscribe link');
      return decodeURIComponent(token);
    }
    const subscriptionState = async (email: string) =>
      (await server.db.selectFrom('comment_subscriptions').select('unsubscribed_at').where('email', '=', email).executeTakeFirstOrThrow())
        .unsubscribed_at;

    it('changes nothing on GET of the unsubscribe link, however often, and shows a button that posts', async () => {
      const email = unique('fetched');
      const token = await replyMailUnsubscribeToken(await newPostPath(), email);
      for (let i = 0; i < 2; i++) {
        const response = await server.get(`/comments/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`);
        assert.equal(response.status, 200);
        assert.match(
          await response.text(),
          /<form method="post" action="\/comments\/subscriptions\/unsubscribe"[\s\S]*<button type="submit">/,
        );
      }
      assert.equal(await subscriptionState(email), null);
    });

    it('unsubscribes on the button form POST, even with Origin: null and no cookies', async () => {
      const email = unique('button');
      const token = await replyMailUnsubscribeToken(await newPostPath(), email);
      const response = await server.get('/comments/subscriptions/unsubscribe', {
        method: 'POST',
        body: new URLSearchParams({ token }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
      });
      assert.equal(response.status, 200);
      assert.notEqual(await subscriptionState(email), null);
    });

    it('unsubscribes on the RFC 8058 one-click POST to the link', async () => {
      const email = unique('oneclick');
      const token = await replyMailUnsubscribeToken(await newPostPath(), email);
      const response = await server.get(`/comments/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.provider.example' },
      });
      assert.equal(response.status, 200);
      assert.notEqual(await subscriptionState(email), null);
    });

    it('refuses the unsubscribe token on the manage, edit, delete and confirm routes', async () => {
      const path = await newPostPath();
      const email = unique('narrow');
      const token = await replyMailUnsubscribeToken(path, email);
      assert.equal((await server.get(`/comments/manage?token=${encodeURIComponent(token)}`)).status, 404);
      assert.equal((await server.get(`/comments/subscriptions/confirm?token=${encodeURIComponent(token)}`)).status, 404);
      assert.equal((await server.get('/comments/manage', form({ token, action: 'edit', body: 'Kapret tekst.' }))).status, 404);
      assert.equal((await server.get('/comments/manage', form({ token, action: 'delete' }))).status, 404);
      const rows = await server.db.selectFrom('comments').select(['body', 'erased_at']).where('author_email', '=', email).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.erased_at, null);
      assert.doesNotMatch(rows[0]!.body, /Kapret/);
    });

    // ---- GDPR: everything a person wrote, by their address

    it('mails a link to the privacy page to an address that has comments', async () => {
      const email = unique('gdpr');
      await postComment(server, await newPostPath(), { email });
      assert.match(await privacyToken(email), /\S{20,}/);
    });

    it('gives the same answer for an address without comments and queues no mail', async () => {
      const known = unique('known');
      const unknown = unique('unknown');
      await postComment(server, await newPostPath(), { email: known });
      const forKnown = await server.get('/privacy', form({ email: known }));
      const forUnknown = await server.get('/privacy', form({ email: unknown }));
      assert.equal(forUnknown.status, forKnown.status);
      assert.equal(await forUnknown.text(), await forKnown.text());
      assert.equal((await mailTextsTo(known)).length, 1);
      assert.deepEqual(await mailTextsTo(unknown), []);
    });

    it("lists the person's comments on the privacy page", async () => {
      const email = unique('lister');
      await postComment(server, await newPostPath(), { email, body: 'Min første kommentar.' });
      await postComment(server, await newPostPath(), { email, body: 'Min anden kommentar.' });
      await postComment(server, await newPostPath(), { email: unique('other'), body: 'En fremmeds kommentar.' });
      const response = await server.get(`/privacy/comments?token=${encodeURIComponent(await privacyToken(email))}`);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /Min første kommentar\.[\s\S]*Min anden kommentar\./);
      assert.doesNotMatch(html, /En fremmeds kommentar/);
    });

    it('exports their comments, and only theirs, as JSON', async () => {
      const email = unique('exporter');
      const path = await newPostPath();
      await postComment(server, path, { email, body: 'Eksporteret kommentar.' });
      await postComment(server, path, { email: unique('other'), body: 'Ikke min kommentar.' });
      const response = await server.get(`/privacy/comments.json?token=${encodeURIComponent(await privacyToken(email))}`);
      assert.equal(response.status, 200);
      const data = (await response.json()) as { comments: { email: string; body: string }[] };
      assert.deepEqual(
        data.comments.map((c) => [c.email, c.body]),
        [[email, 'Eksporteret kommentar.']],
      );
    });

    it('erases their name, address and text from the rows and the public page, and lowers the count', async () => {
      const email = unique('eraser');
      const path = await newPostPath();
      const ids = [
        commentIdOf(await postComment(server, path, { name: 'Erik Eraser', email, body: 'Slet denne tekst.' }))!,
        commentIdOf(await postComment(server, path, { name: 'Erik Eraser', email, body: 'Og også denne.' }))!,
      ];
      await postComment(server, path, { name: 'Frida Fremmed', email: unique('frida'), body: 'Min tekst bliver.' });
      const token = await privacyToken(email);
      assert.equal((await server.get('/privacy/erase', form({ token }))).status, 200);

      const rows = await server.db
        .selectFrom('comments')
        .select(['author_name', 'author_email', 'body', 'post_id'])
        .where('id', 'in', ids)
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.author_name, r.author_email, r.body]),
        [
          ['', '', ''],
          ['', '', ''],
        ],
      );
      const post = await server.db.selectFrom('posts').select('comment_count').where('id', '=', rows[0]!.post_id).executeTakeFirstOrThrow();
      assert.equal(Number(post.comment_count), 1);
      const html = await page(path);
      assert.doesNotMatch(html, /Erik Eraser|Slet denne tekst|Og også denne/);
      assert.match(html, /Min tekst bliver\./);
      const mail = await server.db
        .selectFrom('outbox')
        .select('id')
        .where((eb) => eb.or([eb('to_address', '=', email), eb('text_body', 'like', `%${email}%`)]))
        .execute();
      assert.deepEqual(mail, [], 'no mail to or about the address is kept');
    });
  });
}
