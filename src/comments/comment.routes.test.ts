import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { postComment, proveAddress, readForm } from '../../test/support/comments.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { getSpamReport } from './spam-report.service.js';

const RELAXED = {
  minSecondsToSubmit: 0,
  commentsPerHourPerIp: 10_000,
  commentsPerHourPerEmail: 10_000,
  commentPolicy: 'open' as const,
  commentMaxDepth: 3,
};

for (const dialect of DIALECTS) {
  describe(`posting comments (${dialect})`, () => {
    let server: TestServer;
    let path: string;
    let postId: string;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });
    beforeEach(async () => {
      await updateSiteSettings(server.db, RELAXED);
      await server.db.deleteFrom('rate_limits').execute();
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      path = `/${blog.slug}/${post.slug}`;
      postId = post.id;
    });

    const commentsOn = async (p: string, headers: Record<string, string> = {}) => (await server.get(p, { headers })).text();
    const layerCount = async (layer: string) =>
      (await getSpamReport(server.db)).filter((r) => r.layer === layer).reduce((n, r) => n + r.count, 0);

    it('publishes a comment and sends the person to its anchor (Post/Redirect/Get)', async () => {
      const response = await postComment(server, path, {
        name: 'Åse Ærø',
        body: 'Første linje\nanden linje\n\nNyt afsnit med https://example.org/kilde',
      });
      assert.equal(response.status, 303);
      const location = response.headers.get('location')!;
      assert.match(location, new RegExp(`^${path}#comment-[0-9a-f-]{36}$`));
      const html = await commentsOn(path);
      assert.match(html, /Åse Ærø/);
      assert.match(
        html,
        /Første linje<br>anden linje<\/p><p>Nyt afsnit med <a href="https:\/\/example.org\/kilde" rel="nofollow ugc noopener">/,
      );
      assert.match(html, /Kommentarer \(1\)/);
      assert.match(html, new RegExp(`id="${location.split('#')[1]}"`));
    });

    it('returns the form with everything typed and the error tied to its field on a wrong answer', async () => {
      const form = await readForm(server, path);
      const wrong = String(Number(form.answer) + 1);
      const response = await postComment(server, path, {
        name: 'Bo',
        email: 'bo@debat.example',
        body: 'Min tekst <som skal bevares>',
        token: form.token,
        answer: wrong,
      });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /value="Bo"/);
      assert.match(html, /value="bo@debat.example"/);
      assert.match(html, />Min tekst &lt;som skal bevares(&gt;|>)<\/textarea>/);
      assert.match(html, /id="comment-answer"[^>]*aria-invalid="true"[^>]*aria-describedby="error-answer hint-answer"/);
      // A summary at the top of the form takes the focus and links to the field.
      assert.match(
        html,
        /<div class="error-summary" id="error-summary" tabindex="-1" autofocus[^>]*aria-labelledby="error-summary-heading"><h3 id="error-summary-heading">Der er et problem<\/h3>[\s\S]*<a href="#comment-answer">/,
      );
      assert.equal(await layerCount('question'), 1);
    });

    it('refuses a reused token and counts it', async () => {
      const form = await readForm(server, path);
      assert.equal((await postComment(server, path, { token: form.token, answer: form.answer })).status, 303);
      const replay = await postComment(server, path, { token: form.token, answer: form.answer, body: 'Et andet forsøg' });
      assert.equal(replay.status, 422);
      assert.match(await replay.text(), /error-answer/);
    });

    it('refuses a post without a token', async () => {
      const response = await postComment(server, path, { token: '', answer: '7' });
      assert.equal(response.status, 422);
    });

    it('stops a bot that fills the honeypot', async () => {
      const before = await layerCount('honeypot');
      assert.equal((await postComment(server, path, { website: 'https://spam.example' })).status, 422);
      assert.equal(await layerCount('honeypot'), before + 1);
      assert.doesNotMatch(await commentsOn(path), /Karen Kommentator/);
    });

    it('lets the honeypot and the duplicate check be turned off in settings', async () => {
      await updateSiteSettings(server.db, { honeypotEnabled: false, duplicateCheckEnabled: false });
      assert.equal((await postComment(server, path, { website: 'autofyldt af browseren' })).status, 303);
      assert.equal((await postComment(server, path, { body: 'To gange det samme' })).status, 303);
      assert.equal((await postComment(server, path, { body: 'To gange det samme' })).status, 303);
      await updateSiteSettings(server.db, { honeypotEnabled: true, duplicateCheckEnabled: true });
    });

    it('stops a form sent faster than a person can write', async () => {
      await updateSiteSettings(server.db, { minSecondsToSubmit: 30 });
      const response = await postComment(server, path);
      assert.equal(response.status, 422);
      assert.match(await response.text(), /error-summary/);
      assert.ok((await layerCount('too-fast')) >= 1);
    });

    it('stops a flood from one address with 429 and keeps the text', async () => {
      await updateSiteSettings(server.db, { commentsPerHourPerIp: 2 });
      assert.equal((await postComment(server, path, { email: 'a@flood.example' })).status, 303);
      assert.equal((await postComment(server, path, { email: 'b@flood.example' })).status, 303);
      const third = await postComment(server, path, { email: 'c@flood.example', body: 'Den tredje kommentar' });
      assert.equal(third.status, 429);
      assert.match(await third.text(), />Den tredje kommentar<\/textarea>/);
      assert.ok((await layerCount('rate-limit')) >= 1);
    });

    it('refuses the same comment twice', async () => {
      assert.equal((await postComment(server, path, { body: 'Præcis denne tekst' })).status, 303);
      assert.equal((await postComment(server, path, { body: 'Præcis denne tekst' })).status, 409);
    });

    it('shows a held comment only to the person who wrote it, marked as awaiting moderation', async () => {
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      const response = await postComment(server, path, { name: 'Ventende Person', body: 'Jeg venter på godkendelse' });
      assert.equal(response.status, 303);
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      assert.match(response.headers.get('set-cookie')!, /HttpOnly; SameSite=Lax/);
      const own = await server.get(path, { headers: { cookie } });
      assert.match(own.headers.get('cache-control')!, /private/);
      const ownHtml = await own.text();
      assert.match(ownHtml, /Ventende Person/);
      assert.match(ownHtml, /Afventer godkendelse/);
      assert.doesNotMatch(await commentsOn(path), /Ventende Person/);
      assert.doesNotMatch(await commentsOn(path, { cookie: `${cookie.split('=')[0]}=forged.value` }), /Ventende Person/);
    });

    it('holds first-time commenters under that policy and trusts them once approved, in a browser that proved the address', async () => {
      await updateSiteSettings(server.db, { commentPolicy: 'first-time' });
      const first = await postComment(server, path, { email: 'ny@debat.example', notify: true });
      assert.match(first.headers.get('set-cookie') ?? '', /ytring_own=/);
      const id = first.headers.get('location')!.split('#comment-')[1]!;
      await server.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();
      const cookie = await proveAddress(server, 'ny@debat.example');
      const second = await postComment(server, path, { email: 'ny@debat.example' }, { headers: { cookie } });
      assert.doesNotMatch(second.headers.get('set-cookie') ?? '', /ytring_own=/, 'approved: nothing held to show');
    });

    it('records why a comment was held', async () => {
      await server.db
        .insertInto('blocklist')
        .values({ id: 'w1', kind: 'word', value: 'kasino', created_at: new Date().toISOString() })
        .onConflict((oc) => oc.columns(['kind', 'value', 'blog_id']).doNothing())
        .execute();
      const response = await postComment(server, path, { body: 'Besøg mit kasino i dag' });
      const id = response.headers.get('location')!.split('#comment-')[1]!;
      const row = await server.db.selectFrom('comments').select(['status', 'spam_reasons']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.deepEqual(
        JSON.parse(row.spam_reasons).map((r: { rule: string }) => r.rule),
        ['word:kasino'],
      );
    });

    it('nests replies and attaches replies past the maximum depth at the deepest level', async () => {
      await updateSiteSettings(server.db, { commentMaxDepth: 2 });
      const idOf = (r: Response) => r.headers.get('location')!.split('#comment-')[1]!;
      const top = idOf(await postComment(server, path, { body: 'Øverst' }));
      const reply = idOf(await postComment(server, path, { body: 'Svar', parent: top }));
      const deeper = idOf(await postComment(server, path, { body: 'Svar på svar', parent: reply }));
      const rows = await server.db.selectFrom('comments').select(['id', 'parent_id', 'depth']).where('id', 'in', [reply, deeper]).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      assert.deepEqual([byId.get(reply)!.parent_id, Number(byId.get(reply)!.depth)], [top, 2]);
      assert.deepEqual([byId.get(deeper)!.parent_id, Number(byId.get(deeper)!.depth)], [top, 2]);
      const html = await commentsOn(path);
      assert.match(html, new RegExp(`id="comment-${top}"[\\s\\S]*class="comments comments--replies"[\\s\\S]*id="comment-${reply}"`));
    });

    it('pages long debates with links that work without JavaScript', async () => {
      await updateSiteSettings(server.db, { commentsPerPage: 5 });
      let last = '';
      for (let i = 0; i < 7; i++)
        last = (await postComment(server, path, { body: `Indlæg i debatten nummer ${i}` })).headers.get('location')!;
      assert.match(last, /\?comments-page=2#comment-/);
      const first = await commentsOn(path);
      // The comments' own words: the factories' post titles ("Indlæg nummer 69") hold "nummer" too.
      assert.match(first, /debatten nummer 0/);
      assert.doesNotMatch(first, /debatten nummer 6/);
      assert.match(first, /href="[^"]*\?comments-page=2#comments" rel="next"/);
      assert.match(await commentsOn(`${path}?comments-page=2`), /debatten nummer 6/);
      await updateSiteSettings(server.db, { commentsPerPage: 50 });
    });

    it('sends a page number past the last page of threads to that last page, however many replies there are', async () => {
      await updateSiteSettings(server.db, { commentsPerPage: 5 });
      try {
        // Six threads with a reply each: two pages of threads, twelve comments.
        for (let i = 0; i < 6; i++) {
          const top = (await postComment(server, path, { body: `Tråd til sidetal ${i}` })).headers.get('location')!.split('#comment-')[1]!;
          await postComment(server, path, { body: `Svar til sidetal ${i}`, parent: top });
        }
        for (const asked of [3, 9]) {
          const response = await server.get(`${path}?comments-page=${asked}`, { redirect: 'manual' });
          assert.equal(response.status, 303, `page ${asked} is past the last`);
          assert.equal(response.headers.get('location'), `${path}?comments-page=2`);
          await response.arrayBuffer();
        }
        const last = await commentsOn(`${path}?comments-page=2`);
        assert.match(last, /Tråd til sidetal 5/);
        assert.match(last, /Kommentarside 2 af 2/);
      } finally {
        await updateSiteSettings(server.db, { commentsPerPage: 50 });
      }
    });

    it('renders the reply form under the comment when asked without JavaScript', async () => {
      const top = (await postComment(server, path, { name: 'Svarbar' })).headers.get('location')!.split('#comment-')[1]!;
      const html = await commentsOn(`${path}?reply=${top}`);
      assert.match(
        html,
        new RegExp(`id="comment-${top}"[\\s\\S]*<form class="comment-form" id="respond"[\\s\\S]*name="parent" value="${top}"`),
      );
      assert.match(html, /Svar til Svarbar/);
    });

    it('answers JSON to a script and never includes the address', async () => {
      const response = await postComment(server, path, { email: 'json@debat.example' }, { headers: { accept: 'application/json' } });
      assert.equal(response.status, 201);
      const body = await response.text();
      assert.doesNotMatch(body, /json@debat/);
      assert.equal(JSON.parse(body).status, 'approved');
      const refused = await postComment(server, path, { answer: '999' }, { headers: { accept: 'application/json' } });
      assert.equal(refused.status, 422);
      const data = (await refused.json()) as { errors: Record<string, string>; question: { token: string } };
      assert.ok(data.errors.answer);
      assert.ok(data.question.token);
    });

    it('shows the comment count on post lists', async () => {
      await postComment(server, path);
      await postComment(server, path);
      assert.match(await commentsOn('/'), /2 kommentarer/);
    });

    it('closes comments after the set number of days', async () => {
      await updateSiteSettings(server.db, { commentsCloseAfterDays: 1 });
      const blog = await buildBlog(server.db);
      const old = await buildPost(server.db, { blogId: blog.id, publishedAt: new Date(Date.now() - 3 * 86_400_000) });
      const html = await commentsOn(`/${blog.slug}/${old.slug}`);
      await updateSiteSettings(server.db, { commentsCloseAfterDays: 0 });
      assert.match(html, /Der er lukket for kommentarer/);
      assert.doesNotMatch(html, /id="respond"/);
    });

    it('serves a fresh question for cached pages without a cookie', async () => {
      assert.equal((await server.get('/comments/question')).status, 400);
      const response = await server.get(`/comments/question?post=${postId}`);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('set-cookie'), null);
      const data = (await response.json()) as { token: string; text: string };
      assert.match(data.text, /^Hvad er \d+ (plus|minus) \d+\?$/);
    });
  });
}
