/**
 * Integration test: an e-mail address typed into any field a public page, feed or metadata shows
 * never reaches the public in readable form, and the words around it still do. Real HTTP, each
 * dialect; every public URL reachable from the front page is fetched, feeds and search included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postComment } from '../../../test/support/comments.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { updateSiteSettings } from '../../settings/settings.service.js';

// One address per field, so a leak names the field; the word before each is the text around it.
const FIELDS = {
  siteTitle: ['Sitetitel', 'sitetitel@felt.example'],
  siteDescription: ['Sitebeskrivelse', 'sitebeskrivelse@felt.example'],
  personName: ['Personnavn', 'personnavn@felt.example'],
  jobTitle: ['Stillingsord', 'stilling@felt.example'],
  organisation: ['Organisationsord', 'organisation@felt.example'],
  bio: ['Bioord', 'bio@felt.example'],
  blogTitle: ['Blogtitel', 'blogtitel@felt.example'],
  blogDescription: ['Blogbeskrivelse', 'blogbeskrivelse@felt.example'],
  postTitle: ['Posttitel', 'posttitel@felt.example'],
  lead: ['Indledningsord', 'indledning@felt.example'],
  body: ['Brødtekstord', 'broedtekst@felt.example'],
  imageAlt: ['Billedord', 'billede@felt.example'],
  linkTitleAttribute: ['Titelattribut', 'titelattribut@felt.example'],
  bylineNote: ['Bylineord', 'byline@felt.example'],
  tag: ['Tagord', 'tag@felt.example'],
  linkTitle: ['Linktitel', 'linktitel@felt.example'],
  linkDescription: ['Linkbeskrivelse', 'linkbeskrivelse@felt.example'],
  boxHeading: ['Boksoverskrift', 'boksoverskrift@felt.example'],
  boxBody: ['Bokstekst', 'bokstekst@felt.example'],
  contactName: ['Kontaktnavn', 'kontaktnavn@felt.example'],
  contactRole: ['Kontaktrolle', 'kontaktrolle@felt.example'],
  contactEmail: ['', 'kontaktmail@felt.example'],
  commenterName: ['Kommentatornavn', 'kommentator@felt.example'],
  commentBody: ['Kommentarord', 'kommentar@felt.example'],
} as const;
type Field = keyof typeof FIELDS;
const typed = (field: Field) => `${FIELDS[field][0]} ${FIELDS[field][1]}`.trim();

const MAX_URLS = 300;

interface Answer {
  url: string;
  contentType: string;
  body: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", commat: '@', period: '.', nbsp: ' ' };

/** What a harvester reads after undoing HTML/XML character references and JSON \u escapes, with tags dropped. */
function decoded(body: string): string {
  let text = body;
  // Twice: "&amp;#64;" in XML is text "&#64;" once more in an embedded HTML summary.
  for (let round = 0; round < 2; round++) {
    text = text
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&([a-z]+);/gi, (whole, name: string) => NAMED[name.toLowerCase()] ?? whole);
  }
  return text;
}
const withoutTags = (text: string) => text.replace(/<[^>]*>/g, '');

