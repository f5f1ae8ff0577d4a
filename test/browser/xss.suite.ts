/**
 * Stored XSS (issue 8): every vector of the corpus goes in through the real paths (comment form,
 * post editor, people form, WXR import) and every page that shows it is opened in Chromium with
 * CSP bypassed, so what is proven is the escaping and sanitising, not the policy behind them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { importWxrFile } from '../../src/import-export/importer.js';
import { listPublishedPosts } from '../../src/posts/post.service.js';
import { hideEmails } from '../../src/shared/email-obfuscation.js';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { loginAs, type Session } from '../support/admin.js';
import { contextWithSession, launchBrowser, type TestBrowser } from '../support/browser.js';
import { answerOf } from '../support/comments.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { wxrDocument, wxrItem, type CommentSpec } from '../support/wxr.js';
import { markersIn, XSS_VECTORS, type XssVector } from '../support/xss-vectors.js';

const V = XSS_VECTORS;
const fits = (max: number) => V.filter((v) => v.text.length <= max);

// Whitespace, NUL and the replacement character are where a correct page may legitimately differ
// from the input (line breaks become <br>, the HTML parser drops NUL); nothing else may change.
// eslint-disable-next-line no-control-regex -- control characters are exactly what these vectors smuggle
const squash = (text: string) => text.replace(/[\s\u0000-\u001f\u007f\ufffd]+/g, '');

/** Vectors joined by spaces into strings of at most `max` characters, in corpus order. */
function pack(vectors: readonly XssVector[], max: number): XssVector[][] {
  const packs: XssVector[][] = [];
  let current: XssVector[] = [];
  let length = 0;
  for (const v of vectors) {
    if (current.length > 0 && length + 1 + v.text.length > max) {
      packs.push(current);
      current = [];
      length = 0;
    }
    length += (current.length ? 1 : 0) + v.text.length;
    current.push(v);
  }
  if (current.length) packs.push(current);
  return packs;
}
const joined = (vectors: readonly XssVector[]) => vectors.map((v) => v.text).join(' ');

// XML 1.0 allows no control characters but tab and newline; CDATA cannot hold "]]>".
// eslint-disable-next-line no-control-regex -- control characters are exactly what these vectors smuggle
const xmlSafe = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
const cdata = (text: string) => xmlSafe(text).replace(/]]>/g, ']]]]><![CDATA[>');
const xmlText = (text: string) => xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface PageReport {
  url: string;
  /** Text of the body without script, style and template contents. */
  text: string;
  /** Values of the form fields, for editors and re-shown forms. */
  values: string[];
  /** Attributes and elements that could only have come from input. */
  dangerous: string[];
  scripts: string[];
  tagLinks: string[];
}

