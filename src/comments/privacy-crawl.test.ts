/**
 * Acceptance test: the e-mail address of every commenter is absent from every public response.
 * Crawls every public URL of the demo site and searches each answer for every stored address
 * and its hash.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { ipHashOf } from './comment.service.js';
import { insertBlocklistEntry } from './spam/spam.repository.js';

const HARVESTABLE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/;
const MAX_URLS = 500;

interface Answer {
  url: string;
  status: number;
  contentType: string;
  body: string;
}

const isHtml = (answer: Answer) => answer.contentType.startsWith('text/html');
const commentIdOf = (response: Response) => /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1];

/** Same-origin links of a page, without fragments; "?…" links are resolved against the page. */
function linksOf(html: string, pageUrl: string): string[] {
  const links: string[] = [];
  for (const [, raw] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const href = raw!.replace(/&amp;/g, '&').split('#')[0]!;
    if (href.startsWith('/') && !href.startsWith('//')) links.push(href);
    else if (href.startsWith('?')) links.push(`${pageUrl.split('?')[0]}${href}`);
  }
  return links;
}

/** GETs every URL reachable from `/` (assets fetched but not parsed), up to MAX_URLS. */
async function crawl(server: TestServer, start: readonly string[]): Promise<Answer[]> {
  const seen = new Set(start);
  const queue = [...start];
  const answers: Answer[] = [];
  while (queue.length > 0 && answers.length < MAX_URLS) {
    const url = queue.shift()!;
    const response = await server.get(url);
    const answer = { url, status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
    answers.push(answer);
    const location = response.headers.get('location');
    const next = isHtml(answer) && !url.startsWith('/static/') ? linksOf(answer.body, url) : [];
    if (location?.startsWith('/')) next.push(location.split('#')[0]!);
    for (const link of next) {
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return answers;
}

for (const dialect of DIALECTS) {
  describe(`no commenter address in any public response (${dialect})`, () => {
    let server: TestServer;
    let answers: Answer[];
    let secrets: string[];
    let jsonAnswer: Answer;

    before(async () => {
      server = await startTestServer(dialect, { demo: true });
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentsPerHourPerIp: 10000, commentsPerHourPerEmail: 10000 });
      await insertBlocklistEntry(server.db, 'word', 'kasino', new Date().toISOString());
      const post = await server.db
        .selectFrom('posts')
        .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
        .select(['posts.slug', 'blogs.slug as blog'])
        .where('posts.status', '=', 'published')
        .orderBy('posts.published_at', 'desc')
        .executeTakeFirstOrThrow();
      const path = `/${post.blog}/${post.slug}`;

      const published = await postComment(server, path, {
        name: 'Pia Privat',
        email: 'Pia.Privat@hemmelig.example',
        body: 'Skriv gerne til pia.privat@hemmelig.example, hvis I vil vide mere.',
      });
      assert.equal(published.status, 303);
      const held = await postComment(server, path, {
        name: 'Hans Holdt',
        email: 'hans.holdt@skjult.example',
        body: 'Spil på mit kasino i dag.',
      });
      assert.equal(held.status, 303);
      const reply = await postComment(server, path, {
        name: 'Rita Replik',
        email: 'rita.replik@svar.example',
        parent: commentIdOf(published)!,
        notify: true,
        body: 'Et svar med besked om svar.',
      });
      assert.equal(reply.status, 303);
      const json = await postComment(
        server,
        path,
        { name: 'Jens Json', email: 'jens.json@api.example' },
        { headers: { accept: 'application/json' } },
      );
      jsonAnswer = {
        url: `POST ${path}/comments`,
        status: json.status,
        contentType: json.headers.get('content-type') ?? '',
        body: await json.text(),
      };

      const cookie = held.headers.get('set-cookie')?.split(';')[0] ?? '';
      const ownView = await server.get(path, { headers: { cookie } });
      answers = [
        ...(await crawl(server, ['/', '/comments/question'])),
        {
          url: `${path} (with the own-comments cookie)`,
          status: ownView.status,
          contentType: ownView.headers.get('content-type') ?? '',
          body: await ownView.text(),
        },
      ];

      const comments = await server.db.selectFrom('comments').select(['author_email', 'email_hash', 'ip_hash']).execute();
      const people = await server.db.selectFrom('people').select('email').execute();
      const subscriptions = await server.db.selectFrom('comment_subscriptions').select('email').execute();
      const rateLimits = await server.db.selectFrom('rate_limits').select('key').where('key', 'like', 'comment:ip:%').execute();
      secrets = [
        ...new Set(
          [
            ...comments.flatMap((c) => [c.author_email, c.email_hash, c.ip_hash ?? '']),
            ...people.map((p) => p.email ?? ''),
            ...subscriptions.map((s) => s.email),
            ...rateLimits.map((r) => r.key.slice('comment:ip:'.length)),
            ipHashOf(server.app.secret, '127.0.0.1')!,
          ]
            .filter(Boolean)
            .map((s) => s.toLowerCase()),
        ),
      ];
    });
    after(async () => {
      await server?.close();
    });

    it('crawls the front page, every blog, every published post, and the author and tag pages', async () => {
      const visited = new Set(answers.map((a) => a.url));
      // Scheduled posts are not public yet; neither are tags and authors only they have.
      const published = server.db
        .selectFrom('posts')
        .select('posts.id')
        .where('posts.status', '=', 'published')
        .where('posts.deleted_at', 'is', null);
      const posts = await server.db
        .selectFrom('posts')
        .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
        .select(['posts.slug', 'blogs.slug as blog'])
        .where('posts.id', 'in', published)
        .execute();
      const authors = await server.db
        .selectFrom('people')
        .innerJoin('post_authors', 'post_authors.person_id', 'people.id')
        .select('people.slug')
        .distinct()
        .where('post_authors.post_id', 'in', published)
        .execute();
      const tags = await server.db
        .selectFrom('tags')
        .innerJoin('post_tags', 'post_tags.tag_id', 'tags.id')
        .select('tags.slug')
        .distinct()
        .where('post_tags.post_id', 'in', published)
        .execute();
      const expected = [
        '/',
        ...(await server.db.selectFrom('blogs').select('slug').execute()).map((b) => `/${b.slug}`),
        ...posts.map((p) => `/${p.blog}/${p.slug}`),
        ...authors.map((a) => `/authors/${a.slug}`),
        ...tags.map((t) => `/tags/${t.slug}`),
      ];
      assert.deepEqual(
        expected.filter((url) => !visited.has(url)),
        [],
      );
      assert.ok(answers.length > 20, `only ${answers.length} URLs crawled`);
      assert.ok(
        answers.some((a) => a.url.startsWith('/static/')),
        'the assets were fetched too',
      );
    });

    it('finds the posted comments on the public page, so the search below is not searching nothing', () => {
      const pages = answers
        .filter(isHtml)
        .map((a) => a.body)
        .join('\n');
      assert.match(pages, /Pia Privat/);
      assert.match(pages, /Rita Replik/);
      assert.match(
        answers.find((a) => a.url.endsWith('(with the own-comments cookie)'))?.body ?? '',
        /Hans Holdt/,
        'the held comment, shown to its writer',
      );
      assert.ok(secrets.includes('pia.privat@hemmelig.example') && secrets.includes('hans.holdt@skjult.example'));
    });

    it('answers every crawled URL without a server error', () => {
      assert.deepEqual(
        answers.filter((a) => a.status >= 500).map((a) => `${a.status} ${a.url}`),
        [],
      );
    });

    it('keeps every stored address, e-mail hash and IP hash out of every public response', () => {
      const leaks = answers.flatMap((a) => {
        const body = a.body.toLowerCase();
        return secrets.filter((secret) => body.includes(secret)).map((secret) => `${a.url}: ${secret}`);
      });
      assert.deepEqual(leaks, []);
    });

    it('shows no harvestable e-mail address on any public HTML page', () => {
      const leaks = answers.filter(isHtml).flatMap((a) => {
        const match = HARVESTABLE.exec(a.body);
        return match ? [`${a.url}: ${match[0]}`] : [];
      });
      assert.deepEqual(leaks, []);
    });

    it('answers a comment posted as JSON without the address', () => {
      assert.equal(jsonAnswer.status, 201);
      assert.match(jsonAnswer.contentType, /application\/json/);
      assert.doesNotMatch(jsonAnswer.body.toLowerCase(), /jens\.json@api\.example/);
      assert.ok(secrets.every((secret) => !jsonAnswer.body.toLowerCase().includes(secret)));
    });
  });
}