/** Same-origin links of a page or feed, absolute ones on the app's own host and "?reply=…" ones included. */
function linksOf(body: string, pageUrl: string, origins: string[]): string[] {
  const links: string[] = [];
  for (const [, raw] of body.matchAll(/(?:\s(?:href|src)="|<link>|<loc>|"(?:url|home_page_url|feed_url)":\s*")([^"<]*)/g)) {
    let href = raw!.replace(/&amp;/g, '&').split('#')[0]!;
    if (href.startsWith('?')) href = `${pageUrl.split('?')[0]}${href}`;
    for (const origin of origins) if (href.startsWith(origin)) href = href.slice(origin.length) || '/';
    if (href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/static/') && !href.startsWith('/uploads/')) links.push(href);
  }
  return links;
}

async function crawl(server: TestServer, start: string[], origins: string[]): Promise<Answer[]> {
  const seen = new Set(start);
  const queue = [...start];
  const answers: Answer[] = [];
  while (queue.length > 0 && answers.length < MAX_URLS) {
    const url = queue.shift()!;
    const response = await server.get(url);
    const answer = { url, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
    answers.push(answer);
    if (response.status >= 400) continue;
    for (const link of linksOf(answer.body, url, origins)) {
      // Admin, forms' targets and one-off links are not pages the public reads.
      if (link.startsWith('/admin') || link.includes('/comments?') || seen.has(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  return answers;
}

for (const dialect of DIALECTS) {
  describe(`no e-mail address typed into a public field is readable (${dialect})`, () => {
    let server: TestServer;
    let answers: Answer[];
    let postPath: string;

    before(async () => {
      server = await startTestServer(dialect);
      const { db } = server;
      await updateSiteSettings(db, {
        title: typed('siteTitle'),
        description: typed('siteDescription'),
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 10000,
        commentsPerHourPerEmail: 10000,
      });
      const person = await buildPerson(db, {
        name: typed('personName'),
        jobTitle: typed('jobTitle'),
        organisation: typed('organisation'),
        bio: typed('bio'),
      });
      const blog = await buildBlog(db, {
        slug: 'debat',
        title: typed('blogTitle'),
        description: typed('blogDescription'),
        ownerIds: [person.id],
      });
      const post = await buildPost(db, {
        blogId: blog.id,
        slug: 'indlaeg',
        title: typed('postTitle'),
        lead: typed('lead'),
        body: `${typed('body')} og mere. ![${typed('imageAlt')}](/uploads/kort.png) [Se her](/arkiv "${typed('linkTitleAttribute')}")`,
        authors: [{ personId: person.id, bylineNote: typed('bylineNote') }],
        tags: [typed('tag')],
        relatedLinks: [{ title: typed('linkTitle'), url: 'https://example.org/', description: typed('linkDescription') }],
        infoBoxes: [
          {
            heading: typed('boxHeading'),
            body: typed('boxBody'),
            contacts: [{ name: typed('contactName'), role: typed('contactRole'), email: FIELDS.contactEmail[1] }],
          },
        ],
      });
      postPath = `/${blog.slug}/${post.slug}`;
      const comment = await postComment(server, postPath, {
        name: typed('commenterName'),
        email: 'skjult@privat.example',
        body: typed('commentBody'),
      });
      assert.equal(comment.status, 303);

      const baseUrl = /<link rel="canonical" href="([^"]+?)\/"/.exec(await (await server.get('/')).text())?.[1] ?? server.url;
      answers = await crawl(
        server,
        ['/', '/search?q=posttitel', '/search?q=indledningsord', '/search?q=broedtekst', '/search/suggest?q=posttitel', '/sitemap.xml'],
        [baseUrl, server.url],
      );
    });
    after(async () => {
      await server?.close();
    });

    it('fetches the pages, feeds and search results that show the fields', () => {
      const urls = answers.map((a) => a.url);
      for (const url of [
        '/',
        '/debat',
        postPath,
        '/feed.atom',
        '/feed.rss',
        '/feed.json',
        '/debat/feed.atom',
        '/comments/feed.atom',
        `${postPath}/comments/feed.json`,
      ]) {
        assert.ok(urls.includes(url), `${url} was not fetched; fetched: ${urls.join(' ')}`);
      }
      assert.ok(
        urls.some((u) => u.startsWith('/authors/')),
        'an author page',
      );
      assert.ok(
        urls.some((u) => u.startsWith('/tags/')),
        'a tag page',
      );
      assert.ok(
        urls.some((u) => /^\/authors\/[^/]+\/feed\.rss$/.test(u)),
        'an author feed',
      );
      assert.ok(
        urls.some((u) => u.startsWith(`${postPath}?reply=`)),
        'the page that answers a comment',
      );
    });

    it('keeps every typed address out of every answer, raw, decoded and with tags dropped', () => {
      const leaks: string[] = [];
      for (const answer of answers) {
        const forms = [answer.body, decoded(answer.body), withoutTags(decoded(answer.body))].map((f) => f.toLowerCase());
        for (const [field, [, address]] of Object.entries(FIELDS)) {
          if (forms.some((form) => form.includes(address))) leaks.push(`${answer.url}: ${field}`);
        }
      }
      assert.deepEqual(leaks, []);
    });

    it('still shows the words around each address, and the address in its readable form', () => {
      const everything = answers.map((a) => decoded(a.body)).join('\n');
      const missing = (Object.keys(FIELDS) as Field[]).filter((field) => {
        const [word, address] = FIELDS[field];
        const readable = `${address.split('@')[0]} (snabel-a) ${address.split('@')[1]}`;
        return !everything.includes(word) || !(everything.includes(readable) || field === 'contactEmail');
      });
      assert.deepEqual(missing, []);
      const post = answers.find((a) => a.url === postPath)!.body;
      for (const field of [
        'postTitle',
        'lead',
        'body',
        'imageAlt',
        'linkTitleAttribute',
        'bylineNote',
        'linkTitle',
        'linkDescription',
        'boxHeading',
        'boxBody',
        'contactName',
        'contactRole',
        'commenterName',
        'commentBody',
      ] as const) {
        assert.ok(post.includes(FIELDS[field][0]), `${field} is on the post page`);
      }
    });
  });
}
