/**
 * Person pickers without script (issue 13): the selects and the co-owner boxes list a capped set
 * of people plus everyone already chosen; a "search people" button sends the form back with the
 * matches offered and everything typed kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PICKER_LIMIT } from '../../people/person.js';
import { loginAs, shownAgain, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

/** The option values of the select with this id. */
function optionsOf(html: string, id: string): string[] {
  const start = html.indexOf(`<select id="${id}"`);
  assert.ok(start >= 0, `no select #${id}`);
  const select = html.slice(start, html.indexOf('</select>', start));
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!).filter(Boolean);
}

/** The values of the checkboxes named `name`, and which of them are checked. */
function boxesOf(html: string, name: string): { values: string[]; checked: string[] } {
  const boxes = [...html.matchAll(/<input [^>]*type="checkbox"[^>]*>/g)].map((m) => m[0]).filter((b) => b.includes(`name="${name}"`));
  const valueOf = (b: string) => /value="([^"]*)"/.exec(b)![1]!;
  return { values: boxes.map(valueOf), checked: boxes.filter((b) => / checked/.test(b)).map(valueOf) };
}

for (const dialect of DIALECTS) {
  describe(`person pickers without script (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let torben: string;
    let zelda: string;
    let blogId: string;

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      blogId = (await buildBlog(server.db, { slug: 'debat', title: 'Debatten' })).id;
      for (let n = 0; n < PICKER_LIMIT + 5; n++) await buildPerson(server.db, { name: `Anders Fyld ${String(n).padStart(2, '0')}` });
      torben = (await buildPerson(server.db, { name: 'Torben Østerby', organisation: 'Tænketanken Vækst' })).id;
      zelda = (await buildPerson(server.db, { name: 'Zelda Zakariassen' })).id;
    });
    after(async () => {
      await server?.close();
    });

    it("the editor's person select lists at most the cap besides the chosen, and keeps the chosen", async () => {
      const html = await (await admin.get('/admin/posts/new')).text();
      const offered = optionsOf(html, 'author-0-person');
      assert.ok(offered.length <= PICKER_LIMIT + 1, `${offered.length} people offered`);
      assert.ok(offered.includes(admin.personId), 'the author already chosen is offered');
      assert.ok(!offered.includes(zelda), 'the last by name is left out until searched for');
      assert.match(html, /name="people_q"/);
    });

    it('"search people" brings the form back with the matches offered and the text and choices kept', async () => {
      const sent = await admin.post('/admin/posts', {
        blogId,
        title: 'Ufærdig tekst',
        body: 'Noget jeg ikke vil miste',
        author_person: [admin.personId, zelda, ''],
        author_note: ['', '', ''],
        author_order: ['1', '2', ''],
        people_q: 'oesterby',
        op: 'find-people',
      });
      const answer = await shownAgain(admin, sent);
      assert.equal(answer.status, 200);
      const html = await answer.text();
      assert.match(html, /value="Ufærdig tekst"/);
      assert.match(html, /Noget jeg ikke vil miste/);
      assert.match(html, /value="oesterby"/);
      const offered = optionsOf(html, 'author-2-person');
      assert.deepEqual(new Set(offered), new Set([admin.personId, torben, zelda]));
      assert.ok(optionsOf(html, 'author-1-person').includes(zelda));
      assert.match(html, /<option value="[^"]+" selected>Zelda Zakariassen/);
      assert.equal(await server.db.selectFrom('posts').select('id').where('title', '=', 'Ufærdig tekst').executeTakeFirst(), undefined);
    });

    it("the blog form's owner select and co-owner boxes are capped, searchable and keep the chosen", async () => {
      const html = await (await admin.get('/admin/blogs/new')).text();
      assert.ok(optionsOf(html, 'blog-owner').length <= PICKER_LIMIT);
      assert.ok(boxesOf(html, 'coOwners').values.length <= PICKER_LIMIT);

      const answer = await admin.post('/admin/blogs', {
        title: 'Ny blog',
        slug: 'ny-blog',
        description: 'Om alt',
        owner: zelda,
        coOwners: [admin.personId],
        people_q: 'tænketank',
        op: 'find-people',
      });
      assert.equal(answer.status, 200);
      const found = await answer.text();
      assert.match(found, /value="Ny blog"/);
      assert.deepEqual(new Set(optionsOf(found, 'blog-owner')), new Set([zelda, admin.personId, torben]));
      assert.match(found, new RegExp(`<option value="${zelda}" selected`));
      const boxes = boxesOf(found, 'coOwners');
      assert.deepEqual(new Set(boxes.values), new Set([zelda, admin.personId, torben]));
      assert.deepEqual(boxes.checked, [admin.personId]);
      assert.equal(await server.db.selectFrom('blogs').select('id').where('slug', '=', 'ny-blog').executeTakeFirst(), undefined);
    });

    it("the blog form's save with a search term not yet run runs the search and saves nothing; a term already run does not stop the save", async () => {
      // Enter in the search box presses the form's first button: without script that is the save.
      const form = { title: 'Enter-bloggen', slug: 'enter-bloggen', description: '', owner: zelda };
      const pending = await admin.post('/admin/blogs', { ...form, people_q: 'tænketank', people_q_shown: '' });
      assert.equal(pending.status, 200);
      const html = await pending.text();
      assert.match(html, /id="searched-not-saved"/);
      assert.match(html, /value="Enter-bloggen"/);
      assert.ok(optionsOf(html, 'blog-owner').includes(torben), 'the search ran');
      assert.equal(await server.db.selectFrom('blogs').select('id').where('slug', '=', 'enter-bloggen').executeTakeFirst(), undefined);
      // The save is the form's first button without script, ahead of "search people".
      assert.ok(html.indexOf('class="visually-hidden" tabindex="-1" aria-hidden="true"') < html.indexOf('value="find-people"'));

      const saved = await admin.post('/admin/blogs', { ...form, people_q: 'tænketank', people_q_shown: 'tænketank' });
      assert.equal(saved.status, 303);
      assert.ok(await server.db.selectFrom('blogs').select('id').where('slug', '=', 'enter-bloggen').executeTakeFirst());
    });
  });
}
