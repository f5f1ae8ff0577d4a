/** Reviewing a post before it goes out: preview links for guest experts, and the autosave a person may discard. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canWritePosts, type Actor } from '../../accounts/account.js';
import { clip, Form, nonEmpty, Query, Text, TextList, Uuid } from '../../http/schemas.js';
import { applyToPosts, isBulkPostAction, type BulkNotice } from '../../posts/post-bulk.service.js';
import { getPostToEdit } from '../../posts/post-admin.service.js';
import { discardAutosave, type RevisionListRow } from '../../posts/post-revision.service.js';
import {
  createPreviewLink,
  listPreviewLinks,
  PREVIEW_LINK_DAYS,
  previewLinkPath,
  revokePreviewLink,
} from '../../posts/preview-link.service.js';
import { PreviewLinksPage, type PreviewLinksModel } from '../../views/pages/admin/posts/preview-links.page.js';
import { BulkDeletePage } from '../../views/pages/admin/posts/bulk-delete.page.js';
import { actorOf, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A post's address; an id that is not one of ours names no page. */
export const PostParams = Type.Object({ id: Uuid });
const RevisionParams = Type.Object({ id: Uuid, revisionId: Uuid });
const LinkParams = Type.Object({ id: Uuid, linkId: Uuid });
/** What the list's address carries back after a bulk action. */
export const BULK_RESULT_FIELDS = { bulk: Text, done: Text, count: Text, failed: Text };
// The list's form: the posts ticked, and where to go back to (the list with its filters).
const BulkForm = Form({ action: Text, back: Text, ids: TextList, blog: Text, confirm: Text });

/** Where to go back to after a bulk action: the list with its filters and page, never anywhere else. */
export function listBack(value: string): string {
  return /^\/admin\/posts(\?[^\s#]*)?$/.test(value) ? value : '/admin/posts';
}

/** The list's address with the result of a bulk action added (and any earlier result dropped). */
export function withBulkResult(back: string, result: Record<string, string | number>): string {
  const url = new URL(back, 'http://x');
  for (const name of ['bulk', 'done', 'count', 'failed', 'deleted']) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(result)) url.searchParams.set(name, String(value));
  return `${url.pathname}${url.search}`;
}

/** The result of a bulk action, as the list's address carries it back. */
export function bulkNoticeOf(query: Partial<Record<keyof typeof BULK_RESULT_FIELDS, string>>): BulkNotice | undefined {
  const { bulk } = query;
  if (bulk === 'none' || bulk === 'no-blog') return { kind: bulk };
  if (!isBulkPostAction(bulk)) return undefined;
  const n = (value: string | undefined) => (value !== undefined && /^\d{1,4}$/.test(value) ? Number(value) : 0);
  return { kind: 'done', action: bulk, done: n(query.done), count: n(query.count), failed: n(query.failed) };
}

export interface RevisionSidesModel {
  revisionIsNewer: boolean;
  older: { at: Date; author: string | null; current: boolean };
  newer: { at: Date; author: string | null; current: boolean };
}

/** Which side of a revision comparison is older: the revision, or the post as saved now (by whoever saved it last). */
export function revisionSides(
  post: { updatedAt: Date },
  revision: { id: string; createdAt: Date },
  revisions: readonly RevisionListRow[],
): RevisionSidesModel {
  const revisionSide = { at: revision.createdAt, author: revisions.find((r) => r.id === revision.id)?.authorName ?? null, current: false };
  const savedSide = { at: post.updatedAt, author: revisions.find((r) => r.kind !== 'autosave')?.authorName ?? null, current: true };
  const revisionIsNewer = revision.createdAt.getTime() > post.updatedAt.getTime();
  return revisionIsNewer
    ? { revisionIsNewer, older: savedSide, newer: revisionSide }
    : { revisionIsNewer, older: revisionSide, newer: savedSide };
}

function writer(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  requireThat(canWritePosts(actor));
  return actor;
}

export const adminReviewRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;

  const sendLinks = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    postId: string,
    extra: Pick<PreviewLinksModel, 'created' | 'notice'> = {},
    status = 200,
  ) => {
    const post = await getPostToEdit(db, actor, postId);
    const links = await listPreviewLinks(db, actor, post.id);
    const model: PreviewLinksModel = {
      post: { id: post.id, title: post.title, status: post.status },
      links,
      days: PREVIEW_LINK_DAYS,
      ...extra,
    };
    return sendAdminPage(deps, request, reply, 'posts', (_c, chrome) => <PreviewLinksPage chrome={chrome} model={model} />, status);
  };

  const linksQuery = Query({ revoked: Text });
  app.get('/admin/posts/:id/preview-links', { schema: { params: PostParams, querystring: linksQuery } }, async (request, reply) => {
    const actor = writer(request);
    const notice = request.query.revoked === '1' ? { notice: 'revoked' as const } : {};
    return sendLinks(request, reply, actor, request.params.id, notice);
  });

  // The answer shows the new link once; the page is the admin's own (private, no-store), and a
  // reload asks before sending the form again.
  app.post('/admin/posts/:id/preview-links', { schema: { params: PostParams, body: Form({ days: Text }) } }, async (request, reply) => {
    const actor = writer(request);
    const { id } = request.params;
    const days = Number(clip(request.body.days, 3)) || 7;
    const { token } = await createPreviewLink(db, deps.secret, actor, id, days);
    return sendLinks(request, reply, actor, id, { created: `${deps.baseUrl.replace(/\/$/, '')}${previewLinkPath(token)}` }, 201);
  });

  app.post('/admin/posts/:id/preview-links/:linkId/revoke', { schema: { params: LinkParams } }, async (request, reply) => {
    const actor = writer(request);
    const { id, linkId } = request.params;
    await revokePreviewLink(db, actor, id, linkId);
    return reply.redirect(`/admin/posts/${id}/preview-links?revoked=1`, 303);
  });

  // The posts list's form: works without JavaScript; deleting asks once more on a page of its own.
  app.post('/admin/posts/bulk', { schema: { body: BulkForm } }, async (request, reply) => {
    const actor = writer(request);
    const { body } = request;
    const action = clip(body.action, 20);
    const back = listBack(clip(body.back, 1000));
    const ids = nonEmpty(body.ids)
      .filter((id) => ID.test(id))
      .slice(0, 200);
    if (!isBulkPostAction(action) || ids.length === 0) return reply.redirect(withBulkResult(back, { bulk: 'none' }), 303);
    const blog = clip(body.blog, 40);
    if (action === 'move' && !ID.test(blog)) return reply.redirect(withBulkResult(back, { bulk: 'no-blog' }), 303);
    if (action === 'delete' && body.confirm !== '1') {
      const posts: { id: string; title: string }[] = [];
      for (const id of ids) posts.push(await getPostToEdit(db, actor, id));
      return sendAdminPage(deps, request, reply, 'posts', (_c, chrome) => (
        <BulkDeletePage chrome={chrome} posts={posts.map(({ id, title }) => ({ id, title }))} back={back} />
      ));
    }
    const result = await applyToPosts(db, actor, ids, action, action === 'move' ? blog : undefined);
    return reply.redirect(
      withBulkResult(back, { bulk: action, done: result.done, count: result.count, failed: result.failed.length }),
      303,
    );
  });

  app.post('/admin/posts/:id/revisions/:revisionId/discard', { schema: { params: RevisionParams } }, async (request, reply) => {
    const actor = writer(request);
    const post = await getPostToEdit(db, actor, request.params.id);
    await discardAutosave(db, post.id, request.params.revisionId);
    return reply.redirect(`/admin/posts/${post.id}/edit?discarded=1`, 303);
  });
};