/** Runs in the page: what it shows as text, and anything executable that the site never writes itself. */
function inspectDocument(): Omit<PageReport, 'url'> {
  const clone = document.body.cloneNode(true) as HTMLElement;
  for (const el of Array.from(clone.querySelectorAll('script, style, template'))) el.remove();
  const dangerous: string[] = [];
  const urlAttributes = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'poster',
    'background',
    'srcdoc',
    'content',
    'values',
    'to',
    'from',
    'by',
  ]);
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) dangerous.push(`<${el.localName} ${name}="${attr.value}">`);
      if (!urlAttributes.has(name)) continue;
      // What a URL parser sees: it drops control characters, tabs and newlines.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what these vectors smuggle
      const value = attr.value.replace(/[\u0000-\u0020]+/g, '').toLowerCase();
      // A meta's content is only followed as a URL when it is a refresh; elsewhere it is plain text.
      const refresh =
        name === 'content' && el.localName === 'meta' && el.hasAttribute('http-equiv') && /(^|[;=])(javascript|vbscript|data):/.test(value);
      if (name === 'content' && !refresh) continue;
      if (
        refresh ||
        /^(javascript|vbscript):/.test(value) ||
        (value.startsWith('data:') && !/^data:image\/(png|gif|jpeg|webp)[;,]/.test(value))
      ) {
        dangerous.push(`<${el.localName} ${name}="${attr.value}">`);
      }
      if (name === 'srcdoc') dangerous.push(`<${el.localName} srcdoc>`);
    }
  }
  const foreign =
    'iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], body style, link:not(head link), math, svg animate, svg set, svg script, svg foreignObject, isindex, marquee, xmp, plaintext, noscript, template, audio, video, details[open][ontoggle]';
  for (const el of Array.from(document.querySelectorAll(foreign))) {
    // The editor's own person search for browsers without script; an injected noscript holds other text.
    if (el.localName === 'noscript' && (el.textContent ?? '').trimStart().startsWith('<div class="field people-search">')) continue;
    dangerous.push(`<${el.localName}> element`);
  }
  const scripts = Array.from(document.querySelectorAll('script')).map((s) =>
    s.src ? `src:${new URL(s.src).pathname.replace(/\.[0-9a-f]{6,}\./, '.*.')}` : `inline:${s.type}`,
  );
  const values = Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value);
  const tagLinks = Array.from(document.querySelectorAll('a[href^="/tags/"]')).map((a) => a.getAttribute('href')!);
  return { text: clone.textContent ?? '', values, dangerous, scripts, tagLinks };
}

