/**
 * Bylines and info boxes everywhere a post is shown (issues 13 and 14): a guest expert is marked and
 * their title and organisation follow their name on the page, in lists, search, feeds and JSON-LD;
 * a picked contact brings their title, phone and e-mail unless the post says otherwise; info-box
 * text is Markdown and the boxes and related links are in the feeds' full text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`bylines and info boxes (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
      const staff = await buildPerson(server.db, { name: 'Jens Qvist', jobTitle: 'Chefkonsulent', organisation: 'Forbundet' });
      const guest = await buildPerson(server.db, {
        name: 'Marie Munk',
        jobTitle: 'Afdelingschef',
        organisation: 'Økonomiministeriet',
        guest: true,
      });
      const contact = await buildPerson(server.db, {
        name: 'Karl Kontakt',
        jobTitle: 'Presseansvarlig',
        organisation: 'Forbundet',
        phone: '33 12 34 56',
        email: 'karl@forbundet.example',
      });
      const blog = await buildBlog(server.db, { slug: 'debat', title: 'Debatten', ownerIds: [staff.id] });
      await buildPost(server.db, {
        blogId: blog.id,
        slug: 'partnerskaber',
        title: 'Det gode partnerskab',
        body: 'Partnerskaber kræver tillid.',
        authors: [{ personId: staff.id }, { personId: guest.id }],
        infoBoxes: [
          {
            heading: 'Mere om netværket',
            body: 'Netværket er **åbent** for alle.',
            contacts: [{ personId: contact.id }, { personId: contact.id, role: 'Talsperson' }],
          },
        ],
        relatedLinks: [{ title: 'Publikationen', url: 'https://example.org/pub' }],
      });
    });
    after(async () => {
      await server?.close();
    });

    const text = async (path: string) => (await server.get(path)).text();

    it('marks the guest and gives their title and organisation in the post page byline, with initials beside each name', async () => {
      const page = await text('/debat/partnerskaber');
      const byline = /<span class="byline byline--photos">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '';
      assert.match(byline, /Marie Munk<\/a><span class="byline__guest"> \(gæsteskribent\)<\/span>, Afdelingschef, Økonomiministeriet/);
      assert.match(byline, /Jens Qvist<\/a><\/span>/, 'staff keep their title for the profile box');
      assert.match(byline, /<span class="avatar avatar--small[^"]*" aria-hidden="true">MM<\/span>/);
    });

    it('shows the guest title in lists and search results', async () => {
      assert.match(
        await text('/'),
        /Marie Munk<\/a><span class="byline__guest"> \(gæsteskribent\)<\/span>, Afdelingschef, Økonomiministeriet/,
      );
      assert.match(
        await text('/search?q=partnerskab'),
        /Marie Munk<\/a><span class="byline__guest"> \(gæsteskribent\)<\/span>, Afdelingschef/,
      );
    });

    it('gives the author Person jobTitle and worksFor in JSON-LD', async () => {
      const page = await text('/debat/partnerskaber');
      const json = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!) as {
        author: { name: string; jobTitle?: string; worksFor?: { name: string } }[];
      };
      const marie = json.author.find((a) => a.name === 'Marie Munk')!;
      assert.equal(marie.jobTitle, 'Afdelingschef');
      assert.deepEqual(marie.worksFor, { '@type': 'Organization', name: 'Økonomiministeriet' });
    });

    it("renders info-box text as Markdown and fills a picked contact's title, phone and address unless overridden", async () => {
      const page = await text('/debat/partnerskaber');
      const box = /<aside class="infobox"[\s\S]*?<\/aside>/.exec(page)![0];
      assert.match(box, /Netværket er <strong>åbent<\/strong> for alle\./);
      assert.match(box, /Karl Kontakt<\/a><\/span><span class="contact__role">, Presseansvarlig, Forbundet<\/span>/);
      assert.match(box, /<span class="contact__role">, Talsperson<\/span>/);
      assert.match(box, /href="tel:33123456"/);
      assert.match(box, /karl \(snabel-a\) forbundet\.example/);
      assert.doesNotMatch(box, /karl@forbundet/);
    });

    it("puts guests' titles and the info boxes and related links in Atom, RSS and JSON Feed", async () => {
      const atom = await text('/feed.atom');
      assert.match(atom, /<name>Marie Munk, Afdelingschef, Økonomiministeriet<\/name>/);
      assert.match(atom, /<uri>[^<]*\/authors\/marie-munk<\/uri>/);
      assert.match(atom, /Mere om netværket/);
      assert.match(atom, /&lt;strong&gt;åbent&lt;\/strong&gt;/);
      assert.match(atom, /Publikationen/);
      const rss = await text('/feed.rss');
      assert.match(rss, /<dc:creator>Marie Munk, Afdelingschef, Økonomiministeriet<\/dc:creator>/);
      assert.match(rss, /<content:encoded>[\s\S]*Mere om netværket[\s\S]*<\/content:encoded>/);
      const json = JSON.parse(await text('/feed.json')) as { items: { content_html: string; authors: { name: string }[] }[] };
      const item = json.items[0]!;
      assert.deepEqual(
        item.authors.map((a) => a.name),
        ['Jens Qvist', 'Marie Munk, Afdelingschef, Økonomiministeriet'],
      );
      assert.match(item.content_html, /<aside class="infobox">[\s\S]*<strong>åbent<\/strong>/);
      assert.match(item.content_html, /<a href="https:\/\/example.org\/pub">Publikationen<\/a>/);
      assert.match(item.content_html, /karl \(snabel-a\) forbundet\.example/);
      for (const feed of [atom, rss, JSON.stringify(json)]) assert.doesNotMatch(feed, /karl@forbundet/);
    });
  });
}
