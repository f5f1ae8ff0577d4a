/** Reviewing a post before it goes out: preview links for guest experts, and the autosave a person may discard. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { canWritePosts, type Actor } from '../../accounts/account.js';
import { notFound } from '../../errors.js';
import { getPostToEdit } from '../../posts/post-admin.service.js';
import {
  createPreviewLink,
  listPreviewLinks,
  PREVIEW_LINK_DAYS,
  previewLinkPath,
  revokePreviewLink,
} from '../../posts/preview-link.service.js';
import { PreviewLinksPage, type PreviewLinksModel } from '../../views/pages/admin/posts/preview-links.page.js';
import { actorOf, field, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const idOf = (value: string): string => {
  if (!ID.test(value)) throw notFound('Post');
  return value;
};

function writer(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  requireThat(canWritePosts(actor));
  return actor;
}

export const adminReviewRoutes: FastifyPluginAsync<AdminDeps> = async (app, deps) => {
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

  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/admin/posts/:id/preview-links', async (request, reply) => {
    const actor = writer(request);
    const notice = request.query.revoked === '1' ? { notice: 'revoked' as const } : {};
    return sendLinks(request, reply, actor, idOf(request.params.id), notice);
  });

  // The answer shows the new link once; the page is the admin's own (private, no-store), and a
  // reload asks before sending the form again.
  app.post<{ Params: { id: string } }>('/admin/posts/:id/preview-links', async (request, reply) => {
    const actor = writer(request);
    const id = idOf(request.params.id);
    const days = Number(field(request.body, 'days', 3)) || 7;
    const { token } = await createPreviewLink(db, deps.secret, actor, id, days);
    return sendLinks(request, reply, actor, id, { created: `${deps.baseUrl.replace(/\/$/, '')}${previewLinkPath(token)}` }, 201);
  });

  app.post<{ Params: { id: string; linkId: string } }>('/admin/posts/:id/preview-links/:linkId/revoke', async (request, reply) => {
    const actor = writer(request);
    const id = idOf(request.params.id);
    await revokePreviewLink(db, actor, id, idOf(request.params.linkId));
    return reply.redirect(`/admin/posts/${id}/preview-links?revoked=1`, 303);
  });
};
