/**
 * A byline's job title and organisation per post (issue 13): a guest's title at the time of writing,
 * set in the editor's authors section, shown in every byline and in JSON-LD, and kept when the
 * person's profile changes later.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, shownAgain, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`per-post byline titles (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let postId: string;
    let guestId: string;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      const blog = await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
      guestId = (await buildPerson(server.db, { name: 'Marie Munk', jobTitle: 'Direktør', organisation: 'Nyt Firma', guest: true })).id;
      const saved = await admin.post('/admin/posts', {
        blogId: blog.id,
        title: 'Skrevet som afdelingschef',
        slug: 'afdelingschef',
        lead: '',
        body: 'Om partnerskaber.',
        tags: '',
        commentsOpen: '1',
        status_action: 'publish',
        publish_at: '',
        author_person: [admin.personId, guestId],
        author_note: ['', ''],
        author_order: ['1', '2'],
        author_job_title: ['', 'Afdelingschef'],
        author_organisation: ['', 'Økonomiministeriet'],
        op: 'save',
      });
      assert.equal(saved.status, 303);
      postId = /\/admin\/posts\/([^/]+)\/edit/.exec(saved.headers.get('location')!)![1]!;
    });
    after(async () => {
      await server?.close();
    });

    const text = async (path: string) => (await server.get(path)).text();

    it("shows the post's title and organisation for the guest in the byline, not their profile's", async () => {
      const page = await text('/debat/afdelingschef');
      assert.match(page, /Marie Munk<\/a><span class="byline__guest"> \(gæsteskribent\)<\/span>, Afdelingschef, Økonomiministeriet/);
      assert.doesNotMatch(page, /Nyt Firma/);
      assert.match(
        await text('/'),
        /Marie Munk<\/a><span class="byline__guest"> \(gæsteskribent\)<\/span>, Afdelingschef, Økonomiministeriet/,
      );
      assert.match(await text('/search?q=partnerskaber'), /\(gæsteskribent\)<\/span>, Afdelingschef, Økonomiministeriet/);
      assert.match(await text('/feed.atom'), /<name>Marie Munk, Afdelingschef, Økonomiministeriet<\/name>/);
    });

    it('gives JSON-LD the per-post jobTitle and worksFor', async () => {
      const page = await text('/debat/afdelingschef');
      const json = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!) as {
        author: { name: string; jobTitle?: string; worksFor?: { name: string } }[];
      };
      const marie = json.author.find((a) => a.name === 'Marie Munk')!;
      assert.equal(marie.jobTitle, 'Afdelingschef');
      assert.deepEqual(marie.worksFor, { '@type': 'Organization', name: 'Økonomiministeriet' });
    });

    it("keeps the title at the time of writing when the person's profile changes, and the editor shows it", async () => {
      await server.db.updateTable('people').set({ job_title: 'Partner', organisation: 'Tredje Firma' }).where('id', '=', guestId).execute();
      assert.match(await text('/debat/afdelingschef'), /, Afdelingschef, Økonomiministeriet/);
      const editor = await (await admin.get(`/admin/posts/${postId}/edit`)).text();
      assert.match(editor, /<input id="author-1-job-title" name="author_job_title"[^>]*value="Afdelingschef"/);
      assert.match(editor, /<input id="author-1-organisation" name="author_organisation"[^>]*value="Økonomiministeriet"/);
      // The hint names the person's own, which an empty field would show.
      assert.match(editor, /id="author-1-job-title-hint">Tom: personens egen \(Partner\)\./);
    });

    it('records the titles in revisions', async () => {
      const revision = await server.db
        .selectFrom('post_revisions')
        .select('snapshot')
        .where('post_id', '=', postId)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      const authors = (JSON.parse(revision.snapshot) as { authors: { personId: string; jobTitle: string; organisation: string }[] })
        .authors;
      assert.deepEqual(authors[1], { personId: guestId, bylineNote: '', jobTitle: 'Afdelingschef', organisation: 'Økonomiministeriet' });
    });

    it('refuses a title longer than a profile may hold, keeping what was typed', async () => {
      const long = 'x'.repeat(201);
      const sent = await admin.post(`/admin/posts/${postId}`, {
        blogId: (await server.db.selectFrom('posts').select('blog_id').where('id', '=', postId).executeTakeFirstOrThrow()).blog_id,
        title: 'Skrevet som afdelingschef',
        slug: 'afdelingschef',
        body: 'Om partnerskaber.',
        commentsOpen: '1',
        status_action: 'publish',
        author_person: [admin.personId, guestId],
        author_note: ['', ''],
        author_order: ['1', '2'],
        author_job_title: ['', long],
        author_organisation: ['', ''],
        op: 'save',
      });
      const refused = await shownAgain(admin, sent);
      assert.equal(refused.status, 200);
      assert.match(await refused.text(), new RegExp(`value="${long}"`));
    });
  });
}
