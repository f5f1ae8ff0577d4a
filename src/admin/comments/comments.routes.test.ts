import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { addImportedComment } from '../../comments/comment.service.js';
import { getSpamReport } from '../../comments/spam-report.service.js';
import { updateSiteSettings } from '../../settings/settings.service.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { postComment, proveAddress } from '../../../test/support/comments.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const RELAXED = {
  minSecondsToSubmit: 0,
  commentsPerHourPerIp: 10_000,
  commentsPerHourPerEmail: 10_000,
  commentPolicy: 'first-time' as const,
  commentMaxDepth: 3,
};

let counter = 0;
const unique = (what: string) => `${what}${++counter}x${Date.now().toString(36)}`;
const idOf = (response: Response) =>
  /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1] ??
  assert.fail(`no comment id in ${response.headers.get('location')}`);

for (const dialect of DIALECTS) {
  describe(`comment moderation (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let post: { id: string; blogId: string; path: string };
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
    });
    after(async () => {
      await server?.close();
    });
    beforeEach(async () => {
      await updateSiteSettings(server.db, RELAXED);
      const blog = await buildBlog(server.db);
      const created = await buildPost(server.db, { blogId: blog.id });
      post = { id: created.id, blogId: blog.id, path: `/${blog.slug}/${created.slug}` };
    });

    /** A first comment from a new address: held under the first-time policy. */
    const held = async (fields: { name?: string; email?: string; body?: string; parent?: string } = {}) => {
      const response = await postComment(server, post.path, {
        email: `${unique('held')}@debat.example`,
        body: unique('Holdt kommentar '),
        ...fields,
      });
      assert.equal(response.status, 303);
      return idOf(response);
    };
    const published = (fields: { name?: string; email?: string; body?: string; parentId?: string | null } = {}) =>
      addImportedComment(server.db, server.app.secret, 3, {
        postId: post.id,
        name: 'Ole Offentlig',
        email: `${unique('pub')}@debat.example`,
        body: unique('Offentlig kommentar '),
        status: 'approved',
        createdAt: new Date(),
        ...fields,
      });
    const publicPage = async () => (await server.get(post.path)).text();
    const statusOf = async (id: string) =>
      (await server.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirst())?.status;
    const countOnPost = async () =>
      Number(
        (await server.db.selectFrom('posts').select('comment_count').where('id', '=', post.id).executeTakeFirstOrThrow()).comment_count,
      );

    it('lists held comments first, with the reasons and the address', async () => {
      const heldId = await held({ email: 'hanne.holdt@debat.example' });
      const newerPublic = await published();
      const response = await admin.get('/admin/comments?status=all');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('cache-control')!, /no-store/);
      const html = await response.text();
      assert.ok(html.indexOf(`id="comment-${heldId}"`) < html.indexOf(`id="comment-${newerPublic}"`), 'held before the newer public one');
      assert.match(html, /Første kommentar fra denne e-mailadresse/);
      assert.match(html, /hanne.holdt \(snabel-a\) debat.example/);
      assert.doesNotMatch(await publicPage(), /hanne.holdt/);
    });

    it('filters by status and by post', async () => {
      const heldId = await held();
      const publicId = await published();
      const pending = await (await admin.get('/admin/comments?status=pending')).text();
      assert.match(pending, new RegExp(`comment-${heldId}`));
      assert.doesNotMatch(pending, new RegExp(`comment-${publicId}`));
      const otherBlog = await buildBlog(server.db);
      const other = await buildPost(server.db, { blogId: otherBlog.id });
      const onOther = await (await admin.get(`/admin/comments?post=${other.id}`)).text();
      assert.doesNotMatch(onOther, new RegExp(`comment-${heldId}`));
    });

    it('approves a held comment: it becomes public, the count rises, and the action is logged', async () => {
      const body = unique('Godkend mig ');
      const id = await held({ body });
      assert.doesNotMatch(await publicPage(), new RegExp(body));
      const response = await admin.post(`/admin/comments/${id}/approve`, { back: '/admin/comments?status=pending' });
      assert.equal(response.status, 303);
      // The way back names what was done and offers its undo.
      assert.match(response.headers.get('location')!, /^\/admin\/comments\?status=pending&done=approve&n=1&undo=[0-9a-f-]{36}$/);
      const html = await publicPage();
      assert.match(html, new RegExp(body));
      assert.match(html, /Kommentarer \(1\)/);
      const logged = await server.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).execute();
      assert.deepEqual(
        logged.map((r) => r.action),
        ['comment.approve'],
      );
    });

    it('tells the subscribers of the parent about a held reply once, when it is first approved', async () => {
      const parent = await published();
      const subscriber = `${unique('abonnent')}@debat.example`;
      const at = new Date().toISOString();
      await server.db
        .insertInto('comment_subscriptions')
        .values({
          id: unique('sub'),
          comment_id: parent,
          email: subscriber,
          token_hash: unique('t'),
          created_at: at,
          confirmed_at: at,
          unsubscribed_at: null,
        })
        .execute();
      const reply = await held({ parent });
      const mails = async () => (await server.db.selectFrom('outbox').select('id').where('to_address', '=', subscriber).execute()).length;
      assert.equal(await mails(), 0);
      await admin.post(`/admin/comments/${reply}/approve`);
      assert.equal(await mails(), 1);
      await admin.post(`/admin/comments/${reply}/trash`);
      await admin.post(`/admin/comments/${reply}/restore`);
      assert.equal(await statusOf(reply), 'approved');
      assert.equal(await mails(), 1);
    });

    it('trusts an address once one of its comments is approved and the browser proved it (first-time policy)', async () => {
      const email = `${unique('ny')}@debat.example`;
      await admin.post(`/admin/comments/${idOf(await postComment(server, post.path, { email, notify: true }))}/approve`);
      const body = unique('Anden kommentar ');
      await postComment(server, post.path, { email, body }, { headers: { cookie: await proveAddress(server, email) } });
      assert.match(await publicPage(), new RegExp(body));
    });

    it('marks a public comment as spam: it disappears, the count drops, and the spam report counts it', async () => {
      const body = unique('Snedig reklame ');
      const id = await published({ body });
      assert.equal(await countOnPost(), 1);
      await admin.post(`/admin/comments/${id}/spam`);
      assert.doesNotMatch(await publicPage(), new RegExp(body));
      assert.equal(await countOnPost(), 0);
      assert.ok((await getSpamReport(server.db)).some((r) => r.layer === 'moderator' && r.outcome === 'spam'));
      assert.match(await (await admin.get('/admin/comments?status=spam')).text(), /Markeret som spam af en moderator/);
    });

    it('trashes and restores: a comment that was public comes back public, a held one back to the queue', async () => {
      const body = unique('Papirkurv ');
      const publicId = await published({ body });
      const heldId = await held();
      await admin.post(`/admin/comments/${publicId}/trash`);
      await admin.post(`/admin/comments/${heldId}/trash`);
      assert.doesNotMatch(await publicPage(), new RegExp(body));
      assert.equal(await statusOf(heldId), 'trash');
      await admin.post(`/admin/comments/${publicId}/restore`);
      await admin.post(`/admin/comments/${heldId}/restore`);
      assert.match(await publicPage(), new RegExp(body));
      assert.equal(await statusOf(heldId), 'pending');
      assert.equal(await countOnPost(), 1);
    });

    it("deletes for good, moving the replies up to the deleted comment's parent and keeping counts right", async () => {
      const parent = await published();
      const replyBody = unique('Svaret bliver ');
      const reply = await published({ parentId: parent, body: replyBody });
      await server.db
        .insertInto('comment_subscriptions')
        .values({
          id: unique('sub'),
          comment_id: parent,
          email: 'abonnent@debat.example',
          token_hash: unique('t'),
          created_at: new Date().toISOString(),
          confirmed_at: null,
          unsubscribed_at: null,
        })
        .execute();
      const response = await admin.post(`/admin/comments/${parent}/delete`);
      assert.equal(response.status, 303);
      assert.equal(await statusOf(parent), undefined);
      const moved = await server.db
        .selectFrom('comments')
        .select(['parent_id', 'root_id', 'depth'])
        .where('id', '=', reply)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...moved, depth: Number(moved.depth) }, { parent_id: null, root_id: reply, depth: 1 });
      assert.equal((await server.db.selectFrom('comment_subscriptions').select('id').where('comment_id', '=', parent).execute()).length, 0);
      assert.match(await publicPage(), new RegExp(replyBody));
      assert.equal(await countOnPost(), 1);
    });

    it('lets a moderator of every blog approve one held comment, mark another as spam by blocking its address, and the public page follows', async () => {
      // The blocklist holds on every blog, so blocking is for moderators whose reach is every blog (roles.routes.test.ts).
      const moderator = await loginAs(server, 'moderator');
      const [good, bad] = [unique('Saglig '), unique('Køb billige ure ')];
      const goodId = await held({ body: good });
      const spammer = `${unique('ure')}@debat.example`;
      const badId = await held({ body: bad, email: spammer });
      assert.equal((await moderator.post(`/admin/comments/${goodId}/approve`)).status, 303);
      assert.equal((await moderator.post(`/admin/comments/${badId}/block-email`)).status, 303);
      await postComment(server, post.path, { email: spammer, body: unique('Køb flere ure ') });
      const html = await publicPage();
      assert.match(html, new RegExp(good));
      assert.doesNotMatch(html, /Køb/);
      assert.match(html, /Kommentarer \(1\)/);
    });

    it("deletes a comment and its reply in one bulk action, lifting the reply's own reply to the top", async () => {
      const top = await published();
      const middle = await published({ parentId: top });
      const bottom = await published({ parentId: middle });
      assert.equal((await admin.post('/admin/comments/bulk', { action: 'delete', ids: [top, middle] })).status, 303);
      const moved = await server.db
        .selectFrom('comments')
        .select(['parent_id', 'root_id', 'depth'])
        .where('id', '=', bottom)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...moved, depth: Number(moved.depth) }, { parent_id: null, root_id: bottom, depth: 1 });
      assert.equal(await countOnPost(), 1);
    });

    it('edits the public text; an invalid edit comes back with what was typed', async () => {
      const id = await published({ name: 'Erik Redigeret' });
      assert.match(await (await admin.get(`/admin/comments/${id}/edit`)).text(), /value="Erik Redigeret"/);
      const refused = await admin.post(`/admin/comments/${id}/edit`, { name: 'Erik Ændret', body: '' });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /value="Erik Ændret"/);
      const edited = unique('Rettet tekst ');
      assert.equal((await admin.post(`/admin/comments/${id}/edit`, { name: 'Erik Redigeret', body: edited })).status, 303);
      assert.match(await publicPage(), new RegExp(edited));
    });

    it('refuses an edit from a form opened before someone else changed the text, keeping what was typed', async () => {
      const id = await published({ name: 'Vera Version' });
      const versionIn = (html: string) => /name="version" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no version in the form');
      // Two tabs (or two moderators) open the same comment.
      const opened = versionIn(await (await admin.get(`/admin/comments/${id}/edit`)).text());
      const first = unique('Første rettelse ');
      assert.equal((await admin.post(`/admin/comments/${id}/edit`, { name: 'Vera Version', body: first, version: opened })).status, 303);
      const second = unique('Anden rettelse ');
      const refused = await admin.post(`/admin/comments/${id}/edit`, { name: 'Vera Version', body: second, version: opened });
      assert.equal(refused.status, 409);
      const html = await refused.text();
      assert.match(html, new RegExp(second), 'what the second moderator typed comes back');
      assert.match(html, /id="error-version"/);
      assert.match(await publicPage(), new RegExp(first), 'the first save stands');
      // The form now carries the newer version: saving again is a choice to save over it.
      assert.equal(
        (await admin.post(`/admin/comments/${id}/edit`, { name: 'Vera Version', body: second, version: versionIn(html) })).status,
        303,
      );
      assert.match(await publicPage(), new RegExp(second));
      // A status change is no change to the text: it refuses nothing.
      const again = versionIn(await (await admin.get(`/admin/comments/${id}/edit`)).text());
      assert.equal((await admin.post('/admin/comments/bulk', { action: 'trash', ids: [id] })).status, 303);
      assert.equal((await admin.post('/admin/comments/bulk', { action: 'restore', ids: [id] })).status, 303);
      assert.equal(
        (await admin.post(`/admin/comments/${id}/edit`, { name: 'Vera Version', body: unique('Tredje '), version: again })).status,
        303,
      );
    });

    it('publishes a staff reply under the comment, with the staff badge', async () => {
      const parent = await published();
      const body = unique('Tak for input ');
      const refused = await admin.post(`/admin/comments/${parent}/reply`, { body: ' ' });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /id="error-body"/);
      const response = await admin.post(`/admin/comments/${parent}/reply`, { body });
      assert.equal(response.status, 303);
      const html = await publicPage();
      const item = new RegExp(`id="comment-${parent}"[\\s\\S]*class="comments comments--replies"[\\s\\S]*Redaktionen[\\s\\S]*${body}`);
      assert.match(html, item);
      assert.match(html, /Kommentarer \(2\)/);
    });

    it('approves a held comment when staff reply to it', async () => {
      const parent = await held();
      await admin.post(`/admin/comments/${parent}/reply`, { body: unique('Svar på en holdt ') });
      assert.equal(await statusOf(parent), 'approved');
      assert.equal(await countOnPost(), 2);
    });

    it('approves two comments in one bulk action', async () => {
      const [first, second] = [await held(), await held()];
      const response = await admin.post('/admin/comments/bulk', { action: 'approve', ids: [first, second], back: '/admin/comments' });
      assert.equal(response.status, 303);
      assert.match(response.headers.get('location')!, /^\/admin\/comments\?done=approve&n=2&undo=[0-9a-f-]{36}$/);
      assert.deepEqual([await statusOf(first), await statusOf(second)], ['approved', 'approved']);
      assert.equal(await countOnPost(), 2);
    });

    it('blocks an address from a comment: that comment and later ones from it are spam', async () => {
      const email = `${unique('blok')}@debat.example`;
      const id = await held({ email });
      assert.equal((await admin.post(`/admin/comments/${id}/block-email`)).status, 303);
      assert.equal(await statusOf(id), 'spam');
      const later = idOf(await postComment(server, post.path, { email, body: unique('Igen ') }));
      assert.equal(await statusOf(later), 'spam');
    });

    it('blocks a domain from a comment: other addresses there are spam too', async () => {
      const domain = `${unique('spam')}.example`;
      await admin.post(`/admin/comments/${await held({ email: `a@${domain}` })}/block-domain`);
      const later = idOf(await postComment(server, post.path, { email: `b@${domain}`, body: unique('Fra samme domæne ') }));
      assert.equal(await statusOf(later), 'spam');
    });

    it('blocks an IP hash from a comment, and lifting the block lets comments through again', async () => {
      const id = await held();
      await admin.post(`/admin/comments/${id}/block-ip`);
      const later = idOf(await postComment(server, post.path, { email: `${unique('ip')}@debat.example`, body: unique('Samme maskine ') }));
      assert.equal(await statusOf(later), 'spam');
      const { ip_hash: ipHash } = await server.db.selectFrom('comments').select('ip_hash').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal((await admin.post('/admin/comments/blocklist/delete', { kind: 'ip', value: ipHash! })).status, 303);
      const after = idOf(await postComment(server, post.path, { email: `${unique('ip')}@debat.example`, body: unique('Nu igen ') }));
      assert.equal(await statusOf(after), 'pending');
    });
  });
}
