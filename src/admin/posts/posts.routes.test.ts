import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formBody, loginAs, shownAgain, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { Blog } from '../../blogs/blog.js';
import { publishDuePosts } from '../../posts/post.service.js';
import { withJobLock } from '../../storage/job-lock.js';
import { toLocalInput } from './local-time.js';

type Fields = Record<string, string | string[]>;

/** The editor's fields as a browser sends them for a simple post by `personId`. */
function postFields(blogId: string, personId: string, overrides: Fields = {}): Fields {
  return {
    blogId,
    title: 'Et indlæg',
    slug: '',
    lead: 'Kort indledning.',
    body: 'Brødtekst.',
    tags: '',
    commentsOpen: '1',
    status_action: 'publish',
    publish_at: '',
    author_person: [personId, ''],
    author_note: ['', ''],
    author_order: ['1', ''],
    guest_name: '',
    guest_job_title: '',
    guest_organisation: '',
    guest_note: '',
    guest_order: '',
    op: 'save',
    ...overrides,
  };
}

const idFrom = (response: Response) => /^\/admin\/posts\/([0-9a-f-]{36})\/edit\?saved=1$/.exec(response.headers.get('location') ?? '')?.[1];

async function savedId(response: Response): Promise<string> {
  assert.equal(response.status, 303, `expected a redirect, got ${response.status}: ${(await response.clone().text()).slice(0, 300)}`);
  const id = idFrom(response);
  assert.ok(id, `redirected to ${response.headers.get('location')}`);
  return id;
}

