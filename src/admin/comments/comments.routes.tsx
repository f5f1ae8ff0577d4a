/** /admin/comments: the moderation queue, its actions one by one and in bulk, edits, staff replies and the blocklist. */
import { adminModerationMailRoutes } from './moderation-mail.routes.js';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canManageBlocklist } from '../../accounts/account.js';
import { listBlogs } from '../../blogs/blog.service.js';
import type { CommentEnv } from '../../comments/comment.service.js';
import {
  addToBlocklist,
  blockFromComment,
  blockScopesFor,
  canManageBlocklistOf,
  isBlockScope,
  ipBlockReach,
  isBlockKind,
  listBlocklist,
  removeFromBlocklist,
  type BlockKind,
} from '../../comments/blocklist.service.js';
import { commentTextVersion } from '../../comments/comment.js';
import { DEFAULT_STATUS, isModerationAction, isReasonFilter, isStatusFilter } from '../../comments/moderation-rules.js';
import {
  editComment,
  getCommentForModeration,
  listModerationQueue,
  moderateComments,
  replyAsStaff,
  staffBadgeFor,
} from '../../comments/moderation.service.js';
import { findUndoOffer, undoModeration } from '../../comments/undo.service.js';
import { AppError } from '../../errors.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { BlockIpPage } from '../../views/pages/admin/comments/block-ip.page.js';
import { BlocklistPage } from '../../views/pages/admin/comments/blocklist.page.js';
import { CommentEditPage, CommentReplyPage } from '../../views/pages/admin/comments/comment-edit.page.js';
import { listUrl, ModerationPage } from '../../views/pages/admin/comments/moderation.page.js';
import { Form, Query, Text, TextList } from '../../http/schemas.js';
import { actorOf, clip, nonEmpty, sendAdminPage, type AdminDeps } from '../admin-page.js';

const PER_PAGE = 30;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BLOCKS = new Map<string, 'email' | 'domain' | 'ip'>([
  ['block-email', 'email'],
  ['block-domain', 'domain'],
  ['block-ip', 'ip'],
]);

/** Only the comment list itself may be a form's way back: no open redirect. */
export function safeBack(back: string): string {
  return /^\/admin\/comments(?:\?[A-Za-z0-9=&%._*+-]*)?$/.test(back) ? back : '/admin/comments';
}

/** The way back with a note of what was done, for the list's status message. */
function backWith(back: string, done: string, n?: number, undoId?: string): string {
  const url = new URL(safeBack(back), 'http://x');
  for (const name of ['done', 'n', 'undo']) url.searchParams.delete(name);
  url.searchParams.set('done', done);
  if (n !== undefined) url.searchParams.set('n', String(n));
  if (undoId) url.searchParams.set('undo', undoId);
  return `${url.pathname}${url.search}`;
}

// A comment's id is a UUID: anything else is not found before a query is made.
const CommentId = Type.String({ pattern: ID.source });
const ById = { params: Type.Object({ id: CommentId }) };
const BackQuery = Query({ back: Text });
// The list's filters by shape: one that makes no sense is left out, as a link's leftovers should be.
const ListQuery = Query({ status: Text, post: Text, blog: Text, q: Text, reason: Text, page: Text, done: Text, n: Text, undo: Text });
const BlocklistForm = Form({ kind: Text, value: Text, blog: Text });

