/**
 * Roles stay inside their blogs. Every admin route from Fastify's route table is walked, for each
 * limited role, with the ids of another blog's posts, comments, people and revisions: each must
 * be refused, nothing of the other blog may appear in any answer, and the database must not
 * change. A route missing from ACCESS below fails the walk, so a new route needs a decision here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addImportedComment } from '../comments/comment.service.js';
import { importFollowers } from '../followers/follower.service.js';
import { queueMail } from '../notifications/mail.service.js';
import { getEditablePost, snapshotOf } from '../posts/post-admin.service.js';
import { recordRevision } from '../posts/post-revision.service.js';
import { loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

type Limited = 'editor' | 'moderator' | 'author';
const LIMITED: readonly Limited[] = ['editor', 'moderator', 'author'];

/**
 * The route × role table for routes that name no object: who may use each. Admins may use
 * every route; editors and moderators here are limited to one blog, authors reach their own posts.
 * Routes naming a post, comment, person, blog or revision are refused to all three when it is
 * another blog's.
 */
const ACCESS: Record<string, readonly Limited[]> = {
  'GET /admin': ['editor', 'moderator', 'author'],
  'GET /admin/comments': ['editor', 'moderator', 'author'],
  // Names its undo record in the body: only the account that acted finds it (see undo.test.ts).
  'POST /admin/comments/undo': ['editor', 'moderator', 'author'],
  // One's own choice of moderation mail (each comment, hourly, daily, none): for those who moderate.
  'GET /admin/moderation-mail': ['editor', 'moderator'],
  'POST /admin/moderation-mail': ['editor', 'moderator'],
  'GET /admin/posts': ['editor', 'author'],
  'GET /admin/posts/new': ['editor', 'author'],
  'GET /admin/people.json': ['editor', 'author'],
  'POST /admin/posts': ['editor', 'author'],
  // Turns a new post into a draft in a blog the writer may post in (the body's blog is checked).
  'POST /admin/posts/autosave': ['editor', 'author'],
  'POST /admin/preview': ['editor', 'author'],
  'POST /admin/uploads': ['editor', 'author'],
  // The media library is the site's, shared by every blog (an upload belongs to no blog).
  'GET /admin/media': ['editor', 'author'],
  'POST /admin/media/upload': ['editor', 'author'],
  // Site-wide things: the blocklist, people and their accounts, blogs, settings, audit, export.
  'GET /admin/comments/blocklist': [],
  'POST /admin/comments/blocklist': [],
  'POST /admin/comments/blocklist/delete': [],
  'GET /admin/people': [],
  'GET /admin/people/new': [],
  'POST /admin/people': [],
  'GET /admin/blogs': [],
  'GET /admin/blogs/new': [],
  'POST /admin/blogs': [],
  'GET /admin/settings': [],
  'POST /admin/settings': [],
  'POST /admin/settings/test-mail': [],
  'POST /admin/settings/identity': [],
  'GET /admin/settings/demo': [],
  'POST /admin/settings/demo': [],
  'GET /admin/audit': [],
  'GET /admin/audit.csv': [],
  'GET /admin/export': [],
  'POST /admin/export': [],
  'GET /admin/status': [],
  // Readers' addresses: administrators only.
  'GET /admin/followers': [],
  'GET /admin/followers.csv': [],
  'GET /admin/followers/topics.json': [],
  'POST /admin/followers/remove': [],
  'POST /admin/followers/import': [],
};
// Public pages (the accounts' own checks) and logging out (ends the session, shows nothing).
const NOT_WALKED = /^(GET|POST) \/admin\/(login|setup|reset|invite)(\/|$)|^POST \/admin\/logout$/;
const ACTIONS = ['approve', 'spam', 'trash', 'restore', 'delete', 'block-email', 'block-domain', 'block-ip'];
const MARKERS = ['UDKAST-B-TITEL', 'UDGIVET-B-TITEL', 'KOMMENTAR-B-TEKST', 'SKRIBENT-B-NAVN'];
// Tables an admin action writes to; sessions and rate limits change with every request.
const TABLES = [
  'comments',
  'posts',
  'post_authors',
  'post_revisions',
  'post_preview_links',
  'blocklist',
  'people',
  'blogs',
  'blog_owners',
  'settings',
  'accounts',
  'account_tokens',
  'audit_log',
  'outbox',
  'spam_event_counts',
  'uploads',
  'comment_subscriptions',
  'followers',
  'follower_topics',
] as const;

