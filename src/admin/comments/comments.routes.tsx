/** /admin/comments: the moderation queue, its actions one by one and in bulk, edits, staff replies and the blocklist. */
import { adminModerationMailRoutes } from './moderation-mail.routes.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
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
import {
  DEFAULT_STATUS,
  isModerationAction,
  isReasonFilter,
  isStatusFilter,
  type ModerationAction,
} from '../../comments/moderation-rules.js';
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
import { actorOf, field, fields, sendAdminPage, type AdminDeps } from '../admin-page.js';

const PER_PAGE = 30;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BLOCKS = { 'block-email': 'email', 'block-domain': 'domain', 'block-ip': 'ip' } as const;

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

const idParam = (request: FastifyRequest<{ Params: { id: string } }>) => {
  if (!ID.test(request.params.id)) throw new AppError('not_found', 'Comment not found');
  return request.params.id;
};

export const adminCommentRoutes: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
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

  app.get<{ Querystring: Record<string, unknown> }>('/admin/comments', async (request, reply) => {
    const actor = actorOf(request);
    const { query } = request;
    const status = isStatusFilter(query.status) ? query.status : DEFAULT_STATUS;
    const postId = typeof query.post === 'string' && ID.test(query.post) ? query.post : undefined;
    const blogId = typeof query.blog === 'string' && ID.test(query.blog) ? query.blog : undefined;
    const search = typeof query.q === 'string' ? query.q.slice(0, 200) : undefined;
    const reason = isReasonFilter(query.reason) ? query.reason : undefined;
    const page = typeof query.page === 'string' && /^[1-9]\d{0,5}$/.test(query.page) ? Number(query.page) : 1;
    const queue = await listModerationQueue(db, actor, { status, postId, blogId, search, reason, page, perPage: PER_PAGE });
    const done =
      typeof query.done === 'string' ? { action: query.done, n: typeof query.n === 'string' ? Number(query.n) || 0 : 0 } : undefined;
    const undo = typeof query.undo === 'string' && ID.test(query.undo) ? await findUndoOffer(db, actor, query.undo) : undefined;
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

  app.post('/admin/comments/bulk', async (request, reply) => {
    const actor = actorOf(request);
    const action = field(request.body, 'action');
    const back = safeBack(field(request.body, 'back', 500));
    if (!isModerationAction(action)) return reply.redirect(back, 303);
    const ids = fields(request.body, 'ids')
      .filter((id) => ID.test(id))
      .slice(0, 500);
    if (ids.length === 0) return reply.redirect(backWith(back, action, 0), 303);
    const result = await moderateComments(db, await envOf(), actor, ids, action);
    if (result.mailQueued) deps.onMailQueued?.();
    return reply.redirect(backWith(back, action, result.changed, result.undoId), 303);
  });

  app.post('/admin/comments/undo', async (request, reply) => {
    const actor = actorOf(request);
    const id = field(request.body, 'undo', 100);
    const back = safeBack(field(request.body, 'back', 500));
    if (!ID.test(id)) throw new AppError('not_found', 'Undo not found');
    const result = await undoModeration(db, await envOf(), actor, id);
    return reply.redirect(backWith(back, 'undo', result.restored), 303);
  });

  app.get<{ Querystring: Record<string, unknown> }>('/admin/comments/blocklist', async (request, reply) => {
    const done = request.query.done === 'added' || request.query.done === 'removed' ? request.query.done : undefined;
    const blog = typeof request.query.blog === 'string' ? request.query.blog.slice(0, 100) : '';
    return sendBlocklist(request, reply, { kind: 'word', value: '', blog }, {}, 200, done);
  });

  app.post('/admin/comments/blocklist', async (request, reply) => {
    const actor = actorOf(request);
    const kind = field(request.body, 'kind');
    const value = field(request.body, 'value', 400);
    const blog = field(request.body, 'blog', 100);
    if (!isBlockKind(kind)) return sendBlocklist(request, reply, { kind: 'word', value, blog }, { kind: 'unknown' }, 422);
    try {
      await addToBlocklist(db, deps.secret, actor, kind, value, new Date(), blog);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      return sendBlocklist(request, reply, { kind, value, blog }, error.details.fields ?? {}, 422);
    }
    return reply.redirect(`/admin/comments/blocklist?done=added${blog ? `&blog=${encodeURIComponent(blog)}` : ''}`, 303);
  });

  app.post('/admin/comments/blocklist/delete', async (request, reply) => {
    const actor = actorOf(request);
    const kind = field(request.body, 'kind');
    if (!isBlockKind(kind)) throw new AppError('invalid', 'Unknown blocklist kind', { fields: { kind: 'unknown' } });
    const blog = field(request.body, 'blog', 100);
    await removeFromBlocklist(db, actor, kind, field(request.body, 'value', 400), new Date(), blog);
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

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/admin/comments/:id/edit', async (request, reply) => {
    const comment = await getCommentForModeration(db, actorOf(request), idParam(request));
    const back = safeBack(typeof request.query.back === 'string' ? request.query.back : '');
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => (
      <CommentEditPage
        chrome={chrome}
        comment={comment}
        values={{ name: comment.authorName, body: comment.body }}
        errors={{}}
        back={back}
      />
    ));
  });

  app.post<{ Params: { id: string } }>('/admin/comments/:id/edit', async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    const values = { name: field(request.body, 'name', 400), body: field(request.body, 'body', 20_000) };
    const back = safeBack(field(request.body, 'back', 500));
    try {
      await editComment(db, actor, id, values);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      const comment = await getCommentForModeration(db, actor, id);
      return sendAdminPage(
        deps,
        request,
        reply,
        'comments',
        (_c, chrome) => (
          <CommentEditPage chrome={chrome} comment={comment} values={values} errors={error.details.fields ?? {}} back={back} />
        ),
        422,
      );
    }
    return reply.redirect(`${backWith(back, 'edit')}#comment-${id}`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/admin/comments/:id/block-ip', async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    const reach = await ipBlockReach(db, actor, id);
    const comment = await getCommentForModeration(db, actor, id);
    const back = safeBack(typeof request.query.back === 'string' ? request.query.back : '');
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => (
      <BlockIpPage chrome={chrome} comment={comment} reach={reach} back={back} />
    ));
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/admin/comments/:id/reply', async (request, reply) => {
    const actor = actorOf(request);
    const comment = await getCommentForModeration(db, actor, idParam(request));
    const badge = await staffBadgeFor(db, actor, comment.post.id);
    const back = safeBack(typeof request.query.back === 'string' ? request.query.back : '');
    return sendAdminPage(deps, request, reply, 'comments', (_c, chrome) => (
      <CommentReplyPage chrome={chrome} comment={comment} body="" errors={{}} back={back} badge={badge} />
    ));
  });

  app.post<{ Params: { id: string } }>('/admin/comments/:id/reply', async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    const body = field(request.body, 'body', 20_000);
    const back = safeBack(field(request.body, 'back', 500));
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

  app.post<{ Params: { id: string; action: string } }>('/admin/comments/:id/:action', async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    const { action } = request.params;
    const back = safeBack(field(request.body, 'back', 500));
    if (action in BLOCKS) {
      const scope = field(request.body, 'scope');
      const blocked = await blockFromComment(
        db,
        await envOf(),
        actor,
        id,
        BLOCKS[action as keyof typeof BLOCKS],
        isBlockScope(scope) ? scope : undefined,
      );
      return reply.redirect(backWith(back, action, undefined, blocked.undoId), 303);
    }
    if (!isModerationAction(action)) throw new AppError('not_found', 'No such action');
    const result = await moderateComments(db, await envOf(), actor, [id], action as ModerationAction);
    if (result.mailQueued) deps.onMailQueued?.();
    return reply.redirect(backWith(back, action, result.changed, result.undoId), 303);
  });
  await app.register(adminModerationMailRoutes, deps);
};
