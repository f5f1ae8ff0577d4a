/**
 * Two people (or two tabs) with one post open: the later save used to undo the earlier one without
 * a word. A save from an editor opened before someone else's save is refused with the form kept as
 * typed; pressing Save again saves over it. An autosave from such an editor keeps only its revision.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Blog } from '../../blogs/blog.js';
import { formBody, loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

type Fields = Record<string, string | string[]>;

const versionIn = (html: string) => /name="version" id="post-version" value="([^"]*)"/.exec(html)?.[1] ?? '';
const decode = (text: string) => text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

for (const dialect of DIALECTS) {
  describe(`a post saved by someone else meanwhile (${dialect})`, () => {
    let server: TestServer;
    let ada: Session;
    let bo: Session;
    let blog: Blog;

    before(async () => {
      server = await startTestServer(dialect);
      ada = await loginAs(server, 'admin', { name: 'Ada Admin' });
      bo = await loginAs(server, 'admin', { name: 'Bo Bertelsen' });
      blog = await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
    });
    after(async () => {
      await server?.close();
    });

    const fields = (overrides: Fields): Fields => ({
      blogId: blog.id,
      title: 'Vandløb og kommunale planer',
      slug: '',
      lead: 'Den første indledning.',
      body: 'Første afsnit.',
      tags: '',
      commentsOpen: '1',
      status_action: 'draft',
      publish_at: '',
      author_person: [ada.personId, ''],
      author_note: ['', ''],
      author_order: ['1', ''],
      op: 'save',
      ...overrides,
    });
    const row = (id: string) =>
      server.db.selectFrom('posts').select(['title', 'lead', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();

    async function newPost(): Promise<string> {
      const response = await ada.post('/admin/posts', fields({}));
      assert.equal(response.status, 303);
      return /\/admin\/posts\/([0-9a-f-]{36})\/edit/.exec(response.headers.get('location') ?? '')![1]!;
    }
    const opened = async (who: Session, id: string) => versionIn(await (await who.get(`/admin/posts/${id}/edit`)).text());

    it('refuses the later save with the form as typed, and saves it over the other when pressed again', async () => {
      const id = await newPost();
      const adaVersion = await opened(ada, id);
      const boVersion = await opened(bo, id);
      assert.match(adaVersion, /^\d{4}-\d\d-\d\dT/, 'the editor carries the version it was opened at');
      assert.equal(boVersion, adaVersion);

      const adaSaved = await ada.post(`/admin/posts/${id}`, fields({ title: 'Vandløb – rettet af Ada', version: adaVersion }));
      assert.match(adaSaved.headers.get('location') ?? '', /\?saved=1$/);

      const boSaved = await bo.post(`/admin/posts/${id}`, fields({ lead: 'Bos nye indledning.', version: boVersion }));
      assert.equal(boSaved.status, 303);
      const shown = boSaved.headers.get('location') ?? '';
      assert.match(shown, /\/edit\?form=/, 'not saved: the form is shown again');
      assert.deepEqual(
        { title: (await row(id)).title, lead: (await row(id)).lead },
        { title: 'Vandløb – rettet af Ada', lead: 'Den første indledning.' },
        "Ada's save stands, nothing of Bo's was written",
      );

      const page = decode(await (await bo.get(shown)).text());
      assert.match(page, /role="alert"/);
      assert.match(page, /Indlægget er blevet ændret, siden du åbnede det/);
      assert.doesNotMatch(page, /Noget skal rettes/, 'nothing to correct, so no list of problems');
      assert.match(page, /Bos nye indledning\./, "Bo's text is kept in the form");
      const current = (await row(id)).updated_at;
      assert.equal(Date.parse(versionIn(page)), Date.parse(String(current)), 'the form now builds on the save it was shown');

      const again = await bo.post(`/admin/posts/${id}`, fields({ lead: 'Bos nye indledning.', version: versionIn(page) }));
      assert.match(again.headers.get('location') ?? '', /\?saved=1$/, 'saved when pressed again');
      assert.equal((await row(id)).lead, 'Bos nye indledning.');
    });

    it('keeps an autosave from an editor opened before the other save in its revision only', async () => {
      const id = await newPost();
      const boVersion = await opened(bo, id);
      await ada.post(`/admin/posts/${id}`, fields({ title: 'Ada gemte først', version: await opened(ada, id) }));

      const autosave = (version: string, lead: string) =>
        server.get(`/admin/posts/${id}/autosave`, {
          method: 'POST',
          headers: { cookie: bo.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': bo.csrf },
          body: formBody(fields({ lead, version })),
        });
      const stale = (await (await autosave(boVersion, 'Bo skrev videre.')).json()) as { updatedPost: boolean; version?: string };
      assert.equal(stale.updatedPost, false);
      assert.equal(stale.version, undefined, 'no new version for the editor to take over');
      assert.deepEqual(
        { title: (await row(id)).title, lead: (await row(id)).lead },
        { title: 'Ada gemte først', lead: 'Den første indledning.' },
      );

      const fresh = (await (await autosave(await opened(bo, id), 'Bo skrev videre.')).json()) as { updatedPost: boolean; version?: string };
      assert.equal(fresh.updatedPost, true);
      assert.equal(Date.parse(fresh.version ?? ''), Date.parse(String((await row(id)).updated_at)), "the draft's new version");
      assert.equal((await row(id)).lead, 'Bo skrev videre.');
    });
  });
}