export const adminCommentRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  async function envOf(): Promise<CommentEnv> {
    const settings = await getSiteSettings(db);
    return {
      secret: deps.secret,
      settings,
      site: { baseUrl: deps.baseUrl, title: settings.title, language: settings.language, timeZone: settings.timeZone },
      now: new Date(),
    };
  }

  app.get('/admin/comments', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const { query } = request;
    const status = isStatusFilter(query.status) ? query.status : DEFAULT_STATUS;
    const postId = query.post !== undefined && ID.test(query.post) ? query.post : undefined;
    const blogId = query.blog !== undefined && ID.test(query.blog) ? query.blog : undefined;
    const search = query.q?.slice(0, 200);
    const reason = isReasonFilter(query.reason) ? query.reason : undefined;
    const page = query.page !== undefined && /^[1-9]\d{0,5}$/.test(query.page) ? Number(query.page) : 1;
    const queue = await listModerationQueue(db, actor, { status, postId, blogId, search, reason, page, perPage: PER_PAGE });
    const done = query.done !== undefined ? { action: query.done, n: Number(query.n ?? 0) || 0 } : undefined;
    const undo = query.undo !== undefined && ID.test(query.undo) ? await findUndoOffer(db, actor, query.undo) : undefined;
    const view = {
      queue,
      back: listUrl(status, queue.filters, queue.page),
      canBlock: canManageBlocklist(actor),
      blockScopes: Object.fromEntries(queue.blogs.map((blog) => [blog.id, blockScopesFor(actor, blog.id)])),
      ...(done ? { done } : {}),
      ...(undo ? { undo } : {}),
    };
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => <ModerationPage view={view} chrome={chrome} />);
  });

  const bulkForm = Form({ action: Text, back: Text, ids: TextList });
  app.post('/admin/comments/bulk', { schema: { body: bulkForm } }, async (request, reply) => {
    const actor = actorOf(request);
    const action = clip(request.body.action);
    const back = safeBack(clip(request.body.back, 500));
    if (!isModerationAction(action)) return reply.redirect(back, 303);
    const ids = nonEmpty(request.body.ids)
      .filter((id) => ID.test(id))
      .slice(0, 500);
    if (ids.length === 0) return reply.redirect(backWith(back, action, 0), 303);
    const result = await moderateComments(db, await envOf(), actor, ids, action);
    if (result.mailQueued) deps.onMailQueued?.();
    return reply.redirect(backWith(back, action, result.changed, result.undoId), 303);
  });

  app.post('/admin/comments/undo', { schema: { body: Form({ undo: Text, back: Text }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = clip(request.body.undo, 100);
    const back = safeBack(clip(request.body.back, 500));
    if (!ID.test(id)) throw new AppError('not_found', 'Undo not found');
    const result = await undoModeration(db, await envOf(), actor, id);
    return reply.redirect(backWith(back, 'undo', result.restored), 303);
  });

  app.get('/admin/comments/blocklist', { schema: { querystring: Query({ done: Text, blog: Text }) } }, async (request, reply) => {
    const done = request.query.done === 'added' || request.query.done === 'removed' ? request.query.done : undefined;
    const blog = clip(request.query.blog, 100);
    return sendBlocklist(request, reply, { kind: 'word', value: '', blog }, {}, 200, done);
  });

  app.post('/admin/comments/blocklist', { schema: { body: BlocklistForm } }, async (request, reply) => {
    const actor = actorOf(request);
    const kind = clip(request.body.kind);
    const value = clip(request.body.value, 400);
    const blog = clip(request.body.blog, 100);
    if (!isBlockKind(kind)) return sendBlocklist(request, reply, { kind: 'word', value, blog }, { kind: 'unknown' }, 422);
    try {
      await addToBlocklist(db, deps.secret, actor, kind, value, new Date(), blog);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      return sendBlocklist(request, reply, { kind, value, blog }, error.details.fields ?? {}, 422);
    }
    return reply.redirect(`/admin/comments/blocklist?done=added${blog ? `&blog=${encodeURIComponent(blog)}` : ''}`, 303);
  });

  app.post('/admin/comments/blocklist/delete', { schema: { body: BlocklistForm } }, async (request, reply) => {
    const actor = actorOf(request);
    const kind = clip(request.body.kind);
    if (!isBlockKind(kind)) throw new AppError('invalid', 'Unknown blocklist kind', { fields: { kind: 'unknown' } });
    const blog = clip(request.body.blog, 100);
    await removeFromBlocklist(db, actor, kind, clip(request.body.value, 400), new Date(), blog);
    return reply.redirect(`/admin/comments/blocklist?done=removed${blog ? `&blog=${encodeURIComponent(blog)}` : ''}`, 303);
  });

  async function sendBlocklist(
    request: FastifyRequest,
    reply: FastifyReply,
    values: { kind: BlockKind; value: string; blog: string },
    errors: Record<string, string>,
    status: number,
    done?: 'added' | 'removed',
  ) {
    const actor = actorOf(request);
    const entries = await listBlocklist(db, actor, values.blog);
    const lists = [
      ...(canManageBlocklist(actor) ? [{ blog: '', title: '' }] : []),
      ...(await listBlogs(db)).filter((blog) => canManageBlocklistOf(actor, blog.id)).map((blog) => ({ blog: blog.id, title: blog.title })),
    ];
    const view = { entries, values, errors, lists, ...(done ? { done } : {}) };
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => <BlocklistPage chrome={chrome} view={view} />, status);
  }

  app.get('/admin/comments/:id/edit', { schema: { ...ById, querystring: BackQuery } }, async (request, reply) => {
    const comment = await getCommentForModeration(db, actorOf(request), request.params.id);
    const back = safeBack(clip(request.query.back));
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => (
      <CommentEditPage
        chrome={chrome}
        comment={comment}
        values={{ name: comment.authorName, body: comment.body, version: commentTextVersion(comment) }}
        errors={{}}
        back={back}
      />
    ));
  });

  const editForm = Form({ name: Text, body: Text, back: Text, version: Text });
  app.post('/admin/comments/:id/edit', { schema: { ...ById, body: editForm } }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = request.params;
    const values = { name: clip(request.body.name, 400), body: clip(request.body.body, 20_000), version: clip(request.body.version, 64) };
    const back = safeBack(clip(request.body.back, 500));
    try {
      await editComment(db, actor, id, { ...values, version: values.version || undefined });
    } catch (error) {
      const changed = error instanceof AppError && error.code === 'conflict' && error.details.field === 'version';
      if (!(error instanceof AppError) || (error.code !== 'invalid' && !changed)) throw error;
      const comment = await getCommentForModeration(db, actor, id);
      // Changed by someone else meanwhile: what this moderator typed comes back, now based on that
      // text (shown beside it), so pressing Save again is a choice to save over it.
      const errors = changed ? { version: 'conflict' } : (error.details.fields ?? {});
      const shown = changed ? { ...values, version: commentTextVersion(comment) } : values;
      return sendAdminPage(
        deps,
        request,
        reply,
        'comments',
        (_c, chrome) => <CommentEditPage chrome={chrome} comment={comment} values={shown} errors={errors} back={back} />,
        changed ? 409 : 422,
      );
    }
    return reply.redirect(`${backWith(back, 'edit')}#comment-${id}`, 303);
  });

  app.get('/admin/comments/:id/block-ip', { schema: { ...ById, querystring: BackQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = request.params;
    const reach = await ipBlockReach(db, actor, id);
    const comment = await getCommentForModeration(db, actor, id);
    const back = safeBack(typeof request.query.back === 'string' ? request.query.back : '');
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => (
      <BlockIpPage chrome={chrome} comment={comment} reach={reach} back={back} />
    ));
  });

  app.get('/admin/comments/:id/reply', { schema: { ...ById, querystring: BackQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const comment = await getCommentForModeration(db, actor, request.params.id);
    const badge = await staffBadgeFor(db, actor, comment.post.id);
    const back = safeBack(typeof request.query.back === 'string' ? request.query.back : '');
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => (
      <CommentReplyPage chrome={chrome} comment={comment} body="" errors={{}} back={back} badge={badge} />
    ));
  });

  app.post('/admin/comments/:id/reply', { schema: { ...ById, body: Form({ body: Text, back: Text }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = request.params;
    const body = clip(request.body.body, 20_000);
    const back = safeBack(clip(request.body.back, 500));
    let created: { id: string };
    try {
      created = await replyAsStaff(db, await envOf(), actor, id, body);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      const comment = await getCommentForModeration(db, actor, id);
      const badge = await staffBadgeFor(db, actor, comment.post.id);
      return sendAdminPage(
        deps,
        request,
        reply,
        'comments',
        (_c, chrome) => (
          <CommentReplyPage chrome={chrome} comment={comment} body={body} errors={error.details.fields ?? {}} back={back} badge={badge} />
        ),
        422,
      );
    }
    deps.onMailQueued?.();
    return reply.redirect(`${backWith(back, 'reply')}#comment-${created.id}`, 303);
  });

  const actionSchema = { params: Type.Object({ id: CommentId, action: Type.String() }), body: Form({ back: Text, scope: Text }) };
  app.post('/admin/comments/:id/:action', { schema: actionSchema }, async (request, reply) => {
    const actor = actorOf(request);
    const { id, action } = request.params;
    const back = safeBack(clip(request.body.back, 500));
    const blockKind = BLOCKS.get(action);
    if (blockKind) {
      const scope = clip(request.body.scope);
      const blocked = await blockFromComment(db, await envOf(), actor, id, blockKind, isBlockScope(scope) ? scope : undefined);
      return reply.redirect(backWith(back, action, undefined, blocked.undoId), 303);
    }
    if (!isModerationAction(action)) throw new AppError('not_found', 'No such action');
    const result = await moderateComments(db, await envOf(), actor, [id], action);
    if (result.mailQueued) deps.onMailQueued?.();
    return reply.redirect(backWith(back, action, result.changed, result.undoId), 303);
  });
  await app.register(adminModerationMailRoutes, deps);
};