for (const dialect of DIALECTS) {
  describe(`posts admin (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blog: Blog;
    let otherBlog: Blog;

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      blog = await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
      otherBlog = await buildBlog(server.db, { slug: 'andet', title: 'Andet' });
    });
    after(async () => {
      await server?.close();
    });

    const revisionsOf = (postId: string) =>
      server.db.selectFrom('post_revisions').selectAll().where('post_id', '=', postId).orderBy('created_at').orderBy('id').execute();
    const auditOf = async (postId: string) =>
      (await server.db.selectFrom('audit_log').select('action').where('subject_id', '=', postId).orderBy('at').orderBy('id').execute()).map(
        (r) => r.action,
      );
    const postRow = (id: string) => server.db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('creates a post with a guest co-author, related links, an info box with contacts and tags, all shown on the post page', async () => {
      const form = await (await admin.get('/admin/posts/new')).text();
      for (const name of [
        'title',
        'slug',
        'lead',
        'body',
        'author_person',
        'author_note',
        'author_order',
        'guest_name',
        'guest_job_title',
        'link_title',
        'link_url',
        'box_heading',
        'contact_name',
        'contact_email',
        'status_action',
        'publish_at',
      ]) {
        assert.match(form, new RegExp(`name="${name}"`), name);
      }
      const response = await admin.post(
        '/admin/posts',
        postFields(blog.id, admin.personId, {
          title: 'Partnerskaber der virker',
          lead: 'Hvad skal der til?',
          body: '## Første afsnit\n\nTekst om partnerskaber.',
          tags: 'Partnerskaber, Kommuner',
          author_note: ['redaktør', ''],
          guest_name: 'Gitte Gæst',
          guest_job_title: 'direktør',
          guest_organisation: 'Fonden for Fællesskab',
          guest_note: '',
          guest_order: '',
          link_title: ['Rapporten', 'Baggrund'],
          link_url: ['https://example.org/rapport', '/debat/baggrund'],
          link_description: ['Udgivet i år', ''],
          box_heading: ['Mere information', ''],
          box_body: ['Kontakt os gerne.', ''],
          contact_box: ['0', '0', '1', '1'],
          contact_person: ['', '', '', ''],
          contact_name: ['Kim Kontakt', 'Lis Presse', '', ''],
          contact_role: ['chefkonsulent', 'pressechef', '', ''],
          contact_phone: ['33 12 34 56', '', '', ''],
          contact_email: ['', 'lis@fonden.example', '', ''],
        }),
      );
      const id = await savedId(response);
      const page = await server.get('/debat/partnerskaber-der-virker');
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<h1>Partnerskaber der virker<\/h1>/);
      assert.match(html, /<p class="lead">Hvad skal der til\?<\/p>/);
      assert.match(html, /<h2>Første afsnit<\/h2>/);
      assert.match(
        html,
        /Ada Admin<\/a>, redaktør<\/span> &amp; <span class="byline__author">.*?<a href="\/authors\/gitte-gaest" rel="author">Gitte Gæst<\/a><span class="byline__guest"> \(gæsteskribent\)<\/span>, direktør, Fonden for Fællesskab/,
      );
      assert.match(html, /<a href="https:\/\/example.org\/rapport">Rapporten<\/a>/);
      assert.match(html, /<a href="\/debat\/baggrund">Baggrund<\/a>/);
      assert.match(html, /Mere information[\s\S]*Kim Kontakt[\s\S]*chefkonsulent[\s\S]*href="tel:33123456"[\s\S]*Lis Presse/);
      assert.match(html, /href="\/tags\/partnerskaber"[\s\S]*href="\/tags\/kommuner"/);
      const guest = await server.db.selectFrom('people').selectAll().where('name', '=', 'Gitte Gæst').execute();
      assert.equal(guest.length, 1);
      assert.equal(guest[0]!.organisation, 'Fonden for Fællesskab');
      assert.equal(guest[0]!.is_guest, 1, 'a guest added in the editor is marked as a guest expert');
      assert.deepEqual(await auditOf(id), ['post.create', 'post.publish']);
      assert.equal((await revisionsOf(id)).length, 1);
    });

    it('shows the form again with everything typed kept and each problem tied to its field', async () => {
      const before = await server.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const sent = await admin.post(
        '/admin/posts',
        postFields(blog.id, admin.personId, {
          title: '',
          lead: 'Min <indledning>',
          body: 'Tekst jeg ikke vil miste.',
          tags: 'Skole',
          guest_name: 'Bo Gæst',
          guest_job_title: 'lektor',
          link_title: ['Godt link', 'Dårligt link'],
          link_url: ['https://example.org', 'javascript:alert(1)'],
          link_description: ['', ''],
          box_heading: ['Fakta', ''],
          box_body: ['', ''],
          contact_box: ['0', '0'],
          contact_person: ['', ''],
          contact_name: ['Kim', ''],
          contact_role: ['', ''],
          contact_phone: ['', ''],
          contact_email: ['ikke-en-adresse', ''],
        }),
      );
      const response = await shownAgain(admin, sent);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /class="error-summary" role="alert"/);
      assert.match(html, /<a href="#post-title">/);
      assert.match(html, /id="post-title" name="title" aria-invalid="true" aria-describedby="post-title-error"/);
      assert.match(
        html,
        /id="link-1-url" name="link_url" aria-invalid="true" aria-describedby="link-1-url-error link-1-url-hint"[^>]*value="javascript:alert\(1\)"/,
      );
      assert.match(html, /id="box-0-contact-0-email" name="contact_email" aria-invalid="true"[^>]*value="ikke-en-adresse"/);
      assert.match(html, /Min &lt;indledning>|Min &lt;indledning&gt;/);
      assert.match(html, /Tekst jeg ikke vil miste\./);
      assert.match(html, /value="Bo Gæst"/);
      assert.match(html, /value="lektor"/);
      assert.match(html, /value="Godt link"/);
      assert.match(html, /value="Skole"/);
      assert.match(html, /value="Kim"/);
      const afterCount = await server.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
      assert.equal((await server.db.selectFrom('people').select('id').where('name', '=', 'Bo Gæst').execute()).length, 0, 'no guest made');
    });

    it('adds another row without JavaScript, keeping what was typed, and puts the cursor in it', async () => {
      const sent = await admin.post(
        '/admin/posts',
        postFields(blog.id, admin.personId, {
          title: 'Halvfærdigt',
          op: 'add-link',
          link_title: ['Et', 'To', ''],
          link_url: ['https://a.example', 'https://b.example', ''],
          link_description: ['', '', ''],
        }),
      );
      const response = await shownAgain(admin, sent);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.equal(html.match(/name="link_title"/g)?.length, 4);
      assert.match(html, /id="link-3-title" name="link_title" autofocus/);
      assert.match(html, /value="Halvfærdigt"/);
      assert.match(html, /value="https:\/\/b.example"/);
    });

    it('moves an author up without JavaScript', async () => {
      const second = await buildPerson(server.db, { name: 'Anden Forfatter' });
      const sent = await admin.post(
        '/admin/posts',
        postFields(blog.id, admin.personId, {
          op: 'up-author-1',
          author_person: [admin.personId, second.id, ''],
          author_note: ['', '', ''],
          author_order: ['1', '2', ''],
        }),
      );
      const response = await shownAgain(admin, sent);
      const html = await response.text();
      const first = /id="author-0-person"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
      assert.match(first, new RegExp(`value="${second.id}" selected`));
      assert.match(html, /id="author-1-order" name="author_order"[^>]*value="2"/);
    });

    it('forwards the old address with 301 after the slug changes', async () => {
      const id = await savedId(
        await admin.post('/admin/posts', postFields(blog.id, admin.personId, { title: 'Gammel titel', slug: 'gammel' })),
      );
      await savedId(await admin.post(`/admin/posts/${id}`, postFields(blog.id, admin.personId, { title: 'Ny titel', slug: 'ny' })));
      const old = await server.get('/debat/gammel');
      assert.equal(old.status, 301);
      assert.equal(old.headers.get('location'), '/debat/ny');
      assert.equal((await server.get('/debat/ny')).status, 200);
    });

    it('keeps a scheduled post hidden until its time, then the job publishes it', async () => {
      // A minute ahead, so even a slow machine saves before the time; the job then runs with its clock set past it.
      const at = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
      const local = toLocalInput(at, 'Europe/Copenhagen');
      const id = await savedId(
        await admin.post(
          '/admin/posts',
          postFields(blog.id, admin.personId, {
            title: 'Planlagt indlæg',
            status_action: 'schedule',
            publish_at: local.length === 16 ? `${local}:00` : local,
          }),
        ),
      );
      assert.equal((await postRow(id)).status, 'scheduled');
      assert.equal((await server.get('/debat/planlagt-indlaeg')).status, 404);
      const published = await withJobLock(server.db, 'publish-due-posts', (trx) => publishDuePosts(trx, new Date(at.getTime() + 2000)));
      assert.ok(published?.includes(id));
      assert.equal((await server.get('/debat/planlagt-indlaeg')).status, 200);
      assert.deepEqual(await auditOf(id), ['post.create', 'post.schedule']);
    });

    it('shows the schedule time in the site’s time zone when the post is opened again', async () => {
      const id = await savedId(
        await admin.post(
          '/admin/posts',
          postFields(blog.id, admin.personId, {
            title: 'Til juli',
            status_action: 'schedule',
            publish_at: '2031-07-01T09:30',
          }),
        ),
      );
      assert.equal((await postRow(id)).published_at, '2031-07-01T07:30:00.000Z');
      const html = await (await admin.get(`/admin/posts/${id}/edit`)).text();
      assert.match(html, /id="post-status-schedule" name="status_action" value="schedule" checked/);
      assert.match(html, /name="publish_at"[^>]*value="2031-07-01T09:30"/);
    });

    it('refuses to schedule without a time', async () => {
      const sent = await admin.post(
        '/admin/posts',
        postFields(blog.id, admin.personId, { title: 'Uden tid', status_action: 'schedule', publish_at: '' }),
      );
      const response = await shownAgain(admin, sent);
      assert.equal(response.status, 200);
      assert.match(await response.text(), /id="post-publish-at"[^>]*aria-invalid="true"/);
    });

    it('hides a post again when it is unpublished', async () => {
      const id = await savedId(await admin.post('/admin/posts', postFields(blog.id, admin.personId, { title: 'Kortlivet' })));
      assert.equal((await server.get('/debat/kortlivet')).status, 200);
      await savedId(
        await admin.post(`/admin/posts/${id}`, postFields(blog.id, admin.personId, { title: 'Kortlivet', status_action: 'draft' })),
      );
      assert.equal((await server.get('/debat/kortlivet')).status, 404);
      assert.equal((await postRow(id)).status, 'draft');
      assert.deepEqual(await auditOf(id), ['post.create', 'post.publish', 'post.update', 'post.unpublish']);
    });

    it('previews Markdown as the post page would, without raw HTML', async () => {
      const response = await admin.post('/admin/preview', { body: '# Overskrift\n\n<script>alert(1)</script> og **fed**' });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      const html = await response.text();
      assert.match(html, /<h2>Overskrift<\/h2>/);
      assert.match(html, /<strong>fed<\/strong>/);
      assert.doesNotMatch(html, /<script/i);
      assert.match(html, /&lt;script&gt;/);
    });

    it('previews without JavaScript by showing the form again with the rendering below the text', async () => {
      const sent = await admin.post(
        '/admin/posts',
        postFields(blog.id, admin.personId, { title: 'Skitse', body: '## Del\n\n<script>x()</script>', op: 'preview' }),
      );
      const response = await shownAgain(admin, sent);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /id="post-preview"[^>]*aria-live="polite"><div class="post__body"><h2>Del<\/h2>/);
      assert.match(html, /value="Skitse"/);
      assert.doesNotMatch(html, /<script>x\(\)/);
    });

    it('writes a revision at every save, shows the difference and restores an old body', async () => {
      const id = await savedId(
        await admin.post(
          '/admin/posts',
          postFields(blog.id, admin.personId, { title: 'Versioneret', body: 'Første udgave.\n\nFælles linje.' }),
        ),
      );
      await savedId(
        await admin.post(
          `/admin/posts/${id}`,
          postFields(blog.id, admin.personId, { title: 'Versioneret', body: 'Anden udgave.\n\nFælles linje.' }),
        ),
      );
      const revisions = await revisionsOf(id);
      assert.deepEqual(
        revisions.map((r) => r.kind),
        ['save', 'save'],
      );
      const list = await (await admin.get(`/admin/posts/${id}/revisions`)).text();
      assert.equal(list.match(/href="\/admin\/posts\/[^"]+\/revisions\/[^"]+"/g)?.length, 2);
      assert.match(list, /Ada Admin/);
      const first = revisions[0]!.id;
      const diff = await (await admin.get(`/admin/posts/${id}/revisions/${first}`)).text();
      assert.match(diff, /<del><span class="visually-hidden">[^<]*<\/span>Første udgave\.<\/del>/);
      assert.match(diff, /<ins><span class="visually-hidden">[^<]*<\/span>Anden udgave\.<\/ins>/);
      assert.match(diff, /<div class="diff__line">Fælles linje\.<\/div>/);
      const restored = await admin.post(`/admin/posts/${id}/revisions/${first}/restore`);
      assert.equal(restored.status, 303);
      assert.equal(restored.headers.get('location'), `/admin/posts/${id}/edit?restored=1`);
      assert.equal((await postRow(id)).body, 'Første udgave.\n\nFælles linje.');
      assert.deepEqual(
        (await revisionsOf(id)).map((r) => r.kind),
        ['save', 'save', 'restore'],
      );
      assert.ok((await auditOf(id)).includes('post.restore-revision'));
    });

    it('escapes what a revision holds when showing the difference', async () => {
      const id = await savedId(
        await admin.post('/admin/posts', postFields(blog.id, admin.personId, { title: 'Farlig', body: '<img src=x onerror=alert(1)>' })),
      );
      const [revision] = await revisionsOf(id);
      const diff = await (await admin.get(`/admin/posts/${id}/revisions/${revision!.id}`)).text();
      assert.doesNotMatch(diff, /<img src=x/);
    });

    it('autosaves with the CSRF header into a revision, leaving a published post as it is', async () => {
      const id = await savedId(
        await admin.post('/admin/posts', postFields(blog.id, admin.personId, { title: 'Live', body: 'Den offentlige tekst.' })),
      );
      const autosave = (headers: Record<string, string>) =>
        server.get(`/admin/posts/${id}/autosave`, {
          method: 'POST',
          headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
          body: formBody(postFields(blog.id, admin.personId, { title: 'Live', body: 'Halvskrevet ændring.' })),
        });
      assert.equal((await autosave({})).status, 403);
      const response = await autosave({ 'x-csrf-token': admin.csrf });
      assert.equal(response.status, 200);
      const answer = (await response.json()) as { ok: boolean; updatedPost: boolean; heading: string };
      assert.deepEqual([answer.ok, answer.updatedPost], [true, false]);
      assert.equal(answer.heading, 'Redigér “Live”');
      assert.equal((await postRow(id)).body, 'Den offentlige tekst.');
      const latest = (await revisionsOf(id)).at(-1)!;
      assert.equal(latest.kind, 'autosave');
      assert.match(latest.snapshot, /Halvskrevet ændring/);
      await autosave({ 'x-csrf-token': admin.csrf });
      assert.equal((await revisionsOf(id)).filter((r) => r.kind === 'autosave').length, 1, 'one autosave, updated');
      // A new title typed into a published post waits for the save button: so does the editor's heading.
      const retitled = await server.get(`/admin/posts/${id}/autosave`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': admin.csrf },
        body: formBody(postFields(blog.id, admin.personId, { title: 'En ny titel på vej', body: 'Halvskrevet ændring.' })),
      });
      assert.equal(((await retitled.json()) as { heading: string }).heading, 'Redigér “Live”');
    });

    it('autosave updates a draft itself', async () => {
      const id = await savedId(
        await admin.post('/admin/posts', postFields(blog.id, admin.personId, { title: 'Kladde', status_action: 'draft' })),
      );
      const response = await server.get(`/admin/posts/${id}/autosave`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': admin.csrf },
        body: formBody(postFields(blog.id, admin.personId, { title: 'Kladde', body: 'Skrevet videre.', status_action: 'publish' })),
      });
      assert.equal(response.status, 200);
      const row = await postRow(id);
      assert.equal(row.body, 'Skrevet videre.');
      assert.equal(row.status, 'draft', 'autosave never publishes');
      // The editor stops warning before leaving only when the draft holds the whole form.
      const saved = (await response.json()) as { holdsForm: boolean; heading: string };
      assert.equal(saved.holdsForm, true);
      assert.equal(saved.heading, 'Redigér “Kladde”');
      const retitled = await server.get(`/admin/posts/${id}/autosave`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': admin.csrf },
        body: formBody(postFields(blog.id, admin.personId, { title: 'Kladde med ny titel', body: 'Skrevet videre.' })),
      });
      assert.equal(
        ((await retitled.json()) as { heading: string }).heading,
        'Redigér “Kladde med ny titel”',
        'a draft’s new title is its heading',
      );
      const withGuest = await server.get(`/admin/posts/${id}/autosave`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': admin.csrf },
        body: formBody(postFields(blog.id, admin.personId, { title: 'Kladde', body: 'Med en gæst.', guest_name: 'Gitte Gæst' })),
      });
      const answer = (await withGuest.json()) as { updatedPost: boolean; holdsForm: boolean };
      assert.equal((await postRow(id)).body, 'Med en gæst.');
      assert.deepEqual([answer.updatedPost, answer.holdsForm], [true, false], 'a guest is made only by the save button');
    });

    it('lists posts with filters for blog, author, status, tag and words', async () => {
      const writer = await buildPerson(server.db, { name: 'Filtrid Forfatter' });
      await buildPost(server.db, {
        blogId: otherBlog.id,
        title: 'Filtrering om skoler',
        authors: [{ personId: writer.id }],
        tags: ['Skolefilter'],
        status: 'draft',
      });
      await buildPost(server.db, {
        blogId: blog.id,
        title: 'Filtrering om klima',
        authors: [{ personId: writer.id }],
        tags: ['Klimafilter'],
      });
      const titles = async (query: string) =>
        [...(await (await admin.get(`/admin/posts?${query}`)).text()).matchAll(/<th scope="row"><a href="[^"]+">([^<]+)<\/a>/g)].map(
          (m) => m[1],
        );
      assert.deepEqual(await titles(`author=${writer.id}&status=draft`), ['Filtrering om skoler']);
      assert.deepEqual(await titles(`author=${writer.id}&blog=${blog.id}`), ['Filtrering om klima']);
      assert.deepEqual(await titles('tag=klimafilter'), ['Filtrering om klima']);
      assert.deepEqual(await titles('q=FILTRERING%20skoler'), ['Filtrering om skoler']);
      assert.deepEqual(await titles('tag=findes-ikke'), []);
    });

    it('deletes a post after asking, and its address answers 410', async () => {
      const id = await savedId(await admin.post('/admin/posts', postFields(blog.id, admin.personId, { title: 'Snart væk' })));
      assert.equal((await admin.get(`/admin/posts/${id}/delete`)).status, 200);
      const response = await admin.post(`/admin/posts/${id}/delete`);
      assert.equal(response.status, 303);
      assert.equal((await server.get('/debat/snart-vaek')).status, 410);
      assert.ok((await auditOf(id)).includes('post.delete'));
      assert.equal((await admin.get(`/admin/posts/${id}/edit`)).status, 404);
    });

    describe('roles', () => {
      it('lets an author create and edit their own post but not open or save someone else’s', async () => {
        const author = await loginAs(server, 'author');
        const other = await loginAs(server, 'author');
        const own = await savedId(await author.post('/admin/posts', postFields(blog.id, author.personId, { title: 'Mit eget' })));
        await savedId(await author.post(`/admin/posts/${own}`, postFields(blog.id, author.personId, { title: 'Mit eget, rettet' })));
        assert.equal((await other.get(`/admin/posts/${own}/edit`)).status, 403);
        assert.equal((await other.post(`/admin/posts/${own}`, postFields(blog.id, other.personId, { title: 'Kapret' }))).status, 403);
        assert.equal((await other.get(`/admin/posts/${own}/revisions`)).status, 403);
        const [revision] = await revisionsOf(own);
        for (const path of [`/admin/posts/${own}/revisions/${revision!.id}`, `/admin/posts/${own}/delete`]) {
          assert.equal((await other.get(path)).status, 403, path);
        }
        for (const path of [
          `/admin/posts/${own}/delete`,
          `/admin/posts/${own}/autosave`,
          `/admin/posts/${own}/revisions/${revision!.id}/restore`,
        ]) {
          assert.equal((await other.post(path, postFields(blog.id, other.personId, { title: 'Kapret' }))).status, 403, path);
        }
        assert.equal((await postRow(own)).title, 'Mit eget, rettet');
        const list = await (await other.get('/admin/posts')).text();
        assert.doesNotMatch(list, /Mit eget/);
      });

      it('keeps an author among the authors of what they save', async () => {
        const author = await loginAs(server, 'author');
        const someone = await buildPerson(server.db);
        const sent = await author.post('/admin/posts', postFields(blog.id, someone.id, { title: 'I andres navn' }));
        const response = await shownAgain(author, sent);
        assert.equal(response.status, 200);
        assert.match(await response.text(), /id="author-0-person-error"/);
      });

      it('refuses a moderator every posts page and action', async () => {
        const moderator = await loginAs(server, 'moderator');
        const post = await buildPost(server.db, { blogId: blog.id });
        assert.equal((await moderator.get('/admin/posts')).status, 403);
        assert.equal((await moderator.get('/admin/posts/new')).status, 403);
        assert.equal((await moderator.get(`/admin/posts/${post.id}/edit`)).status, 403);
        assert.equal((await moderator.post('/admin/posts', postFields(blog.id, moderator.personId))).status, 403);
        assert.equal((await moderator.post('/admin/preview', { body: 'x' })).status, 403);
        for (const path of [`/admin/posts/${post.id}/revisions`, `/admin/posts/${post.id}/delete`])
          assert.equal((await moderator.get(path)).status, 403, path);
        for (const path of [`/admin/posts/${post.id}`, `/admin/posts/${post.id}/autosave`, `/admin/posts/${post.id}/delete`]) {
          assert.equal((await moderator.post(path, postFields(blog.id, moderator.personId))).status, 403, path);
        }
        assert.equal((await postRow(post.id)).deleted_at, null);
      });

      it('limits an editor to the blogs in their scope', async () => {
        const editor = await loginAs(server, 'editor', { blogScope: [blog.id] });
        const inScope = await buildPost(server.db, { blogId: blog.id, title: 'I min blog' });
        const outside = await buildPost(server.db, { blogId: otherBlog.id, title: 'Uden for min blog' });
        assert.equal((await editor.get(`/admin/posts/${inScope.id}/edit`)).status, 200);
        assert.equal((await editor.get(`/admin/posts/${outside.id}/edit`)).status, 403);
        assert.equal((await editor.post(`/admin/posts/${outside.id}`, postFields(otherBlog.id, editor.personId))).status, 403);
        assert.equal((await editor.get(`/admin/posts/${outside.id}/revisions`)).status, 403);
        assert.equal((await editor.post(`/admin/posts/${outside.id}/autosave`, postFields(otherBlog.id, editor.personId))).status, 403);
        assert.equal((await editor.post(`/admin/posts/${outside.id}/delete`)).status, 403);
        assert.equal((await postRow(outside.id)).deleted_at, null);
        assert.equal((await editor.post('/admin/posts', postFields(otherBlog.id, editor.personId, { title: 'Forkert blog' }))).status, 403);
        assert.equal(
          (await editor.post(`/admin/posts/${inScope.id}`, postFields(otherBlog.id, editor.personId, { title: 'Flyttet' }))).status,
          403,
          'may not move it out',
        );
        const list = await (await editor.get('/admin/posts')).text();
        assert.match(list, /I min blog/);
        assert.doesNotMatch(list, /Uden for min blog/);
      });
    });

    describe('without a session or a token', () => {
      let postId: string;
      let revisionId: string;
      before(async () => {
        postId = await savedId(await admin.post('/admin/posts', postFields(blog.id, admin.personId, { title: 'Beskyttet' })));
        revisionId = (await revisionsOf(postId))[0]!.id;
      });
      const getRoutes = () => [
        '/admin/posts',
        '/admin/posts/new',
        `/admin/posts/${postId}/edit`,
        `/admin/posts/${postId}/revisions`,
        `/admin/posts/${postId}/revisions/${revisionId}`,
        `/admin/posts/${postId}/delete`,
      ];
      const postRoutes = () => [
        '/admin/posts',
        `/admin/posts/${postId}`,
        `/admin/posts/${postId}/autosave`,
        '/admin/preview',
        `/admin/posts/${postId}/revisions/${revisionId}/restore`,
        `/admin/posts/${postId}/delete`,
        '/admin/uploads',
      ];

      it('sends anonymous readers of every page to the login', async () => {
        for (const path of getRoutes()) {
          const response = await server.get(path);
          assert.equal(response.status, 303, path);
          assert.equal(response.headers.get('location'), `/admin/login?next=${encodeURIComponent(path)}`);
        }
      });

      it('refuses every anonymous change', async () => {
        for (const path of postRoutes()) {
          const response = await server.get(path, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: formBody(postFields(blog.id, admin.personId)),
          });
          assert.equal(response.status, 403, path);
        }
        assert.equal((await postRow(postId)).deleted_at, null);
      });

      it('refuses every change without the CSRF token', async () => {
        for (const path of postRoutes()) {
          assert.equal(
            (await admin.post(path, postFields(blog.id, admin.personId, { title: 'Forfalsket' }), { csrf: false })).status,
            403,
            path,
          );
        }
        const row = await postRow(postId);
        assert.equal(row.title, 'Beskyttet');
        assert.equal(row.deleted_at, null);
      });
    });
  });
}