/** The whole corpus on one database; each database has a test file of its own, so they run side by side. */
export function xssSuite(dialect: 'sqlite' | 'postgres'): void {
  describe(`stored XSS through every field, opened in Chromium (${dialect})`, () => {
    let server: TestServer;
    let browser: TestBrowser;
    let admin: Session;
    let dir: string;
    let publicContext: BrowserContext;
    let adminContext: BrowserContext;
    /** Every sign of a payload running: recorder calls, dialogs, pages opened, navigations away. */
    const runs: string[] = [];
    const visited: PageReport[] = [];

    let commentPostPath: string;
    let commentPostId: string;
    const tagLinks = new Set<string>();
    const editorPosts: {
      id: string;
      path: string;
      title: XssVector[];
      lead: XssVector[];
      body: XssVector[];
      tags: XssVector[];
      authors: string[];
    }[] = [];
    const people: { id: string; vector: XssVector; slug?: string }[] = [];
    let importedPaths: string[] = [];
    const titlePacks = pack(V, 200);
    const tagVectors = fits(60).filter((v) => !v.text.includes(','));
    const RICH = 12;

    async function watchedContext(options: BrowserContextOptions, cookie?: string): Promise<BrowserContext> {
      const context = cookie ? await contextWithSession(browser, server.url, cookie, options) : await browser.newContext(options);
      await context.exposeBinding('__xssReport', ({ frame }, what: string) => {
        runs.push(`${what} in ${frame.url()}`);
      });
      // Installed before any page script, in every frame: the one function every vector calls, and
      // the three dialogs, which would otherwise block the page rather than report.
      await context.addInitScript(() => {
        const w = window as unknown as Record<string, unknown> & { __xssReport?: (what: string) => void };
        const report = (what: string) => {
          void w.__xssReport?.(what);
        };
        w.__xss = (id: unknown) => report(`__xss(${String(id)})`);
        for (const name of ['alert', 'confirm', 'prompt', 'print']) {
          w[name] = (...args: unknown[]) => {
            report(`${name}(${args.map(String).join(',')})`);
            return null;
          };
        }
      });
      context.on('page', (page) => {
        page.on('dialog', (dialog) => {
          runs.push(`dialog ${dialog.type()}: ${dialog.message()} in ${page.url()}`);
          void dialog.dismiss().catch(() => undefined);
        });
      });
      return context;
    }

    // One tab per context, navigated from page to page as a reader would: a new tab per page cost
    // Chromium a renderer process each time, most of this file's CPU on CI.
    const tabs = new WeakMap<BrowserContext, Page>();
    async function tabOf(context: BrowserContext): Promise<Page> {
      let tab = tabs.get(context);
      if (!tab || tab.isClosed()) {
        tab = await context.newPage();
        tabs.set(context, tab);
      }
      return tab;
    }

    /** Opens `path` and every further page of it (?page=, ?comments-page=) reachable from its links. */
    async function crawl(context: BrowserContext, path: string): Promise<PageReport[]> {
      const page = await tabOf(context);
      const reports: PageReport[] = [];
      const queue = [path];
      const seen = new Set(queue);
      while (queue.length) {
        const next = queue.shift()!;
        reports.push(await open(page, next));
        const more = await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))
            .filter((a) => a.origin === location.origin && a.pathname === location.pathname && /[?&](comments-)?page=\d+/.test(a.search))
            .map((a) => a.pathname + a.search),
        );
        for (const m of more)
          if (!seen.has(m)) {
            seen.add(m);
            queue.push(m);
          }
      }
      return reports;
    }

    async function open(page: Page, path: string): Promise<PageReport> {
      const target = `${server.url}${path}`;
      // A payload that ran on the previous page can hold up this navigation; name it, not the timeout.
      const response = await page.goto(target, { waitUntil: 'domcontentloaded' }).catch((error: Error) => {
        throw new Error(
          `${path} did not open (${error.message.split('\n')[0]}); payloads seen so far: ${JSON.stringify(runs.slice(0, 10))}`,
        );
      });
      assert.ok(response && response.status() < 400, `${path} answered ${response?.status()}`);
      // On a machine shared with others "load" can lag far behind; the checks below need the DOM only.
      await page.waitForLoadState('load', { timeout: 5000 }).catch(() => undefined);
      // onerror, onbegin, ontoggle and focus handlers fire after load: give them their turn.
      await page.waitForTimeout(100);
      if (page.url() !== new URL(target).href) runs.push(`navigated from ${target} to ${page.url()}`);
      const report = { url: path, ...(await page.evaluate(inspectDocument)) };
      visited.push(report);
      return report;
    }

    function assertClean(reports: readonly PageReport[], ownScripts: readonly string[]): void {
      // Emptied here, so one test's finding is reported once, by that test.
      assert.deepEqual(runs.splice(0), [], 'a payload ran');
      for (const r of reports) {
        assert.deepEqual(r.dangerous, [], `${r.url} carries markup from input`);
        // Pages differ in whether they carry JSON-LD, but no page has more than one of each own script.
        assert.deepEqual(
          r.scripts.filter((s) => !ownScripts.includes(s)),
          [],
          `${r.url} has scripts the site did not write`,
        );
        assert.equal(new Set(r.scripts).size, r.scripts.length, `${r.url} repeats a script`);
      }
    }

    /**
     * Each vector's whole text is on one of the pages, exactly as typed; public pages show an e-mail
     * address inside it in its readable-but-unharvestable form (src/views/partials/email.test.ts).
     */
    function assertShownAsText(reports: readonly PageReport[], vectors: readonly string[], where: string): void {
      const all = squash(reports.map((r) => r.text).join('\n'));
      const shown = (t: string) => [t, hideEmails(t, 'snabel-a'), hideEmails(t, 'at')].some((form) => all.includes(squash(form)));
      const missing = vectors.filter((t) => !shown(t));
      assert.deepEqual(missing, [], `${where}: ${missing.length} of ${vectors.length} vectors not shown as text`);
    }

    function assertMarkers(reports: readonly PageReport[], vectors: readonly XssVector[], where: string): void {
      const found = new Set(markersIn(reports.map((r) => r.text).join('\n')));
      const missing = vectors.filter((v) => !found.has(v.id)).map((v) => v.marker);
      assert.deepEqual(missing, [], `${where}: markers missing`);
    }

    let ownScripts: string[];
    /** The site's own scripts on an admin page (the staff script besides the public ones), before any vector went in. */
    let adminScripts: string[];

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ytring-xss-'));
      server = await startTestServer(dialect);
      browser = await launchBrowser();
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 100_000,
        commentsPerHourPerEmail: 100_000,
        commentPolicy: 'open',
        postsPerPage: 100,
        commentsPerPage: 50,
      });
      const blog = await buildBlog(server.db, { slug: 'xss', title: 'Angrebsfladen' });

      // People: one per vector that fits the name; the other profile fields take the vectors after it.
      for (const v of fits(120)) {
        const at = (k: number) => V[(v.id + k) % V.length]!.text;
        const response = await admin.post('/admin/people', {
          name: v.text,
          initials: '',
          jobTitle: at(1),
          organisation: at(2),
          bio: `${at(3)}\n\n${at(4)}`,
          avatarPath: '',
          email: '',
          phone: '',
        });
        assert.equal(response.status, 303, `person ${v.marker}: ${response.status} ${(await response.text()).slice(0, 200)}`);
        people.push({ id: /\/admin\/people\/([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')![1]!, vector: v });
      }

      // Posts through the editor: titles packed to the limit, every vector also in some lead, body and tag list.
      // Every title is its own post, but the other fields are spread over the first RICH posts only,
      // so a handful of post pages shows every vector (Chromium pages are the slow part).
      const mine =
        (k: number) =>
        <T>(list: readonly T[]) =>
          k < RICH ? list.filter((_, i) => i % RICH === k) : [];
      const leads = pack(V, 1990 - 'sondeord '.length);
      assert.ok(leads.length <= RICH, 'every lead is on a rich post');
      for (const [k, title] of titlePacks.entries()) {
        const lead = leads[k % leads.length]!;
        const body = mine(k)(V);
        const tags = mine(k)(tagVectors).slice(0, 20);
        const authors = [...mine(k)(people).map((p) => p.id), ...(k < RICH ? [] : [people[k % people.length]!.id])];
        const response = await admin.post('/admin/posts', {
          blogId: blog.id,
          title: joined(title),
          slug: '',
          lead: `sondeord ${joined(lead)}`,
          body: `Sondeord i brødteksten.\n\n${body.map((v) => v.text).join('\n\n')}`,
          tags: tags.map((v) => v.text).join(', '),
          commentsOpen: '1',
          status_action: 'publish',
          publish_at: '',
          author_person: [...authors, ''],
          author_note: [...authors.map(() => ''), ''],
          author_order: [...authors.map((_, i) => String(i + 1)), ''],
          guest_name: '',
          guest_job_title: '',
          guest_organisation: '',
          guest_note: '',
          guest_order: '',
          op: 'save',
        });
        assert.equal(response.status, 303, `post ${k}: ${response.status} ${(await response.text()).slice(0, 300)}`);
        const id = /\/admin\/posts\/([0-9a-f-]{36})\/edit/.exec(response.headers.get('location') ?? '')![1]!;
        editorPosts.push({ id, path: '', title, lead, body, tags, authors });
      }
      const published = await listPublishedPosts(server.db, { blogId: blog.id }, 1, 1000);
      for (const post of editorPosts) post.path = `/xss/${published.items.find((p) => p.id === post.id)!.slug}`;
      for (const p of people) p.slug = published.items.flatMap((item) => item.authors).find((a) => a.person.id === p.id)?.person.slug;

      // Comments through the public form, one per vector: the name where it fits, always the text.
      const commentPost = await buildPost(server.db, { blogId: blog.id, title: 'Her kommenteres', slug: 'kommentarer' });
      commentPostId = commentPost.id;
      commentPostPath = '/xss/kommentarer';
      for (const v of V) {
        const question = (await (await server.get(`/comments/question?post=${commentPost.id}`)).json()) as { token: string; text: string };
        const response = await server.get(`${commentPostPath}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            name: v.text.length <= 80 ? v.text : v.marker,
            email: `laeser${v.id}@debat.example`,
            body: v.text,
            parent: '',
            token: question.token,
            answer: answerOf(question.text),
            website: '',
          }),
        });
        assert.equal(response.status, 303, `comment ${v.marker}: ${response.status} ${(await response.text()).slice(0, 300)}`);
      }
      assert.ok(commentPost.id);

      // A WordPress export carrying the vectors in titles, content, comment authors and comment text.
      const items = pack(V, 200)
        .slice(0, 12)
        .map((titleVectors, k) => {
          const comments: CommentSpec[] = V.filter((_, i) => i % 12 === k).map((v) => ({
            id: 10_000 + v.id,
            author: cdata(v.text),
            content: cdata(v.text),
          }));
          return wxrItem({
            id: 500 + k,
            title: xmlText(joined(titleVectors)),
            name: `importeret-${k}`,
            content: cdata(
              V.filter((_, i) => i % 12 === k)
                .map((v) => `<p>${v.text}</p>`)
                .join('\n'),
            ),
            comments,
          });
        });
      const file = join(dir, 'xss.xml');
      await writeFile(file, wxrDocument('', items.join('')));
      const report = await importWxrFile(server.db, file, { secret: server.app.secret, blogSlug: 'importeret' });
      assert.equal(report.imported.posts, 12);
      assert.equal(report.imported.comments, V.length);
      importedPaths = (await listPublishedPosts(server.db, {}, 1, 1000)).items
        .filter((p) => p.blog.slug === 'importeret')
        .map((p) => `/importeret/${p.slug}`);

      // Anything the spam rules held (many links, say) is approved, so it shows on the public pages too.
      for (;;) {
        const html = await (await admin.get('/admin/comments?status=pending')).text();
        const ids = [...html.matchAll(/name="ids" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
        if (ids.length === 0) break;
        assert.equal((await admin.post('/admin/comments/bulk', { action: 'approve', ids })).status, 303);
      }

      publicContext = await watchedContext({ bypassCSP: true });
      adminContext = await watchedContext({ bypassCSP: true }, admin.cookie);
      // The site's own scripts, from a page no vector reached.
      const clean = await buildPost(server.db, { blogId: (await buildBlog(server.db, { slug: 'ren' })).id, slug: 'ren' });
      assert.ok(clean.id);
      ownScripts = (await open(await tabOf(publicContext), '/ren/ren')).scripts;
      assert.ok(
        ownScripts.some((s) => s.startsWith('src:/static/')),
        `the site's script is on the page: ${ownScripts.join(', ')}`,
      );
      adminScripts = (await open(await tabOf(adminContext), '/admin')).scripts;
      assert.ok(adminScripts.includes('src:/static/admin.*.js'), `the staff script is on the admin page: ${adminScripts.join(', ')}`);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('comment names and texts: every comment page shows each vector as text, and nothing runs', async () => {
      const reports = await crawl(publicContext, commentPostPath);
      assert.ok(reports.length >= Math.ceil(V.length / 50), `comment pages opened: ${reports.length}`);
      assertClean(reports, ownScripts);
      // Commenters' addresses in a text are shown rewritten, so those vectors are checked by marker.
      assertShownAsText(
        reports,
        V.filter((v) => !v.text.includes('@')).map((v) => v.text),
        'comment texts',
      );
      assertShownAsText(
        reports,
        fits(80).map((v) => v.text),
        'comment names',
      );
      assertMarkers(reports, V, 'comments');
    });

    it('posts from the editor: titles, leads, tags and bylines as text, bodies sanitised, on every post page', async () => {
      const reports: PageReport[] = [];
      assert.ok(tagVectors.length <= RICH * 20 && people.length <= RICH * 40, 'the rich posts can hold every tag and author');
      for (const post of editorPosts.slice(0, RICH)) {
        const [report] = await crawl(publicContext, post.path);
        assertShownAsText([report!], [joined(post.title), `sondeord ${joined(post.lead)}`, ...post.tags.map((v) => v.text)], post.path);
        reports.push(report!);
      }
      assertClean(reports, ownScripts);
      assertMarkers(reports, V, 'post bodies');
      assertShownAsText(
        reports,
        tagVectors.map((v) => v.text),
        'tags',
      );
      for (const r of reports) for (const href of r.tagLinks) tagLinks.add(href);
      assertShownAsText(
        reports,
        people.map((p) => p.vector.text),
        'bylines',
      );
    });

    it('listings: front page, blog pages, tag and author pages, search results', async () => {
      const reports = [
        ...(await crawl(publicContext, '/')),
        ...(await crawl(publicContext, '/xss')),
        ...(await crawl(publicContext, '/importeret')),
      ];
      assertShownAsText(reports, titlePacks.map(joined), 'titles in listings');
      const tagReports: PageReport[] = [];
      const sample = [...tagLinks].filter((_, i) => i % Math.ceil(tagLinks.size / 15) === 0);
      for (const href of sample) tagReports.push(...(await crawl(publicContext, href)));
      assert.ok(tagReports.length >= 10, `tag pages opened: ${tagReports.length}`);
      assertMarkers(
        tagReports,
        markersIn(sample.join(' ')).map((id) => V[id]!),
        'tag page headings',
      );
      const authorReports: PageReport[] = [];
      const withPosts = people.filter((p) => p.slug);
      for (const p of withPosts.filter((_, i) => i % Math.ceil(withPosts.length / 15) === 0)) {
        const [report] = await crawl(publicContext, `/authors/${p.slug}`);
        assertShownAsText([report!], [p.vector.text], `author page ${p.vector.marker}`);
        assertMarkers(
          [report!],
          [1, 2, 3, 4].map((k) => V[(p.vector.id + k) % V.length]!),
          `profile of ${p.vector.marker}`,
        );
        authorReports.push(report!);
      }
      assert.ok(authorReports.length >= 10, `author pages opened: ${authorReports.length}`);
      const searchReports = await crawl(publicContext, '/search?q=sondeord');
      assertMarkers(searchReports, titlePacks.flat(), 'search results');
      // The query itself is something a person types, and the results page shows it back.
      for (const v of V.filter((_, i) => i % 40 === 0))
        searchReports.push(...(await crawl(publicContext, `/search?q=${encodeURIComponent(v.text)}`)));
      assertClean([...reports, ...tagReports, ...authorReports, ...searchReports], ownScripts);
    });

    it('the import: titles, contents, comment authors and comments of a WXR file', async () => {
      assert.equal(importedPaths.length, 12);
      const reports: PageReport[] = [];
      for (const path of importedPaths) reports.push(...(await crawl(publicContext, path)));
      assertClean(reports, ownScripts);
      assertMarkers(reports, V, 'imported posts and comments');
      const text = reports.map((r) => r.text).join('\n');
      // Each vector went in as content, comment author and comment text; the HTML sanitiser may drop
      // what was inside a removed element, but the two plain-text copies must both be there.
      const counts = new Map<number, number>();
      for (const id of markersIn(text)) counts.set(id, (counts.get(id) ?? 0) + 1);
      const thin = V.filter((v) => (counts.get(v.id) ?? 0) < 2).map((v) => v.marker);
      assert.deepEqual(thin, [], 'vectors shown fewer than twice across the imported pages');
    });

    it('admin: post list, editors, moderation queue, people list and profiles', async () => {
      const reports = [
        ...(await crawl(adminContext, '/admin/posts')),
        ...(await crawl(adminContext, `/admin/comments?status=all&post=${commentPostId}`)),
        ...(await crawl(adminContext, '/admin/people')),
      ];
      assertShownAsText(
        reports.filter((r) => r.url.startsWith('/admin/posts')),
        titlePacks.map(joined),
        'admin post list',
      );
      assertShownAsText(
        reports.filter((r) => r.url.startsWith('/admin/people')),
        people.map((p) => p.vector.text),
        'people list',
      );
      assertShownAsText(
        reports.filter((r) => r.url.startsWith('/admin/comments')),
        fits(80).map((v) => v.text),
        'moderation queue names',
      );
      assertMarkers(
        reports.filter((r) => r.url.startsWith('/admin/comments')),
        V,
        'moderation queue',
      );
      for (const post of editorPosts.slice(0, 3)) {
        const [report] = await crawl(adminContext, `/admin/posts/${post.id}/edit`);
        // An editor shows the stored text in its fields, byte for byte apart from line endings.
        // (A one-line field drops line breaks from its value, so values are compared squashed.)
        const values = report!.values.map(squash);
        for (const expected of [joined(post.title), `sondeord ${joined(post.lead)}`])
          assert.ok(values.includes(squash(expected)), `${report!.url}: a field holds ${expected.slice(0, 40)}`);
        assert.ok(
          values.some((value) => post.body.every((v) => value.includes(squash(v.text)))),
          `${report!.url}: the body field holds every vector`,
        );
        reports.push(report!);
      }
      for (const p of people.filter((_, i) => i % 100 === 0)) {
        const [report] = await crawl(adminContext, `/admin/people/${p.id}`);
        assert.ok(report!.values.map(squash).includes(squash(p.vector.text)), `${report!.url}: the name field holds the vector`);
        reports.push(report!);
      }
      assertClean(
        reports,
        adminScripts.filter((s) => !s.startsWith('inline:')),
      );
    });

    it('an invalid e-mail is refused and the form comes back showing every field as typed', async () => {
      const page = await tabOf(publicContext);
      const reports: PageReport[] = [];
      await page.goto(`${server.url}${commentPostPath}`, { waitUntil: 'load' });
      // Each refusal shows the form again with a new question, so the next vector is sent from it.
      for (const v of V.filter((_, i) => i % 12 === 0)) {
        const loaded = page.waitForEvent('load');
        await page.evaluate(
          ({ name, email, body }) => {
            const form = document.querySelector<HTMLFormElement>('form input[name="token"]')!.form!;
            const question = /(\d+) (plus|minus) (\d+)\?/.exec(form.textContent ?? '')!;
            const answer = question[2] === 'plus' ? Number(question[1]) + Number(question[3]) : Number(question[1]) - Number(question[3]);
            (form.elements.namedItem('name') as HTMLInputElement).value = name;
            (form.elements.namedItem('email') as HTMLInputElement).value = email;
            (form.elements.namedItem('body') as HTMLTextAreaElement).value = body;
            (form.elements.namedItem('answer') as HTMLInputElement).value = String(answer);
            // The browser's own check of type=email would stop a person; a bot posts anyway.
            HTMLFormElement.prototype.submit.call(form);
          },
          { name: v.text.length <= 80 ? v.text : v.marker, email: v.text, body: `Om ${v.text}` },
        );
        await loaded;
        assert.equal(page.url(), `${server.url}${commentPostPath}/comments`);
        await page.waitForTimeout(100);
        const report = { url: `${commentPostPath}/comments (${v.marker})`, ...(await page.evaluate(inspectDocument)) };
        const values = report.values.map((value) => value.replace(/\r\n/g, '\n'));
        assert.ok(
          values.some((value) => squash(value) === squash(v.text)),
          `${report.url}: the e-mail field holds the vector`,
        );
        assert.ok(
          values.some((value) => squash(value) === squash(`Om ${v.text}`)),
          `${report.url}: the text field holds the vector`,
        );
        const invalid = await page.locator('[name="email"][aria-invalid="true"]').count();
        assert.equal(invalid, 1, `${report.url}: the e-mail field is marked as refused`);
        reports.push(report);
      }
      assertClean(reports, ownScripts);
    });

    it('with the real Content-Security-Policy on as well, the busiest pages stay quiet', async () => {
      const context = await watchedContext({});
      const reports = [
        ...(await crawl(context, commentPostPath)),
        ...(await crawl(context, '/')),
        ...(await crawl(context, editorPosts[0]!.path)),
        ...(await crawl(context, importedPaths[0]!)),
      ];
      assertClean(reports, ownScripts);
      await context.close();
    });
  });
}
