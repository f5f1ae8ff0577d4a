import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getBlogWithOwnerIds } from '../../blogs/blog.service.js';
import { serverWithAdmin } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson } from '../../../test/support/factories.js';

const idFrom = (response: Response) => /\/admin\/blogs\/([^/?]+)/.exec(response.headers.get('location') ?? '')?.[1] ?? '';

for (const dialect of DIALECTS) {
  describe(`admin blogs (${dialect})`, () => {
    const site = serverWithAdmin(dialect);

    it('creates a blog with an owner and co-owners, the owner first', async () => {
      const [owner, co] = [await buildPerson(site.server.db), await buildPerson(site.server.db)];
      const response = await site.admin.post('/admin/blogs', {
        title: 'Klima og by',
        slug: 'klima',
        description: 'Om byer.',
        owner: owner.id,
        coOwners: [co.id, owner.id],
      });
      assert.equal(response.status, 303);
      const blog = await getBlogWithOwnerIds(site.server.db, idFrom(response));
      assert.deepEqual(
        { slug: blog.slug, title: blog.title, owners: blog.ownerIds },
        { slug: 'klima', title: 'Klima og by', owners: [owner.id, co.id] },
      );
    });

    it('refuses a reserved address and no owner, keeping the form', async () => {
      const response = await site.admin.post('/admin/blogs', { title: 'Forkert', slug: 'admin', description: 'Beholdes', owner: '' });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /Beholdes/);
      assert.match(html, /id="blog-slug"[^>]*aria-invalid="true"/);
    });

    it("edits title, description and owners, and the public blog page shows the new owner's profile box", async () => {
      const blog = await buildBlog(site.server.db, { slug: 'skiftes' });
      const newOwner = await buildPerson(site.server.db, { name: 'Nina Nyejer', jobTitle: 'Forsker' });
      const response = await site.admin.post(`/admin/blogs/${blog.id}`, {
        title: 'Ny titel',
        description: 'Ny beskrivelse',
        owner: newOwner.id,
      });
      assert.equal(response.status, 303);
      const html = await (await site.server.get('/skiftes')).text();
      assert.match(html, /<h1>Ny titel<\/h1>/);
      assert.match(html, /class="profile"[\s\S]*Nina Nyejer[\s\S]*Forsker[\s\S]*Ny beskrivelse/);
    });

    it('lists the blogs with their owners', async () => {
      const owner = await buildPerson(site.server.db, { name: 'Liste Ejer' });
      await buildBlog(site.server.db, { title: 'Listet blog', ownerIds: [owner.id] });
      const html = await (await site.admin.get('/admin/blogs')).text();
      assert.match(html, /Listet blog[\s\S]*Liste Ejer/);
    });
  });
}
