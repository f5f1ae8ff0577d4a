import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FOLLOWER_EXPORT_PAGE, importFollowers } from '../../followers/follower.service.js';
import { PICKER_LIMIT } from '../../people/person.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const auditActions = async (server: TestServer) =>
  (await server.db.selectFrom('audit_log').select('action').orderBy('at').orderBy('id').execute()).map((r) => r.action);

for (const dialect of DIALECTS) {
  describe(`admin followers (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blogId = '';
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      blogId = (await buildBlog(server.db, { title: 'Naboblog' })).id;
      await importFollowers(server.db, server.app.secret, { kind: 'site', targetId: '' }, [
        { email: 'Soren.Ostergaard@eksempel.dk', consentAt: new Date('2024-01-02T00:00:00Z'), consentSource: '=HYPERLINK("x")' },
        { email: 'bo@eksempel.dk', consentAt: new Date('2024-01-03T00:00:00Z'), consentSource: 'Gammelt nyhedsbrev' },
      ]);
      await importFollowers(server.db, server.app.secret, { kind: 'blog', targetId: blogId }, [
        { email: 'carla@eksempel.dk', consentAt: new Date('2024-01-04T00:00:00Z'), consentSource: 'Blogliste' },
      ]);
    });
    after(async () => {
      await server?.close();
    });

    it('shows counts per topic and the addresses to an administrator, searchable ignoring case', async () => {
      const response = await admin.get('/admin/followers');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('cache-control') ?? '', /private/);
      const html = await response.text();
      assert.match(html, /aria-current="page"[^>]*>Følgere/);
      assert.match(html, /<td>Hele sitet<\/td><td><\/td><td>2<\/td><td>0<\/td>/);
      assert.match(html, /<td>Blog<\/td><td>Naboblog<\/td><td>1<\/td><td>0<\/td>/);
      assert.match(html, /bo@eksempel\.dk/);
      assert.match(html, /3 følgere/);
      const found = await (await admin.get('/admin/followers?q=OSTER')).text();
      assert.match(found, /1 følger\b/);
      assert.doesNotMatch(found, /bo@eksempel\.dk/);
      assert.match(found, /soren\.ostergaard@eksempel\.dk/);
    });

    it('counts the followers of each author and topic apart, confirmed and waiting, under their names', async () => {
      const author = await buildPerson(server.db, { name: 'Tælle Skribent' });
      await buildPost(server.db, { blogId, tags: ['Tælleemne'] });
      const tag = await server.db.selectFrom('tags').select(['id', 'slug']).where('name', '=', 'Tælleemne').executeTakeFirstOrThrow();
      const consent = { consentAt: new Date('2024-02-01T00:00:00Z'), consentSource: 'Tælling' };
      await importFollowers(server.db, server.app.secret, { kind: 'author', targetId: author.id }, [
        { email: 'taelle1@eksempel.dk', ...consent },
        { email: 'taelle2@eksempel.dk', ...consent },
      ]);
      await importFollowers(server.db, server.app.secret, { kind: 'tag', targetId: tag.id }, [
        { email: 'taelle3@eksempel.dk', ...consent },
      ]);
      // A reader who asked on the public form and has not confirmed yet.
      const asked = await server.get('/follow', {
        method: 'POST',
        body: new URLSearchParams({ email: 'venter@eksempel.dk', topic: `tag:${tag.slug}`, from: '/' }),
      });
      assert.equal(asked.status, 200);
      const html = await (await admin.get('/admin/followers')).text();
      assert.match(html, /<td>Skribent<\/td><td>Tælle Skribent<\/td><td>2<\/td><td>0<\/td>/);
      assert.match(html, /<td>Emne<\/td><td>Tælleemne<\/td><td>1<\/td><td>1<\/td>/);
      assert.match(html, /<td>Hele sitet<\/td><td><\/td><td>2<\/td><td>0<\/td>/, 'the site’s count is its own');
      await server.db.deleteFrom('follower_topics').where('target_id', 'in', [author.id, tag.id]).execute();
      await server.db.deleteFrom('followers').where('email', 'like', 'taelle%').execute();
      await server.db.deleteFrom('followers').where('email', '=', 'venter@eksempel.dk').execute();
    });

    it('refuses the page, the export and the changes to other roles', async () => {
      for (const role of ['editor', 'moderator', 'author'] as const) {
        const session = await loginAs(server, role);
        assert.equal((await session.get('/admin/followers')).status, 403, role);
        assert.equal((await session.get('/admin/followers.csv')).status, 403, role);
        assert.doesNotMatch(await (await session.get('/admin')).text(), /href="\/admin\/followers"/, role);
      }
    });

    it('exports CSV as an attachment, never cached, with formula cells neutralised, and logs it', async () => {
      const response = await admin.get('/admin/followers.csv');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="followers-\d{4}-\d{2}-\d{2}\.csv"$/);
      assert.equal(response.headers.get('cache-control'), 'private, no-store');
      const csv = await response.text();
      const lines = csv.trimEnd().split('\r\n');
      assert.equal(lines[0], 'email,status,frequency,created_at,consent_at,consent_source,follows');
      assert.equal(lines.length, 4);
      assert.ok(
        lines.some((l) => l.includes(`"'=HYPERLINK(""x"")"`)),
        csv,
      );
      assert.ok(
        lines.some((l) => l.startsWith('carla@eksempel.dk,confirmed,') && l.endsWith(`blog:${blogId}`)),
        csv,
      );
      assert.ok((await auditActions(server)).includes('follower.export'));
    });

    it('imports addresses with consent, reporting bad lines by number and keeping what was typed', async () => {
      const rows =
        'email,consent_date,source\nny@eksempel.dk,2024-05-01,Gammel side\nikke-en-adresse,2024-05-01,X\nto@eksempel.dk,2024-13-01,X\n';
      const refused = await admin.post('/admin/followers/import', { topic: 'site', rows });
      assert.equal(refused.status, 422);
      const html = await refused.text();
      assert.match(html, /Linje 3: adressen kan ikke bruges/);
      assert.match(html, /Linje 4: datoen for samtykket/);
      assert.match(html, /ikke-en-adresse,2024-05-01,X/);
      assert.equal(
        await server.db.selectFrom('followers').select('id').where('email', '=', 'ny@eksempel.dk').executeTakeFirst(),
        undefined,
      );

      const ok = await admin.post('/admin/followers/import', {
        topic: `blog:${blogId}`,
        rows: 'ny@eksempel.dk,2024-05-01,Gammel side\nbo@eksempel.dk,2024-05-01,Gammel side\n',
      });
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get('location'), '/admin/followers?done=imported&added=1&skipped=1');
      const row = await server.db.selectFrom('followers').selectAll().where('email', '=', 'ny@eksempel.dk').executeTakeFirstOrThrow();
      assert.equal(row.status, 'confirmed');
      assert.equal(row.consent_source, 'Gammel side');
      assert.equal(row.consent_at, '2024-05-01T00:00:00.000Z');
      assert.match(await (await admin.get(ok.headers.get('location')!)).text(), /1 følgere importeret, 1 fulgte allerede/);
      assert.ok((await auditActions(server)).includes('follower.import'));
    });

    it('imports followers of an author or a topic, and refuses an unknown one with the lines kept', async () => {
      const author = await buildPerson(server.db, { name: 'Importeret Skribent' });
      await buildPost(server.db, { blogId, tags: ['Importemne'] });
      const tag = await server.db.selectFrom('tags').select('id').where('name', '=', 'Importemne').executeTakeFirstOrThrow();
      const page = await (await admin.get('/admin/followers')).text();
      assert.match(page, new RegExp(`<option value="author:${author.id}"[^>]*>Skribent: Importeret Skribent</option>`));
      assert.match(page, new RegExp(`<option value="tag:${tag.id}"[^>]*>Emne: Importemne</option>`));
      for (const [topic, email] of [
        [`author:${author.id}`, 'skribentlaeser@eksempel.dk'],
        [`tag:${tag.id}`, 'emnelaeser@eksempel.dk'],
      ] as const) {
        const ok = await admin.post('/admin/followers/import', { topic, rows: `${email},2024-05-01,Gammel side\n` });
        assert.equal(ok.status, 303, topic);
        const follower = await server.db.selectFrom('followers').select('id').where('email', '=', email).executeTakeFirstOrThrow();
        const topics = await server.db.selectFrom('follower_topics').selectAll().where('follower_id', '=', follower.id).execute();
        assert.deepEqual(
          topics.map((t) => `${t.kind}:${t.target_id}`),
          [topic],
        );
        assert.ok(topics[0]!.confirmed_at);
      }
      for (const topic of ['author:ukendt', 'tag:ukendt', 'blog:ukendt', 'post:1']) {
        const refused = await admin.post('/admin/followers/import', { topic, rows: 'ukendt@eksempel.dk,2024-05-01,Gammel side\n' });
        assert.equal(refused.status, 422, topic);
        const html = await refused.text();
        assert.match(html, /Vælg hvad de skal følge/, topic);
        assert.match(html, /ukendt@eksempel\.dk,2024-05-01,Gammel side/, topic);
        assert.match(html, /id="followers-topic"[^>]*aria-invalid="true"/, topic);
      }
      assert.equal(
        await server.db.selectFrom('followers').select('id').where('email', '=', 'ukendt@eksempel.dk').executeTakeFirst(),
        undefined,
      );
    });

    it('offers the import targets through a search: a capped select without script, matches as JSON for the picker', async () => {
      for (let n = 0; n < PICKER_LIMIT + 3; n++) await buildPerson(server.db, { name: `Aage Fyld ${String(n).padStart(2, '0')}` });
      const oesterby = await buildPerson(server.db, { name: 'Zofie Østerby' });
      await buildPost(server.db, { blogId, tags: ['Østersøen'] });
      const tag = await server.db.selectFrom('tags').select('id').where('name', '=', 'Østersøen').executeTakeFirstOrThrow();
      const page = await (await admin.get('/admin/followers')).text();
      const authors = [...page.matchAll(/<option value="author:[^"]+"/g)].length;
      assert.ok(authors <= PICKER_LIMIT, `${authors} authors listed`);
      assert.doesNotMatch(page, new RegExp(`value="author:${oesterby.id}"`), 'the last by name waits for a search');
      assert.match(page, /<select id="followers-topic"[^>]*data-person-picker[^>]*data-picker-source="\/admin\/followers\/topics\.json"/);
      assert.match(page, /<noscript><div class="field people-search"><label for="followers-topic-search">/);

      const json = await admin.get('/admin/followers/topics.json?q=oesterby');
      assert.equal(json.status, 200);
      assert.equal(json.headers.get('cache-control'), 'private, no-store');
      const { options } = (await json.json()) as { options: { id: string; name: string }[] };
      assert.deepEqual(options, [{ id: `author:${oesterby.id}`, name: 'Skribent: Zofie Østerby' }]);
      const ost = ((await (await admin.get('/admin/followers/topics.json?q=%C3%B8sters')).json()) as { options: { id: string }[] }).options;
      assert.deepEqual(
        ost.map((o) => o.id),
        [`tag:${tag.id}`],
      );
      const all = ((await (await admin.get('/admin/followers/topics.json?q=')).json()) as { options: { id: string; name: string }[] })
        .options;
      assert.deepEqual(all[0], { id: 'site', name: 'Hele sitet' });
      assert.ok(all.some((o) => o.id === `blog:${blogId}` && o.name === 'Blog: Naboblog'));
    });

    it('searches the targets without script, keeping the typed lines, and imports to the one found', async () => {
      const oesterby =
        (await server.db.selectFrom('people').select('id').where('name', '=', 'Zofie Østerby').executeTakeFirst())?.id ??
        (await buildPerson(server.db, { name: 'Zofie Østerby' })).id;
      const rows = 'soeg@eksempel.dk,2024-05-01,Søgning\n';
      const searched = await admin.post('/admin/followers/import', { topic: 'site', rows, topic_q: 'østerby', op: 'find-topics' });
      assert.equal(searched.status, 200);
      const html = await searched.text();
      assert.match(html, new RegExp(`<option value="author:${oesterby}"[^>]*>Skribent: Zofie Østerby</option>`));
      assert.match(html, /<textarea[^>]*>soeg@eksempel\.dk,2024-05-01,Søgning/);
      assert.match(html, /value="østerby"/);
      assert.match(html, /Listen viser nu blogs, skribenter og emner med »østerby«/);
      assert.equal(
        await server.db.selectFrom('followers').select('id').where('email', '=', 'soeg@eksempel.dk').executeTakeFirst(),
        undefined,
      );
      // The chosen target stays offered when the form comes back for another reason.
      const refused = await admin.post('/admin/followers/import', { topic: `author:${oesterby}`, rows: 'ikke-en-adresse,2024-05-01,X\n' });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), new RegExp(`<option value="author:${oesterby}" selected>Skribent: Zofie Østerby</option>`));
      const ok = await admin.post('/admin/followers/import', { topic: `author:${oesterby}`, rows });
      assert.equal(ok.status, 303);
    });

    it('imports an uploaded CSV file, and re-shows its text in the form when a line is wrong', async () => {
      const upload = (text: string) => {
        const form = new FormData();
        form.append('topic', 'site');
        form.append('rows', '');
        form.append('file', new Blob([text], { type: 'text/csv' }), 'liste.csv');
        return server.get(`/admin/followers/import?_csrf=${encodeURIComponent(admin.csrf)}`, {
          method: 'POST',
          headers: { cookie: admin.cookie },
          body: form,
        });
      };
      const refused = await upload('\ufeffemail,consent_date,source\nfil@eksempel.dk,2024-05-01,Fil\nfil-forkert,2024-05-01,Fil\n');
      assert.equal(refused.status, 422);
      const html = await refused.text();
      assert.match(html, /Linje 3: adressen kan ikke bruges/);
      assert.match(html, /<textarea[^>]*>email,consent_date,source\nfil@eksempel\.dk,2024-05-01,Fil\nfil-forkert,2024-05-01,Fil/);
      assert.equal(
        await server.db.selectFrom('followers').select('id').where('email', '=', 'fil@eksempel.dk').executeTakeFirst(),
        undefined,
      );
      const ok = await upload('fil@eksempel.dk,2024-05-01,Fil\r\n');
      assert.equal(ok.status, 303);
      const row = await server.db.selectFrom('followers').selectAll().where('email', '=', 'fil@eksempel.dk').executeTakeFirstOrThrow();
      assert.equal(row.consent_source, 'Fil');
    });

    it('removes a follower only after confirmation, and logs it without the address', async () => {
      const { id } = await server.db.selectFrom('followers').select('id').where('email', '=', 'bo@eksempel.dk').executeTakeFirstOrThrow();
      const ask = await admin.post('/admin/followers/remove', { id });
      assert.equal(ask.status, 200);
      assert.match(await ask.text(), /Ja, fjern følgeren/);
      assert.ok(
        await server.db.selectFrom('followers').select('id').where('id', '=', id).executeTakeFirst(),
        'still there after the question',
      );
      const done = await admin.post('/admin/followers/remove', { id, confirm: '1' });
      assert.equal(done.status, 303);
      assert.equal(await server.db.selectFrom('followers').select('id').where('id', '=', id).executeTakeFirst(), undefined);
      const entry = await server.db.selectFrom('audit_log').selectAll().where('action', '=', 'follower.remove').executeTakeFirstOrThrow();
      assert.equal(entry.subject_id, id);
      assert.doesNotMatch(JSON.stringify(entry), /bo@eksempel/);
      assert.equal((await admin.post('/admin/followers/remove', { id, confirm: '1' })).status, 404);
      assert.equal((await admin.post('/admin/followers/remove', { id, confirm: '1' }, { csrf: false })).status, 403);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`admin followers export, many (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    const count = 2 * FOLLOWER_EXPORT_PAGE + 7;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      const at = new Date('2024-01-01T00:00:00Z').getTime();
      const rows = Array.from({ length: count }, (_, i) => {
        const id = `f${String(i).padStart(6, '0')}`;
        return {
          id,
          email: `laeser${i}@eksempel.dk`,
          email_hash: `hash-${id}`,
          status: 'confirmed' as const,
          frequency: 'each' as const,
          created_at: new Date(at + i * 1000).toISOString(),
          confirmed_at: null,
          confirm_sent_at: null,
          stopped_at: null,
          consent_source: `kilde ${i}`,
          consent_at: null,
          digest_sent_at: null,
        };
      });
      for (let i = 0; i < rows.length; i += 200)
        await server.db
          .insertInto('followers')
          .values(rows.slice(i, i + 200))
          .execute();
      const topics = rows.map((r, i) => ({
        follower_id: r.id,
        kind: i % 2 ? ('site' as const) : ('tag' as const),
        target_id: i % 2 ? '' : `tag${i}`,
        created_at: r.created_at,
        confirmed_at: r.created_at,
      }));
      for (let i = 0; i < topics.length; i += 200)
        await server.db
          .insertInto('follower_topics')
          .values(topics.slice(i, i + 200))
          .execute();
    });
    after(async () => {
      await server?.close();
    });

    it('streams the CSV (chunked, no length known beforehand) with every follower once, newest first, with their topics', async () => {
      const response = await admin.get('/admin/followers.csv');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('transfer-encoding'), 'chunked');
      assert.equal(response.headers.get('content-length'), null);
      const lines = (await response.text()).trimEnd().split('\r\n');
      assert.equal(lines[0], 'email,status,frequency,created_at,consent_at,consent_source,follows');
      assert.equal(lines.length, count + 1);
      const expected = Array.from({ length: count }, (_, k) => count - 1 - k).map(
        (i) =>
          `laeser${i}@eksempel.dk,confirmed,each,${new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()},,kilde ${i},${i % 2 ? 'site' : `tag:tag${i}`}`,
      );
      assert.deepEqual(lines.slice(1), expected);
    });
  });
}
