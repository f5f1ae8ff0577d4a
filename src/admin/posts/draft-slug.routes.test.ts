/**
 * A draft's address follows its title until it is published (issue 13): a post autosaved before it
 * had a title gets "uden-titel", and the save that gives it a title gives it the matching address,
 * unless the person typed one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Blog } from '../../blogs/blog.js';
import { formBody, loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

type Fields = Record<string, string | string[]>;

for (const dialect of DIALECTS) {
  describe(`a draft's address follows its title (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blog: Blog;

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      blog = await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
    });
    after(async () => {
      await server?.close();
    });

    const fields = (overrides: Fields): Fields => ({
      blogId: blog.id,
      title: '',
      slug: '',
      lead: '',
      body: 'Første tanker.',
      tags: '',
      commentsOpen: '1',
      status_action: 'draft',
      publish_at: '',
      author_person: [admin.personId, ''],
      author_note: ['', ''],
      author_order: ['1', ''],
      op: 'save',
      ...overrides,
    });
    const slugOf = async (id: string) =>
      (await server.db.selectFrom('posts').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;

    /** A new post as the editor's script starts it: autosaved while it has text but no title. */
    async function untitledDraft(): Promise<string> {
      const response = await server.get('/admin/posts/autosave', {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': admin.csrf },
        body: formBody(fields({})),
      });
      assert.equal(response.status, 200);
      const answer = (await response.json()) as { id: string; heading: string; links: string };
      // The page becomes the draft's editor and says so as its reload will, with the draft's links.
      assert.equal(answer.heading, 'Redigér “(uden titel)”');
      assert.match(answer.links, new RegExp(`^<p class="editor-links">.*href="/admin/posts/${answer.id}/revisions"`));
      return answer.id;
    }

    const save = async (id: string, overrides: Fields) => {
      const response = await admin.post(`/admin/posts/${id}`, fields(overrides));
      assert.equal(response.status, 303, (await response.clone().text()).slice(0, 300));
    };

    it('gives an untitled draft the address of the title it is saved with', async () => {
      const id = await untitledDraft();
      assert.match(await slugOf(id), /^uden-titel(-\d+)?$/);
      // The editor's slug field holds the placeholder address, as the form shows it.
      await save(id, { title: 'Hvordan laver man det gode partnerskab?', slug: await slugOf(id) });
      assert.equal(await slugOf(id), 'hvordan-laver-man-det-gode-partnerskab');
    });

    it('follows the title of a second untitled draft too, avoiding a taken address', async () => {
      const first = await untitledDraft();
      const second = await untitledDraft();
      assert.notEqual(await slugOf(first), await slugOf(second));
      await save(second, { title: 'Hvordan laver man det gode partnerskab?' });
      assert.equal(await slugOf(second), 'hvordan-laver-man-det-gode-partnerskab-2');
    });

    it('keeps an address typed by hand, then and later', async () => {
      const id = await untitledDraft();
      await save(id, { title: 'Et emne', slug: 'min-adresse' });
      assert.equal(await slugOf(id), 'min-adresse');
      await save(id, { title: 'Et andet emne', slug: 'min-adresse' });
      assert.equal(await slugOf(id), 'min-adresse');
    });

    it('keeps the address once the post has been published, even back as a draft', async () => {
      const id = await untitledDraft();
      await save(id, { title: 'Udgivet emne', status_action: 'publish' });
      assert.equal(await slugOf(id), 'udgivet-emne');
      await save(id, { title: 'Nyt navn', slug: 'udgivet-emne', status_action: 'draft' });
      assert.equal(await slugOf(id), 'udgivet-emne');
    });

    it('leaves the address alone while autosaving; the save moves it', async () => {
      const id = await untitledDraft();
      const before = await slugOf(id);
      const response = await server.get(`/admin/posts/${id}/autosave`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': admin.csrf },
        body: formBody(fields({ title: 'Skrevet videre' })),
      });
      assert.equal(((await response.json()) as { updatedPost: boolean }).updatedPost, true);
      assert.equal(await slugOf(id), before);
      await save(id, { title: 'Skrevet videre', slug: before });
      assert.equal(await slugOf(id), 'skrevet-videre');
    });
  });
}
