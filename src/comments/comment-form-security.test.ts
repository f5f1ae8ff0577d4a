/**
 * The public comment form against other sites and other posts: a question is good for its own
 * post only, a form posted from another site is refused with the text kept, and the minimum
 * writing time counts from the reader's first form, not from a question handed out after a refusal.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { answerOf, postComment, readForm } from '../../test/support/comments.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { makeQuestion } from './spam/question.js';

const RELAXED = { minSecondsToSubmit: 0, commentsPerHourPerIp: 10_000, commentsPerHourPerEmail: 10_000, commentPolicy: 'open' as const };

const tokenIn = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;
const sum = (q: { a: number; b: number; op: 'plus' | 'minus' }) => String(q.op === 'plus' ? q.a + q.b : q.a - q.b);

for (const dialect of DIALECTS) {
  describe(`the comment form against other sites and posts (${dialect})`, () => {
    let server: TestServer;
    let pathA: string;
    let pathB: string;
    let postA: string;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });
    beforeEach(async () => {
      await updateSiteSettings(server.db, RELAXED);
      const blog = await buildBlog(server.db);
      const a = await buildPost(server.db, { blogId: blog.id });
      const b = await buildPost(server.db, { blogId: blog.id });
      pathA = `/${blog.slug}/${a.slug}`;
      pathB = `/${blog.slug}/${b.slug}`;
      postA = a.id;
    });

    const stored = async (body: string) => (await server.db.selectFrom('comments').select('id').where('body', '=', body).execute()).length;

    it('refuses a question from post A on post B, keeps the text, and the token still works on A', async () => {
      const form = await readForm(server, pathA);
      const onB = await postComment(server, pathB, {
        name: 'Anders And',
        email: 'anders@debat.example',
        body: 'Til det forkerte indlæg',
        token: form.token,
        answer: form.answer,
      });
      assert.equal(onB.status, 422);
      const html = await onB.text();
      assert.match(html, /Regnestykket hørte til et andet indlæg/);
      assert.match(html, /value="Anders And"/);
      assert.match(html, /value="anders@debat.example"/);
      assert.match(html, />Til det forkerte indlæg<\/textarea>/);
      assert.equal(await stored('Til det forkerte indlæg'), 0);
      // The page it came back on asks a question for B, which B accepts.
      const again = await postComment(server, pathB, { body: 'Nu fra B selv', token: tokenIn(html), answer: answerOf(html) });
      assert.equal(again.status, 303);
      assert.equal((await postComment(server, pathA, { body: 'Og på A', token: form.token, answer: form.answer })).status, 303);
    });

    it('binds the questions a script fetches to the post asked for', async () => {
      const data = (await (await server.get(`/comments/question?post=${postA}`)).json()) as { token: string; text: string };
      const answer = answerOf(data.text);
      assert.equal((await postComment(server, pathB, { token: data.token, answer })).status, 422);
      assert.equal((await postComment(server, pathA, { token: data.token, answer })).status, 303);
    });

    for (const [label, headers] of [
      ['an Origin of another site', { origin: 'https://angriber.example' }],
      ['Origin: null from a sandboxed page', { origin: 'null' }],
      ['Origin: null with Sec-Fetch-Site: cross-site', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
      ['a Referer of another site', { referer: 'https://angriber.example/side' }],
    ] as const) {
      it(`refuses a form posted with ${label}, keeps the text, and spends nothing`, async () => {
        const form = await readForm(server, pathA);
        const body = `Fra en anden side ${label}`;
        const response = await postComment(
          server,
          pathA,
          { name: 'Gitte Gæst', email: 'gitte@debat.example', body, token: form.token, answer: form.answer },
          { headers },
        );
        assert.equal(response.status, 403);
        const html = await response.text();
        assert.match(html, /Formularen blev sendt fra en anden hjemmeside/);
        assert.match(html, /value="Gitte Gæst"/);
        assert.match(html, /value="gitte@debat.example"/);
        assert.ok(html.includes(`>${body}</textarea>`));
        assert.match(html, /<a href="#comment-name"|<li>Formularen blev sendt/);
        assert.equal(await stored(body), 0);
        // Sent again from our own page, the same question is still good.
        assert.equal(
          (await postComment(server, pathA, { body, token: form.token, answer: form.answer }, { headers: { origin: server.url } })).status,
          303,
        );
      });
    }

    it('accepts our own origin, and Origin: null when the browser says the request is same-origin', async () => {
      assert.equal(
        (await postComment(server, pathA, {}, { headers: { origin: server.url, 'sec-fetch-site': 'same-origin' } })).status,
        303,
      );
      assert.equal((await postComment(server, pathA, {}, { headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } })).status, 303);
      assert.equal((await postComment(server, pathA, {}, { headers: { referer: `${server.url}${pathA}` } })).status, 303);
    });

    it('refuses a cross-site form in JSON too, for a script that tries', async () => {
      const response = await postComment(
        server,
        pathA,
        {},
        { headers: { origin: 'https://angriber.example', accept: 'application/json' } },
      );
      assert.equal(response.status, 403);
      assert.match(((await response.json()) as { errors: { form: string } }).errors.form, /anden hjemmeside/);
    });

    it('counts the minimum time from the first form, so a corrected answer is not "too fast", with and without a script', async () => {
      await updateSiteSettings(server.db, { minSecondsToSubmit: 30 });
      // The reader opened the form a minute ago and got the sum wrong just now.
      const first = makeQuestion(server.app.secret, new Date(Date.now() - 60_000), { postId: postA });
      const wrong = await postComment(server, pathA, {
        token: first.token,
        answer: String(Number(sum(first)) + 1),
        body: 'Rettet svar uden script',
      });
      assert.equal(wrong.status, 422);
      const html = await wrong.text();
      assert.equal(
        (await postComment(server, pathA, { token: tokenIn(html), answer: answerOf(html), body: 'Rettet svar uden script' })).status,
        303,
      );

      const second = makeQuestion(server.app.secret, new Date(Date.now() - 60_000), { postId: postA });
      const json = { accept: 'application/json' };
      const refused = await postComment(
        server,
        pathA,
        { token: second.token, answer: '99', body: 'Rettet svar med script' },
        { headers: json },
      );
      const { question } = (await refused.json()) as { question: { token: string; text: string } };
      assert.equal(
        (
          await postComment(
            server,
            pathA,
            { token: question.token, answer: answerOf(question.text), body: 'Rettet svar med script' },
            { headers: json },
          )
        ).status,
        201,
      );
    });

    it('lets a fetched question take over the start of the one it replaces, once, and spends that one', async () => {
      await updateSiteSettings(server.db, { minSecondsToSubmit: 30 });
      const old = makeQuestion(server.app.secret, new Date(Date.now() - 60_000), { postId: postA });
      const ask = async (from: string) =>
        (await (await server.get(`/comments/question?post=${postA}&from=${encodeURIComponent(from)}`)).json()) as {
          token: string;
          text: string;
        };
      const taken = await ask(old.token);
      const again = await ask(old.token);
      assert.equal((await postComment(server, pathA, { token: taken.token, answer: answerOf(taken.text) })).status, 303);
      // The second successor of the same token starts now, so it is too fast; the old one is spent.
      const late = await postComment(server, pathA, { token: again.token, answer: answerOf(again.text) });
      assert.equal(late.status, 422);
      assert.match(await late.text(), /sendt meget hurtigt/);
      assert.match(await (await postComment(server, pathA, { token: old.token, answer: sum(old) })).text(), /allerede brugt/);
      // A token for another post passes nothing on.
      const elsewhere = makeQuestion(server.app.secret, new Date(Date.now() - 60_000), { postId: '01900000-0000-7000-8000-0000000000ff' });
      const stranger = await ask(elsewhere.token);
      assert.equal((await postComment(server, pathA, { token: stranger.token, answer: answerOf(stranger.text) })).status, 422);
    });

    it('gives a bot nothing: a fresh form, or one after a replayed token, is still too fast', async () => {
      await updateSiteSettings(server.db, { minSecondsToSubmit: 30 });
      const fresh = await postComment(server, pathA);
      assert.equal(fresh.status, 422);
      assert.match(await fresh.text(), /sendt meget hurtigt/);
      // An old token spent once: its replay carries no start, so the question after it is fresh.
      const old = makeQuestion(server.app.secret, new Date(Date.now() - 60_000), { postId: postA });
      assert.equal((await postComment(server, pathA, { token: old.token, answer: sum(old) })).status, 303);
      const replay = await postComment(server, pathA, { token: old.token, answer: sum(old) });
      assert.equal(replay.status, 422);
      const html = await replay.text();
      const next = await postComment(server, pathA, { token: tokenIn(html), answer: answerOf(html) });
      assert.equal(next.status, 422);
      assert.match(await next.text(), /sendt meget hurtigt/);
    });
  });
}