for (const dialect of DIALECTS) {
  describe(`roles stay inside their blogs (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    const a = { blog: '', post: '', comment: '' };
    const b = {
      blog: '',
      draft: '',
      published: '',
      revisions: [] as string[],
      comments: [] as string[],
      people: [] as string[],
      mail: '',
      upload: '',
    };
    let followerId = '';
    const sessions = {} as Record<Limited, Session>;

    const comment = (postId: string, status: 'pending' | 'approved' | 'spam' | 'trash', body: string, name: string) =>
      addImportedComment(server.db, server.app.secret, 3, {
        postId,
        name,
        email: `${status}@debat.example`,
        body,
        status,
        createdAt: new Date(),
      });

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      const blogA = await buildBlog(server.db);
      const ownerB = await buildPerson(server.db);
      const blogB = await buildBlog(server.db, { ownerIds: [ownerB.id] });
      a.blog = blogA.id;
      b.blog = blogB.id;
      const authorB = await buildPerson(server.db, { name: 'FORFATTER-B-NAVN' });
      b.people = [ownerB.id, authorB.id];
      b.draft = (
        await buildPost(server.db, {
          blogId: blogB.id,
          title: 'UDKAST-B-TITEL',
          status: 'draft',
          publishedAt: null,
          tags: ['EMNE-B-MÆRKE'],
          authors: [{ personId: authorB.id }],
        })
      ).id;
      b.published = (await buildPost(server.db, { blogId: blogB.id, title: 'UDGIVET-B-TITEL', authors: [{ personId: authorB.id }] })).id;
      for (const id of [b.draft, b.published])
        b.revisions.push(await recordRevision(server.db, id, admin.accountId, 'save', snapshotOf(await getEditablePost(server.db, id))));
      for (const status of ['pending', 'approved', 'spam', 'trash'] as const) {
        b.comments.push(await comment(b.published, status, `KOMMENTAR-B-TEKST ${status}`, `SKRIBENT-B-NAVN ${status}`));
      }
      b.comments.push(await comment(b.draft, 'pending', 'KOMMENTAR-B-TEKST på udkastet', 'SKRIBENT-B-NAVN'));
      assert.equal((await admin.post('/admin/comments/blocklist', { kind: 'word', value: 'eksisterende' })).status, 303);

      sessions.editor = await loginAs(server, 'editor', { blogScope: [blogA.id] });
      sessions.moderator = await loginAs(server, 'moderator', { blogScope: [blogA.id] });
      sessions.author = await loginAs(server, 'author');
      a.post = (
        await buildPost(server.db, { blogId: blogA.id, title: 'Indlæg i A', authors: [{ personId: sessions.author.personId }] })
      ).id;
      a.comment = await comment(a.post, 'pending', 'Kommentar i blog A', 'Skribent A');
      // The featured image of blog B's post: an upload any writer may reuse, but none may delete while it is shown.
      b.upload = '0193a5b0-0000-7000-8000-00000000b0b0';
      await server.db
        .insertInto('uploads')
        .values({
          id: b.upload,
          file_name: `${b.upload}.jpg`,
          content_type: 'image/jpeg',
          width: 800,
          height: 600,
          bytes: 1000,
          variants: '{}',
          alt: 'BILLEDE-B',
          account_id: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      await server.db
        .updateTable('posts')
        .set({ featured_upload_id: b.upload, featured_alt: 'BILLEDE-B' })
        .where('id', '=', b.published)
        .execute();
      b.mail = await queueMail(server.db, { to: 'b-reader@debat.example', subject: 'Svar i blog B', text: 'Et brev der ikke kom frem.' });
      await server.db
        .updateTable('outbox')
        .set({ attempts: 3, last_error: 'refused', next_attempt_at: new Date(Date.now() + 3_600_000).toISOString() })
        .where('id', '=', b.mail)
        .execute();
      await importFollowers(server.db, server.app.secret, { kind: 'blog', targetId: blogB.id }, [
        { email: 'b-follower@debat.example', consentAt: new Date('2024-01-01T00:00:00Z'), consentSource: 'Blog B' },
      ]);
      followerId = (await server.db.selectFrom('followers').select('id').executeTakeFirstOrThrow()).id;
    });
    after(async () => {
      await server?.close();
    });

    async function snapshot(): Promise<string> {
      const parts: unknown[] = [];
      for (const table of TABLES) {
        const rows = await server.db.selectFrom(table).selectAll().execute();
        parts.push(rows.map((r) => JSON.stringify(r)).sort());
      }
      return JSON.stringify(parts);
    }

    /** Every way to fill a route's parameters with the other blog's objects; fails on a parameter it does not know. */
    function concrete(url: string): string[] {
      let urls = [url];
      const fill = (param: string, values: readonly string[]) => {
        urls = urls.flatMap((u) => (u.includes(param) ? values.map((v) => u.replace(param, v)) : [u]));
      };
      if (url.startsWith('/admin/posts/:id')) {
        if (url.includes(':revisionId')) {
          urls = [
            url.replace(':id', b.draft).replace(':revisionId', b.revisions[0]!),
            url.replace(':id', b.published).replace(':revisionId', b.revisions[1]!),
            // The person's own post with the other blog's revision.
            url.replace(':id', a.post).replace(':revisionId', b.revisions[0]!),
          ];
        } else fill(':id', [b.draft, b.published]);
      }
      fill(':linkId', [b.draft]);
      if (url.startsWith('/admin/comments/:id')) fill(':id', b.comments);
      if (url.startsWith('/admin/people/:id')) fill(':id', b.people);
      if (url.startsWith('/admin/blogs/:id')) fill(':id', [b.blog]);
      // A person's photo is the people admin's; an upload in use cannot be deleted by anyone.
      if (url.startsWith('/admin/media/photo/:id')) fill(':id', b.people);
      if (url.startsWith('/admin/media/:id')) fill(':id', [b.upload]);
      // The outbox is site-wide: a failed mail to be retried, refused to every limited role.
      if (url.startsWith('/admin/status/mail/:id')) fill(':id', [b.mail]);
      fill(':action', ACTIONS);
      for (const u of urls) assert.doesNotMatch(u, /:[A-Za-z]/, `the walk does not know how to fill ${url}`);
      return urls;
    }

    /** Query strings that name the other blog's objects, tried on every page that names no object in its path. */
    const queries = () => [
      '',
      `?post=${b.draft}`,
      `?post=${b.published}`,
      `?blog=${b.blog}`,
      `?author=${b.people[1]}`,
      '?tag=emne-b-maerke',
      '?status=spam',
      '?status=trash',
    ];

    /** A form that would change something if the route let it through. */
    function bodiesFor(url: string): Record<string, string | string[]>[] {
      if (url === '/admin/comments/bulk') {
        return ['approve', 'spam', 'trash', 'restore', 'delete'].flatMap((action) => [
          { action, ids: b.comments, back: '/admin/comments' },
          { action, ids: [a.comment, b.comments[0]!], back: '/admin/comments' },
        ]);
      }
      if (url === '/admin/comments/blocklist')
        return [
          { kind: 'word', value: 'rolleord' },
          { kind: 'email', value: 'x@debat.example' },
        ];
      if (url === '/admin/comments/blocklist/delete') return [{ kind: 'word', value: 'eksisterende' }];
      if (url.endsWith('/edit') && url.startsWith('/admin/comments/')) return [{ name: 'Ændret', body: 'Ændret af en anden blog' }];
      if (url.endsWith('/reply')) return [{ body: 'Svar fra en anden blog' }];
      if (url.endsWith('/preview-links')) return [{ days: '7' }];
      if (url === '/admin/posts/bulk')
        return ['publish', 'unpublish', 'move', 'delete'].flatMap((action) => [
          { action, ids: [b.draft, b.published], blog: a.blog, confirm: '1' },
          { action, ids: [a.post, b.draft], blog: a.blog, confirm: '1' },
        ]);
      if (url.startsWith('/admin/posts/'))
        return [{ title: 'Overtaget', blogId: a.blog, body: 'Overtaget', op: 'save', statusAction: 'publish' }];
      if (url.startsWith('/admin/people')) return [{ name: 'Overtaget', email: 'overtaget@staff.example', role: 'admin' }];
      if (url.startsWith('/admin/blogs/') && url.endsWith('/delete')) return [{ fate: 'delete' }, { fate: 'move', moveTo: a.blog }];
      if (url.startsWith('/admin/blogs')) return [{ title: 'Overtaget', slug: 'overtaget', owner: b.people[0]! }];
      if (url === '/admin/settings') return [{ title: 'Overtaget' }];
      if (url === '/admin/export') return [{ format: 'ytring' }, { format: 'wxr' }];
      if (url === '/admin/followers/remove') return [{ id: followerId }, { id: followerId, confirm: '1' }];
      if (url === '/admin/followers/import') return [{ topic: 'site', rows: 'ny@debat.example,2024-01-01,Rolle' }];
      return [{}];
    }

    const routes = () =>
      server.app.server.routeTable.filter(
        (r) => r.url.startsWith('/admin') && r.method !== 'HEAD' && r.method !== 'OPTIONS' && !NOT_WALKED.test(`${r.method} ${r.url}`),
      );

    const leaks = (text: string) => MARKERS.filter((m) => text.includes(m));

    it('shows the other blog to an administrator, so the markers it looks for do appear', async () => {
      const queue = await (await admin.get('/admin/comments?status=all')).text();
      assert.deepEqual(leaks(queue).sort(), ['KOMMENTAR-B-TEKST', 'SKRIBENT-B-NAVN', 'UDGIVET-B-TITEL', 'UDKAST-B-TITEL']);
      assert.deepEqual(leaks(await (await admin.get(`/admin/posts/${b.draft}/edit`)).text()), ['UDKAST-B-TITEL']);
      assert.ok(leaks(await (await admin.get('/admin')).text()).includes('KOMMENTAR-B-TEKST'));
    });

    for (const role of LIMITED) {
      it(`refuses a${role === 'editor' ? 'n' : role === 'author' ? 'n' : ''} ${role} every route with another blog's ids, shows nothing of it and changes nothing`, async () => {
        const session = sessions[role];
        const before = await snapshot();
        const problems: string[] = [];
        const walked = routes();
        assert.ok(walked.length > 40, 'the admin routes are registered');
        for (const route of walked) {
          const key = `${route.method} ${route.url}`;
          const named = route.url.includes(':') || route.url === '/admin/comments/bulk' || route.url === '/admin/posts/bulk';
          if (!named && !(key in ACCESS)) {
            problems.push(`${key}: not in the route × role table`);
            continue;
          }
          const allowed = !named && ACCESS[key]!.includes(role);
          const urls = route.method === 'GET' && !named ? queries().map((q) => `${route.url}${q}`) : concrete(route.url);
          for (const url of urls) {
            for (const body of route.method === 'GET' ? [undefined] : bodiesFor(url)) {
              const response = body ? await session.post(url, body) : await session.get(url);
              const text = `${response.headers.get('location') ?? ''}\n${await response.text()}`;
              const what = `${route.method} ${url}${body ? ` ${JSON.stringify(body)}` : ''}`;
              // Deleting an upload in use is refused as a conflict (409) to every role, administrators too.
              const refused = [403, 404, ...(route.url === '/admin/media/:id/delete' ? [409] : [])];
              if (allowed ? response.status >= 500 : !refused.includes(response.status)) problems.push(`${what}: ${response.status}`);
              for (const marker of leaks(text)) problems.push(`${what}: shows ${marker}`);
            }
          }
        }
        assert.deepEqual(problems, []);
        assert.equal(await snapshot(), before, 'the database is unchanged');
        assert.equal((await session.get('/admin')).status, 200, 'the session lived through the walk');
      });
    }

    it("shows a moderator limited to blog A only that blog's comments on the dashboard", async () => {
      const dashboard = await (await sessions.moderator.get('/admin')).text();
      assert.match(dashboard, /Kommentar i blog A/);
      assert.deepEqual(leaks(dashboard), []);
      assert.match(
        dashboard,
        /<a href="\/admin\/comments\?status=pending"><strong>1<\/strong><\/a>/,
        "only blog A's one held comment is counted",
      );
    });

    it('shows an author only comments on their own posts on the dashboard', async () => {
      const dashboard = await (await sessions.author.get('/admin')).text();
      assert.match(dashboard, /Kommentar i blog A/);
      assert.deepEqual(leaks(dashboard), []);
    });

    // The editor's person picker lists everyone (people are shared by all blogs); the list's filter
    // offers only the authors and tags of posts the person may see.
    it("offers in the post list's filter only authors and tags of posts within reach", async () => {
      for (const role of ['editor', 'author'] as const) {
        const list = await (await sessions[role].get('/admin/posts')).text();
        assert.doesNotMatch(list, /FORFATTER-B-NAVN|EMNE-B-MÆRKE/, role);
      }
      assert.match(await (await admin.get('/admin/posts')).text(), /FORFATTER-B-NAVN/);
    });

    it('counts on the dashboard only the posts an author may see', async () => {
      const dashboard = await (await sessions.author.get('/admin')).text();
      const count = (status: string) => new RegExp(`href="/admin/posts\\?status=${status}"><strong>(\\d+)</strong>`).exec(dashboard)?.[1];
      assert.deepEqual([count('published'), count('draft')], ['1', '0']);
    });

    it("refuses site-wide blocklist changes to an editor and a moderator limited to one blog, also from their own blog's comment", async () => {
      for (const role of ['editor', 'moderator'] as const) {
        const session = sessions[role];
        assert.equal((await session.post('/admin/comments/blocklist', { kind: 'word', value: `ord-${role}` })).status, 403);
        assert.equal((await session.post('/admin/comments/blocklist/delete', { kind: 'word', value: 'eksisterende' })).status, 403);
        // They block for their own blog only (src/admin/comments/block-from-comment.test.ts).
        assert.equal((await session.post(`/admin/comments/${a.comment}/block-email`, { scope: 'site' })).status, 403);
        assert.doesNotMatch(await (await session.get('/admin/comments')).text(), /name="scope" value="site"|<option value="site"/);
      }
      const words = await server.db.selectFrom('blocklist').select('value').execute();
      assert.deepEqual(
        words.map((w) => w.value),
        ['eksisterende'],
      );
      assert.equal(
        (await server.db.selectFrom('comments').select('status').where('id', '=', a.comment).executeTakeFirstOrThrow()).status,
        'pending',
      );
    });

    it('lets a moderator of every blog keep the blocklist', async () => {
      const everywhere = await loginAs(server, 'moderator');
      assert.equal((await everywhere.post('/admin/comments/blocklist', { kind: 'word', value: 'alle-blogs' })).status, 303);
      assert.equal((await everywhere.post('/admin/comments/blocklist/delete', { kind: 'word', value: 'alle-blogs' })).status, 303);
    });

    it("refuses marking another blog's comment as spam, one by one and in bulk", async () => {
      const moderator = sessions.moderator;
      const held = b.comments[0]!;
      assert.equal((await moderator.post(`/admin/comments/${held}/spam`)).status, 403);
      assert.equal((await moderator.post('/admin/comments/bulk', { action: 'spam', ids: [a.comment, held] })).status, 403);
      const statuses = await server.db.selectFrom('comments').select(['id', 'status']).where('id', 'in', [a.comment, held]).execute();
      assert.deepEqual(statuses.map((s) => s.status).sort(), ['pending', 'pending']);
    });

    it("answers /admin/comments?post= for another blog's draft with not-found and without its title", async () => {
      for (const role of LIMITED) {
        const response = await sessions[role].get(`/admin/comments?post=${b.draft}`);
        assert.equal(response.status, 404, role);
        assert.deepEqual(leaks(await response.text()), [], role);
      }
      const own = await sessions.author.get(`/admin/comments?post=${a.post}`);
      assert.equal(own.status, 200);
      assert.match(await own.text(), /Indlæg i A/);
    });
  });
}
