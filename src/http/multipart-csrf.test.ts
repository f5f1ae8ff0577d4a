/**
 * The admin's multipart forms (the editor, uploads, the identity files, a followers file) carry their
 * CSRF token as the form's first part, not in the address, where it stayed in the history and the
 * address bar after a refused save. The route may act on no part before the token is proven.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { serverWithAdmin } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';

const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();

/** A multipart body whose parts come in exactly this order. */
function multipart(parts: [name: string, value: string | Blob][]): FormData {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (value instanceof Blob) form.append(name, value, 'bilde.png');
    else form.append(name, value);
  }
  return form;
}

/** The controls of each multipart form on a page: its address and the names of its fields in order. */
function multipartForms(html: string): { action: string; names: string[] }[] {
  const forms: { action: string; names: string[] }[] = [];
  for (const chunk of html.split('<form').slice(1)) {
    const open = chunk.slice(0, chunk.indexOf('>'));
    if (!open.includes('multipart/form-data')) continue;
    const inside = chunk.slice(0, chunk.indexOf('</form>'));
    const names = [...inside.matchAll(/<(?:input|select|textarea|button)\b[^>]*?\bname="([^"]*)"/g)].map((m) => m[1]!);
    forms.push({ action: /action="([^"]*)"/.exec(open)?.[1] ?? '', names });
  }
  return forms;
}

for (const dialect of DIALECTS) {
  describe(`multipart forms prove their CSRF token in their first part (${dialect})`, () => {
    const site = serverWithAdmin(dialect);
    const send = (path: string, form: FormData) =>
      site.server.get(path, { method: 'POST', redirect: 'manual', headers: { cookie: site.admin.cookie }, body: form });
    const uploads = async () => (await site.server.db.selectFrom('uploads').select('id').execute()).length;

    it('the pages name no token in any multipart form address, and put it first in each', async () => {
      let seen = 0;
      for (const path of ['/admin/posts/new', '/admin/media', '/admin/settings', '/admin/followers']) {
        const html = await (await site.admin.get(path)).text();
        for (const form of multipartForms(html)) {
          seen++;
          assert.doesNotMatch(form.action, /csrf/i, `${path}: ${form.action}`);
          assert.equal(form.names[0], '_csrf', `${path}: the first field of the form to ${form.action} is ${form.names[0]}`);
        }
      }
      // The editor and its upload form, the library, the identity files and the followers import.
      assert.ok(seen >= 5, `only ${seen} multipart forms found`);
    });

    it('stores an upload whose first part is the token, with nothing in the address', async () => {
      const before = await uploads();
      const response = await send(
        '/admin/media/upload',
        multipart([
          ['_csrf', site.admin.csrf],
          ['alt', 'Et kort'],
          ['file', new Blob([new Uint8Array(await png())], { type: 'image/png' })],
        ]),
      );
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/admin/media?uploaded=1');
      assert.equal(await uploads(), before + 1);
    });

    it('saves the editor form sent as the page sends it', async () => {
      const title = `Gemt uden nøgle i adressen ${dialect}`;
      const blog = await buildBlog(site.server.db);
      const response = await send(
        '/admin/posts',
        multipart([
          ['_csrf', site.admin.csrf],
          ['op', 'save'],
          ['blogId', blog.id],
          ['title', title],
          ['body', 'Tekst.'],
          ['status_action', 'draft'],
          ['author_person', site.admin.personId],
          ['author_note', ''],
          ['author_order', '1'],
        ]),
      );
      assert.equal(response.status, 303);
      assert.equal((await site.server.db.selectFrom('posts').select('id').where('title', '=', title).execute()).length, 1);
    });

    for (const [label, parts] of [
      [
        'no token',
        (file: Blob) => [
          ['alt', 'x'],
          ['file', file],
        ],
      ],
      [
        'a wrong token first',
        (file: Blob) => [
          ['_csrf', 'forfalsket'],
          ['alt', 'x'],
          ['file', file],
        ],
      ],
      [
        'the token only after the file',
        (file: Blob) => [
          ['alt', 'x'],
          ['file', file],
          ['_csrf', site.admin.csrf],
        ],
      ],
    ] as const) {
      it(`refuses an upload with ${label}, and stores nothing`, async () => {
        const before = await uploads();
        const file = new Blob([new Uint8Array(await png())], { type: 'image/png' });
        const response = await send('/admin/media/upload', multipart(parts(file) as [string, string | Blob][]));
        assert.equal(response.status, 403);
        assert.equal(await uploads(), before);
      });
    }

    it('a route that reads no multipart body takes no token from one', async () => {
      const post = await buildPost(site.server.db, { title: 'Bliver stående' });
      const response = await send(
        `/admin/posts/${post.id}/delete`,
        multipart([
          ['_csrf', site.admin.csrf],
          ['confirm', '1'],
        ]),
      );
      assert.equal(response.status, 403);
      const kept = await site.server.db.selectFrom('posts').select('deleted_at').where('id', '=', post.id).executeTakeFirstOrThrow();
      assert.equal(kept.deleted_at, null);
    });
  });
}
