import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../errors.js';
import type { PageDeps } from '../http/page-context.js';
import { Query, Text } from '../http/schemas.js';
import { sendPage } from '../http/page-context.js';
import { ownPageQuery, PAGE_NUMBER } from '../http/page-cache.js';
import { MessagePage } from '../views/pages/site/message.page.js';
import { previewHeaders, sendPostPage } from './post-page.js';
import { getPostPreview, type PublishedPostView } from './post.service.js';
import { openPreviewLink } from './preview-link.service.js';

// The values the post page takes. An address with any other is sent to the post without it before
// the route runs (ownPageQuery), so a stale or mistyped link still shows the post.
const COMMENT_ID = /^[0-9a-f-]{36}$/;
const positiveInt = (value: string | undefined) => (value !== undefined && PAGE_NUMBER.test(value) ? Number(value) : undefined);
const isId = (value: string | undefined): value is string => value !== undefined && COMMENT_ID.test(value);

const PreviewParams = Type.Object({ token: Type.String() });
const PostParams = Type.Object({ blog: Type.String(), slug: Type.String() });
const PostQuery = Query({ 'comments-page': Text, reply: Text });

export const postRoutes: FastifyPluginAsyncTypebox<PageDeps> = async (app, deps) => {
  // A guest expert's preview link. It reads no query, so no parameter makes a page of its own.
  app.get('/preview/:token', { schema: { params: PreviewParams } }, async (request, reply) => {
    const outcome = await openPreviewLink(deps.db, deps.secret, request.params.token);
    previewHeaders(reply);
    if (outcome.kind === 'open') {
      let view: PublishedPostView | undefined;
      try {
        view = await getPostPreview(deps.db, outcome.postId);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      }
      if (view) {
        const { post } = view;
        // Once the post is out, the link leads to it like any other reader's way in.
        if (post.status === 'published') return reply.redirect(`/${post.blog.slug}/${post.slug}`, 303);
        return sendPostPage(deps, request, reply, {
          blogSlug: post.blog.slug,
          slug: post.slug,
          commentsPage: 1,
          preview: { view, expiresAt: outcome.expiresAt },
        });
      }
    }
    const which = outcome.kind === 'open' ? 'unknown' : outcome.kind;
    const status = which === 'unknown' ? 404 : 410;
    return sendPage(
      deps,
      request,
      reply,
      ({ i18n }) => (
        <MessagePage title={i18n.t(`preview.${which}.title`)}>
          <p>{i18n.t(`preview.${which}.text`)}</p>
          <p>
            <a href="/">{i18n.t('preview.home')}</a>
          </p>
        </MessagePage>
      ),
      status,
      { private: true },
    );
  });

  app.get(
    '/:blog/:slug',
    { ...ownPageQuery({ 'comments-page': PAGE_NUMBER, reply: COMMENT_ID }), schema: { params: PostParams, querystring: PostQuery } },
    async (request, reply) => {
      const query = request.query;
      const replyToId = isId(query.reply) ? query.reply : undefined;
      return sendPostPage(deps, request, reply, {
        blogSlug: request.params.blog,
        slug: request.params.slug,
        commentsPage: positiveInt(query['comments-page']) ?? 1,
        ...(replyToId ? { replyToId } : {}),
      });
    },
  );
};
