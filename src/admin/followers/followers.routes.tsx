/** /admin/followers: administrators see the followers per topic, search, remove, export (CSV) and import them. */
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox, Static } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canManageFollowers } from '../../accounts/account.js';
import { audit } from '../../accounts/account.service.js';
import { csvLine } from '../../accounts/audit-csv.js';
import { notFound } from '../../errors.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_LINES, parseFollowerImport } from '../../followers/follower-import.js';
import {
  countAllFollowers,
  countFollowers,
  exportFollowers,
  importFollowers,
  describeImportTopic,
  findImportTopic,
  findImportTopics,
  removeFollower,
  searchFollowers,
  type FollowerListItem,
} from '../../followers/follower.service.js';
import { findFollowerById } from '../../followers/follower.repository.js';
import { Form, FormOrNone, PageNumber, pageOf, Query, Text } from '../../http/schemas.js';
import { PICKER_LIMIT } from '../../people/person.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { foldText } from '../../storage/text-match.js';
import {
  FollowersPage,
  RemoveFollowerPage,
  type FollowersNotice,
  type ImportForm,
} from '../../views/pages/admin/followers/followers.page.js';
import { sectionText } from '../admin-i18n.js';
import { actorOf, clip, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';
import { followersMessages } from './followers.messages.js';

const ListQuery = Query({ page: PageNumber, q: Text, done: Text, added: Text, skipped: Text });
// The import form: urlencoded, or multipart when a CSV file is chosen (its parts are read in the route).
const ImportBody = FormOrNone({ topic: Text, rows: Text, op: Text, topic_q: Text });

const CSV_HEADER = ['email', 'status', 'frequency', 'created_at', 'consent_at', 'consent_source', 'follows'];

const csvRow = (f: FollowerListItem) =>
  csvLine([
    f.email,
    f.status,
    f.frequency,
    f.createdAt,
    f.consentAt ?? '',
    f.consentSource,
    f.topics.map((t) => (t.kind === 'site' ? 'site' : `${t.kind}:${t.targetId}`)).join(' '),
  ]);

async function* followersCsv(pages: AsyncIterable<FollowerListItem[]>): AsyncGenerator<string> {
  yield csvLine(CSV_HEADER);
  for await (const page of pages) yield page.map(csvRow).join('');
}

export const adminFollowerRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  /** `?done=…&added=…&skipped=…` after a removal or an import, as the list shows it. */
  const noticeOf = (query: Static<typeof ListQuery>): FollowersNotice => {
    const number = (value: string | undefined) => (value !== undefined && /^\d{1,7}$/.test(value) ? value : '0');
    const done = query.done;
    return done === 'removed' || done === 'imported' ? { done, added: number(query.added), skipped: number(query.skipped) } : undefined;
  };

  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    importForm: ImportForm,
    status = 200,
    page = 1,
    search = '',
    notice: FollowersNotice = undefined,
  ) {
    // The import's target select lists a capped set (and the one chosen); the picker or its search finds the rest.
    const [counts, list, found, chosen] = await Promise.all([
      countFollowers(db),
      searchFollowers(db, search, page),
      findImportTopics(db, importForm.topicQuery ?? '', PICKER_LIMIT),
      describeImportTopic(db, importForm.topic),
    ]);
    const topics =
      chosen && !found.topics.some((t) => t.kind === chosen.kind && t.targetId === chosen.targetId)
        ? [chosen, ...found.topics]
        : found.topics;
    return sendAdminPage(
      deps,
      request,
      reply,
      'followers',
      (_c, chrome) => (
        <FollowersPage
          chrome={chrome}
          counts={counts}
          search={search}
          followers={list.items}
          page={list.page}
          pages={list.pages}
          total={list.total}
          importTopics={topics}
          moreTopics={found.more}
          importForm={importForm}
          notice={notice}
        />
      ),
      status,
    );
  }

  app.get('/admin/followers', { schema: { querystring: ListQuery } }, async (request, reply) => {
    requireThat(canManageFollowers(actorOf(request)));
    const { query } = request;
    const importForm = { topic: 'site', rows: '', problems: [] };
    return showPage(request, reply, importForm, 200, pageOf(query.page), clip(query.q, 200), noticeOf(query));
  });

  // The import target picker's search (admin.js): the site, blogs, authors and topics matching what was typed.
  app.get('/admin/followers/topics.json', { schema: { querystring: Query({ q: Text }) } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageFollowers(actor));
    const q = clip(request.query.q, 120);
    const t = sectionText(followersMessages, (await getSiteSettings(db)).language);
    const { topics } = await findImportTopics(db, q, 10);
    const site = t('followers.import.site');
    return reply.header('cache-control', 'private, no-store').send({
      options: [
        ...(foldText(site).includes(foldText(q.trim())) ? [{ id: 'site', name: site }] : []),
        ...topics.map((o) => ({ id: `${o.kind}:${o.targetId}`, name: `${t(`followers.kind.${o.kind}`)}: ${o.name}` })),
      ],
    });
  });

  app.post('/admin/followers/remove', { schema: { body: Form({ id: Text, confirm: Text }) } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageFollowers(actor));
    const id = clip(request.body.id, 100);
    const follower = id ? await findFollowerById(db, id) : undefined;
    if (!follower) throw notFound('Follower');
    if (request.body.confirm !== '1') {
      return sendAdminPage(deps, request, reply, 'followers', (_c, chrome) => (
        <RemoveFollowerPage chrome={chrome} id={follower.id} email={follower.email} />
      ));
    }
    await removeFollower(db, follower.id);
    // The log names the follower by id only: the address is gone with them.
    await audit(db, actor, 'follower.remove', { type: 'follower', id: follower.id, summary: follower.status });
    return reply.redirect('/admin/followers?done=removed', 303);
  });

  app.get('/admin/followers.csv', async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageFollowers(actor));
    await audit(db, actor, 'follower.export', { type: 'follower', summary: `${await countAllFollowers(db)}` });
    const day = new Date().toISOString().slice(0, 10);
    // Streamed a page of followers at a time: a site with 100,000 of them never has them all in memory.
    return reply
      .code(200)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="followers-${day}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(Readable.from(followersCsv(exportFollowers(db))));
  });

  // Only the import reads multipart bodies (a CSV file chosen in the form); the admin's preHandlers
  // have checked the session and the CSRF token, which rides in the address, before it is read.
  await app.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 6, fieldSize: MAX_IMPORT_BYTES, parts: 7 },
  });

  /** The import's fields from the form as a browser sends it (multipart) or urlencoded; a chosen file replaces the typed lines. */
  async function importFields(
    request: FastifyRequest,
    body: Static<typeof ImportBody>,
  ): Promise<{ topic: string; rows: string; op: string; topicQuery: string } | 'too_large'> {
    if (body) {
      return {
        topic: clip(body.topic, 200),
        rows: clip(body.rows, MAX_IMPORT_BYTES),
        op: clip(body.op, 40),
        topicQuery: clip(body.topic_q, 120),
      };
    }
    let topic = '';
    let typed = '';
    let file = '';
    let op = '';
    let topicQuery = '';
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          if (part.fieldname === 'file') file = data.toString('utf8').replace(/^\ufeff/, '');
        } else if (part.fieldname === 'topic') topic = String(part.value).slice(0, 200);
        else if (part.fieldname === 'rows') typed = String(part.value);
        else if (part.fieldname === 'op') op = String(part.value).slice(0, 40);
        else if (part.fieldname === 'topic_q') topicQuery = String(part.value).slice(0, 120);
      }
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('FST_')) return 'too_large';
      throw error;
    }
    return { topic, rows: file.trim() ? file : typed, op, topicQuery };
  }

  app.post('/admin/followers/import', { schema: { body: ImportBody }, config: { csrfInFirstPart: true } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManageFollowers(actor));
    const fields = await importFields(request, request.body);
    if (fields === 'too_large')
      return showPage(request, reply, { topic: 'site', rows: '', problems: [{ line: 0, problem: 'too_large' }] }, 413);
    const { rows, topic: topicField } = fields;
    // Without script, "search" sends the form back with the matching targets offered and the lines kept.
    if (fields.op === 'find-topics') {
      return showPage(request, reply, { topic: topicField, rows, problems: [], topicQuery: fields.topicQuery });
    }
    const topic = await findImportTopic(db, topicField);
    const form = (problems: ImportForm['problems']): ImportForm => ({ topic: topicField, rows, problems });
    if (!topic) return showPage(request, reply, form([{ line: 0, problem: 'topic' }]), 422);
    if (rows.trim() === '') return showPage(request, reply, form([{ line: 0, problem: 'empty' }]), 422);
    if (rows.split('\n').length > MAX_IMPORT_LINES) return showPage(request, reply, form([{ line: 0, problem: 'too_many' }]), 422);
    const parsed = parseFollowerImport(rows);
    if (parsed.problems.length > 0) return showPage(request, reply, form(parsed.problems), 422);
    if (parsed.rows.length === 0) return showPage(request, reply, form([{ line: 0, problem: 'empty' }]), 422);
    const { added, skipped } = await importFollowers(db, deps.secret, topic, parsed.rows);
    await audit(db, actor, 'follower.import', {
      type: 'follower',
      summary: `${topic.kind}${topic.targetId ? `:${topic.targetId}` : ''} added=${added} skipped=${skipped}`,
    });
    return reply.redirect(`/admin/followers?done=imported&added=${added}&skipped=${skipped}`, 303);
  });
};
